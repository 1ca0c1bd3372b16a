import type { IDataObject } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { clientIdProperty } from '../../shared/finpass/parameters';
import { asObject } from '../../shared/json';
import type { RunContext } from '../../shared/framework/operation';
import type { ApiResult } from '../../shared/transport';
import { waitForJob, type JobCheck } from '../../shared/wait/jobStates';
import { timedOutItem, type WaitSettings } from '../../shared/wait/wait';

export const resultClientIdProperty = clientIdProperty('bsa_6989cbcf_a136a4017', 'The client_id returned by Upload Statement');

/** The analyzer's result doubles as its status: status, progress, error_message, account_info, … */
export function bsaCheck(result: ApiResult): JobCheck {
	const data = asObject(result.data);
	const progress = data.progress;
	const detail =
		typeof progress === 'number' ? `${progress}%` : typeof progress === 'string' && progress !== '' ? progress : undefined;
	const said = data.error_message ?? data.error ?? data.message;
	return {
		// A 202 without a status means "still working" (the transport lets 202 through).
		state: data.status ?? (result.statusCode === 202 ? 'processing' : undefined),
		detail,
		failureMessage: typeof said === 'string' && said !== '' ? said : result.message,
		value: data,
		result,
	};
}

/** One look at the result (through the one call path: a GET sends client_id in the query). */
export async function checkResult(ctx: RunContext, i: number, clientId: string): Promise<JobCheck> {
	return bsaCheck(await ctx.call(FINPASS.bsaResult, { body: { client_id: clientId } }, i));
}

/**
 * Waits on the analysis (the shared wait) and returns its result, or, when the wait timed out and
 * On Timeout says Return Job State, the last answer marked as timed out. `ids` go first on the item.
 */
export async function resultWhenComplete(
	ctx: RunContext,
	i: number,
	clientId: string,
	ids: IDataObject,
	wait: WaitSettings,
	options: { resumeHint: string; initialState?: unknown },
): Promise<IDataObject> {
	const outcome = await waitForJob(ctx.waitHost, i, {
		product: 'bsa',
		wait,
		label: `Statement analysis ${clientId}`,
		resumeHint: options.resumeHint,
		initialState: options.initialState,
		check: async () => checkResult(ctx, i, clientId),
	});
	if (outcome.done) return { ...ids, ...outcome.value };
	return timedOutItem({ ...ids, ...(outcome.last ?? {}) }, outcome);
}

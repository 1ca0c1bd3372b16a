import type { IDataObject } from 'n8n-workflow';

import type { RunContext } from '../../shared/framework/operation';
import type { ApiResult, Endpoint } from '../../shared/transport';
import { timedOutItem, waitUntil, type WaitSettings } from '../../shared/wait/wait';
import { reportState } from './consentErrors';

/**
 * Fetch JSON / PDF Report: sends the report request and, with Wait for Completion, waits through
 * 202 / "consent pending" answers (the shared wait). Consent rejected, revoked or expired end the
 * wait at once; without waiting, a report that is not ready fails with a hint. Returns the answer,
 * or the item to output when the wait timed out and On Timeout says Return Job State.
 */
export async function fetchWhenReady(
	ctx: RunContext,
	i: number,
	endpoint: Endpoint,
	body: IDataObject,
	wait: WaitSettings,
	operation: string,
): Promise<{ result: ApiResult } | { timedOut: IDataObject }> {
	const clientId = String(body.client_id);
	const outcome = await waitUntil<ApiResult>(ctx, i, {
		wait,
		label: `The report for client ${clientId}`,
		resumeHint: `${operation} with Client ID ${clientId}`,
		check: async () => {
			const result = await ctx.call(endpoint, { body, expectStatuses: [422] }, i);
			const state = reportState(result);
			if (state.kind === 'ready') return { done: true, value: result };
			if (state.kind === 'final') throw ctx.transport.fail(result, i, state.hint);
			if (!wait.enabled) {
				throw ctx.transport.fail(
					result,
					i,
					`The report is not ready yet (${state.state}). Turn on "Wait for Completion" to wait for it.`,
				);
			}
			return { done: false, state: state.state };
		},
	});
	if (outcome.done) return { result: outcome.value };
	return { timedOut: timedOutItem(body, outcome) };
}

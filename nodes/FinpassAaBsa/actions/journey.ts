import type { IDataObject } from 'n8n-workflow';

import { clientIdProperty as sharedClientId } from '../../shared/descriptions';
import { waitForJob, type JobCheck, type JobWait } from '../../shared/jobStates';
import { asObject, type RunContext } from '../../shared/router';
import type { ApiRequest, ApiResult } from '../../shared/transport';

// Public pages (API README): init is POST, the three reads are GET ?client_id=.

export const INIT_PATH = '/api/v1/aa-bsa-journey/init';
export const STATUS_PATH = '/api/v1/aa-bsa-journey/status';
export const STATEMENT_PATH = '/api/v1/aa-bsa-journey/statement-result';
export const ANALYSIS_PATH = '/api/v1/aa-bsa-journey/analysis-json';

export const clientIdProperty = sharedClientId(
	'aa_bsa_6989cbcf_a136a4017',
	'The client_id returned by Start Journey',
);

export function readRequest(path: string, clientId: string): ApiRequest {
	return { method: 'GET', path, qs: { client_id: clientId }, idempotent: true };
}

export function journeyCheck(result: ApiResult): JobCheck<IDataObject> {
	const data = asObject(result.data);
	const said = data.error_message ?? data.error ?? data.message ?? data.reason;
	return {
		state: data.status,
		failureMessage: typeof said === 'string' && said !== '' ? said : result.message,
		value: data,
		result,
	};
}

/** Status for a poll: straight through the transport, so the operation's Advanced path is not applied to it. */
export async function checkJourney(ctx: RunContext, i: number, clientId: string): Promise<JobCheck<IDataObject>> {
	return journeyCheck(await ctx.transport.request(readRequest(STATUS_PATH, clientId), i));
}

/**
 * Get Statement Result / Get Analysis: with Wait for Completion, first wait on the journey status
 * (until analysis_complete), then read. Returns the read's data, or the item to output when the
 * wait timed out and On Timeout says Return Job State.
 */
export async function readWhenComplete(
	ctx: RunContext,
	i: number,
	clientId: string,
	path: string,
	wait: JobWait,
	resumeHint: string,
): Promise<{ data: IDataObject } | { timedOut: IDataObject }> {
	if (wait.enabled) {
		const outcome = await waitForJob(ctx, i, {
			product: 'aaBsa',
			wait,
			label: `AA-BSA journey ${clientId}`,
			resumeHint,
			check: async () => checkJourney(ctx, i, clientId),
		});
		if (!outcome.done) {
			return {
				timedOut: { client_id: clientId, status: outcome.state, wait_timed_out: true, waited_seconds: outcome.waitedSeconds },
			};
		}
	}
	// Through ctx.call: this operation's Advanced path and extra fields apply to the read itself.
	const result = await ctx.call(readRequest(path, clientId), i);
	return { data: asObject(result.data) };
}

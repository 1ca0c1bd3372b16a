import type { IDataObject } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { clientIdProperty } from '../../shared/finpass/parameters';
import { asObject } from '../../shared/json';
import type { RunContext } from '../../shared/framework/operation';
import type { Endpoint } from '../../shared/transport';
import { statusCheck, waitForJob, type JobCheck } from '../../shared/wait/jobStates';
import { timedOutItem, type WaitSettings } from '../../shared/wait/wait';

export const journeyClientIdProperty = clientIdProperty('aa_bsa_6989cbcf_a136a4017', 'The client_id returned by Start Journey');

/** One look at the journey's status (through the one call path). */
export async function checkJourney(ctx: RunContext, i: number, clientId: string): Promise<JobCheck> {
	return statusCheck(await ctx.call(FINPASS.aaBsaStatus, { body: { client_id: clientId } }, i));
}

/** Waits on the journey status until analysis_complete (the shared wait). */
export async function waitForJourney(
	ctx: RunContext,
	i: number,
	clientId: string,
	wait: WaitSettings,
	resumeHint: string,
	initialState?: unknown,
) {
	return await waitForJob(ctx.waitHost, i, {
		product: 'aaBsa',
		wait,
		label: `AA-BSA journey ${clientId}`,
		resumeHint,
		initialState,
		check: async () => checkJourney(ctx, i, clientId),
	});
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
	endpoint: Endpoint,
	wait: WaitSettings,
	resumeHint: string,
): Promise<{ data: IDataObject } | { timedOut: IDataObject }> {
	if (wait.enabled) {
		const outcome = await waitForJourney(ctx, i, clientId, wait, resumeHint);
		if (!outcome.done) return { timedOut: timedOutItem({ client_id: clientId }, outcome) };
	}
	const result = await ctx.call(endpoint, { body: { client_id: clientId } }, i);
	return { data: asObject(result.data) };
}

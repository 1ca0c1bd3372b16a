import type { INodeProperties } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import type { RunContext } from '../../shared/framework/operation';
import { statusCheck, waitForJob } from '../../shared/wait/jobStates';
import type { WaitSettings } from '../../shared/wait/wait';

export const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. itr_6989cbcf',
	description: 'The job_id returned by Start Analysis',
};

/**
 * Waits on the job's status (`initiated | processing | completed | failed`) through the one call
 * path: Get Full Data's Advanced → HTTP Method applies to these checks too (the same unsure choice).
 */
export async function waitForItrJob(ctx: RunContext, i: number, jobId: string, wait: WaitSettings, resumeHint: string, initialState?: unknown) {
	return await waitForJob(ctx.waitHost, i, {
		product: 'itr',
		wait,
		label: `ITR analysis job ${jobId}`,
		resumeHint,
		initialState,
		check: async () => statusCheck(await ctx.call(FINPASS.itrStatus, { body: { job_id: jobId } }, i)),
	});
}

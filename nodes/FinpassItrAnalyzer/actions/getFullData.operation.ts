import type { IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { jobWaitProperties, readJobWait, waitForJob, type JobWait } from '../../shared/jobStates';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { DATA_PATH, DEFAULT_METHOD, checkItrStatus, jobIdProperty, jobRequest } from './itrJob';

const properties: INodeProperties[] = [jobIdProperty, ...jobWaitProperties];

interface DataInput {
	jobId: string;
	wait: JobWait;
	/** Advanced → HTTP Method, used for the status checks as well (the same unsure choice). */
	method: IHttpRequestMethods;
}

export const getFullData = defineOperation<DataInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getFullData'] } }, properties),
		advancedProperty('getFullData', DATA_PATH, true),
	],
	prepare(fn, i) {
		const advanced = fn.getNodeParameter('advanced', i, {}) as { method?: IHttpRequestMethods };
		return {
			jobId: requireText(fn.getNode(), fn.getNodeParameter('jobId', i), i, 'Job ID'),
			wait: readJobWait(fn, i),
			method: advanced.method ?? DEFAULT_METHOD,
		};
	},
	async run(ctx, i, { jobId, wait, method }) {
		if (wait.enabled) {
			const outcome = await waitForJob(ctx, i, {
				product: 'itr',
				wait,
				label: `ITR analysis job ${jobId}`,
				resumeHint: `Get Full Data with Job ID ${jobId}`,
				check: async () => checkItrStatus(ctx, i, jobId, method),
			});
			if (!outcome.done) {
				return jsonItems({
					job_id: jobId,
					status: outcome.state,
					wait_timed_out: true,
					waited_seconds: outcome.waitedSeconds,
				});
			}
		}
		const result = await ctx.call(jobRequest(DEFAULT_METHOD, DATA_PATH, jobId), i);
		return jsonItems({ job_id: jobId, ...asObject(result.data) });
	},
});

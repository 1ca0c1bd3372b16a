import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { readWait, timedOutItem, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { jobIdProperty, waitForItrJob } from './itrJob';

interface DataInput {
	jobId: string;
	wait: WaitSettings;
}

export const getFullData = defineOperation({
	value: 'getFullData',
	name: 'Get Full Data',
	action: 'Get full data of completed ITR analysis',
	description: 'Everything the analysis extracted from the returns, once the job has completed',
	endpoint: FINPASS.itrData,
	properties: [jobIdProperty, ...waitProperties],
	prepare: (fn, i): DataInput => ({
		jobId: requireText(fn.getNode(), fn.getNodeParameter('jobId', i), i, 'Job ID'),
		wait: readWait(fn, i),
	}),
	async run(ctx, i, { jobId, wait }) {
		if (wait.enabled) {
			const outcome = await waitForItrJob(ctx, i, jobId, wait, `Get Full Data with Job ID ${jobId}`);
			if (!outcome.done) return jsonItems(timedOutItem({ job_id: jobId }, outcome));
		}
		const result = await ctx.call(FINPASS.itrData, { body: { job_id: jobId } }, i);
		return jsonItems({ job_id: jobId, ...asObject(result.data) });
	},
});

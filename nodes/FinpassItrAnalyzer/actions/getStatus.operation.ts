import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { jobIdProperty } from './itrJob';

export const getStatus = defineOperation({
	value: 'getStatus',
	name: 'Get Analysis Status',
	action: 'Get ITR analysis status',
	description: 'One of initiated, processing, completed or failed',
	endpoint: FINPASS.itrStatus,
	properties: [jobIdProperty],
	prepare: (fn, i): string => requireText(fn.getNode(), fn.getNodeParameter('jobId', i), i, 'Job ID'),
	async run(ctx, i, jobId) {
		// The status is returned whatever it is (a failed job too): branch on `status` downstream.
		const result = await ctx.call(FINPASS.itrStatus, { body: { job_id: jobId } }, i);
		return jsonItems({ job_id: jobId, ...asObject(result.data) });
	},
});

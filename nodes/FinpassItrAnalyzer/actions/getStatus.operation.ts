import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { DEFAULT_METHOD, STATUS_PATH, jobIdProperty, jobRequest } from './itrJob';

const properties: INodeProperties[] = [jobIdProperty];

export const getStatus = defineOperation<string>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getStatus'] } }, properties),
		advancedProperty('getStatus', STATUS_PATH, true),
	],
	prepare: (fn, i) => requireText(fn.getNode(), fn.getNodeParameter('jobId', i), i, 'Job ID'),
	async run(ctx, i, jobId) {
		// The status is returned whatever it is (a failed job too): branch on `status` downstream.
		const result = await ctx.call(jobRequest(DEFAULT_METHOD, STATUS_PATH, jobId), i);
		return jsonItems({ job_id: jobId, ...asObject(result.data) });
	},
});

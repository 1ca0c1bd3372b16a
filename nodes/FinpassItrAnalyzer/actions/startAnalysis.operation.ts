import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { jobWaitProperties, readJobWait, waitForJob, type JobWait } from '../../shared/jobStates';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireId } from '../../shared/validators';
import { ANALYZE_PATH, DATA_PATH, DEFAULT_METHOD, checkItrStatus, jobRequest } from './itrJob';
import { redactError, redactValue } from '../../shared/redact';

const properties: INodeProperties[] = [
	{
		displayName: 'PAN',
		name: 'pan',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ABCDE1234F',
		description:
			"The taxpayer's PAN, which is their username on the income-tax portal: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)",
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			"The taxpayer's income-tax portal password. It is sent to Finpass only and never appears in this node's output or error messages. Prefer an expression reading it from the incoming item, so it is not stored in the workflow.",
	},
	...jobWaitProperties,
];

interface StartInput {
	pan: string;
	password: string;
	wait: JobWait;
}

export const startAnalysis = defineOperation<StartInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['startAnalysis'] } }, properties),
		advancedProperty('startAnalysis', ANALYZE_PATH),
	],
	prepare(fn, i) {
		const node = fn.getNode();
		const pan = requireId(node, 'pan', fn.getNodeParameter('pan', i), i, 'PAN');
		const password = fn.getNodeParameter('password', i, '');
		// The value is never quoted in this message, whatever it holds.
		if (typeof password !== 'string' || password === '') {
			throw new NodeOperationError(node, 'Password is empty: it is required', {
				itemIndex: i,
				description: 'Nothing was sent to the API for this item.',
			});
		}
		return { pan, password, wait: readJobWait(fn, i) };
	},
	async run(ctx, i, input) {
		try {
			const result = await ctx.call(
				{
					method: 'POST',
					path: ANALYZE_PATH,
					body: { username: input.pan, password: input.password },
					idempotent: false,
				},
				i,
			);
			const data = asObject(result.data);
			const jobId = typeof data.job_id === 'string' || typeof data.job_id === 'number' ? String(data.job_id) : '';
			if (!jobId) throw ctx.transport.fail(result, i, 'Finpass accepted the request but returned no job_id.');
			const started: IDataObject = { ...data, job_id: jobId, pan: input.pan };
			if (!input.wait.enabled) return redactValue(jsonItems(started), input.password);

			const outcome = await waitForJob(ctx, i, {
				product: 'itr',
				wait: input.wait,
				label: `ITR analysis job ${jobId}`,
				resumeHint: `Get Status or Get Full Data (Wait for Completion) with Job ID ${jobId}`,
				initialState: data.status ?? 'initiated',
				check: async () => checkItrStatus(ctx, i, jobId, DEFAULT_METHOD),
			});
			if (!outcome.done) {
				const json = {
					job_id: jobId,
					pan: input.pan,
					status: outcome.state,
					wait_timed_out: true,
					waited_seconds: outcome.waitedSeconds,
				};
				return redactValue(jsonItems(json), input.password);
			}
			const full = await ctx.transport.request(jobRequest(DEFAULT_METHOD, DATA_PATH, jobId), i);
			const json = { job_id: jobId, pan: input.pan, status: 'completed', ...asObject(full.data) };
			return redactValue(jsonItems(json), input.password);
		} catch (error) {
			throw redactError(ctx.fn.getNode(), error, input.password);
		}
	},
});

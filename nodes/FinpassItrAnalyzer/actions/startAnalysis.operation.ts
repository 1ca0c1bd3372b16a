import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { panProperty } from '../../shared/finpass/parameters';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { redactError, redactValue } from '../../shared/transport/redact';
import { requireId } from '../../shared/validation/validators';
import { readWait, timedOutItem, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { waitForItrJob } from './itrJob';

const properties: INodeProperties[] = [
	panProperty(
		"The taxpayer's PAN, which is their username on the income-tax portal: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)",
		{ required: true },
	),
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
	...waitProperties,
];

interface StartInput {
	pan: string;
	password: string;
	wait: WaitSettings;
}

export const startAnalysis = defineOperation({
	value: 'startAnalysis',
	name: 'Start Analysis',
	action: 'Start ITR analysis with PAN and portal password',
	description: 'Returns the job_id; with Wait for Completion, waits for the analysis and returns its full data',
	endpoint: FINPASS.itrAnalyze,
	properties,
	prepare(fn, i): StartInput {
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
		return { pan, password, wait: readWait(fn, i) };
	},
	async run(ctx, i, input) {
		try {
			const body = { username: input.pan, password: input.password };
			const result = await ctx.call(FINPASS.itrAnalyze, { body }, i);
			const data = asObject(result.data);
			const jobId = typeof data.job_id === 'string' || typeof data.job_id === 'number' ? String(data.job_id) : '';
			if (!jobId) throw ctx.transport.apiError(result, i, 'Finpass accepted the request but returned no job_id.');
			if (!input.wait.enabled) return redactValue(jsonItems({ ...data, job_id: jobId, pan: input.pan }), input.password);

			const hint = `Get Analysis Status or Get Full Data (Wait for Completion) with Job ID ${jobId}`;
			const outcome = await waitForItrJob(ctx, i, jobId, input.wait, hint, data.status ?? 'initiated');
			const ids = { job_id: jobId, pan: input.pan };
			if (!outcome.done) return redactValue(jsonItems(timedOutItem(ids, outcome)), input.password);
			const full = await ctx.call(FINPASS.itrData, { body: { job_id: jobId } }, i);
			return redactValue(jsonItems({ ...ids, status: 'completed', ...asObject(full.data) }), input.password);
		} catch (error) {
			throw redactError(ctx.fn.getNode(), error, input.password);
		}
	},
});

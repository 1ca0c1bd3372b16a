import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { consentFields } from '../../shared/finpass/parameters';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireNumber } from '../../shared/validation/numbers';
import { TOKEN_PARAM, consentToken, waitingItem } from './consentCallback';
import { additionalConsentFields, readConsentInput, type ConsentInput } from './parameters';

/**
 * "Initialize consent and wait": n8n's send-and-wait pattern. The consent's webhook_url is this
 * execution's resume URL (with our token, see consentCallback.ts); the execution is saved as
 * waiting until Finpass calls it or the deadline passes.
 */
interface WaitInput extends ConsentInput {
	maxWaitHours: number;
}

/** Limit Wait Time: a finite number of hours (a year at most), checked before the consent is started. */
function readMaxWaitHours(fn: IExecuteFunctions, i: number): number {
	return requireNumber(fn.getNode(), fn.getNodeParameter('maxWaitHours', i, 24), { min: 0.001, max: 8760 }, i, 'Limit Wait Time (Hours)');
}

export const initConsentAndWait = defineOperation({
	value: 'initConsentAndWait',
	name: 'Initialize Consent and Wait',
	action: "Initialize consent and wait for borrower's decision",
	description:
		'Pause this workflow until Finpass reports the consent decision; continues with client_id and the consent status read back from the API',
	endpoint: FINPASS.aaInit,
	properties: [
		...consentFields,
		additionalConsentFields(false),
		{
			displayName: 'Limit Wait Time (Hours)',
			name: 'maxWaitHours',
			type: 'number',
			typeOptions: { minValue: 0.001 },
			default: 24,
			description:
				'If the borrower has not answered by then, the workflow goes on with consent_status "WAIT_TIMEOUT" and the client_id, so a later step can fetch or start again',
		},
		{
			displayName:
				'The workflow pauses here until the borrower answers. n8n must be reachable from Finpass at its webhook URL (WEBHOOK_URL), because Finpass calls this execution back.',
			name: 'waitNotice',
			type: 'notice',
			default: '',
		},
	],
	prepare(fn, i): WaitInput {
		if (fn.getInputData().length > 1) {
			throw new NodeOperationError(
				fn.getNode(),
				'Initialize Consent and Wait handles one borrower per execution, but this node received several items',
				{ itemIndex: i, description: 'For batches, use Initialize Consent with a Finpass Trigger workflow instead.' },
			);
		}
		const input = readConsentInput(fn, i, { webhookUrl: '' });
		return { ...input, maxWaitHours: readMaxWaitHours(fn, i) };
	},
	async run(ctx, i, input) {
		const fn = ctx.fn;
		const credentials = await fn.getCredentials('finpassApi');
		const resumeUrl = String(fn.evaluateExpression('{{ $execution.resumeUrl }}', i));
		const token = consentToken(String(credentials.apiSecret), fn.getExecutionId());
		const webhookUrl = `${resumeUrl}${resumeUrl.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${token}`;
		const result = await ctx.call(FINPASS.aaInit, { body: { ...input.body, webhook_url: webhookUrl } }, i);
		const data = asObject(result.data);
		// On the deadline n8n resumes without running this node again and passes on what it
		// holds as this node's input (the waiting execution's stack entry): that entry gets a new
		// item with the client_id, the consent type and a timeout marker, so the timeout outcome
		// says which consent timed out and the callback knows which consent it may resume. The
		// input item itself (shared with the previous node's output) is not touched.
		const executeData = fn.getExecuteData();
		const item = fn.getInputData()[i];
		executeData.data = {
			...executeData.data,
			main: [[{ json: waitingItem(item.json, data, input.consentType), pairedItem: { item: i } }]],
		};
		return [{ json: { ...data, consent_type: input.consentType } }];
	},
	async afterRun(fn, i) {
		const hours = readMaxWaitHours(fn, i);
		await fn.putExecutionToWait(new Date(Date.now() + hours * 3_600_000));
	},
});

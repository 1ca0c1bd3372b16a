import { createHmac, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation } from '../../shared/router';
import { RequestLimiter, Transport, finpass } from '../../shared/transport';
import { reportState } from './consentErrors';
import { FETCH_JSON_PATH } from './fetchJsonReport.operation';
import { INIT_PATH, consentFields, readConsentInput } from './initConsent.operation';

/**
 * "Initialize consent and wait": n8n's send-and-wait pattern. The consent's webhook_url is this
 * execution's resume URL; the execution is saved as waiting (no worker held, survives restarts,
 * works in queue mode) until Finpass calls it or the deadline passes.
 *
 * Two checks guard the resume URL: n8n's own per-execution `signature`, and our `fp_token`, an
 * HMAC of the execution id under the credential's API secret (nothing stored; recomputed on
 * arrival). The callback body is not trusted: only its client_id is used, to read the consent
 * state back from the API with our own keys.
 */
export const TOKEN_PARAM = 'fp_token';

/** Declared as a named const: the webhook-lifecycle lint rule misreads inline arrays. */
export const consentWaitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '',
		restartWebhook: true,
		isFullPath: true,
	},
];

const properties: INodeProperties[] = [
	...consentFields,
	{
		displayName: 'Additional Fields',
		name: 'waitAdditionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'PAN', name: 'pan', type: 'string', default: '', placeholder: 'ABCDE1234F', description: "Borrower's PAN: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)" },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "Borrower's email for notifications" },
			{ displayName: 'Redirect URL', name: 'redirectUrl', type: 'string', default: '', description: 'Where the borrower lands after the consent journey' },
		],
	},
	{
		displayName: 'Limit Wait Time (Hours)',
		name: 'maxWaitHours',
		type: 'number',
		typeOptions: { minValue: 0.01 },
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
];

export function consentToken(apiSecret: string, executionId: string): string {
	return createHmac('sha256', apiSecret).update(`finpass-consent-wait:${executionId}`).digest('base64url').slice(0, 43);
}

interface WaitInput {
	body: IDataObject;
	consentType: string;
	maxWaitHours: number;
}

export const initConsentAndWait = defineOperation<WaitInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['initConsentAndWait'] } }, properties),
		advancedProperty('initConsentAndWait', INIT_PATH),
	],
	prepare(fn, i) {
		if (fn.getInputData().length > 1) {
			throw new NodeOperationError(
				fn.getNode(),
				'Initialize Consent and Wait handles one borrower per execution, but this node received several items',
				{ itemIndex: i, description: 'For batches, use Initialize Consent with a Finpass Trigger workflow instead.' },
			);
		}
		const fields = fn.getNodeParameter('waitAdditionalFields', i, {}) as IDataObject;
		const input = readConsentInput(fn, i, { webhookUrl: '', fields });
		return { ...input, maxWaitHours: fn.getNodeParameter('maxWaitHours', i, 24) as number };
	},
	async run(ctx, i, input) {
		const fn = ctx.fn;
		const credentials = await fn.getCredentials('finpassApi');
		const resumeUrl = String(fn.evaluateExpression('{{ $execution.resumeUrl }}', i));
		const token = consentToken(String(credentials.apiSecret), fn.getExecutionId());
		const webhookUrl = `${resumeUrl}${resumeUrl.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${token}`;
		const result = await ctx.call(
			{ method: 'POST', path: INIT_PATH, body: { ...input.body, webhook_url: webhookUrl }, idempotent: false },
			i,
		);
		const data = asObject(result.data);
		// On the deadline n8n resumes without running this node again and passes its input on:
		// the input item is given the client_id and a timeout marker now, so that outcome still
		// says which consent timed out. A real callback replaces it with the state read from the API.
		const item = fn.getInputData()[i];
		Object.assign(item.json, {
			client_id: data.client_id,
			redirect_url: data.redirect_url,
			consent_status: 'WAIT_TIMEOUT',
		});
		return [{ json: { ...data, consent_type: input.consentType } }];
	},
	async afterRun(fn, i) {
		const hours = fn.getNodeParameter('maxWaitHours', i, 24) as number;
		await fn.putExecutionToWait(new Date(Date.now() + hours * 3_600_000));
	},
});

/** Consent state as the API reports it, from Fetch JSON Report's answer. */
function consentStateFrom(result: Parameters<typeof reportState>[0]): { consent: string; data: string } {
	if (result.statusCode === 200) return { consent: 'ACTIVE', data: 'READY' };
	if (result.statusCode === 202) return { consent: 'ACTIVE', data: 'FETCHING' };
	const said = `${result.code ?? ''} ${result.message ?? ''}`;
	if (/pending/i.test(said)) return { consent: 'PENDING', data: 'PENDING' };
	if (/reject/i.test(said)) return { consent: 'REJECTED', data: 'NONE' };
	if (/revok/i.test(said)) return { consent: 'REVOKED', data: 'NONE' };
	if (/consent.*expir/i.test(said)) return { consent: 'EXPIRED', data: 'NONE' };
	if (result.statusCode === 404) return { consent: 'UNKNOWN_CLIENT', data: 'NONE' };
	return { consent: 'ACTIVE', data: (result.code ?? 'ERROR').toUpperCase() };
}

function reply(fn: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	fn.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/** The resume call: check the token, read the consent state back, continue (or keep waiting). */
export async function consentWebhook(fn: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await fn.getCredentials('finpassApi');
	const query = fn.getQueryData() as IDataObject;
	const expected = Buffer.from(consentToken(String(credentials.apiSecret), fn.getExecutionId()));
	const given = Buffer.from(typeof query[TOKEN_PARAM] === 'string' ? (query[TOKEN_PARAM] as string) : '');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return reply(fn, 401, 'Invalid or missing token');
	}
	const body = fn.getBodyData();
	const clientId = [body.client_id, body.clientId, asObject(body.data).client_id].find(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	if (!clientId) return reply(fn, 400, 'client_id missing from the callback body');

	const transport = new Transport(fn, finpass, new RequestLimiter({ concurrency: 1, maxPerSecond: 0 }));
	const result = await transport.request(
		{ method: 'POST', path: FETCH_JSON_PATH, body: { client_id: clientId }, idempotent: true, expectStatuses: [404, 422] },
		0,
	);
	const state = consentStateFrom(result);
	// A "still pending" notification does not end the wait.
	if (state.consent === 'PENDING') return reply(fn, 202, 'Consent still pending: still waiting');
	// n8n's signature and our token are credentials of a sort: keep them out of the output.
	const restQuery = { ...query };
	delete restQuery.signature;
	delete restQuery[TOKEN_PARAM];
	const json: IDataObject = {
		client_id: clientId,
		consent_status: state.consent,
		data_status: state.data,
		message_code: result.code ?? null,
		checked_at: new Date().toISOString(),
		callback: { body, query: restQuery },
	};
	return { webhookResponse: { received: true }, workflowData: [[{ json, pairedItem: { item: 0 } }]] };
}

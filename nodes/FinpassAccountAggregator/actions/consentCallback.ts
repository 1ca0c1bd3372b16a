import { createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { asObject } from '../../shared/framework/items';
import { RequestLimiter, Transport, finpass } from '../../shared/transport';
import { reportState } from './consentErrors';

// The consent read-back of the callback: Fetch JSON Report's path, from the endpoint table.
const FETCH_JSON_PATH = FINPASS.aaFetchJsonReport.path;

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

export function consentToken(apiSecret: string, executionId: string): string {
	return createHmac('sha256', apiSecret).update(`finpass-consent-wait:${executionId}`).digest('base64url').slice(0, 43);
}

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

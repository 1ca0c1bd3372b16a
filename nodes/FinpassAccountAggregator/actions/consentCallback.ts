import { createHmac } from 'node:crypto';
import type { IDataObject, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { asObject, nonEmptyString as text } from '../../shared/json';
import type { ApiResult } from '../../shared/transport';
import { RequestLimiter, Transport, finpass } from '../../shared/transport';
import { RecentKeys, inboundWebhooks, respond, safeEqual, unauthorized } from '../../shared/webhooks';
import { reportState } from './reportState';
import type { ReportAnswer } from './reportState';

/**
 * The consent callback of Initialize Consent and Wait (the node's webhook()). What it trusts:
 * - the resume URL's n8n `signature` (checked by n8n) and our `fp_token`, an HMAC of the
 *   execution id under the API secret;
 * - the consent this execution created: its client_id and consent type are kept with the waiting
 *   execution (in the item n8n passes on at the deadline, see waitingItem), never taken from the
 *   body. A body naming another client is refused and the execution keeps waiting.
 * The state is read back from the API with our own keys; the output says what the API said.
 */

export const TOKEN_PARAM = 'fp_token';

/**
 * The resume webhook: the package's one inbound-webhook description (so an accepted callback is
 * answered with the node's own JSON, not n8n's "firstEntryJson" text), on the resume URL.
 */
export const consentWaitWebhooks: IWebhookDescription[] = inboundWebhooks({ path: '', restartWebhook: true });

/** consent_status of the item the execution continues with when nobody calls back in time. */
export const WAIT_TIMEOUT = 'WAIT_TIMEOUT';

export function consentToken(apiSecret: string, executionId: string): string {
	return createHmac('sha256', apiSecret).update(`finpass-consent-wait:${executionId}`).digest('base64url').slice(0, 43);
}

/** The item n8n passes on at the deadline; also where the callback finds its consent. */
export function waitingItem(input: IDataObject, init: IDataObject, consentType: string): IDataObject {
	return {
		...input,
		client_id: typeof init.client_id === 'string' ? init.client_id : null,
		redirect_url: typeof init.redirect_url === 'string' ? init.redirect_url : null,
		consent_type: consentType,
		consent_status: WAIT_TIMEOUT,
	};
}

export interface ConsentState {
	consent: string;
	data: string;
}

/** The consent and data state of a Get JSON Report answer (reportState.ts reads it). */
export function consentStateFrom(result: ReportAnswer, consentType: string): ConsentState {
	const { consent, data } = reportState(result, consentType);
	return { consent, data };
}

/**
 * Callbacks of this process being handled or already resumed, by execution and consent
 * (client_id): a second callback for the same consent at the same time (or before n8n marks the
 * execution running) is refused, so each wait resumes once; a later consent wait in the same
 * execution (another client_id) is not held up by the first one. Bounded: entries go after 15
 * minutes, at most 1,000 are kept.
 */
const handled = new RecentKeys(1_000);
const HANDLED_MS = 15 * 60_000;

/** The consent this execution is waiting for, from the item kept with it (not from the request). */
function waitingConsent(fn: IWebhookFunctions): { clientId: string; consentType: string } | undefined {
	const clientId = text(fn.evaluateExpression('{{ $json.client_id }}', 0));
	const consentType = text(fn.evaluateExpression('{{ $json.consent_type }}', 0)) ?? 'loan_underwriting';
	const marker = fn.evaluateExpression('{{ $json.consent_status }}', 0);
	return clientId && marker === WAIT_TIMEOUT ? { clientId, consentType } : undefined;
}

/** The resume call: check the token and the consent, read the state back, continue or keep waiting. */
export async function consentWebhook(fn: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await fn.getCredentials('finpassApi');
	const query = fn.getQueryData() as IDataObject;
	const given = typeof query[TOKEN_PARAM] === 'string' ? (query[TOKEN_PARAM] as string) : '';
	if (given === '' || !safeEqual(given, consentToken(String(credentials.apiSecret), fn.getExecutionId()))) {
		return unauthorized(fn, `consent callback without a valid ${TOKEN_PARAM}`);
	}
	const waiting = waitingConsent(fn);
	if (!waiting) return respond(fn, 409, { message: 'This execution is not waiting for a consent' });
	const body = fn.getBodyData();
	const data = asObject(body.data);
	const named = [body.client_id, body.clientId, data.client_id, data.clientId].map(text).find(Boolean);
	if (named !== undefined && named !== waiting.clientId) {
		return respond(fn, 403, { message: 'The callback names another consent than the one this execution started: ignored, still waiting' });
	}
	const claim = `${fn.getExecutionId()}\u0000${waiting.clientId}`;
	if (handled.checkAndRecord(claim, HANDLED_MS, Date.now())) {
		return respond(fn, 409, { message: 'A callback for this consent is already being handled' });
	}

	const transport = new Transport(fn, finpass, new RequestLimiter({ concurrency: 1, maxPerSecond: 0 }));
	let read: ReadBack;
	try {
		read = await readBack(transport, waiting.clientId, waiting.consentType);
	} catch (error) {
		handled.forget(claim);
		const reason = error instanceof Error ? error.message : String(error);
		return respond(fn, 503, { message: `Could not read the consent state back from Finpass (${reason}): still waiting; call again later` });
	}
	const { result, requestId } = read;
	const state = consentStateFrom(result, waiting.consentType);
	if (state.consent === 'PENDING') {
		handled.forget(claim);
		return respond(fn, 202, { message: 'Consent still pending: still waiting' });
	}
	const json: IDataObject = {
		client_id: waiting.clientId,
		consent_type: waiting.consentType,
		consent_status: state.consent,
		data_status: state.data,
		request_id: requestId,
		status_code: result.statusCode,
		message_code: result.code ?? null,
		message: result.message ?? null,
		checked_at: new Date().toISOString(),
	};
	return { webhookResponse: { received: true }, workflowData: [[{ json, pairedItem: { item: 0 } }]] };
}

interface ReadBack {
	result: ApiResult;
	requestId: string | null;
}

/**
 * The consent state from the API. A loan monitoring consent is read with a request_id (the
 * report requires one, docs/api-contract.md), so Refresh Data is asked first: once per callback that gets
 * this far (the callback is claimed, so never twice at once); it counts against the monthly
 * refresh quota as the next step would have. A refresh the API refuses (422: consent pending,
 * rejected, quota) is itself the answer.
 */
async function readBack(transport: Transport, clientId: string, consentType: string): Promise<ReadBack> {
	let requestId: string | null = null;
	if (consentType === 'loan_monitoring') {
		const refresh = await transport.request({ ...FINPASS.aaRefreshData, body: { client_id: clientId }, expectStatuses: [422] }, 0);
		if (refresh.statusCode >= 300) return { result: refresh, requestId };
		requestId = text(asObject(refresh.data).request_id) ?? null;
	}
	const body: IDataObject = requestId ? { client_id: clientId, request_id: requestId } : { client_id: clientId };
	const result = await transport.request({ ...FINPASS.aaFetchJsonReport, body, expectStatuses: [422] }, 0);
	return { result, requestId };
}

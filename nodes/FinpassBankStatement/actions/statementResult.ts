import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { clientIdProperty as sharedClientId } from '../../shared/descriptions';
import type { JobCheck } from '../../shared/jobStates';
import { asObject } from '../../shared/router';
import type { ApiRequest, ApiResult } from '../../shared/transport';

export const UPLOAD_PATH = '/api/v1/services/bsa/upload-statement';
// Public pages (API README) give GET ?client_id= for the result, marked unsure: Advanced → HTTP
// Method on Get Result switches to POST {client_id}.
export const RESULT_PATH = '/api/v1/services/bsa/statement-result';
export const RESULT_METHOD: IHttpRequestMethods = 'GET';

export const clientIdProperty = sharedClientId(
	'bsa_6989cbcf_a136a4017',
	'The client_id returned by Upload Statement',
);

/**
 * For `ctx.call`: the router moves body fields into the query string of a GET, and keeps them in
 * the body when Advanced → HTTP Method says POST.
 */
export function resultCall(clientId: string): ApiRequest {
	return { method: RESULT_METHOD, path: RESULT_PATH, body: { client_id: clientId }, idempotent: true };
}

/** For the transport directly (Upload Statement's wait, where the upload's Advanced must not apply). */
export function resultRequest(clientId: string): ApiRequest {
	return { method: RESULT_METHOD, path: RESULT_PATH, qs: { client_id: clientId }, idempotent: true };
}

/** The analyser's result doubles as its status: status, progress, error_message, account_info, … */
export function bsaCheck(result: ApiResult): JobCheck<IDataObject> {
	const data = asObject(result.data);
	const progress = data.progress;
	const detail =
		typeof progress === 'number' ? `${progress}%` : typeof progress === 'string' && progress !== '' ? progress : undefined;
	const said = data.error_message ?? data.error ?? data.message;
	return {
		// A 202 without a status means "still working" (the transport lets 202 through).
		state: data.status ?? (result.statusCode === 202 ? 'processing' : undefined),
		detail,
		failureMessage: typeof said === 'string' && said !== '' ? said : result.message,
		value: data,
		result,
	};
}

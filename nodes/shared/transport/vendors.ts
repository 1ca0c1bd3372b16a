import type { IDataObject } from 'n8n-workflow';

import { isObject, nonEmptyString as text } from '../json';

/** What a vendor answered, once its envelope is taken apart. */
export interface VendorAnswer {
	/** The payload: `data` of an envelope, or the whole body when the vendor sends none. */
	data: unknown;
	message?: string;
	/** Finpass `message_code` / `error_code`, FinPro `errorCode`. */
	code?: string;
	/** False when the body itself says the call failed, whatever the HTTP status. */
	success: boolean;
	/** The status the envelope itself states (Finpass `status_code`), when it states one. */
	envelopeStatus?: number;
}

export interface VendorProfile {
	/** Shown in error messages. */
	name: string;
	credentialType: string;
	readAnswer(body: unknown): VendorAnswer;
	/** True when this failure is the vendor's quota ("limit exceeded"): never retried. */
	isQuotaExhausted(status: number, answer: VendorAnswer): boolean;
	/** Milliseconds the vendor asks us to wait, read from its own headers (besides Retry-After). */
	retryHintMs?(headers: IDataObject, now: number): number | undefined;
}

/**
 * A tenant may answer HTTP 200 and state the real outcome only in the envelope's `status_code`
 * (202 not ready, 4xx, 5xx): the envelope wins over a 2xx, so a pending report is waited on and
 * an error is an error. A non-2xx HTTP status is never overridden.
 */
export function effectiveStatus(httpStatus: number, envelopeStatus: number | undefined): number {
	if (httpStatus < 200 || httpStatus >= 300 || envelopeStatus === undefined) return httpStatus;
	return envelopeStatus >= 100 && envelopeStatus <= 599 ? envelopeStatus : httpStatus;
}


/**
 * Finpass answers in two envelopes: the documented `{data, status_code, success, message,
 * message_code}` and, on newer endpoints, `{success, message, data}` (ITR errors add
 * `error_code`). Both come apart here.
 */
export const finpass: VendorProfile = {
	name: 'Finpass',
	credentialType: 'finpassApi',
	readAnswer(body) {
		if (!isObject(body) || !('success' in body || 'data' in body || 'message' in body)) {
			return { data: body, success: true };
		}
		return {
			data: 'data' in body ? body.data : body,
			message: text(body.message),
			code: text(body.message_code) ?? text(body.error_code),
			success: body.success !== false,
			envelopeStatus: Number.isInteger(body.status_code) ? (body.status_code as number) : undefined,
		};
	},
	isQuotaExhausted(status, answer) {
		return status === 422 && /limit exceeded|limit_exceeded|quota/i.test(`${answer.message} ${answer.code}`);
	},
};

/**
 * FinPro answers `{ver, timestamp, status: 'success', data}` or, on failure,
 * `{ver, timestamp, errorCode, errorMsg, status: 'failure'}`.
 */
export const finpro: VendorProfile = {
	name: 'FinPro',
	credentialType: 'finProApi',
	readAnswer(body) {
		if (!isObject(body)) return { data: body, success: true };
		const failed = body.status === 'failure' || text(body.errorCode) !== undefined;
		return {
			data: 'data' in body ? body.data : body,
			message: text(body.errorMsg) ?? text(body.message),
			code: text(body.errorCode),
			success: !failed,
		};
	},
	isQuotaExhausted() {
		return false;
	},
	// FinPro's 429 carries X-RateLimit-Reset: epoch seconds, or seconds from now when small.
	retryHintMs(headers, now) {
		const raw = Number(headers['x-ratelimit-reset']);
		if (!Number.isFinite(raw) || raw <= 0) return undefined;
		return raw > 1e9 ? Math.max(0, raw * 1000 - now) : raw * 1000;
	},
};

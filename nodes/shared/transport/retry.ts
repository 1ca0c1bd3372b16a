import type { IDataObject } from 'n8n-workflow';

import { backoffDelay, parseRetryAfter } from './backoff';
import type { VendorAnswer, VendorProfile } from './vendors';

// When a request may be sent again (docs/retries.md). Any call may be repeated when it provably
// was not processed: it never left the machine, or the vendor answered 429, or 503 with
// Retry-After. Only repeatable calls (idempotent, and not billed unless the run opted in) go
// again after an unsure failure: a 5xx, a timeout or reset after sending, a garbled 2xx.

/** Connection failures where the request never reached the vendor: safe to send again. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Connection failures after which the vendor may or may not have processed the request. */
export const UNSURE_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** What one attempt came back with: an answer (any status) or a connection failure. */
export type Outcome<R extends VendorAnswer & { statusCode: number; headers: IDataObject }> =
	| { kind: 'answer'; result: R }
	| { kind: 'network'; code: string; detail: string };

export interface RetryFacts {
	idempotent: boolean;
	billed?: boolean;
}

export interface RetrySettings {
	backoffBaseMs: number;
	repeatBilledAfterUnsure?: boolean;
}

/** True when this call may be sent again after an unsure failure. */
export function repeatable(req: RetryFacts, settings: RetrySettings): boolean {
	if (!req.idempotent) return false;
	return req.billed !== true || settings.repeatBilledAfterUnsure === true;
}

/** How long to wait before trying again, or undefined when this outcome is final. */
export function retryWait<R extends VendorAnswer & { statusCode: number; headers: IDataObject }>(
	outcome: Outcome<R>,
	req: RetryFacts,
	attempt: number,
	settings: RetrySettings,
	vendor: VendorProfile,
): number | undefined {
	const backoff = backoffDelay(attempt, settings.backoffBaseMs);
	const again = repeatable(req, settings);
	if (outcome.kind === 'network') {
		if (NOT_SENT_CODES.has(outcome.code)) return backoff;
		return again && UNSURE_CODES.has(outcome.code) ? backoff : undefined;
	}
	const { statusCode, code, headers } = outcome.result;
	const asked = parseRetryAfter(headers['retry-after']) ?? vendor.retryHintMs?.(headers, Date.now());
	if (statusCode === 429) return asked ?? backoff;
	if (statusCode === 503 && asked !== undefined) return asked;
	if (!again) return undefined;
	if (statusCode >= 500) return backoff;
	if (statusCode < 300 && code === 'invalid_json') return backoff;
	return undefined;
}

/** The note a final unsure failure of a non-repeatable call carries, or undefined. */
export function unsureNote<R extends VendorAnswer & { statusCode: number; headers: IDataObject }>(
	outcome: Outcome<R>,
	req: RetryFacts,
	settings: RetrySettings,
): string | undefined {
	if (repeatable(req, settings)) return undefined;
	const unsure = outcome.kind === 'network' ? UNSURE_CODES.has(outcome.code) : outcome.result.statusCode >= 500;
	if (!unsure) return undefined;
	return req.billed && req.idempotent
		? 'not sent again: the request may have reached the vendor, and each call is billed'
		: 'not retried automatically: the request may have reached the vendor, and sending it twice could start a second consent, upload or refresh';
}

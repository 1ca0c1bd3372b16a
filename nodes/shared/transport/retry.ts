import type { IDataObject } from 'n8n-workflow';

import { backoffDelay, parseRetryAfter } from './backoff';
import type { VendorAnswer, VendorProfile } from './vendors';

// When a request may be sent again (docs/retries.md has the table per endpoint).
//
// Any call may be repeated when the vendor provably did not process it: it never left the
// machine (connection refused, DNS), or the vendor answered 429 (a rate limit refuses before any
// work is done). Every other failure is unclear: a 5xx (a 503 with Retry-After too: a gateway can
// answer so after it forwarded the call), a reset or timeout after sending, a 2xx that is not
// JSON. After an unclear failure:
// - a call that leaves no mark at the vendor (lookups, report reads, status checks) is sent
//   again with backoff; a billed one at most BILLED_READ_RETRIES times, as each send may cost;
// - a call that leaves a mark (a bureau inquiry, a consent, an upload, a job, a refresh) is not,
//   unless the run opted in (Repeat Billed Calls After Unclear Failures), which covers only pulls
//   that start nothing (Multi-Bureau, EPFO-CRIF).

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

/**
 * Repeats after unclear failures a billed call that leaves no mark (a registry lookup) gets at
 * most, within Max Retries: each may be charged, so one item costs at most three fees.
 */
export const BILLED_READ_RETRIES = 2;

type Answered = VendorAnswer & { statusCode: number; headers: IDataObject };

/** What one attempt came back with: an answer (any status) or a connection failure. */
export type Outcome<R extends Answered> = { kind: 'answer'; result: R } | { kind: 'network'; code: string; detail: string };

export interface RetryFacts {
	/** A second send gives the same answer and starts nothing new. */
	idempotent: boolean;
	billed?: boolean;
	/** A second send leaves a second mark (inquiry, consent, job); when not given: billed or not idempotent. */
	leavesMark?: boolean;
}

export interface RetrySettings {
	backoffBaseMs: number;
	repeatBilledAfterUnsure?: boolean;
}

/** True when sending this call again would leave a second mark at the vendor. */
export function leavesMark(req: RetryFacts): boolean {
	return req.leavesMark ?? (req.billed === true || !req.idempotent);
}

/** True when this call may be sent again after an unclear failure. */
export function repeatable(req: RetryFacts, settings: RetrySettings): boolean {
	if (!req.idempotent) return false;
	return !leavesMark(req) || settings.repeatBilledAfterUnsure === true;
}

/** How many repeats after unclear failures this call may have (Max Retries bounds them too). */
export function unclearRetryLimit(req: RetryFacts, settings: RetrySettings): number {
	if (!repeatable(req, settings)) return 0;
	return req.billed === true ? BILLED_READ_RETRIES : Number.POSITIVE_INFINITY;
}

/** True when the vendor may or may not have processed the call (see above). */
export function isUnclear<R extends Answered>(outcome: Outcome<R>): boolean {
	if (outcome.kind === 'network') return UNSURE_CODES.has(outcome.code);
	const { statusCode, code } = outcome.result;
	return statusCode >= 500 || (statusCode >= 200 && statusCode < 300 && code === 'invalid_json');
}

/**
 * How long to wait before trying again, or undefined when this outcome is final. `unclearSoFar`
 * counts the earlier attempts of this request that failed unclearly (retryPlan keeps it).
 */
export function retryWait<R extends Answered>(
	outcome: Outcome<R>,
	req: RetryFacts,
	attempt: number,
	settings: RetrySettings,
	vendor: VendorProfile,
	unclearSoFar = 0,
): number | undefined {
	const backoff = backoffDelay(attempt, settings.backoffBaseMs);
	const again = unclearSoFar < unclearRetryLimit(req, settings);
	if (outcome.kind === 'network') {
		if (NOT_SENT_CODES.has(outcome.code)) return backoff;
		return again && UNSURE_CODES.has(outcome.code) ? backoff : undefined;
	}
	const { headers, statusCode } = outcome.result;
	const asked = parseRetryAfter(headers['retry-after']) ?? vendor.retryHintMs?.(headers, Date.now());
	if (statusCode === 429) return asked ?? backoff;
	if (!again || !isUnclear(outcome)) return undefined;
	return statusCode === 503 && asked !== undefined ? asked : backoff;
}

/**
 * The retry decisions for one request, attempt after attempt: retryWait with the count of
 * unclear failures so far (a billed read's bound counts those, not 429s or refused connections).
 */
export function retryPlan<R extends Answered>(
	req: RetryFacts,
	settings: RetrySettings,
	vendor: VendorProfile,
): (outcome: Outcome<R>, attempt: number) => number | undefined {
	let unclear = 0;
	return (outcome, attempt) => {
		const wait = retryWait(outcome, req, attempt, settings, vendor, unclear);
		if (wait !== undefined && isUnclear(outcome)) unclear++;
		return wait;
	};
}

/** The note a final unclear failure carries, or undefined. */
export function unsureNote<R extends Answered>(
	outcome: Outcome<R>,
	req: RetryFacts,
	settings: RetrySettings,
	attempt = 0,
): string | undefined {
	if (!isUnclear(outcome) || (outcome.kind === 'answer' && outcome.result.statusCode < 500)) return undefined;
	if (repeatable(req, settings)) {
		if (attempt === 0) return undefined;
		return req.billed === true
			? `gave up after ${attempt + 1} attempts: each may have been billed`
			: `gave up after ${attempt + 1} attempts`;
	}
	return req.billed && req.idempotent
		? 'not sent again: the request may have reached the vendor, and each call is billed'
		: 'not retried automatically: the request may have reached the vendor, and sending it twice could start a second consent, upload or refresh';
}

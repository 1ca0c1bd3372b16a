import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Does a delivery come from the vendor? Fail closed (no secret, unknown mode, anything missing →
 * refused) and timing-safe. Never throws.
 */

export type VerificationMode = 'queryToken' | 'headerToken' | 'hmacSha256';

export interface VerificationSettings {
	mode: VerificationMode;
	/** The shared secret: the token itself, or the HMAC key. Empty → every request is refused. */
	secret: string;
	/** queryToken: the query parameter holding the token. */
	queryParameter?: string;
	/** headerToken: the header holding the token; hmacSha256: the header holding the signature. */
	headerName?: string;
	/** hmacSha256: how the signature is written. */
	encoding?: 'hex' | 'base64';
	/** hmacSha256: header with the Unix time (seconds) of the delivery; empty → body alone signed. */
	timestampHeader?: string;
	/** hmacSha256 with a timestamp header: how far the timestamp may be from now, either way. */
	toleranceSeconds?: number;
}

/** Request headers as Node gives them (names lower-cased). */
export type IncomingHttpHeaders = Record<string, string | string[] | undefined>;

export interface IncomingDelivery {
	rawBody: Buffer;
	headers: IncomingHttpHeaders;
	query: Record<string, unknown>;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export const DEFAULT_TOLERANCE_SECONDS = 300;
/** The widest timestamp window accepted: one hour either way. */
export const MAX_TOLERANCE_SECONDS = 3600;

/** What is wrong with a timestamp tolerance, or undefined when it is usable (1 s to 1 hour). */
export function toleranceProblem(seconds: unknown): string | undefined {
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 1 || seconds > MAX_TOLERANCE_SECONDS) {
		return `The webhook credential's Timestamp Tolerance must be between 1 and ${MAX_TOLERANCE_SECONDS} seconds`;
	}
	return undefined;
}

/**
 * How long a captured signed delivery is accepted again with its timestamp: from `tolerance`
 * before its time to `tolerance` after, so twice the tolerance. 0 without a timestamp header.
 * The replay memory must remember at least this long.
 */
export function acceptedWindowMs(settings: VerificationSettings): number {
	if (settings.mode !== 'hmacSha256' || (settings.timestampHeader ?? '').trim() === '') return 0;
	const tolerance = settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	return toleranceProblem(tolerance) === undefined ? 2 * tolerance * 1000 : 0;
}

/**
 * Equality that takes the same time whatever the inputs: both sides are hashed first, so
 * crypto.timingSafeEqual compares two 32-byte digests and neither content nor length leaks.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
	const digest = (v: string | Buffer) => createHash('sha256').update(v).digest();
	return timingSafeEqual(digest(a), digest(b));
}

/** One header's value (Node lower-cases names; a repeated header counts as absent). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.trim().toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/**
 * The HMAC-SHA256 the sender must put in the signature header: over the raw body, or over
 * `${timestamp}.${rawBody}` when a timestamp header is used (the bytes exactly as received).
 */
export function expectedSignature(secret: string, rawBody: Buffer, timestamp?: string): Buffer {
	const hmac = createHmac('sha256', secret);
	if (timestamp !== undefined) hmac.update(`${timestamp}.`, 'utf8');
	return hmac.update(rawBody).digest();
}

/** The signature header's bytes, or undefined when it is not a well-formed SHA-256 digest. */
function decodeSignature(value: string, encoding: 'hex' | 'base64'): Buffer | undefined {
	// A "sha256=" prefix (GitHub style) is accepted and ignored.
	const text = value.trim().replace(/^sha256=/i, '');
	if (encoding === 'hex')
		return /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : undefined;
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
	const bytes = Buffer.from(text, 'base64');
	return bytes.length === 32 ? bytes : undefined;
}

/** Seconds since the epoch from a timestamp header (a 13-digit value is read as milliseconds). */
function timestampSeconds(value: string): number | undefined {
	if (!/^\d{1,16}$/.test(value)) return undefined;
	const n = Number(value);
	return value.length >= 13 ? n / 1000 : n;
}

function verifyToken(token: unknown, secret: string, where: string): Verdict {
	if (typeof token !== 'string' || token === '') return { ok: false, reason: `Missing token (${where})` };
	return safeEqual(token, secret) ? { ok: true } : { ok: false, reason: 'Invalid token' };
}

function verifyHmac(settings: VerificationSettings, delivery: IncomingDelivery, nowMs: number): Verdict {
	const name = (settings.headerName ?? '').trim();
	const sent = name ? headerValue(delivery.headers, name) : undefined;
	if (sent === undefined || sent.trim() === '')
		return { ok: false, reason: `Missing signature (header "${name}")` };
	const timestampHeader = (settings.timestampHeader ?? '').trim();
	let timestamp: string | undefined;
	if (timestampHeader !== '') {
		timestamp = headerValue(delivery.headers, timestampHeader)?.trim();
		if (!timestamp) return { ok: false, reason: `Missing timestamp (header "${timestampHeader}")` };
	}
	const signature = decodeSignature(sent, settings.encoding ?? 'hex');
	const expected = expectedSignature(settings.secret, delivery.rawBody, timestamp);
	// compared even when the header is malformed, so both paths take the same time
	const matches = safeEqual(signature ?? Buffer.alloc(0), expected) && signature !== undefined;
	if (!matches) return { ok: false, reason: 'Invalid signature' };
	if (timestamp !== undefined) {
		const seconds = timestampSeconds(timestamp);
		const tolerance = settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
		// an absurd window (10^12 s would accept ts=1) is refused, not honoured
		const problem = toleranceProblem(tolerance);
		if (problem !== undefined) return { ok: false, reason: problem };
		if (seconds === undefined || Math.abs(nowMs / 1000 - seconds) > tolerance) {
			return { ok: false, reason: `Timestamp outside the allowed window of ${tolerance} s` };
		}
	}
	return { ok: true };
}

/** Checks one delivery against the trigger's settings. Never throws. */
export function verifyDelivery(
	settings: VerificationSettings,
	delivery: IncomingDelivery,
	nowMs: number,
): Verdict {
	if ((settings.secret ?? '') === '')
		return { ok: false, reason: 'No secret is configured on the trigger: every delivery is refused' };
	switch (settings.mode) {
		case 'queryToken': {
			const name = (settings.queryParameter ?? '').trim() || 'token';
			return verifyToken(delivery.query[name], settings.secret, `query parameter "${name}"`);
		}
		case 'headerToken': {
			const name = (settings.headerName ?? '').trim();
			const token = name ? headerValue(delivery.headers, name) : undefined;
			return verifyToken(token, settings.secret, `header "${name}"`);
		}
		case 'hmacSha256':
			return verifyHmac(settings, delivery, nowMs);
		default:
			return { ok: false, reason: 'Unknown verification mode: every delivery is refused' };
	}
}

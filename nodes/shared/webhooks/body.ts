/** Reading an inbound request's body: the size limit and JSON parsing. */

export const DEFAULT_MAX_BODY_KB = 1024;

export type BodyResult =
	| { ok: true; body: unknown }
	| { ok: false; status: 400 | 413; message: string };

/** Whether the raw body fits the limit. */
export function bodyTooLarge(rawBody: Buffer, maxBytes: number): boolean {
	return rawBody.length > maxBytes;
}

/** Parses the raw body as JSON (any JSON value; a UTF-8 byte-order mark is skipped). */
export function parseJsonBody(rawBody: Buffer): BodyResult {
	let text = rawBody.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '')
		return { ok: false, status: 400, message: 'The body is empty: a JSON body is expected' };
	try {
		return { ok: true, body: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, status: 400, message: 'The body is not valid JSON' };
	}
}

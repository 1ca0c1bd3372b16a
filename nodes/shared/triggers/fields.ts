import type { IDataObject } from 'n8n-workflow';

/** Reading webhook bodies: JSON parsing and fields out of bodies whose shape is not published. */

export const DEFAULT_MAX_BODY_KB = 1024;

export type BodyResult =
	| { ok: true; body: unknown }
	| { ok: false; status: 400 | 413; message: string };

/** Whether the raw body fits the trigger's limit. */
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

/** Any JSON value, as n8n items hold them. */
export type JsonValue = IDataObject[string];


/** FinPro writes a missing consent id as the string "<NULL>" (API README); "" and null too. */
export function nullIfBlank(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = String(value).trim();
	return text === '' || text.toUpperCase() === '<NULL>' ? null : text;
}

/** The first of `keys` with a non-blank scalar value, looked for in each object in turn. */
export function pick(objects: IDataObject[], keys: string[]): string | null {
	for (const object of objects) {
		for (const key of keys) {
			const value = object[key];
			if (typeof value === 'string' || typeof value === 'number') {
				const text = nullIfBlank(value);
				if (text !== null) return text;
			}
		}
	}
	return null;
}

/** Upper case, anything but letters and digits read as "_": "consent-approved" → CONSENT_APPROVED. */
export function token(value: string | null): string | null {
	if (value === null) return null;
	const t = value
		.trim()
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return t === '' ? null : t;
}

import type { IDataObject } from 'n8n-workflow';

/** Fields out of webhook bodies whose shape is not published, for the triggers' normalisers. */

/** Any JSON value, as n8n items hold them. */
export type JsonValue = IDataObject[string];

/** FinPro writes a missing consent id as the string "<NULL>" (FinPro webhook documentation); "" and null too. */
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

import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Identifier formats, checked before any request so a typo never costs a paid call.
 * Patterns as the digest of the vendors' public pages states them (docs/api-contract.md#sources).
 */
export type IdKind = 'pan' | 'cin' | 'llpin' | 'mobile' | 'uuid' | 'email' | 'uan';

export type Checked = { ok: true; value: string } | { ok: false; expected: string };

const FORMATS: Record<IdKind, { pattern: RegExp; expected: string; normalize: (raw: string) => string }> = {
	pan: {
		pattern: /^[A-Z]{5}[0-9]{4}[A-Z]$/,
		expected: '10 characters: 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)',
		normalize: (raw) => raw.trim().toUpperCase(),
	},
	cin: {
		pattern: /^[LU][0-9]{5}[A-Z]{2}[0-9]{4}[A-Z]{3}[0-9]{6}$/,
		expected: '21 characters: L or U, 5 digits, 2-letter state, 4-digit year, 3 letters, 6 digits (e.g. U72900KA2015PTC082988)',
		normalize: (raw) => raw.trim().toUpperCase(),
	},
	llpin: {
		pattern: /^[A-Z]{3}-[0-9]{4}$/,
		expected: '3 letters, a hyphen and 4 digits (e.g. AAB-1234)',
		normalize: (raw) => raw.trim().toUpperCase(),
	},
	mobile: {
		pattern: /^[6-9][0-9]{9}$/,
		expected: '10 digits starting with 6, 7, 8 or 9 (a leading +91, 91 or 0 is removed; e.g. 9876543210)',
		normalize: (raw) => {
			const digits = raw.replace(/[\s\-()]/g, '');
			if (/^\+91[0-9]{10}$/.test(digits)) return digits.slice(3);
			if (/^91[6-9][0-9]{9}$/.test(digits)) return digits.slice(2);
			if (/^0[6-9][0-9]{9}$/.test(digits)) return digits.slice(1);
			return digits;
		},
	},
	uuid: {
		pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
		expected: 'a UUID, 36 characters like 3c92001e-57ea-4320-bbb8-66d524bfb435',
		normalize: (raw) => raw.trim().toLowerCase(),
	},
	email: {
		pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
		expected: 'an email address like name@example.com',
		normalize: (raw) => raw.trim(),
	},
	uan: {
		pattern: /^[0-9]{12}$/,
		expected: '12 digits',
		normalize: (raw) => raw.trim(),
	},
};

/** Pure check, for table tests and for code paths that collect several problems. */
export function checkId(kind: IdKind, raw: unknown): Checked {
	const format = FORMATS[kind];
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? format.normalize(raw) : '';
	return format.pattern.test(value) ? { ok: true, value } : { ok: false, expected: format.expected };
}

/**
 * Returns the normalized identifier, or throws a NodeOperationError that names the field, the
 * item and the expected format, so a person (or an AI agent) can correct the input.
 */
export function requireId(node: INode, kind: IdKind, raw: unknown, itemIndex: number, field: string): string {
	const checked = checkId(kind, raw);
	if (checked.ok) return checked.value;
	const shown = typeof raw === 'string' || typeof raw === 'number' ? `"${String(raw)}"` : 'empty';
	throw new NodeOperationError(node, `${field} ${shown} is not valid: expected ${checked.expected}`, {
		itemIndex,
		description: 'Nothing was sent to the API for this item.',
	});
}

/** Same, for an optional field: empty stays undefined. */
export function optionalId(
	node: INode,
	kind: IdKind,
	raw: unknown,
	itemIndex: number,
	field: string,
): string | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	return requireId(node, kind, raw, itemIndex, field);
}

/** A free-form identifier such as a Finpass client_id: any non-empty text (its format varies). */
export function requireText(node: INode, raw: unknown, itemIndex: number, field: string): string {
	const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (value === '') {
		throw new NodeOperationError(node, `${field} is empty: it is required`, {
			itemIndex,
			description: 'Nothing was sent to the API for this item.',
		});
	}
	return value;
}

/** An optional http(s) URL (a redirect or webhook address): empty stays undefined, anything else must parse. */
export function optionalUrl(node: INode, raw: unknown, i: number, field: string): string | undefined {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') return undefined;
	let ok = false;
	try {
		ok = ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		ok = false;
	}
	if (!ok) {
		throw new NodeOperationError(node, `${field} "${value}" is not valid: expected an http:// or https:// URL`, {
			itemIndex: i,
			description: 'Nothing was sent to the API for this item.',
		});
	}
	return value;
}

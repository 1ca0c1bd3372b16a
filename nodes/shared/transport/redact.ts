import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { QueueHaltedError } from './limiter';

/**
 * Keeping secrets out of errors and output. A vendor that echoes a key or a password back can
 * put it in an error's message, description, stack, `messages` and `cause`, written as sent or
 * as it appears inside a URL (percent-encoded) or a JSON string (escaped): every one of those
 * forms is replaced. Values shorter than 4 characters are left alone, since replacing them would
 * mangle ordinary text.
 */
const MASK = '***';
const MIN_SECRET_LENGTH = 4;

/**
 * Credential fields that hold secrets. Identifiers that sit beside them (client id, organisation
 * id, app identifier, base URL, header names) are not masked: they are needed to read an error.
 */
const SECRET_CREDENTIAL_FIELD = /^(apiKey|apiSecret|clientSecret|secret|password|token|accessToken)$/i;

export function isSecretCredentialField(name: string): boolean {
	return SECRET_CREDENTIAL_FIELD.test(name);
}

/** The secret as sent, URL-encoded (either hex case, "+" for spaces) and JSON-escaped. */
export function secretForms(secret: string): string[] {
	if (secret.length < MIN_SECRET_LENGTH) return [];
	const url = encodeURIComponent(secret);
	const json = JSON.stringify(secret).slice(1, -1);
	const forms = [
		secret,
		url,
		url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
		url.replace(/%20/g, '+'),
		json,
		json.replace(/\//g, '\\/'),
		JSON.stringify(secret).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
	];
	// longest first, so a form that contains another is replaced whole
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Replaces every form of every secret in a text. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
	const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
	return forms.reduce((out, form) => out.split(form).join(MASK), text);
}

function clean(value: unknown, secrets: readonly string[], seen: Set<unknown>): unknown {
	if (typeof value === 'string') return maskSecrets(value, secrets);
	if (typeof value !== 'object' || value === null || seen.has(value) || Buffer.isBuffer(value)) return value;
	seen.add(value);
	if (Array.isArray(value)) return value.map((entry) => clean(entry, secrets, seen));
	const proto = Object.getPrototypeOf(value) as unknown;
	if (proto !== Object.prototype && proto !== null) return value;
	const out: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (/^password$/i.test(key)) continue;
		out[key] = clean(entry, secrets, seen) as IDataObject[string];
	}
	return out;
}

const usable = (secret: string | undefined): secret is string =>
	typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH;

/** A copy of `value` with the secret masked in every string (the input is not changed). */
export function redactValue<T>(value: T, secret: string | undefined): T {
	if (!usable(secret)) return value;
	return clean(value, [secret], new Set()) as T;
}

/**
 * Returns the error, a NodeApiError or NodeOperationError, with the secret masked in every field.
 * A QueueHaltedError (the item was never sent: another item failed the run, or the execution was
 * cancelled) is returned as it is: it holds no secret, and the router recognises it by its type,
 * so it never stands in for the item that really failed.
 */
export function redactError(node: INode, error: unknown, secret: string | undefined): NodeApiError | NodeOperationError | QueueHaltedError {
	if (error instanceof QueueHaltedError) return error;
	const secrets = usable(secret) ? [secret] : [];
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, maskSecrets(error instanceof Error ? error.message : String(error), secrets));
	if (secrets.length === 0) return nodeError;
	const fields = nodeError as unknown as Record<string, unknown>;
	// description, message, messages, stack, context, cause, ...: every field of the error
	for (const key of Object.getOwnPropertyNames(nodeError)) {
		// `node` is the workflow's own node object (shared, holds parameters, not the value): leave it.
		if (key === 'node') continue;
		const cleaned = clean(fields[key], secrets, new Set());
		if (cleaned !== fields[key]) fields[key] = cleaned;
	}
	return nodeError;
}

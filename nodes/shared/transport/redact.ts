import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A password the user typed into a node parameter (ITR portal password, PDF password) is no
 * credential, so the transport does not know to hide it. A vendor that echoes it back in an error
 * would put it in the error's message, description, stack, `messages` and `cause`: this replaces
 * it everywhere in an error or an output item. Values shorter than 4 characters are left alone
 * (as the transport does for credentials), since replacing them would mangle ordinary text.
 */
const MASK = '***';

function clean(value: unknown, secret: string, seen: Set<unknown>): unknown {
	if (typeof value === 'string') return value.split(secret).join(MASK);
	if (typeof value !== 'object' || value === null || seen.has(value) || Buffer.isBuffer(value)) return value;
	seen.add(value);
	if (Array.isArray(value)) return value.map((entry) => clean(entry, secret, seen));
	const proto = Object.getPrototypeOf(value) as unknown;
	if (proto !== Object.prototype && proto !== null) return value;
	const out: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (/^password$/i.test(key)) continue;
		out[key] = clean(entry, secret, seen) as IDataObject[string];
	}
	return out;
}

export function redactValue<T>(value: T, secret: string | undefined): T {
	if (!secret || secret.length < 4) return value;
	return clean(value, secret, new Set()) as T;
}

/** Returns the error, a NodeApiError or NodeOperationError, with the secret masked in every field. */
export function redactError(node: INode, error: unknown, secret: string | undefined): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, redactValue(error instanceof Error ? error.message : String(error), secret));
	if (!secret || secret.length < 4) return nodeError;
	const fields = nodeError as unknown as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(nodeError)) {
		// `node` is the workflow's own node object (shared, holds parameters, not the value): leave it.
		if (key === 'node') continue;
		const cleaned = clean(fields[key], secret, new Set());
		if (cleaned !== fields[key]) fields[key] = cleaned;
	}
	return nodeError;
}

/** The connection error code in an HTTP client error (or its causes), for messages and retry rules. */
export function networkCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const { code } = current as { code?: unknown };
		if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
		const { message } = current as { message?: unknown };
		if (typeof message === 'string') {
			if (/timeout/i.test(message)) return 'ETIMEDOUT';
			if (/socket hang up/i.test(message)) return 'ECONNRESET';
		}
		current = (current as { cause?: unknown }).cause;
	}
	return 'unknown';
}

/** Connection failures that mean the Base URL's host was not reached at all (nothing listens, no such name). */
export const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { backoffDelay } from './backoff';
import type { RequestContext, Transport } from './request';

/** Hosts a plain-http link may point at: the local simulator, never the internet. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function linkError(transport: Transport, ctx: RequestContext, itemIndex: number, message: string, description?: string, status?: number): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { status_code: status ?? null } as JsonObject, {
		message,
		description,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex,
	});
	error.message = transport.redact(message);
	return error;
}

/** The link as a URL when it may be fetched: https, or http to a loopback host. */
function checkedLink(url: string): URL | undefined {
	try {
		const parsed = new URL(url);
		if (parsed.protocol === 'https:') return parsed;
		if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
	} catch {
		return undefined;
	}
	return undefined;
}

/** Reads a streamed body into one Buffer, stopping (and closing the stream) past `cap` bytes. */
async function readCapped(body: unknown, cap: number): Promise<Buffer | 'too_large'> {
	if (Buffer.isBuffer(body)) return body.length > cap ? 'too_large' : body;
	if (body instanceof ArrayBuffer) return body.byteLength > cap ? 'too_large' : Buffer.from(body);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer | string>) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		size += bytes.length;
		if (size > cap) {
			(body as { destroy?: () => void }).destroy?.();
			return 'too_large';
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}

/**
 * Downloads a pre-signed report link (no vendor keys are sent to it). Only https links are
 * fetched (http only for loopback hosts, i.e. the simulator), the body is streamed and refused
 * past settings.maxDownloadBytes, the execution's cancel signal aborts it, and 5xx / connection
 * failures are retried (a GET of a file: safe to repeat).
 */
export async function downloadLink(ctx: RequestContext, transport: Transport, url: string, itemIndex: number): Promise<Buffer> {
	if (!checkedLink(url)) {
		throw linkError(
			transport,
			ctx,
			itemIndex,
			'The report link is not an https URL: not downloaded',
			'Report links are pre-signed https URLs; a plain-http or unreadable link is refused so the statement never travels unencrypted.',
		);
	}
	const cap = transport.settings.maxDownloadBytes ?? 50 * 1024 * 1024;
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let failure = '';
		try {
			response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: transport.settings.timeoutMs,
				// n8n attaches the cancel signal only to authenticated requests: this one needs it too.
				abortSignal: transport.cancelSignal(),
			})) as IN8nHttpFullResponse;
		} catch (error) {
			if (transport.isCancelled()) throw transport.cancelled();
			failure = networkCode(error);
		}
		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			const bytes = await readCapped(response.body, cap).catch((error: unknown) => {
				if (transport.isCancelled()) throw transport.cancelled();
				throw error;
			});
			if (bytes === 'too_large') {
				throw linkError(
					transport,
					ctx,
					itemIndex,
					`The report file is larger than ${Math.round(cap / (1024 * 1024))} MB: not downloaded`,
					'A bank statement PDF is far smaller; the link may not point at a statement.',
				);
			}
			return bytes;
		}
		// An error answer's body is not needed: close it.
		(response?.body as { destroy?: () => void } | undefined)?.destroy?.();
		const status = response?.statusCode;
		const final = attempt >= transport.settings.maxRetries || (status !== undefined && status < 500);
		if (final) {
			throw linkError(
				transport,
				ctx,
				itemIndex,
				`Downloading the report file failed: ${status !== undefined ? `HTTP ${status}` : failure}`,
				status === 403 ? 'Report links expire about 600 s after they are issued: fetch the PDF report again.' : undefined,
				status,
			);
		}
		await transport.pause(backoffDelay(attempt, transport.settings.backoffBaseMs));
	}
}

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

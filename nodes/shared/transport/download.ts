import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { addressRisk, isLoopbackHost } from './address';
import { backoffDelay } from './backoff';
import { readBody, type BodyLimits } from './body';
import { networkCode } from './network';
import type { RequestContext, TransportSettings } from './types';

/** Redirects followed from one report link; each is checked before it is requested. */
export const MAX_REDIRECTS = 5;
/** Largest report file, unless settings.maxDownloadBytes says otherwise. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;
/** Longest a whole download may take (every attempt and redirect), unless settings.downloadTotalMs says otherwise. */
export const DEFAULT_DOWNLOAD_TOTAL_MS = 5 * 60_000;

/** What a download needs of the transport that runs it (request.ts's Transport is one). */
export interface DownloadHost {
	readonly settings: TransportSettings;
	/** The credential's Base URL: plain-http loopback links are accepted only when it is loopback too. */
	baseUrl(): Promise<string>;
	redact(text: string): string;
	cancelSignal(): AbortSignal | undefined;
	isCancelled(): boolean;
	cancelled(): Error;
	pause(ms: number): Promise<void>;
}

export interface DownloadOptions {
	/** 'pdf' (the default): a body that does not start with `%PDF-` is refused. */
	expect?: 'pdf' | 'any';
}

/**
 * Why a URL may not be fetched, or undefined when it may: https to a public host; loopback
 * (http or https) only when the credential's Base URL is loopback itself, i.e. the simulator.
 * Pure: decided from the URL text, without any traffic.
 */
export function linkRefusal(url: string, loopbackAllowed: boolean): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'not a URL';
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'not https';
	if (parsed.username !== '' || parsed.password !== '') return 'carries a user name or password';
	const risk = addressRisk(parsed.hostname);
	if (risk === 'loopback' && loopbackAllowed) return undefined;
	if (risk !== undefined) return `points at ${/^un[rs]/.test(risk) ? 'an' : 'a'} ${risk} address`;
	if (parsed.protocol !== 'https:') return 'not https';
	return undefined;
}

function linkError(host: DownloadHost, ctx: RequestContext, itemIndex: number, message: string, description?: string, status?: number): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { status_code: status ?? null } as JsonObject, {
		message,
		description,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex,
	});
	error.message = host.redact(message);
	return error;
}

const isRedirect = (status: number): boolean => [301, 302, 303, 307, 308].includes(status);

const closeBody = (response: IN8nHttpFullResponse | undefined): void =>
	(response?.body as { destroy?: () => void } | undefined)?.destroy?.();

/**
 * Downloads a pre-signed report link (no vendor keys are sent to it). Every URL requested, the
 * link and each redirect (at most MAX_REDIRECTS, followed here, never by the HTTP client), must
 * pass linkRefusal: https to a public host, loopback only for the simulator. The body is streamed
 * and refused past settings.maxDownloadBytes, when it is not a PDF where one is expected, when no
 * byte arrives for settings.downloadIdleMs (default: the request timeout), or when the whole
 * download passes settings.downloadTotalMs (default 5 minutes). The execution's cancel signal
 * aborts it; 5xx and connection failures are retried (a GET of a file: safe to repeat).
 */
export async function downloadLink(
	ctx: RequestContext,
	host: DownloadHost,
	url: string,
	itemIndex: number,
	options: DownloadOptions = {},
): Promise<Buffer> {
	const loopbackAllowed = isLoopbackBaseUrl(await host.baseUrl());
	const refused = linkRefusal(url, loopbackAllowed);
	if (refused !== undefined) {
		throw linkError(
			host,
			ctx,
			itemIndex,
			refused.startsWith('points at') ? `The report link ${refused}: not downloaded` : 'The report link is not an https URL: not downloaded',
			"Report links are pre-signed https URLs on the vendor's storage; a plain-http link, or one that points inside your network, is refused before anything is requested.",
		);
	}
	const { settings } = host;
	const cap = settings.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
	const totalMs = settings.downloadTotalMs ?? DEFAULT_DOWNLOAD_TOTAL_MS;
	const limits: BodyLimits = {
		cap,
		expectPdf: (options.expect ?? 'pdf') === 'pdf',
		idleMs: settings.downloadIdleMs ?? settings.timeoutMs,
		deadline: Date.now() + totalMs,
	};
	const timedOutError = (): NodeApiError =>
		linkError(
			host,
			ctx,
			itemIndex,
			`Downloading the report file took longer than ${Math.ceil(totalMs / 1000)} s: stopped`,
			'The storage server sent the file too slowly. Fetch the PDF report again for a fresh link.',
		);
	for (let attempt = 0; ; attempt++) {
		const outcome = await fetchFollowingChecked(ctx, host, url, loopbackAllowed, limits);
		if (outcome.kind === 'refused') {
			throw linkError(
				host,
				ctx,
				itemIndex,
				`The report link redirected to an address that is not a public https URL (${outcome.reason}): not downloaded`,
				'A report link may redirect only to another public https address; nothing was requested from the refused address.',
			);
		}
		if (outcome.kind === 'too_many_redirects') {
			throw linkError(host, ctx, itemIndex, `The report link redirected more than ${MAX_REDIRECTS} times: not downloaded`);
		}
		let status: number | undefined;
		let failure = outcome.kind === 'network' ? outcome.code : '';
		if (outcome.kind === 'response') {
			status = outcome.response.statusCode;
			if (status >= 200 && status < 300) {
				// A connection that breaks mid-body is a network failure like any other: retried.
				const bytes = await readBody(outcome.response.body, limits, () => host.isCancelled()).catch((error: unknown) => {
					if (host.isCancelled()) throw host.cancelled();
					return { broken: networkCode(error) };
				});
				if (bytes === 'cancelled') throw host.cancelled();
				if (bytes === 'too_large') {
					throw linkError(
						host,
						ctx,
						itemIndex,
						`The report file is larger than ${Math.round(cap / (1024 * 1024))} MB: not downloaded`,
						'A bank statement PDF is far smaller; the link may not point at a statement.',
					);
				}
				if (bytes === 'not_pdf') {
					throw linkError(
						host,
						ctx,
						itemIndex,
						'The report link did not return a PDF file: not stored',
						'The file does not start the way every PDF does (%PDF-). The link may have expired into an error page: fetch the PDF report again.',
					);
				}
				if (bytes === 'total') throw timedOutError();
				if (Buffer.isBuffer(bytes)) return bytes;
				// idle (no byte for a while) or broken mid-body: a new attempt may do better
				status = undefined;
				failure = bytes === 'idle' ? `no data for ${Math.ceil(limits.idleMs / 1000)} s (ETIMEDOUT)` : bytes.broken;
			} else {
				// An error answer's body is not needed: close it.
				closeBody(outcome.response);
			}
		}
		if (Date.now() >= limits.deadline) throw timedOutError();
		const final = attempt >= settings.maxRetries || (status !== undefined && status < 500);
		if (final) {
			throw linkError(
				host,
				ctx,
				itemIndex,
				`Downloading the report file failed: ${status !== undefined ? `HTTP ${status}` : failure}`,
				status === 403 ? 'Report links expire about 600 s after they are issued: fetch the PDF report again.' : undefined,
				status,
			);
		}
		await host.pause(backoffDelay(attempt, settings.backoffBaseMs));
	}
}

type FetchOutcome =
	| { kind: 'response'; response: IN8nHttpFullResponse }
	| { kind: 'network'; code: string }
	| { kind: 'refused'; reason: string }
	| { kind: 'too_many_redirects' };

/** One attempt: GET the link, following each redirect only after checking where it points. */
async function fetchFollowingChecked(
	ctx: RequestContext,
	host: DownloadHost,
	link: string,
	loopbackAllowed: boolean,
	limits: BodyLimits,
): Promise<FetchOutcome> {
	let url = link;
	for (let hop = 0; ; hop++) {
		const left = limits.deadline - Date.now();
		if (left <= 0) return { kind: 'network', code: 'ETIMEDOUT' };
		// The deadline covers the wait for headers too; n8n's cancel signal still aborts at once.
		const abort = new AbortController();
		const cancel = host.cancelSignal();
		const deadline = AbortSignal.timeout(left);
		const onAbort = (): void => abort.abort();
		if (cancel?.aborted) abort.abort();
		cancel?.addEventListener('abort', onAbort, { once: true });
		deadline.addEventListener('abort', onAbort, { once: true });
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// Redirects are followed below, each checked first: the HTTP client follows none.
				disableFollowRedirect: true,
				maxRedirects: 0,
				timeout: host.settings.timeoutMs,
				abortSignal: abort.signal,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			if (host.isCancelled()) throw host.cancelled();
			return { kind: 'network', code: abort.signal.aborted ? 'ETIMEDOUT' : networkCode(error) };
		} finally {
			cancel?.removeEventListener('abort', onAbort);
			deadline.removeEventListener('abort', onAbort);
		}
		if (!isRedirect(response.statusCode)) return { kind: 'response', response };
		closeBody(response);
		const location = response.headers.location;
		if (typeof location !== 'string' || location === '') return { kind: 'response', response };
		if (hop >= MAX_REDIRECTS) return { kind: 'too_many_redirects' };
		let next: string;
		try {
			next = new URL(location, url).toString();
		} catch {
			return { kind: 'refused', reason: 'not a URL' };
		}
		const refused = linkRefusal(next, loopbackAllowed);
		if (refused !== undefined) return { kind: 'refused', reason: refused };
		url = next;
	}
}

function isLoopbackBaseUrl(baseUrl: string): boolean {
	try {
		return isLoopbackHost(new URL(baseUrl).hostname);
	} catch {
		return false;
	}
}

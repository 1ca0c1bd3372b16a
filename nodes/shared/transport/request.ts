import type { ICredentialsDecrypted, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { DEFAULT_MAX_DOWNLOAD_BYTES, downloadLink, type DownloadHost, type DownloadOptions } from './download';
import { hintFor, shownBaseUrl, unreachableHint, withMessage } from './hints';
import { QueueHaltedError, RequestLimiter } from './limiter';
import { UNREACHABLE_CODES, networkCode } from './network';
import { isSecretCredentialField, maskSecrets } from './redact';
import { retryPlan, unsureNote, type Outcome as RetryOutcome } from './retry';
import type { ApiRequest, ApiResult, RequestContext, TransportSettings } from './types';
import { readResponse } from './response';
import type { VendorProfile } from './vendors';

export type { ApiRequest, ApiResult, RequestContext, TransportSettings } from './types';

/** What a Transport uses when the router passes no settings; the router starts from these too. */
export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	timeoutMs: 60_000,
	maxRetries: 4,
	maxRetryWaitMs: 120_000,
	backoffBaseMs: 500,
	repeatBilledAfterUnsure: false,
	maxDownloadBytes: DEFAULT_MAX_DOWNLOAD_BYTES,
};

type Outcome = RetryOutcome<ApiResult>;

/** The run's credential, read and decrypted once; n8n gets it back with every request. */
interface RunCredential {
	baseUrl: string;
	decrypted: ICredentialsDecrypted;
}

/**
 * The only place that talks HTTP to Finpass and FinPro: authentication through n8n's credential
 * helper, both response envelopes, vendor errors as NodeApiError, retries, and the shared limiter.
 */
export class Transport implements DownloadHost {
	private credential: Promise<RunCredential> | undefined;

	private secrets: string[] = [];

	/** The credential's Base URL once read, for error messages (networkHint). */
	private knownBaseUrl = '';

	constructor(
		private readonly ctx: RequestContext,
		readonly vendor: VendorProfile,
		readonly limiter: RequestLimiter = new RequestLimiter({ concurrency: 1, maxPerSecond: 0 }),
		readonly settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
	) {}

	/** Total HTTP attempts sent through this transport (benchmarks read it). */
	attempts = 0;

	async request(req: ApiRequest, itemIndex: number): Promise<ApiResult> {
		const credential = await this.runCredential();
		const retryAfter = retryPlan<ApiResult>(req, this.settings, this.vendor);
		for (let attempt = 0; ; attempt++) {
			await this.limiter.acquire(() => this.isCancelled());
			// An upload's body is built only now that the limiter admitted it (memory: files in flight).
			const built = req.build ? req.build().then((parts) => ({ ...req, ...parts })) : Promise.resolve(req);
			const sentAt = Date.now();
			const outcome = await built.then(async (ready) => await this.send(credential, ready)).catch((error: unknown) => {
				this.limiter.release();
				throw error;
			});
			if (outcome.kind === 'answer') this.limiter.answered(Date.now() - sentAt);
			const wait = retryAfter(outcome, attempt);
			const tooLong = wait !== undefined && wait > this.settings.maxRetryWaitMs;
			if (outcome.kind === 'answer' && outcome.result.statusCode === 429 && wait !== undefined) {
				// A wait longer than the cap fails this item only: the others are not held until then.
				this.limiter.rejected(tooLong ? undefined : Date.now() + wait);
			}
			let failure: NodeApiError | undefined;
			let result: ApiResult | undefined;
			if (wait === undefined) {
				try {
					result = this.finish(outcome, req, itemIndex, attempt);
				} catch (error) {
					failure = error as NodeApiError;
				}
			} else if (tooLong) {
				failure = this.error(outcome, itemIndex, {
					note: `${this.vendor.name} asked to retry after ${Math.ceil(wait / 1000)} s, longer than the ${Math.ceil(this.settings.maxRetryWaitMs / 1000)} s this node waits`,
				});
			} else if (attempt >= this.settings.maxRetries) {
				failure = this.error(outcome, itemIndex, { note: `gave up after ${attempt + 1} attempts` });
			}
			// Halt before the slot frees: the next queued item must not start after this one failed the run.
			if (failure && this.settings.haltOnError) this.limiter.halt();
			this.limiter.release();
			if (failure) throw failure;
			if (result) return result;
			await this.pause(wait ?? 0);
		}
	}

	/** Builds (does not throw) the NodeApiError for an answer the caller decided is a failure. */
	apiError(result: ApiResult, itemIndex: number, description?: string): NodeApiError {
		return this.error({ kind: 'answer', result }, itemIndex, { description });
	}

	/**
	 * Downloads a pre-signed report link (download.ts): public https only, each redirect checked,
	 * size-capped and timed, a PDF unless `expect: 'any'`, no vendor keys.
	 */
	async download(url: string, itemIndex: number, options?: DownloadOptions): Promise<Buffer> {
		return await downloadLink(this.ctx, this, url, itemIndex, options);
	}

	/** The credential's Base URL (no trailing slash). */
	async baseUrl(): Promise<string> {
		return (await this.runCredential()).baseUrl;
	}

	/** n8n's execution cancel signal (execute contexts only; webhook contexts have none). */
	cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal() : undefined;
	}

	/** True once the execution is cancelled or the run's queue halted (another item failed it). */
	isCancelled(): boolean {
		return this.cancelSignal()?.aborted === true || this.limiter.halted;
	}

	/** Sleeps in slices of at most 250 ms (n8n's sleep cannot be aborted), so a cancel stops it promptly. */
	async pause(ms: number): Promise<void> {
		const until = Date.now() + ms;
		for (let left = ms; left > 0; left = until - Date.now()) {
			if (this.isCancelled()) throw this.cancelled();
			await sleep(Math.min(left, 250));
		}
	}

	/** The error for a cancelled execution or a halted run: recognised by type (QueueHaltedError). */
	cancelled(): QueueHaltedError {
		return new QueueHaltedError(this.cancelSignal()?.aborted === true ? 'cancelled' : 'halted');
	}

	/** Hides one more value (e.g. a portal password typed into a node) in every error of this run. */
	addSecret(value: string): void {
		if (value.length >= 4 && !this.secrets.includes(value)) this.secrets.push(value);
	}

	/** Removes any credential value from a text before it can reach output or logs. */
	redact(text: string): string {
		return maskSecrets(text, this.secrets);
	}

	/** A description can quote what the vendor sent back (and so a key): masked like the message. */
	private redactDescription(error: NodeApiError): NodeApiError {
		if (typeof error.description === 'string') error.description = this.redact(error.description);
		return error;
	}

	/**
	 * Read once per run, as one shared promise: every item's first request awaits it, so 1,000
	 * items do not read and decrypt the credential 1,000 times before the first request goes out.
	 * It lives on this Transport, which lives for one execute() call: a changed key is read by the
	 * next run, never cached across runs.
	 */
	private async runCredential(): Promise<RunCredential> {
		this.credential ??= this.readCredentials();
		return await this.credential;
	}

	private async readCredentials(): Promise<RunCredential> {
		const type = this.vendor.credentialType;
		const data = await this.ctx.getCredentials(type);
		Object.entries(data)
			.filter(([key, value]) => isSecretCredentialField(key) && typeof value === 'string')
			.forEach(([, value]) => this.addSecret(value as string));
		const stored = this.ctx.getNode().credentials?.[type];
		this.knownBaseUrl = String(data.baseUrl ?? '').replace(/\/+$/, '');
		return {
			baseUrl: this.knownBaseUrl,
			decrypted: { id: stored?.id ?? '', name: stored?.name ?? '', type, data },
		};
	}

	private async send(credential: RunCredential, req: ApiRequest): Promise<Outcome> {
		const isBuffer = Buffer.isBuffer(req.body);
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${credential.baseUrl}${req.path}`,
			qs: req.qs,
			headers: { accept: 'application/json', ...(req.headers ?? {}) },
			body: req.body,
			json: !isBuffer,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.settings.timeoutMs,
		};
		this.attempts++;
		try {
			// The credential read at the start of the run goes along: without it n8n reads and
			// decrypts it again for every request (a database read, decryption and expression
			// resolution: most of a fast lookup's cost). n8n still applies the credential's own
			// `authenticate` to each request; an n8n without the option reads the credential itself.
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				this.vendor.credentialType,
				options,
				{ credentialsDecrypted: credential.decrypted },
			)) as IN8nHttpFullResponse;
			return { kind: 'answer', result: readResponse(this.vendor, response, req.textResponse === true) };
		} catch (error) {
			if (this.isCancelled()) throw this.cancelled();
			const detail = error instanceof Error ? error.message : String(error);
			return { kind: 'network', code: networkCode(error), detail };
		}
	}

	private finish(outcome: Outcome, req: ApiRequest, itemIndex: number, attempt: number): ApiResult {
		const unsure = unsureNote(outcome, req, this.settings, attempt);
		if (outcome.kind === 'network') {
			throw this.error(outcome, itemIndex, { note: unsure ?? (attempt > 0 ? `after ${attempt + 1} attempts` : undefined) });
		}
		if (unsure) throw this.error(outcome, itemIndex, { note: unsure });
		const { result } = outcome;
		// A 2xx whose body says it failed (FinPro `status: "failure"`, Finpass `success: false`) is a failure too.
		const failed = result.statusCode >= 400 || (!result.success && result.statusCode !== 202);
		if (failed && !(req.expectStatuses ?? []).includes(result.statusCode)) {
			throw this.error(outcome, itemIndex, {});
		}
		return result;
	}

	private error(
		outcome: Outcome,
		itemIndex: number,
		extra: { note?: string; description?: string },
	): NodeApiError {
		const vendor = this.vendor.name;
		if (outcome.kind === 'network') {
			const note = extra.note ? ` (${extra.note})` : '';
			// (no `code` key in the response object: NodeApiError would swap our message for a generic one)
			const reason = outcome.code === 'unknown' && outcome.detail ? `${outcome.detail}` : outcome.code;
			const unreachable = UNREACHABLE_CODES.has(outcome.code);
			const where = unreachable && this.knownBaseUrl ? ` at ${shownBaseUrl(this.knownBaseUrl)}` : '';
			const text = this.redact(`Could not reach ${vendor}${where}: ${reason}${note}`);
			// (a message is passed as well: without one NodeApiError moves the description into it)
			const error = new NodeApiError(this.ctx.getNode(), { network_error: outcome.code } as JsonObject, {
				message: text,
				description: extra.description ?? (unreachable ? unreachableHint(this.knownBaseUrl, vendor) : undefined),
				itemIndex,
			});
			return this.redactDescription(withMessage(error, text));
		}
		const { statusCode, message, code } = outcome.result;
		// Redacted before NodeApiError sees it: it copies the text into `messages` as well.
		const text = this.redact(message ?? `HTTP ${statusCode}`);
		const response: JsonObject = {
			status_code: statusCode,
			message: text,
			message_code: code ?? null,
		};
		const error = new NodeApiError(this.ctx.getNode(), response, {
			description:
				extra.description ??
				(this.vendor.isQuotaExhausted(statusCode, outcome.result)
					? `${vendor}'s quota for this call is used up; the node does not retry it. Try again when the quota resets.`
					: hintFor(statusCode, code, vendor)),
			httpCode: String(statusCode),
			itemIndex,
		});
		error.context.messageCode = code;
		error.context.statusCode = statusCode;
		return this.redactDescription(
			withMessage(error, this.redact(`${vendor}: ${text}${code ? ` [${code}]` : ''}${extra.note ? ` (${extra.note})` : ''}`)),
		);
	}
}

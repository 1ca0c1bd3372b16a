import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IWebhookFunctions } from 'n8n-workflow';

import type { VendorAnswer } from './vendors';

// What one request to a vendor is, what comes back, and how the transport sends it.

/** The n8n context a transport sends through: a node's execute() or a webhook. */
export type RequestContext = IExecuteFunctions | IWebhookFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with '/'. */
	path: string;
	body?: IDataObject | Buffer;
	qs?: IDataObject;
	headers?: IDataObject;
	/**
	 * True when sending the call twice cannot do anything twice (fetches, status, lookups).
	 * Init, upload and refresh are not: they are retried only when the vendor provably did not
	 * process them (never left the machine, 429, 503 with Retry-After).
	 */
	idempotent: boolean;
	/** Each call is charged: never repeated after an unsure failure unless opted in (retry.ts). */
	billed?: boolean;
	/**
	 * Sending it again would leave a second mark at the vendor (an inquiry, a consent, a job):
	 * never repeated after an unsure failure (retry.ts). When not given, a billed or non-idempotent
	 * request counts as leaving one.
	 */
	leavesMark?: boolean;
	/** Builds body and headers when the request goes out (after the limiter admits it): uploads. */
	build?: () => Promise<Pick<ApiRequest, 'body' | 'headers'>>;
	/** Error statuses the caller handles itself: returned instead of thrown. */
	expectStatuses?: number[];
	/** The answer may be a document that is not JSON (FinPro's XML): a 2xx text body is returned as it is. */
	textResponse?: boolean;
}

export interface ApiResult extends VendorAnswer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export interface TransportSettings {
	timeoutMs: number;
	/** Retries after the first attempt. */
	maxRetries: number;
	/** A Retry-After longer than this fails the item instead of holding the workflow. */
	maxRetryWaitMs: number;
	/** Base of the exponential backoff; tests shorten it. */
	backoffBaseMs: number;
	/** Opt-in: a billed call may be sent again after an unsure failure (docs/retries.md). */
	repeatBilledAfterUnsure?: boolean;
	/** Largest report file a download accepts. */
	maxDownloadBytes?: number;
	/** A download that receives no byte for this long fails (default: timeoutMs). */
	downloadIdleMs?: number;
	/** A download, every attempt and redirect included, fails after this long (default 5 minutes). */
	downloadTotalMs?: number;
	/** A failed request halts the run's queue (no Continue On Fail): set by the router. */
	haltOnError?: boolean;
}

import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { isObject } from '../json';
import { encodeMultipart, type MultipartPart } from './multipart';
import type { ApiRequest } from './request';

/**
 * One vendor endpoint: the facts every call to it shares. The vendor tables
 * (shared/finpass/endpoints.ts, shared/finpro/endpoints.ts) are the only place a path lives.
 */
export interface Endpoint {
	readonly method: IHttpRequestMethods;
	/** Below the credential's base URL, starting with '/'. */
	readonly path: string;
	/** Each call may be charged, or counts against a quota (docs/retries.md has the table). */
	readonly billed: boolean;
	/**
	 * A call leaves something at the vendor besides its answer, which a second send would leave
	 * again: a hard inquiry on the borrower's credit file (Multi-Bureau, EPFO-CRIF), a consent, an
	 * upload, an analysis job, a refresh against the monthly quota. Never sent again after an
	 * unclear failure (a 5xx, also a 503 with Retry-After; a reset or timeout after sending; a
	 * garbled answer). Calls that leave no mark (lookups, report reads, status checks) are sent
	 * again after one, billed ones a bounded number of times (transport/retry.ts).
	 */
	readonly leavesMark: boolean;
	/**
	 * A second send gives the same answer and starts nothing new. False for calls that start
	 * something (consent, upload, analysis, refresh): never repeated after an unclear failure,
	 * even with the opt-in *Repeat Billed Calls After Unclear Failures*, which covers only
	 * pulls that leave a mark but start nothing (Multi-Bureau, EPFO-CRIF).
	 */
	readonly idempotent: boolean;
	/**
	 * What the vendor documents leave unsure (docs/api-contract.md). Every operation's Request
	 * Options offer Custom Path and Extra Body; HTTP Method only where the method is an assumption.
	 */
	readonly assumed?: { readonly path?: boolean; readonly method?: boolean };
	/** The field that names the resource, sent as ?field= when the method is GET (shown in hints). */
	readonly idField?: string;
}

/** What one call adds to its endpoint. */
export interface CallParts {
	/** JSON fields; a GET sends them in the query string. */
	body?: IDataObject;
	/**
	 * A multipart upload; Request Options → Extra Body fields become extra form fields. A function is
	 * called only when the request goes out (after the limiter admits it), so files waiting in the
	 * queue are not held in memory.
	 */
	form?: MultipartPart[] | (() => Promise<MultipartPart[]>);
	qs?: IDataObject;
	headers?: IDataObject;
	/** Error statuses the caller handles itself: returned instead of thrown. */
	expectStatuses?: number[];
	/** The answer may be a document that is not JSON (FinPro's XML). */
	textResponse?: boolean;
}

/** The overrides in an item's Request Options, read and checked in `prepare` (before any request). */
export interface Overrides {
	path?: string;
	method?: IHttpRequestMethods;
	extraBody: IDataObject;
}

export const NO_OVERRIDES: Overrides = { extraBody: {} };

/** Reads an item's Request Options overrides; bad Extra Body JSON fails the item before anything is sent. */
export function readOverrides(fn: IExecuteFunctions, itemIndex: number): Overrides {
	const advanced = fn.getNodeParameter('requestOptions', itemIndex, {}) as {
		path?: string;
		extraBody?: string | IDataObject;
		method?: IHttpRequestMethods;
	};
	let extraBody: IDataObject = {};
	if (typeof advanced.extraBody === 'string' && advanced.extraBody.trim() !== '') {
		let parsed: unknown;
		try {
			parsed = jsonParse(advanced.extraBody);
		} catch {
			throw new NodeOperationError(fn.getNode(), 'Request Options → Extra Body Fields is not valid JSON', {
				itemIndex,
				description: 'Nothing was sent to the API for this item.',
			});
		}
		extraBody = isObject(parsed) ? parsed : {};
	} else if (isObject(advanced.extraBody)) {
		extraBody = advanced.extraBody;
	}
	const path = advanced.path?.trim() ? `/${advanced.path.trim().replace(/^\/+/, '')}` : undefined;
	return { path, method: advanced.method, extraBody };
}

/**
 * Which of an operation's overrides apply to a call: all of them to the operation's own endpoint;
 * to another endpoint only HTTP Method, when that endpoint's method is unsure too (ITR's status
 * and data share the one unsure choice, so Get Full Data's waits use it).
 */
export function overridesFor(own: Endpoint, overrides: Overrides, target: Endpoint): Overrides {
	// A method the documents settle is never overridden (an older workflow may still carry one).
	if (target === own) return own.assumed?.method ? overrides : { ...overrides, method: undefined };
	return target.assumed?.method && overrides.method ? { method: overrides.method, extraBody: {} } : NO_OVERRIDES;
}

/** The request for one call: the endpoint's facts, the call's parts, the user's overrides. */
export function endpointRequest(endpoint: Endpoint, parts: CallParts, overrides: Overrides = NO_OVERRIDES): ApiRequest {
	const method = overrides.method ?? endpoint.method;
	const extra = overrides.extraBody;
	let body: IDataObject | Buffer | undefined = parts.body;
	let qs = parts.qs;
	const headers = parts.headers;
	let build: ApiRequest['build'];
	const { form } = parts;
	if (form) {
		const extraFields = Object.entries(extra).map(([name, value]) => ({
			name,
			value: typeof value === 'string' ? value : JSON.stringify(value),
		}));
		build = async () => {
			const encoded = encodeMultipart([...(typeof form === 'function' ? await form() : form), ...extraFields]);
			return { body: encoded.body, headers: { ...(parts.headers ?? {}), 'content-type': encoded.contentType } };
		};
	} else if (Object.keys(extra).length > 0) {
		body = { ...(body ?? {}), ...extra };
	}
	// A GET carries its fields in the query string.
	if (method === 'GET' && body && !Buffer.isBuffer(body)) {
		qs = { ...(qs ?? {}), ...body };
		body = undefined;
	}
	return {
		method,
		path: overrides.path ?? endpoint.path,
		body,
		qs,
		headers,
		build,
		idempotent: endpoint.idempotent,
		billed: endpoint.billed,
		leavesMark: endpoint.leavesMark,
		expectStatuses: parts.expectStatuses,
		textResponse: parts.textResponse,
	};
}

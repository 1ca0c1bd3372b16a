import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, jsonParse } from 'n8n-workflow';

import {
	DEFAULT_TRANSPORT_SETTINGS,
	RequestLimiter,
	Transport,
	type ApiRequest,
	type ApiResult,
	type VendorProfile,
} from './transport';

/** What an operation gets besides its item: the run's transport, shared by all items. */
export interface RunContext {
	fn: IExecuteFunctions;
	transport: Transport;
	/** Sends one request for an item, with the Advanced path/body overrides applied. */
	call(req: ApiRequest, itemIndex: number): Promise<ApiResult>;
}

/**
 * One operation = one file: its parameters, a `prepare` that reads and validates an item without
 * any I/O (so a bad item stops the run before anything is sent), and a `run` that calls the API.
 */
export interface Operation<P = unknown> {
	description: INodeProperties[];
	prepare(fn: IExecuteFunctions, itemIndex: number): P | Promise<P>;
	run(ctx: RunContext, itemIndex: number, input: P): Promise<INodeExecutionData[]>;
	/** Runs once after all items, e.g. to put the execution to wait (send-and-wait operations). */
	afterRun?(fn: IExecuteFunctions, itemIndex: number): Promise<void>;
}

export type OperationMap = Record<string, Operation<unknown>>;

/** Each operation's input type is its own; the map holds them erased to unknown. */
export function defineOperation<P>(operation: Operation<P>): Operation<unknown> {
	return operation as unknown as Operation<unknown>;
}

interface RequestOptions {
	concurrency?: number;
	maxRequestsPerSecond?: number;
	timeout?: number;
	maxRetries?: number;
}

/** JSON items from vendor payloads. */
export function jsonItems(data: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
}

export function asObject(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

/**
 * Runs the chosen operation over every input item: validate all, then call through one limiter
 * with bounded concurrency. Output order and pairedItem follow the input; under "Continue On
 * Fail" a failed item becomes an error item and the others go on.
 */
export async function runOperation(
	fn: IExecuteFunctions,
	vendor: VendorProfile,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	const name = fn.getNodeParameter('operation', 0) as string;
	const operation = operations[name] as Operation<unknown> | undefined;
	if (!operation) throw new NodeOperationError(fn.getNode(), `Unknown operation "${name}"`);
	const options = fn.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
	const limiter = new RequestLimiter({
		concurrency: options.concurrency ?? 5,
		maxPerSecond: options.maxRequestsPerSecond ?? 0,
	});
	const transport = new Transport(fn, vendor, limiter, {
		...DEFAULT_TRANSPORT_SETTINGS,
		timeoutMs: (options.timeout ?? DEFAULT_TRANSPORT_SETTINGS.timeoutMs / 1000) * 1000,
		maxRetries: options.maxRetries ?? DEFAULT_TRANSPORT_SETTINGS.maxRetries,
	});
	const ctx: RunContext = {
		fn,
		transport,
		call: async (req, itemIndex) => transport.request(applyAdvanced(fn, req, itemIndex), itemIndex),
	};
	const continueOnFail = fn.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);

	// Phase 1: every item is read and validated before the first request goes out.
	const prepared: Array<{ ok: true; input: unknown } | { ok: false; error: Error }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push({ ok: true, input: await operation.prepare(fn, i) });
		} catch (error) {
			const wrapped = asNodeError(fn, error, i);
			if (!continueOnFail) throw wrapped;
			prepared.push({ ok: false, error: wrapped });
		}
	}

	// Phase 2: calls, paced by the shared limiter. Without Continue On Fail the first failure halts
	// the queue (nothing new is sent) and the lowest failing item's error is reported.
	let halted = false;
	const failures: Array<{ index: number; error: Error }> = [];
	await Promise.all(
		prepared.map(async (entry, i) => {
			if (!entry.ok) {
				results[i] = [errorItem(entry.error, i)];
				return;
			}
			try {
				if (halted) return;
				const out = await operation.run(ctx, i, entry.input);
				results[i] = out.map((item) => ({ ...item, pairedItem: { item: i } }));
			} catch (error) {
				const wrapped = asNodeError(fn, error, i);
				if (continueOnFail) {
					results[i] = [errorItem(wrapped, i)];
				} else if (!halted || !/cancelled/.test(wrapped.message)) {
					halted = true;
					limiter.halt();
					failures.push({ index: i, error: wrapped });
				}
			}
		}),
	);
	if (failures.length > 0) {
		failures.sort((a, b) => a.index - b.index);
		throw failures[0].error;
	}
	const succeeded = results.findIndex((out) => out.length > 0 && out[0].json.error === undefined);
	if (operation.afterRun && succeeded >= 0) await operation.afterRun(fn, succeeded);
	return [results.flat()];
}

function applyAdvanced(fn: IExecuteFunctions, req: ApiRequest, itemIndex: number): ApiRequest {
	const advanced = fn.getNodeParameter('advanced', itemIndex, {}) as {
		path?: string;
		extraBody?: string | IDataObject;
		method?: 'GET' | 'POST';
	};
	const path = advanced.path?.trim() ? `/${advanced.path.trim().replace(/^\/+/, '')}` : req.path;
	let extra: IDataObject = {};
	if (typeof advanced.extraBody === 'string' && advanced.extraBody.trim() !== '') {
		try {
			extra = asObject(jsonParse(advanced.extraBody));
		} catch {
			throw new NodeOperationError(fn.getNode(), 'Advanced → Extra Body Fields is not valid JSON', {
				itemIndex,
			});
		}
	} else if (typeof advanced.extraBody === 'object' && advanced.extraBody !== null) {
		extra = advanced.extraBody;
	}
	const method = advanced.method ?? req.method;
	let { body, qs } = req;
	if (Object.keys(extra).length > 0 && !Buffer.isBuffer(body)) body = { ...(body ?? {}), ...extra };
	// A GET carries its fields in the query string.
	if (method === 'GET' && body && !Buffer.isBuffer(body)) {
		qs = { ...(qs ?? {}), ...body };
		body = undefined;
	}
	return { ...req, path, method, body, qs };
}

function asNodeError(fn: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(fn.getNode(), message, { itemIndex });
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError) {
		if (error.description) json.description = error.description;
		if (error.httpCode) json.http_code = error.httpCode;
		if (error.context.messageCode !== undefined) json.message_code = error.context.messageCode;
	} else if (error instanceof NodeOperationError && error.description) {
		json.description = error.description;
	}
	return { json, pairedItem: { item: itemIndex } };
}

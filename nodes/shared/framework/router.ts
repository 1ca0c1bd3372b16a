import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_TRANSPORT_SETTINGS,
	QueueHaltedError,
	RequestLimiter,
	Transport,
	endpointRequest,
	overridesFor,
	readOverrides,
	type Overrides,
	type VendorProfile,
} from '../transport';
import type { Operation, RunContext } from './operation';
import { prepareReader } from './reader';

interface RequestOptions {
	concurrency?: number;
	maxRequestsPerSecond?: number;
	timeout?: number;
	maxRetries?: number;
	repeatBilledCalls?: boolean;
}

type Prepared = { ok: true; input: unknown; overrides: Overrides } | { ok: false; error: Error };

/**
 * Runs the chosen operation over every input item: validate all, then call through one limiter
 * with bounded concurrency. Output order and pairedItem follow the input; under "Continue On
 * Fail" a failed item becomes an error item and the others go on.
 */
export async function runOperation(
	fn: IExecuteFunctions,
	vendor: VendorProfile,
	operations: readonly Operation[],
): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	const name = fn.getNodeParameter('operation', 0) as string;
	const operation = operations.find((candidate) => candidate.value === name);
	if (!operation) throw new NodeOperationError(fn.getNode(), `Unknown operation "${name}"`);
	const options = fn.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
	const limiter = new RequestLimiter({
		concurrency: options.concurrency ?? 5,
		maxPerSecond: options.maxRequestsPerSecond ?? 0,
		// Cancel halts the queue: queued items end at once instead of being worked through.
		cancelSignal: fn.getExecutionCancelSignal(),
	});
	// One retry count (docs/retries.md): with n8n's Retry On Fail on, n8n repeats the node and the
	// node's own retries are off, so the two never multiply.
	const ownRetries = fn.getNode().retryOnFail === true ? 0 : options.maxRetries ?? DEFAULT_TRANSPORT_SETTINGS.maxRetries;
	const transport = new Transport(fn, vendor, limiter, {
		...DEFAULT_TRANSPORT_SETTINGS,
		timeoutMs: (options.timeout ?? DEFAULT_TRANSPORT_SETTINGS.timeoutMs / 1000) * 1000,
		maxRetries: ownRetries,
		repeatBilledAfterUnsure: options.repeatBilledCalls === true,
		haltOnError: !fn.continueOnFail(),
	});
	const continueOnFail = fn.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);

	// Phase 1: every item is read and validated (its Advanced overrides too) before the first
	// request goes out.
	const prepared: Prepared[] = [];
	const reader = prepareReader(fn);
	for (let i = 0; i < items.length; i++) {
		try {
			const input = await operation.prepare(reader, i);
			prepared.push({ ok: true, input, overrides: readOverrides(reader, i) });
		} catch (error) {
			const wrapped = asNodeError(fn, error, i);
			if (!continueOnFail) throw wrapped;
			prepared.push({ ok: false, error: wrapped });
		}
	}

	const ctx: RunContext = {
		fn,
		transport,
		call: async (endpoint, parts, itemIndex) => {
			const entry = prepared[itemIndex];
			const overrides = entry?.ok ? overridesFor(operation.endpoint, entry.overrides, endpoint) : undefined;
			return await transport.request(endpointRequest(endpoint, parts, overrides), itemIndex);
		},
	};

	// Phase 2: calls, paced by the shared limiter. Without Continue On Fail the first failure halts
	// the queue (nothing new is sent) and the lowest failing item's error is reported. Items the
	// halt or a cancel stopped before they were sent end with QueueHaltedError (by type, never by
	// message): they are not failures of their own.
	const failures: Array<{ index: number; error: Error }> = [];
	let cancelled: QueueHaltedError | undefined;
	await Promise.all(
		prepared.map(async (entry, i) => {
			if (!entry.ok) {
				results[i] = [errorItem(entry.error, i)];
				return;
			}
			try {
				if (limiter.halted) throw new QueueHaltedError('halted');
				const out = await operation.run(ctx, i, entry.input);
				results[i] = out.map((item) => ({ ...item, pairedItem: { item: i } }));
			} catch (error) {
				if (error instanceof QueueHaltedError) {
					if (error.reason === 'cancelled') cancelled ??= error;
					return;
				}
				const wrapped = asNodeError(fn, error, i);
				if (continueOnFail) {
					results[i] = [errorItem(wrapped, i)];
				} else {
					limiter.halt();
					failures.push({ index: i, error: wrapped });
				}
			}
		}),
	).finally(() => limiter.dispose());
	if (failures.length > 0) {
		failures.sort((a, b) => a.index - b.index);
		throw failures[0].error;
	}
	if (cancelled) throw new NodeOperationError(fn.getNode(), cancelled.message);
	const succeeded = results.findIndex((out) => out.length > 0 && out[0].json.error === undefined);
	if (operation.afterRun && succeeded >= 0) await operation.afterRun(fn, succeeded);
	return [results.flat()];
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

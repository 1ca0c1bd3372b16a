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
import { optionNumber, type NumberRange } from '../validation/numbers';
import type { Operation, RunContext } from './operation';
import { prepareReader } from './reader';

interface RequestOptions {
	concurrency?: number;
	maxRequestsPerSecond?: number;
	timeout?: number;
	maxRetries?: number;
	repeatBilledCalls?: boolean;
}

/** The ranges of Request Options (checked before any request; the editor shows the lower bounds). */
export const REQUEST_OPTION_RANGES = {
	concurrency: { min: 1, max: 100, integer: true },
	maxRequestsPerSecond: { min: 0, max: 10_000 },
	maxRetries: { min: 0, max: 10, integer: true },
	timeout: { min: 1, max: 3600 },
} satisfies Record<string, NumberRange>;

/** Request Options as the node uses them: every number finite and in range, else the run stops. */
function readRequestOptions(fn: IExecuteFunctions): Required<RequestOptions> {
	const options = fn.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
	const node = fn.getNode();
	const read = (key: keyof typeof REQUEST_OPTION_RANGES, fallback: number, label: string) =>
		optionNumber(node, options ?? {}, key, fallback, REQUEST_OPTION_RANGES[key], 0, `Request Options → ${label}`);
	return {
		repeatBilledCalls: options?.repeatBilledCalls === true,
		concurrency: read('concurrency', 5, 'Concurrency'),
		maxRequestsPerSecond: read('maxRequestsPerSecond', 0, 'Max Requests per Second'),
		maxRetries: read('maxRetries', DEFAULT_TRANSPORT_SETTINGS.maxRetries, 'Max Retries'),
		timeout: read('timeout', DEFAULT_TRANSPORT_SETTINGS.timeoutMs / 1000, 'Timeout (Seconds)'),
	};
}

/**
 * n8n's Retry On Fail runs the whole node again, sending every item again, those that succeeded
 * too: for a call that leaves a mark (a bureau inquiry, a consent, an upload, a job, a refresh)
 * that is a second one each. Such operations refuse to run with it, before anything is sent.
 */
function refuseRetryOnFail(fn: IExecuteFunctions, operation: Operation): void {
	const node = fn.getNode();
	if (node.retryOnFail !== true || !operation.endpoint.leavesMark) return;
	throw new NodeOperationError(
		node,
		`${operation.name} cannot run with Retry On Fail on: n8n would send every item again, also those that succeeded`,
		{
			description:
				'Each call leaves a mark at Finpass (a credit inquiry, a consent, an upload, an analysis or a refresh), so a re-run repeats it for every item. Turn off Settings → Retry On Fail. The node already repeats what is safe to repeat: Request Options → Max Retries. To keep one failed item from stopping the others, use Settings → On Error → Continue.',
		},
	);
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
	refuseRetryOnFail(fn, operation);
	const options = readRequestOptions(fn);
	const limiter = new RequestLimiter({
		concurrency: options.concurrency,
		maxPerSecond: options.maxRequestsPerSecond,
		// Cancel halts the queue: queued items end at once instead of being worked through.
		cancelSignal: fn.getExecutionCancelSignal(),
	});
	// One retry count (docs/retries.md): with n8n's Retry On Fail on, n8n repeats the node and the
	// node's own retries are off, so the two never multiply.
	const ownRetries = fn.getNode().retryOnFail === true ? 0 : options.maxRetries;
	const transport = new Transport(fn, vendor, limiter, {
		...DEFAULT_TRANSPORT_SETTINGS,
		timeoutMs: options.timeout * 1000,
		maxRetries: ownRetries,
		repeatBilledAfterUnsure: options.repeatBilledCalls,
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
		waitHost: {
			node: fn.getNode(),
			pause: async (ms) => await transport.pause(ms),
			vendorError: (result, itemIndex, description) => transport.apiError(result, itemIndex, description),
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

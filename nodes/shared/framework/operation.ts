import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ApiResult, CallParts, Endpoint, Transport } from '../transport';
import type { WaitHost } from '../wait/wait';

/** What an operation gets besides its item: the run's transport, shared by all items. */
export interface RunContext {
	fn: IExecuteFunctions;
	/** For what is not a call to an endpoint: `fail`, `pause`, `download`. */
	transport: Transport;
	/**
	 * The one call path: one request to an endpoint for an item, with the Advanced overrides the
	 * user set (read in `prepare`) applied by the endpoint rules (transport/endpoint.ts).
	 */
	call(endpoint: Endpoint, parts: CallParts, itemIndex: number): Promise<ApiResult>;
	/** What the shared wait (shared/wait) needs of the run: the node, a pause, the vendor's errors. */
	waitHost: WaitHost;
}

/**
 * One operation = one file, the only place that names it: its value, its option texts, the
 * endpoint its Advanced overrides apply to, its parameters (shown only for it: the framework adds
 * the displayOptions), a `prepare` that reads and validates an item without any I/O (so a bad
 * item stops the run before anything is sent), and a `run` that calls the API.
 */
export interface OperationSpec<P, V extends string> {
	/** The value stored in workflows: never change it once released. */
	value: V;
	/** The option's name in the Operation list. */
	name: string;
	/** The option's description (under the name). */
	description: string;
	/** What n8n shows an AI agent that uses the node as a tool. */
	action: string;
	endpoint: Endpoint;
	properties: INodeProperties[];
	prepare(fn: IExecuteFunctions, itemIndex: number): P | Promise<P>;
	run(ctx: RunContext, itemIndex: number, input: P): Promise<INodeExecutionData[]>;
	/** Runs once after all items, e.g. to put the execution to wait (send-and-wait operations). */
	afterRun?(fn: IExecuteFunctions, itemIndex: number): Promise<void>;
}

/** An operation with its input type erased, so one node's operations fit in one list. */
export type Operation<V extends string = string> = OperationSpec<unknown, V>;

/**
 * Both types are inferred: the value's literal from `value`, the input from `prepare`'s return
 * type (annotate it), so `run` is checked against what `prepare` gives.
 */
export function defineOperation<P, V extends string>(spec: OperationSpec<P, V>): Operation<V> {
	return spec as unknown as Operation<V>;
}

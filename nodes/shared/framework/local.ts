import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { operationSelector, type NodeOperations } from './descriptions';

/**
 * Operations that compute inside n8n and send nothing (the Underwriting Insights node): declared
 * the way every action node declares its operations (one file each, the only place that names
 * it; the framework builds the Operation selector and shows each operation's parameters only for
 * it), but without an endpoint, Advanced overrides or Request Options, and run over all input
 * items at once instead of item by item through the transport (they have no credentials).
 */
export interface LocalOperationSpec<V extends string> {
	/** The value stored in workflows: never change it once released. */
	value: V;
	/** The option's name in the Operation list. */
	name: string;
	/** The option's description (under the name). */
	description: string;
	/** What n8n shows an AI agent that uses the node as a tool. */
	action: string;
	properties: INodeProperties[];
	/** All input items at once; pairedItem on every output item. */
	execute(fn: IExecuteFunctions): INodeExecutionData[][] | Promise<INodeExecutionData[][]>;
}

export type LocalOperation<V extends string = string> = LocalOperationSpec<V>;

export function defineLocalOperation<V extends string>(spec: LocalOperationSpec<V>): LocalOperation<V> {
	return spec;
}

/** A local node: its one resource and its operations. */
export type LocalNode<O extends readonly LocalOperation[]> = NodeOperations<O>;

/** A local node's parameters: its hidden Resource, the Operation selector, then each operation's own (shown only for it). */
export function localActionProperties<O extends readonly LocalOperation[]>(node: LocalNode<O>): INodeProperties[] {
	return [
		...operationSelector(node),
		...node.operations.flatMap((operation) => updateDisplayOptions({ show: { operation: [operation.value] } }, operation.properties)),
	];
}

/** Runs the chosen local operation. */
export async function runLocalOperation(fn: IExecuteFunctions, operations: readonly LocalOperation[]): Promise<INodeExecutionData[][]> {
	const name = fn.getNodeParameter('operation', 0) as string;
	const operation = operations.find((candidate) => candidate.value === name);
	if (!operation) throw new NodeOperationError(fn.getNode(), `Unknown operation "${name}"`);
	return operation.execute(fn);
}

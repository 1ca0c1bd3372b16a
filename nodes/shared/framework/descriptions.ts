import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../transport';
import type { Operation } from './operation';

/** What every action node offers for pacing, read once per node run by the router. */
const pacingOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 5,
		description:
			'How many requests this node keeps in flight at once across all items. If the API answers "too many requests", the node waits as it asks and lowers this for the rest of the run.',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Upper limit on new requests started per second. 0 means no limit.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 4,
		description:
			'Retries for rate limits and temporary server errors: the one retry setting (leave n8n\'s Retry On Fail off: it sends every item again; when it is on, these retries are off, and operations that start something or pull a credit report refuse to run). Lookups and reads are repeated; consent init, uploads, refreshes and bureau pulls only when the API provably did not process them.',
	},
	{
		displayName: 'Repeat Billed Calls After Unclear Failures',
		name: 'repeatBilledCalls',
		type: 'boolean',
		default: false,
		description:
			'Whether a Multi-Bureau or EPFO-CRIF pull may be sent again after a server error, timeout or dropped connection, when it may already have been processed and charged. A repeated pull can also count as another credit inquiry. Registry lookups are repeated (at most twice) without it.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long one request may take before it counts as failed',
	},
];

/** A choice among a few values (an `options` parameter). */
export function choiceProperty(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	defaultValue: string,
	more: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'options', options, default: defaultValue, ...more };
}

/** Return All (on or off at first) and Limit, for operations that can list many results. */
export function returnAllProperties(options: { returnAll: boolean; returnAllHint?: string; limitHint?: string }): INodeProperties[] {
	const returnAll: INodeProperties = {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		...(options.returnAllHint ? { hint: options.returnAllHint } : {}),
	};
	return [
		options.returnAll ? { ...returnAll, default: true } : returnAll,
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
			...(options.limitHint ? { hint: options.limitHint } : {}),
		},
	];
}

/** An operation as the Operation list shows it. */
type ListedOperation = { name: string; value: string; action: string; description: string };

/** What a node declares: its one resource (never shown, see `operationSelector`; kept for AI agents and the node panel) and its operations. */
export interface NodeOperations<O extends readonly ListedOperation[]> {
	resource: { name: string; value: string };
	operations: O;
	defaultOperation: O[number]['value'];
}

/** The node's hidden Resource, its Operation selector, then each operation's parameters and its Request Options. */
export type ActionNode<O extends readonly Operation[]> = NodeOperations<O>;

/**
 * Every action node's parameters, built from its operations: the option list (in the index's
 * order), each operation's own parameters shown only for it, and its Request Options (pacing and
 * the overrides of its endpoint), so no operation shows more than its own collection and this one.
 */
export function actionProperties<O extends readonly Operation[]>(node: ActionNode<O>): INodeProperties[] {
	return [
		...operationSelector(node),
		...node.operations.flatMap((operation) => [
			...updateDisplayOptions({ show: { operation: [operation.value] } }, operation.properties),
			requestOptionsProperty(operation.value, operation.endpoint),
		]),
	];
}

/**
 * The node's subtitle under its name on the canvas: the chosen operation's name ("Initialize
 * Consent and Wait"), never its stored value, looked up in a map built from the operations.
 */
export function operationSubtitle(operations: ReadonlyArray<{ value: string; name: string }>): string {
	const names = Object.fromEntries(operations.map(({ value, name }) => [value, name]));
	return `={{ (${JSON.stringify(names)})[$parameter["operation"]] }}`;
}

/**
 * The resource and the operation list. Each node has one resource, so the user sees no Resource
 * selector (a one-option dropdown), yet the parameter stays, hidden, with its one value as the
 * default: n8n describes a node used as an AI tool as "<action> in <node name>" only when it finds
 * the `operation` parameter shown for the node's `resource` value (n8n-workflow's
 * `resolveResourceAndOperation`), and the node panel lists the actions per resource option.
 */
export function operationSelector(node: NodeOperations<readonly ListedOperation[]>): INodeProperties[] {
	const values = node.operations.map((operation) => operation.value);
	const repeated = values.find((value, index) => values.indexOf(value) !== index);
	if (repeated !== undefined) throw new Error(`Two operations have the value "${repeated}"`);
	const { resource, defaultOperation } = node;
	const resourceValue = resource.value;
	const options = node.operations.map(({ name, value, action, description }) => ({ name, value, action, description }));
	return [
		hiddenResourceProperty(resource),
		choiceProperty('Operation', 'operation', options, defaultOperation, {
			noDataExpression: true,
			displayOptions: { show: { resource: [resourceValue] } },
		}),
	];
}

/** A node's one resource, not shown (see `operationSelector`). */
export function hiddenResourceProperty(resource: { name: string; value: string }): INodeProperties {
	const { value } = resource;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'hidden',
		noDataExpression: true,
		options: [{ name: resource.name, value }],
		default: value,
	};
}

/**
 * "Request Options", one per operation: the pacing every node shares, and Custom Path and Extra
 * Body Fields (HTTP Method where the endpoint's method is an assumption) for its own endpoint, so
 * a user can follow the vendor without a release. transport/endpoint.ts applies the overrides.
 */
function requestOptionsProperty(operation: string, endpoint: Endpoint): INodeProperties {
	const defaultPath = endpoint.path;
	const defaultMethod = endpoint.method;
	const overrides: INodeProperties[] = [
		{
			displayName: 'Custom Path',
			name: 'path',
			type: 'string',
			default: '',
			placeholder: `e.g. ${defaultPath}`,
			description: `Path below the base URL, only if your provider gives you another one. Empty uses ${defaultPath}.`,
		},
		{
			displayName: 'Extra Body Fields (JSON)',
			name: 'extraBody',
			type: 'json',
			default: '{}',
			description: 'Fields merged into the request body, e.g. ones the API added after this node was released',
		},
	];
	if (endpoint.assumed?.method) {
		const methods = [{ name: 'GET', value: 'GET' }, { name: 'POST', value: 'POST' }];
		overrides.push(
			choiceProperty('HTTP Method', 'method', methods, defaultMethod, {
				description:
					defaultMethod === 'GET'
						? `GET with ?${endpoint.idField ?? 'client_id'}=, unless your Finpass contact says POST`
						: 'POST, unless your Finpass contact says otherwise',
			}),
		);
	}
	const options = [...pacingOptions, ...overrides].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		description: 'How this node sends its requests: pacing over many items, retries, timeout, and a custom path or extra body fields',
		options,
	};
}

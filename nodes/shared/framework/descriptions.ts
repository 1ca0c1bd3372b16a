import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../transport';
import type { Operation } from './operation';

/** Request options every action node shows; read once per node run by the router. */
const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description: 'How this node paces its calls to the API when it runs over many items',
	options: [
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
				'Retries for rate limits and temporary server errors: the one retry setting (leave n8n\'s Retry On Fail off; when it is on, these retries are off). Consent init, uploads, refreshes and billed pulls are repeated only when the API provably did not process them.',
		},
		{
			displayName: 'Repeat Billed Calls After Unclear Failures',
			name: 'repeatBilledCalls',
			type: 'boolean',
			default: false,
			description:
				'Whether a billed call (Multi-Bureau, EPFO, registry lookups) may be sent again after a server error, timeout or dropped connection, when it may already have been processed and charged. A repeated bureau pull can also count as another credit inquiry.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long one request may take before it counts as failed',
		},
	],
};

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

/** The node's hidden Resource, its Operation selector, then each operation's parameters, then Request Options. */
export interface ActionNode<O extends readonly Operation[]> {
	/** The one resource the node has: never shown (see `operationSelector`), kept for AI agents and the node panel. */
	resource: { name: string; value: string };
	operations: O;
	defaultOperation: O[number]['value'];
}

/**
 * Every action node's parameters, built from its operations: the option list (in the index's
 * order), each operation's own parameters shown only for it, and its Advanced overrides.
 */
export function actionProperties<O extends readonly Operation[]>(node: ActionNode<O>): INodeProperties[] {
	const values = node.operations.map((operation) => operation.value);
	const repeated = values.find((value, index) => values.indexOf(value) !== index);
	if (repeated !== undefined) throw new Error(`Two operations have the value "${repeated}"`);
	return [
		...operationSelector(node),
		...node.operations.flatMap((operation) => [
			...updateDisplayOptions({ show: { operation: [operation.value] } }, operation.properties),
			advancedProperty(operation.value, operation.endpoint),
		]),
		requestOptionsProperty,
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
export function operationSelector(node: {
	resource: { name: string; value: string };
	operations: ReadonlyArray<{ name: string; value: string; action: string; description: string }>;
	defaultOperation: string;
}): INodeProperties[] {
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
 * "Advanced" collection: Custom Path and Extra Body on every operation, HTTP Method where the
 * endpoint's method is an assumption (API README): a user can correct them without a release.
 * transport/endpoint.ts applies them.
 */
function advancedProperty(operation: string, endpoint: Endpoint): INodeProperties {
	const defaultPath = endpoint.path;
	const defaultMethod = endpoint.method;
	const options: INodeProperties[] = [
		{
			displayName: 'Custom Path',
			name: 'path',
			type: 'string',
			default: '',
			placeholder: `e.g. ${defaultPath}`,
			description: `Path below the base URL. Empty uses ${defaultPath}.`,
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
		options.push(
			choiceProperty('HTTP Method', 'method', methods, defaultMethod, {
				description:
					defaultMethod === 'GET'
						? `The method the documents leave unsure: GET with ?${endpoint.idField ?? 'client_id'}= unless your Finpass contact says POST`
						: 'The method the documents leave unsure; POST unless your Finpass contact says otherwise',
			}),
		);
	}
	return {
		displayName: 'Advanced',
		name: 'advanced',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options,
	};
}

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Request options every action node shows; read once per node run by the router. */
export const requestOptionsProperty: INodeProperties = {
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
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long one request may take before it counts as failed',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'Retries for rate limits and temporary server errors. Consent init, uploads and refreshes are retried only when the API provably did not process them.',
		},
	],
};

/** The `clientId` parameter of Finpass's asynchronous products; only its hints differ per product. */
export function clientIdProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true, placeholder, description };
}

export interface OperationOption extends INodePropertyOptions {
	action: string;
}

/** The single-resource selector: with it, n8n shows each operation's `action` text to AI agents. */
export function resourceProperty(name: string, value: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name, value }],
		default: value,
	};
}

export function operationProperty(resource: string, options: OperationOption[], defaultValue: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultValue,
	};
}

/**
 * "Advanced" collection for endpoints whose path or method the vendor documents leave unsure
 * (API README): a user can correct them without waiting for a release.
 */
export function advancedProperty(operation: string, defaultPath: string, withMethod = false): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Custom Path',
			name: 'path',
			type: 'string',
			default: '',
			placeholder: defaultPath,
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
	if (withMethod) {
		options.push({
			displayName: 'HTTP Method',
			name: 'method',
			type: 'options',
			options: [
				{ name: 'GET', value: 'GET' },
				{ name: 'POST', value: 'POST' },
			],
			default: 'POST',
			description: 'The method the documents leave unsure; POST unless your Finpass contact says otherwise',
		});
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

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';

// The public pages name the fields but not the path (API README, *unsure*): Advanced → Custom Path
// and HTTP Method correct it without a release.
export const AUTOCOMPLETE_PATH = '/api/v1/corporate/company-autocomplete';

const properties: INodeProperties[] = [
	{
		displayName: `Finpass has not published this endpoint's path: the node calls POST ${AUTOCOMPLETE_PATH}. If your Finpass contact names another, set it under Advanced.`,
		name: 'pathNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Infosys',
		description: 'The name, or the start of it, to search the corporate registry for',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

interface AutocompleteInput {
	companyName: string;
	/** 0 means every match the API returned. */
	limit: number;
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The matches: `data` is the list itself, or (nested envelope) an object holding it. */
export function matchesOf(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isObject);
	const inner = asObject(data);
	for (const key of ['data', 'results', 'companies', 'matches']) {
		if (Array.isArray(inner[key])) return (inner[key] as unknown[]).filter(isObject);
	}
	return [];
}

export const companyAutocomplete = defineOperation<AutocompleteInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['companyAutocomplete'] } }, properties),
		advancedProperty('companyAutocomplete', AUTOCOMPLETE_PATH, true),
	],
	prepare(fn, i) {
		const returnAll = fn.getNodeParameter('returnAll', i, false) as boolean;
		return {
			companyName: requireText(fn.getNode(), fn.getNodeParameter('companyName', i), i, 'Company Name'),
			limit: returnAll ? 0 : Math.max(1, Math.floor(fn.getNodeParameter('limit', i, 50) as number)),
		};
	},
	async run(ctx, i, { companyName, limit }) {
		const result = await ctx.call(
			{ method: 'POST', path: AUTOCOMPLETE_PATH, body: { company_name: companyName }, idempotent: true },
			i,
		);
		const matches = matchesOf(result.data);
		return jsonItems(limit > 0 ? matches.slice(0, limit) : matches);
	},
});

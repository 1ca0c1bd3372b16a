import type { IDataObject } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { returnAllProperties } from '../../shared/framework/descriptions';
import { jsonItems } from '../../shared/framework/items';
import { asObject, isObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { LIMIT_RANGE, requireNumber } from '../../shared/validation/numbers';
import { requireText } from '../../shared/validation/validators';

interface AutocompleteInput {
	companyName: string;
	/** 0 means every match the API returned. */
	limit: number;
}

/** The matches: `data` is the list itself, or (nested envelope) an object holding it. */
export function matchesOf(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isObject);
	const inner = asObject(data);
	for (const key of ['data', 'results', 'companies', 'matches']) {
		if (Array.isArray(inner[key])) return (inner[key] as unknown[]).filter(isObject);
	}
	return [];
}

export const companyAutocomplete = defineOperation({
	value: 'companyAutocomplete',
	name: 'Search Companies',
	action: 'Search companies and LLPs by name',
	description: 'One item per match with entity name, type, CIN or LLPIN, status and state',
	endpoint: FINPASS.corporateAutocomplete,
	properties: [
		{
			displayName: 'Company Name',
			name: 'companyName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Infosys',
			description: 'The name, or the start of it, to search the corporate registry for',
		},
		...returnAllProperties({ returnAll: false }),
	],
	prepare(fn, i): AutocompleteInput {
		const returnAll = fn.getNodeParameter('returnAll', i, false) as boolean;
		return {
			companyName: requireText(fn.getNode(), fn.getNodeParameter('companyName', i), i, 'Company Name'),
			limit: returnAll ? 0 : Math.floor(requireNumber(fn.getNode(), fn.getNodeParameter('limit', i, 50), LIMIT_RANGE, i, 'Limit')),
		};
	},
	async run(ctx, i, { companyName, limit }) {
		const result = await ctx.call(FINPASS.corporateAutocomplete, { body: { company_name: companyName } }, i);
		const matches = matchesOf(result.data);
		return jsonItems(limit > 0 ? matches.slice(0, limit) : matches);
	},
});

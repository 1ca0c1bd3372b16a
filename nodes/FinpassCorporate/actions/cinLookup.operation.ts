import { registryLookup } from './registryLookup';

export const CIN_LOOKUP_PATH = '/api/v1/corporate/cin-lookup';

export const cinLookup = registryLookup({
	operation: 'cinLookup',
	kind: 'cin',
	parameter: {
		displayName: 'CIN',
		name: 'cin',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'U72900KA2015PTC082988',
		description:
			'Corporate Identification Number: 21 characters: L or U, 5 digits, 2-letter state code, 4-digit year of incorporation, 3 letters, 6 digits (e.g. U72900KA2015PTC082988). Spaces are trimmed and letters upper-cased.',
	},
	bodyField: 'cin',
	path: CIN_LOOKUP_PATH,
	notFoundHint: 'No company with CIN {id} is on the registry. Check the CIN on the MCA portal; LLPs have an LLPIN instead.',
});

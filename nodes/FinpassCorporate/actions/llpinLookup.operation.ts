import { registryLookup } from './registryLookup';

export const LLPIN_LOOKUP_PATH = '/api/v1/corporate/llpin-lookup';

export const llpinLookup = registryLookup({
	operation: 'llpinLookup',
	kind: 'llpin',
	parameter: {
		displayName: 'LLPIN',
		name: 'llpin',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'AAB-1234',
		description:
			'LLP Identification Number: 3 letters, a hyphen and 4 digits. Spaces are trimmed and letters upper-cased.',
	},
	bodyField: 'llpin',
	path: LLPIN_LOOKUP_PATH,
	notFoundHint: 'No LLP with LLPIN {id} is on the registry. Check the LLPIN on the MCA portal; companies have a CIN instead.',
});

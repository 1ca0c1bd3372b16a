import { registryLookup } from './registryLookup';

export const PAN_LOOKUP_PATH = '/api/v1/corporate/pan-lookup';

export const panLookup = registryLookup({
	operation: 'panLookup',
	kind: 'pan',
	parameter: {
		displayName: 'PAN',
		name: 'pan',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'AAACA1234C',
		description:
			"The company's or LLP's PAN: 10 characters, 5 letters, 4 digits, 1 letter (e.g. AAACA1234C; the 4th letter is C for a company, F for a firm or LLP). Spaces are trimmed and letters upper-cased.",
	},
	bodyField: 'pan',
	path: PAN_LOOKUP_PATH,
	notFoundHint:
		'No company or LLP with PAN {id} is on the registry. An individual\'s PAN (4th letter P) has no registry entry.',
});

import { FINPASS } from '../../shared/finpass/endpoints';
import { registryLookup } from './registryLookup';

export const llpinLookup = registryLookup({
	value: 'llpinLookup',
	name: 'Get LLP by LLPIN',
	action: 'Get LLP by LLPIN from MCA registry',
	description: 'Name, status, incorporation date and registry details of the LLP',
	endpoint: FINPASS.corporateLlpinLookup,
	kind: 'llpin',
	parameter: {
		displayName: 'LLPIN',
		name: 'llpin',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. AAB-1234',
		description:
			'LLP Identification Number: 3 letters, a hyphen and 4 digits (e.g. AAB-1234). Spaces are trimmed and letters upper-cased.',
	},
	notFoundHint: 'No LLP with LLPIN {id} is on the registry. Check the LLPIN on the MCA portal; companies have a CIN instead.',
});

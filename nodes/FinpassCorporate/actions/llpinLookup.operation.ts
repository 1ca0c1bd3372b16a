import { FINPASS } from '../../shared/finpass/endpoints';
import { registryLookup } from './registryLookup';

export const llpinLookup = registryLookup({
	value: 'llpinLookup',
	name: 'LLPIN Lookup',
	action:
		'Look up a limited liability partnership on the MCA registry by its LLPIN (3 letters, a hyphen, 4 digits, e.g. AAB-1234): name, status and registry details',
	description: 'Name, status, incorporation date and registry details of the LLP',
	endpoint: FINPASS.corporateLlpinLookup,
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
	notFoundHint: 'No LLP with LLPIN {id} is on the registry. Check the LLPIN on the MCA portal; companies have a CIN instead.',
});

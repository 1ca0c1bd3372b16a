import { FINPASS } from '../../shared/finpass/endpoints';
import { registryLookup } from './registryLookup';

export const cinLookup = registryLookup({
	value: 'cinLookup',
	name: 'Get Company by CIN',
	action: 'Get company by CIN from MCA registry',
	description: 'Name, status, type, incorporation date, registered address, capital, email and PAN of the company',
	endpoint: FINPASS.corporateCinLookup,
	kind: 'cin',
	parameter: {
		displayName: 'CIN',
		name: 'cin',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. U72900KA2015PTC082988',
		description:
			'Corporate Identification Number: 21 characters: L or U, 5 digits, 2-letter state code, 4-digit year of incorporation, 3 letters, 6 digits (e.g. U72900KA2015PTC082988). Spaces are trimmed and letters upper-cased.',
	},
	notFoundHint: 'No company with CIN {id} is on the registry. Check the CIN on the MCA portal; LLPs have an LLPIN instead.',
});

import { FINPASS } from '../../shared/finpass/endpoints';
import { panProperty } from '../../shared/finpass/parameters';
import { registryLookup } from './registryLookup';

export const panLookup = registryLookup({
	value: 'panLookup',
	name: 'Get Company by PAN',
	action: 'Get company or LLP by PAN',
	description: 'Entity name, type, status and its CIN or LLPIN',
	endpoint: FINPASS.corporatePanLookup,
	kind: 'pan',
	parameter: panProperty(
		"The company's or LLP's PAN: 10 characters, 5 letters, 4 digits, 1 letter (e.g. AAACA1234C; the 4th letter is C for a company, F for a firm or LLP). Spaces are trimmed and letters upper-cased.",
		{ required: true, placeholder: 'AAACA1234C' },
	),
	notFoundHint:
		"No company or LLP with PAN {id} is on the registry. An individual's PAN (4th letter P) has no registry entry.",
});

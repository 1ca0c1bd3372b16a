import type { OperationMap } from '../../shared/router';
import { cinLookup } from './cinLookup.operation';
import { companyAutocomplete } from './companyAutocomplete.operation';
import { llpinLookup } from './llpinLookup.operation';
import { panLookup } from './panLookup.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	cinLookup,
	llpinLookup,
	panLookup,
	companyAutocomplete,
};

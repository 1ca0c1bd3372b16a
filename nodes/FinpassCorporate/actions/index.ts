import type { Operation } from '../../shared/framework/operation';
import { cinLookup } from './cinLookup.operation';
import { companyAutocomplete } from './companyAutocomplete.operation';
import { llpinLookup } from './llpinLookup.operation';
import { panLookup } from './panLookup.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [cinLookup, llpinLookup, panLookup, companyAutocomplete] as const satisfies readonly Operation[];

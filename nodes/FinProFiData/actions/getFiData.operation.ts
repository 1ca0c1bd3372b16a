import { FINPRO } from '../../shared/finpro/endpoints';
import { defineOperation } from '../../shared/framework/operation';
import { fiItems } from './fiData';
import { fetchAccounts } from './fiPages';
import {
	consentIdProperty,
	fiOutputProperties,
	linkReferenceProperty,
	readAccountRef,
	readFiOptions,
	type FiOptions,
} from './parameters';

interface GetFiDataInput {
	consentID: string;
	linkReferenceNumber: string;
	options: FiOptions;
}

export const getFiData = defineOperation({
	value: 'getFiData',
	name: 'Get FI Data',
	action: 'Get transactions and balance of one bank account',
	description: 'One account (consentID + linkReferenceNumber): profile, balance and every transaction',
	endpoint: FINPRO.getFiData,
	properties: [consentIdProperty, linkReferenceProperty, ...fiOutputProperties],
	prepare(fn, i): GetFiDataInput {
		return { ...readAccountRef(fn, i), options: readFiOptions(fn, i) };
	},
	async run(ctx, i, { consentID, linkReferenceNumber, options }) {
		const body = { consentID, linkReferenceNumber };
		const accounts = await fetchAccounts(ctx, i, FINPRO.getFiData, body, options);
		return fiItems(accounts, { consentID }, options);
	},
});

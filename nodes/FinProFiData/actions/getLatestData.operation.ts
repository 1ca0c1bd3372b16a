import { FINPRO } from '../../shared/finpro/endpoints';
import { defineOperation } from '../../shared/framework/operation';
import { fiItems } from './fiData';
import { fetchAccounts } from './fiPages';
import { consentIdProperty, fiOutputProperties, readConsentId, readFiOptions, type FiOptions } from './parameters';

interface GetLatestInput {
	consentID: string;
	options: FiOptions;
}

/** PERIODIC consents: the data of the latest fetch only (incremental), for every account. */
export const getLatestData = defineOperation({
	value: 'getLatestData',
	name: 'Get Latest Data',
	action: 'Get latest bank data of periodic consent',
	description: 'For PERIODIC consents: the data of the latest fetch for every account',
	endpoint: FINPRO.getLatestData,
	properties: [
		{ ...consentIdProperty, description: 'The consentID (a UUID) of an approved consent with a PERIODIC fetch type' },
		...fiOutputProperties,
	],
	prepare: (fn, i): GetLatestInput => ({
		consentID: readConsentId(fn, i),
		options: readFiOptions(fn, i),
	}),
	async run(ctx, i, { consentID, options }) {
		const accounts = await fetchAccounts(ctx, i, FINPRO.getLatestData, { consentID }, options);
		return fiItems(accounts, { consentID }, options);
	},
});

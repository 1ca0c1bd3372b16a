import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { defineOperation } from '../../shared/router';
import { requireId } from '../../shared/validators';
import { fetchAccounts, fiItems, fiOutputProperties, readFiOptions, type FiOptions } from './fiData';
import { consentIdProperty } from './getFiData.operation';

export const GET_LATEST_DATA_PATH = '/getalllatestfidata';

interface GetLatestInput {
	consentID: string;
	options: FiOptions;
}

/** PERIODIC consents: the data of the latest fetch only (incremental), for every account. */
export const getLatestData = defineOperation<GetLatestInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getLatestData'] } }, [
			{
				...consentIdProperty,
				description: 'The consentID (a UUID) of an approved consent with a PERIODIC fetch type',
			},
			...fiOutputProperties,
		]),
		advancedProperty('getLatestData', GET_LATEST_DATA_PATH),
	],
	prepare(fn, i) {
		return {
			consentID: requireId(fn.getNode(), 'uuid', fn.getNodeParameter('consentId', i), i, 'Consent ID'),
			options: readFiOptions(fn, i),
		};
	},
	async run(ctx, i, { consentID, options }) {
		const accounts = await fetchAccounts(ctx, i, GET_LATEST_DATA_PATH, { consentID }, options);
		return fiItems(accounts, { consentID }, options);
	},
});

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { defineOperation } from '../../shared/router';
import { requireId } from '../../shared/validators';
import { fetchAccounts, fiItems, fiOutputProperties, readFiOptions, type FiOptions } from './fiData';

export const GET_FI_DATA_PATH = '/getfidata';

export const consentIdProperty: INodeProperties = {
	displayName: 'Consent ID',
	name: 'consentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3c92001e-57ea-4320-bbb8-66d524bfb435',
	description: 'The consentID (a UUID) of an approved consent, e.g. from the CONSENT_APPROVED event',
};

export const linkReferenceProperty: INodeProperties = {
	displayName: 'Link Reference Number',
	name: 'linkReferenceNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7f8227f1-697f-40d3-a4af-0508f5d0a1dd',
	description: "The account's linkReferenceNumber (a UUID), from the DATA_READY event or Get All FI Data",
};

interface GetFiDataInput {
	consentID: string;
	linkReferenceNumber: string;
	options: FiOptions;
}

export const getFiData = defineOperation<GetFiDataInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getFiData'] } }, [
			consentIdProperty,
			linkReferenceProperty,
			...fiOutputProperties,
		]),
		advancedProperty('getFiData', GET_FI_DATA_PATH),
	],
	prepare(fn, i) {
		const node = fn.getNode();
		return {
			consentID: requireId(node, 'uuid', fn.getNodeParameter('consentId', i), i, 'Consent ID'),
			linkReferenceNumber: requireId(node, 'uuid', fn.getNodeParameter('linkReferenceNumber', i), i, 'Link Reference Number'),
			options: readFiOptions(fn, i),
		};
	},
	async run(ctx, i, { consentID, linkReferenceNumber, options }) {
		const body = { consentID, linkReferenceNumber };
		const accounts = await fetchAccounts(ctx, i, GET_FI_DATA_PATH, body, options);
		return fiItems(accounts, { consentID }, options);
	},
});

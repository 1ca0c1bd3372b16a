import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paiseForJson } from '../../shared/money';
import { advancedProperty } from '../../shared/descriptions';
import { defineOperation } from '../../shared/router';
import { optionalId, requireId } from '../../shared/validators';
import { accountsOf, callFinPro } from './fiData';
import { consentIdProperty, linkReferenceProperty } from './getFiData.operation';

export const GET_BALANCE_PATH = '/getfibalance';

interface BalanceInput {
	body: IDataObject;
	consentID: string;
	paiseFields: boolean;
}

export const getBalance = defineOperation<BalanceInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getBalance'] } }, [
			consentIdProperty,
			{
				...linkReferenceProperty,
				required: false,
				description: "One account's linkReferenceNumber (a UUID). Empty: the balances of every account under the consent.",
			},
			{
				displayName: 'Add Paise Fields',
				name: 'paiseFields',
				type: 'boolean',
				default: false,
				description: 'Whether to add balance_paise: the balance as a whole number of paise, exact for arithmetic in later nodes',
			},
		]),
		advancedProperty('getBalance', GET_BALANCE_PATH),
	],
	prepare(fn, i) {
		const node = fn.getNode();
		const consentID = requireId(node, 'uuid', fn.getNodeParameter('consentId', i), i, 'Consent ID');
		const link = optionalId(node, 'uuid', fn.getNodeParameter('linkReferenceNumber', i, ''), i, 'Link Reference Number');
		return {
			body: link ? { consentID, linkReferenceNumber: link } : { consentID },
			consentID,
			paiseFields: fn.getNodeParameter('paiseFields', i, false) as boolean,
		};
	},
	async run(ctx, i, { body, consentID, paiseFields }) {
		const result = await callFinPro(ctx, i, { method: 'POST', path: GET_BALANCE_PATH, body });
		// One account answers an object, the whole consent an array (one item per account either way).
		return accountsOf(result.data).map((account) => {
			const json: IDataObject = { consentID, ...account };
			if (paiseFields) json.balance_paise = paiseForJson(account.balance ?? account.currentBalance);
			return { json };
		});
	},
});

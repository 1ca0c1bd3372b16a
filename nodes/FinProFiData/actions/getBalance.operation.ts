import type { IDataObject } from 'n8n-workflow';

import { paiseForJson } from '../../shared/finance';
import { FINPRO } from '../../shared/finpro/endpoints';
import { defineOperation } from '../../shared/framework/operation';
import { accountsOf, callFinPro } from './fiPages';
import { consentIdProperty, linkReferenceProperty, readConsentId, readOptionalLinkReference } from './parameters';

interface BalanceInput {
	body: IDataObject;
	consentID: string;
	paiseFields: boolean;
}

export const getBalance = defineOperation({
	value: 'getBalance',
	name: 'Get Balance',
	action: 'Get bank account balances under consent',
	description: 'Balance only, for one account or every account of the consent',
	endpoint: FINPRO.getBalance,
	properties: [
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
	],
	prepare(fn, i): BalanceInput {
		const consentID = readConsentId(fn, i);
		const link = readOptionalLinkReference(fn, i);
		return {
			body: link ? { consentID, linkReferenceNumber: link } : { consentID },
			consentID,
			paiseFields: fn.getNodeParameter('paiseFields', i, false) as boolean,
		};
	},
	async run(ctx, i, { body, consentID, paiseFields }) {
		const result = await callFinPro(ctx, i, FINPRO.getBalance, { body });
		// One account answers an object, the whole consent an array (one item per account either way).
		return accountsOf(result.data).map((account) => {
			const json: IDataObject = { consentID, ...account };
			if (paiseFields) json.balance_paise = paiseForJson(account.balance ?? account.currentBalance);
			return { json };
		});
	},
});

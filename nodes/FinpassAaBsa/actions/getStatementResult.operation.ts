import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems, outputProperty, splitItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { journeyClientIdProperty, readWhenComplete } from './journey';

type Output = 'result' | 'account' | 'transaction';

interface StatementInput {
	clientId: string;
	output: Output;
	wait: WaitSettings;
}

const LEVEL = { result: 'whole', account: 'group', transaction: 'row' } as const;
const ACCOUNT_KEYS = ['account_id', 'account_number', 'masked_account_number', 'bank_name', 'fip_id', 'ifsc'];

/** accounts[]{…, transactions[]} into items; amounts pass through untouched. */
export function statementItems(data: IDataObject, output: Output, clientId: string): INodeExecutionData[] {
	return splitItems(LEVEL[output], {
		whole: () => ({ client_id: clientId, ...data }),
		groups: Array.isArray(data.accounts) ? (data.accounts as unknown[]).map(asObject) : [],
		group: (account) => ({ client_id: clientId, ...account }),
		rows: (account, accountIndex) => {
			if (!Array.isArray(account.transactions)) return undefined;
			const context: IDataObject = { client_id: clientId, account_index: accountIndex };
			for (const key of ACCOUNT_KEYS) if (account[key] !== undefined) context[key] = account[key];
			return { rows: account.transactions, row: (transaction, index) => ({ ...context, transaction_index: index, ...transaction }) };
		},
	});
}

export const getStatementResult = defineOperation({
	value: 'getStatementResult',
	name: 'Get Statement Result',
	action: 'Get bank accounts and transactions of AA journey',
	description: 'The statements fetched under the consent',
	endpoint: FINPASS.aaBsaStatementResult,
	properties: [
		journeyClientIdProperty,
		outputProperty(
			[
				{ name: 'One Item per Result', value: 'result', description: 'The whole statement result as the API returns it' },
				{ name: 'One Item per Account', value: 'account', description: 'Each bank account with its transactions' },
				{ name: 'One Item per Transaction', value: 'transaction', description: 'Each transaction, with the index of the account it belongs to' },
			],
			'account',
			'How to split the statement result into items',
		),
		...waitProperties,
	],
	prepare: (fn, i): StatementInput => ({
		clientId: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
		output: fn.getNodeParameter('output', i, 'account') as Output,
		wait: readWait(fn, i),
	}),
	async run(ctx, i, { clientId, output, wait }) {
		const hint = `Get Statement Result with Client ID ${clientId}`;
		const read = await readWhenComplete(ctx, i, clientId, FINPASS.aaBsaStatementResult, wait, hint);
		if ('timedOut' in read) return jsonItems(read.timedOut);
		return statementItems(read.data, output, clientId);
	},
});

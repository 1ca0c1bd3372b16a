import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { jobWaitProperties, readJobWait, type JobWait } from '../../shared/jobStates';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { STATEMENT_PATH, clientIdProperty, readWhenComplete } from './journey';

type Output = 'result' | 'account' | 'transaction';

const properties: INodeProperties[] = [
	clientIdProperty,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Result', value: 'result', description: 'The whole statement result as the API returns it' },
			{ name: 'One Item per Account', value: 'account', description: 'Each bank account with its transactions' },
			{
				name: 'One Item per Transaction',
				value: 'transaction',
				description: 'Each transaction, with the index of the account it belongs to',
			},
		],
		default: 'account',
		description: 'How to split the statement result into items',
	},
	...jobWaitProperties,
];

interface StatementInput {
	clientId: string;
	output: Output;
	wait: JobWait;
}

/** accounts[]{…, transactions[]} into items; amounts pass through untouched. */
export function statementItems(data: IDataObject, output: Output, clientId: string): INodeExecutionData[] {
	if (output === 'result') return jsonItems({ client_id: clientId, ...data });
	const accounts = Array.isArray(data.accounts) ? (data.accounts as unknown[]).map(asObject) : [];
	if (output === 'account') return accounts.map((account) => ({ json: { client_id: clientId, ...account } }));
	const items: INodeExecutionData[] = [];
	accounts.forEach((account, accountIndex) => {
		const { transactions, ...accountFields } = account;
		if (!Array.isArray(transactions)) return;
		const context: IDataObject = { client_id: clientId, account_index: accountIndex };
		for (const key of ['account_id', 'account_number', 'masked_account_number', 'bank_name', 'fip_id', 'ifsc']) {
			if (accountFields[key] !== undefined) context[key] = accountFields[key];
		}
		// Every row is kept: transaction ids are not unique in Finpass data (API README).
		transactions.forEach((transaction, index) => {
			items.push({ json: { ...context, transaction_index: index, ...asObject(transaction) } });
		});
	});
	return items;
}

export const getStatementResult = defineOperation<StatementInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getStatementResult'] } }, properties),
		advancedProperty('getStatementResult', STATEMENT_PATH),
	],
	prepare: (fn, i) => ({
		clientId: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
		output: fn.getNodeParameter('output', i, 'account') as Output,
		wait: readJobWait(fn, i),
	}),
	async run(ctx, i, { clientId, output, wait }) {
		const read = await readWhenComplete(ctx, i, clientId, STATEMENT_PATH, wait, `Get Statement Result with Client ID ${clientId}`);
		if ('timedOut' in read) return jsonItems(read.timedOut);
		return statementItems(read.data, output, clientId);
	},
});

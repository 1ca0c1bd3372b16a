import type { IDataObject } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems, outputProperty } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { aaClientIdProperty, aaRequestIdProperty, reportBody } from './parameters';
import { reportItems, type ReportOutput } from './reportItems';
import { fetchWhenReady, withReadiness } from './reportWait';

// (kept importable from here: the money benchmark maps reports with it)
export { reportItems } from './reportItems';

interface FetchInput {
	body: IDataObject;
	output: ReportOutput;
	reconcile: boolean;
	wait: WaitSettings;
}

export const fetchJsonReport = defineOperation({
	value: 'fetchJsonReport',
	name: 'Get JSON Report',
	action: 'Get bank accounts and transactions under consent',
	description: 'Accounts, balances and transactions shared under the consent',
	endpoint: FINPASS.aaFetchJsonReport,
	properties: [
		aaClientIdProperty,
		aaRequestIdProperty,
		outputProperty(
			[
				{ name: 'One Item per Report', value: 'report', description: 'The whole report as the API returns it' },
				{ name: 'One Item per Account', value: 'account', description: 'Profile, summary and transactions of each bank account' },
				{
					name: 'One Item per Transaction',
					value: 'transaction',
					description: 'Each transaction, with the account ID, masked number and FIP it belongs to',
				},
				{
					name: 'Summary per Account',
					value: 'summary',
					description:
						'One small item per account: balances, first and last transaction date, counts and exact credit and debit totals, without the transactions. Use it when an AI agent calls this node as a tool.',
				},
			],
			'account',
			'How to split the report into items',
		),
		{
			displayName: 'Reconcile Balances',
			name: 'reconcileBalances',
			type: 'boolean',
			default: false,
			displayOptions: { show: { output: ['report', 'account', 'transaction'] } },
			description:
				'Whether to check, per account, that each balance equals the previous balance plus or minus the amount, oldest first. Accounts get a reconciliation summary; transactions where the chain breaks get a balance_check field.',
		},
		...waitProperties,
	],
	prepare(fn, i): FetchInput {
		return {
			body: reportBody(fn, i),
			output: fn.getNodeParameter('output', i) as ReportOutput,
			reconcile: fn.getNodeParameter('reconcileBalances', i, false) as boolean,
			wait: readWait(fn, i),
		};
	},
	async run(ctx, i, input) {
		const read = await fetchWhenReady(ctx, i, FINPASS.aaFetchJsonReport, input.body, input.wait, 'Get JSON Report');
		if ('timedOut' in read) return jsonItems(read.timedOut);
		return withReadiness(reportItems(asObject(read.result.data), input.output, input.reconcile), read.notReady);
	},
});

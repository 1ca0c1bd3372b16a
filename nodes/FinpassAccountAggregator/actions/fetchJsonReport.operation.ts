import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems, outputProperty } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { simplifyProperty } from '../../shared/finpass/parameters';
import { simpleAccountItems } from './accountSummary';
import { aaClientIdProperty, aaRequestIdProperty, reportBody } from './parameters';
import { reportItems, type ReportOutput } from './reportItems';
import { fetchWhenReady, withReadiness } from './reportWait';

// (kept importable from here: the money benchmark maps reports with it)
export { reportItems } from './reportItems';

interface FetchInput {
	body: IDataObject;
	output: ReportOutput;
	reconcile: boolean;
	simplify: boolean;
	wait: WaitSettings;
}

function reconcileProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Reconcile Balances',
		name: 'reconcileBalances',
		type: 'boolean',
		default: false,
		displayOptions,
		description:
			'Whether to check, per account, that each balance equals the previous balance plus or minus the amount, oldest first. Accounts get a reconciliation summary; transactions where the chain breaks get a balance_check field.',
	};
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
		simplifyProperty({ show: { output: ['account'] } }),
		// shown for the outputs that carry transactions: a simplified account has none
		reconcileProperty({ show: { output: ['report', 'transaction'] } }),
		reconcileProperty({ show: { output: ['account'], simplify: [false] } }),
		...waitProperties,
	],
	prepare(fn, i): FetchInput {
		return {
			body: reportBody(fn, i),
			output: fn.getNodeParameter('output', i) as ReportOutput,
			reconcile: fn.getNodeParameter('reconcileBalances', i, false) as boolean,
			// read for One Item per Account only; absent (a workflow or caller that predates it): the raw data
			simplify: fn.getNodeParameter('output', i) === 'account' && fn.getNodeParameter('simplify', i, false) === true,
			wait: readWait(fn, i),
		};
	},
	async run(ctx, i, input) {
		const read = await fetchWhenReady(ctx, i, FINPASS.aaFetchJsonReport, input.body, input.wait, 'Get JSON Report');
		if ('timedOut' in read) return jsonItems(read.timedOut);
		const data = asObject(read.result.data);
		if (input.simplify) return withReadiness(simpleAccountItems(data), read.notReady);
		return withReadiness(reportItems(data, input.output, input.reconcile), read.notReady);
	},
});

import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty, clientIdProperty as sharedClientId } from '../../shared/descriptions';
import { gapsByIndex, reconcileBalances, type TransactionAccessors } from '../../shared/money';
import { pollSettings, pollUntilDone, waitTimingProperties } from '../../shared/poller';
import { asObject, defineOperation, jsonItems, type RunContext } from '../../shared/router';
import type { ApiResult } from '../../shared/transport';
import { requireText } from '../../shared/validators';
import { accountSummaryItems } from './accountSummary';
import { reportState } from './consentErrors';

export const FETCH_JSON_PATH = '/api/v1/services/account-aggregator/fetch-json-report';

export const clientIdProperty = sharedClientId(
	'aa_6989cbcf_a136a4017',
	'The client_id returned by Initialize Consent (starts with aa_ or account_aggregator_v2_)',
);

export const waitProperties: INodeProperties[] = [
	{
		displayName: 'Wait Until Ready',
		name: 'waitUntilReady',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep checking while consent is pending or the bank data is still being fetched, instead of failing at once',
	},
	...waitTimingProperties('waitUntilReady', {
		maxWait: 'Give up after this long, with an error naming the state it was still in',
		firstCheck: 'Delay before the first re-check; later checks come at growing intervals, at most every 10 s',
	}),
];

const properties: INodeProperties[] = [
	clientIdProperty,
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		description:
			'The request_id from Refresh Data. Required for loan monitoring consents; leave empty for loan underwriting.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
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
		default: 'account',
		description: 'How to split the report into items',
	},
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
];

interface FetchInput {
	body: IDataObject;
	output: 'report' | 'account' | 'transaction' | 'summary';
	reconcile: boolean;
	wait: boolean;
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
}

/**
 * Sends a report request and, when asked, waits through 202 / "consent pending" answers with the
 * shared poller. Consent rejected, revoked or expired end the wait at once. Used by the JSON and
 * PDF report operations.
 */
export async function fetchWhenReady(
	ctx: RunContext,
	i: number,
	path: string,
	body: IDataObject,
	wait: { enabled: boolean; maxWaitSeconds: number; pollIntervalSeconds: number },
): Promise<ApiResult> {
	const once = async (): Promise<{ done: true; value: ApiResult } | { done: false; state: string }> => {
		const result = await ctx.call({ method: 'POST', path, body, idempotent: true, expectStatuses: [422] }, i);
		const state = reportState(result);
		if (state.kind === 'ready') return { done: true, value: result };
		if (state.kind === 'final') throw ctx.transport.fail(result, i, state.hint);
		if (!wait.enabled) {
			throw ctx.transport.fail(
				result,
				i,
				`The report is not ready yet (${state.state}). Turn on "Wait Until Ready" to wait for it.`,
			);
		}
		return { done: false, state: state.state };
	};
	const outcome = await pollUntilDone(
		once,
		pollSettings(wait.enabled ? wait.maxWaitSeconds : 0, wait.pollIntervalSeconds),
		async (ms) => ctx.transport.pause(ms),
	);
	if (outcome.done) return outcome.value;
	throw ctx.transport.fail(
		{
			statusCode: 408,
			headers: {},
			body: null,
			data: null,
			success: false,
			message: `Still not ready after ${Math.round(outcome.waitedMs / 1000)} s: last state "${outcome.state}"`,
			code: 'wait_timeout',
		},
		i,
		'Raise Max Wait, or fetch again later with the same Client ID.',
	);
}

/** Finpass report rows: `amount` is a JSON number, `transactional_balance` a string (document). */
export const FINPASS_TRANSACTION: TransactionAccessors<IDataObject> = {
	amount: (t) => t.amount,
	type: (t) => t.type,
	balance: (t) => t.transactional_balance,
	time: (t) => t.transaction_timestamp ?? t.value_date,
	id: (t) => t.transaction_id,
};

function reconcileAccount(account: IDataObject): IDataObject {
	const transactions = asObject(account.transaction_data).transaction_details;
	const rows = Array.isArray(transactions) ? (transactions as IDataObject[]) : [];
	return reconcileBalances(rows, FINPASS_TRANSACTION) as unknown as IDataObject;
}

/**
 * Flattens a Finpass AA report into items; amounts and balances pass through untouched (exact).
 * With `reconcile` (shared/money.ts), each account gets a `reconciliation` summary (report and
 * account output) and each transaction where the balance chain breaks a `balance_check`.
 */
export function reportItems(data: IDataObject, output: FetchInput['output'], reconcile = false): INodeExecutionData[] {
	if (output === 'summary') return accountSummaryItems(data);
	const accounts = Array.isArray(data.account_aggregator_json) ? (data.account_aggregator_json as IDataObject[]) : [];
	if (output === 'report') {
		if (!reconcile) return jsonItems(data);
		const checked = accounts.map((account) => ({ ...account, reconciliation: reconcileAccount(account) }));
		return jsonItems({ ...data, account_aggregator_json: checked });
	}
	const clientId = data.client_id;
	if (output === 'account') {
		return accounts.map((account) => {
			const json: IDataObject = { client_id: clientId, ...account };
			if (reconcile) json.reconciliation = reconcileAccount(account);
			return { json };
		});
	}
	const items: INodeExecutionData[] = [];
	for (const account of accounts) {
		const summary = asObject(account.summary_details);
		const transactions = asObject(account.transaction_data).transaction_details;
		if (!Array.isArray(transactions)) continue;
		const reconciliation = reconcile ? reconcileBalances(transactions as IDataObject[], FINPASS_TRANSACTION) : undefined;
		const gaps = reconciliation && reconciliation.mismatches > 0 ? gapsByIndex(reconciliation) : undefined;
		const context: IDataObject = {
			client_id: clientId,
			account_id: account.account_id,
			masked_account_number: account.masked_account_number,
			fip_id: account.fip_id ?? account.fip ?? null,
			ifsc: summary.ifsc ?? null,
			account_type: summary.account_sub_type ?? summary.account_type ?? null,
		};
		// Every row is kept: the vendor repeats transaction_id on rows that differ (API README).
		transactions.forEach((transaction, index) => {
			const json: IDataObject = { ...context, transaction_index: index, ...asObject(transaction) };
			const gap = gaps?.get(index);
			if (gap) json.balance_check = { expected: gap.expected, reported: gap.reported, difference: gap.difference };
			items.push({ json });
		});
	}
	return items;
}

export const fetchJsonReport = defineOperation<FetchInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['fetchJsonReport'] } }, properties),
		advancedProperty('fetchJsonReport', FETCH_JSON_PATH),
	],
	prepare(fn, i) {
		const node = fn.getNode();
		const body: IDataObject = { client_id: requireText(node, fn.getNodeParameter('clientId', i), i, 'Client ID') };
		const requestId = String(fn.getNodeParameter('requestId', i, '')).trim();
		if (requestId) body.request_id = requestId;
		const wait = fn.getNodeParameter('waitUntilReady', i, false) as boolean;
		return {
			body,
			output: fn.getNodeParameter('output', i) as FetchInput['output'],
			reconcile: fn.getNodeParameter('reconcileBalances', i, false) as boolean,
			wait,
			maxWaitSeconds: wait ? (fn.getNodeParameter('maxWaitSeconds', i, 300) as number) : 0,
			pollIntervalSeconds: wait ? (fn.getNodeParameter('pollIntervalSeconds', i, 2) as number) : 2,
		};
	},
	async run(ctx, i, input) {
		const result = await fetchWhenReady(ctx, i, FETCH_JSON_PATH, input.body, {
			enabled: input.wait,
			maxWaitSeconds: input.maxWaitSeconds,
			pollIntervalSeconds: input.pollIntervalSeconds,
		});
		return reportItems(asObject(result.data), input.output, input.reconcile);
	},
});

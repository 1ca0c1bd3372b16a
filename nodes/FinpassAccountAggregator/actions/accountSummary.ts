import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { addPaise, direction, formatPaise, reconcileBalances, toPaise, type Paise } from '../../shared/finance';
import { asObject } from '../../shared/json';

/**
 * Get JSON Report's "Summary per Account" output: one small item per bank account, whatever
 * the number of transactions (an AI agent given this node as a tool must not receive 50,000
 * rows). Totals are exact decimal strings summed in integer paise; opening and closing balances
 * come from the running balances walked in time order (shared/finance), so a newest-first or
 * shuffled list gives the same answer.
 */

type Transaction = IDataObject;

/** transaction_timestamp, else value_date (the document has both; either may be empty). */
function whenOf(transaction: Transaction): string | undefined {
	for (const key of ['transaction_timestamp', 'value_date', 'date']) {
		const value = transaction[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

/** The calendar date as the vendor wrote it ("2024-08-01T10:00:00+05:30" → "2024-08-01", India time). */
const dateOf = (when: string): string => (/^\d{4}-\d{2}-\d{2}/.test(when) ? when.slice(0, 10) : when);

export function summarizeAccount(account: IDataObject, clientId: unknown): IDataObject {
	const summary = asObject(account.summary_details);
	const data = asObject(account.transaction_data);
	const transactions = Array.isArray(data.transaction_details)
		? (data.transaction_details as unknown[]).map(asObject)
		: [];

	let credits: Paise = 0;
	let debits: Paise = 0;
	let creditCount = 0;
	let debitCount = 0;
	let unreadable = 0;
	let first: { time: number; when: string } | undefined;
	let last: { time: number; when: string } | undefined;
	for (const transaction of transactions) {
		const amount = toPaise(transaction.amount);
		const sign = direction(transaction.type);
		if (amount === undefined || sign === 0) unreadable++;
		else if (sign === 1) {
			credits = addPaise(credits, amount);
			creditCount++;
		} else {
			debits = addPaise(debits, amount);
			debitCount++;
		}
		const when = whenOf(transaction);
		const time = when === undefined ? NaN : Date.parse(when);
		if (when === undefined || Number.isNaN(time)) continue;
		if (!first || time < first.time) first = { time, when };
		if (!last || time >= last.time) last = { time, when };
	}

	const balances =
		transactions.length > 0
			? reconcileBalances(transactions, {
					amount: (t) => t.amount,
					type: (t) => t.type,
					balance: (t) => t.transactional_balance,
					time: (t) => whenOf(t),
				})
			: undefined;

	return {
		client_id: clientId ?? null,
		account_id: account.account_id ?? null,
		masked_account_number: account.masked_account_number ?? null,
		fip_id: account.fip_id ?? account.fip ?? null,
		ifsc: summary.ifsc ?? null,
		account_type: summary.account_sub_type || summary.account_type || null,
		account_status: summary.status ?? null,
		holder_name: asObject(account.profile_details).name ?? null,
		currency: summary.currency ?? null,
		current_balance: summary.current_balance ?? null,
		balance_date_time: summary.balance_date_time ?? null,
		period_start: data.start_date ?? null,
		period_end: data.end_date ?? null,
		transaction_count: transactions.length,
		first_transaction_date: first ? dateOf(first.when) : null,
		last_transaction_date: last ? dateOf(last.when) : null,
		credit_count: creditCount,
		total_credits: formatPaise(credits),
		debit_count: debitCount,
		total_debits: formatPaise(debits),
		// rows whose amount or CREDIT/DEBIT type could not be read: left out of the totals
		unreadable_transactions: unreadable,
		opening_balance: balances?.opening_balance ?? null,
		closing_balance: balances?.closing_balance ?? null,
		// running balances that do not follow from the previous one ± the amount (missing rows)
		balance_mismatches: balances?.mismatches ?? 0,
	};
}

/** One summary item per account of a Finpass AA report. */
export function accountSummaryItems(report: IDataObject): INodeExecutionData[] {
	const accounts = Array.isArray(report.account_aggregator_json) ? (report.account_aggregator_json as unknown[]) : [];
	return accounts.map((account) => ({ json: summarizeAccount(asObject(account), report.client_id) }));
}

/**
 * Get JSON Report's Simplify (One Item per Account): the ten fields a person acts on, named as in
 * the Summary per Account output; the transactions stay out (turn Simplify off for them).
 */
export function simpleAccount(account: IDataObject, clientId: unknown): IDataObject {
	const summary = asObject(account.summary_details);
	const data = asObject(account.transaction_data);
	return {
		client_id: clientId ?? null,
		masked_account_number: account.masked_account_number ?? null,
		ifsc: summary.ifsc ?? null,
		account_type: summary.account_sub_type || summary.account_type || null,
		holder_name: asObject(account.profile_details).name ?? null,
		current_balance: summary.current_balance ?? null,
		balance_date_time: summary.balance_date_time ?? null,
		period_start: data.start_date ?? null,
		period_end: data.end_date ?? null,
		transaction_count: Array.isArray(data.transaction_details) ? data.transaction_details.length : 0,
	};
}

/** One simplified item per account of a Finpass AA report. */
export function simpleAccountItems(report: IDataObject): INodeExecutionData[] {
	const accounts = Array.isArray(report.account_aggregator_json) ? (report.account_aggregator_json as unknown[]) : [];
	return accounts.map((account) => ({ json: simpleAccount(asObject(account), report.client_id) }));
}

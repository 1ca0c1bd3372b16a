import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { balanceChecks, reconcileBalances, type TransactionAccessors } from '../../shared/finance';
import { splitItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { accountSummaryItems } from './accountSummary';

export type ReportOutput = 'report' | 'account' | 'transaction' | 'summary';

/** Finpass report rows: `amount` is a JSON number, `transactional_balance` a string (document). */
export const FINPASS_TRANSACTION: TransactionAccessors<IDataObject> = {
	amount: (t) => t.amount,
	type: (t) => t.type,
	balance: (t) => t.transactional_balance,
	time: (t) => t.transaction_timestamp ?? t.value_date,
	id: (t) => t.transaction_id,
};

const transactionsOf = (account: IDataObject): unknown => asObject(account.transaction_data).transaction_details;

function reconcileAccount(account: IDataObject): IDataObject {
	const transactions = transactionsOf(account);
	const rows = Array.isArray(transactions) ? (transactions as IDataObject[]) : [];
	return reconcileBalances(rows, FINPASS_TRANSACTION) as unknown as IDataObject;
}

const LEVEL = { report: 'whole', account: 'group', transaction: 'row' } as const;

/**
 * Flattens a Finpass AA report into items; amounts and balances pass through untouched (exact).
 * With `reconcile` (shared/finance), each account gets a `reconciliation` summary (report and
 * account output) and each transaction where the balance chain breaks a `balance_check`.
 */
export function reportItems(data: IDataObject, output: ReportOutput, reconcile = false): INodeExecutionData[] {
	if (output === 'summary') return accountSummaryItems(data);
	const accounts = Array.isArray(data.account_aggregator_json) ? (data.account_aggregator_json as IDataObject[]) : [];
	const clientId = data.client_id;
	return splitItems(LEVEL[output], {
		whole: () =>
			reconcile
				? { ...data, account_aggregator_json: accounts.map((account) => ({ ...account, reconciliation: reconcileAccount(account) })) }
				: data,
		groups: accounts,
		group: (account) => {
			const json: IDataObject = { client_id: clientId, ...account };
			if (reconcile) json.reconciliation = reconcileAccount(account);
			return json;
		},
		rows: (account) => {
			const transactions = transactionsOf(account);
			if (!Array.isArray(transactions)) return undefined;
			const summary = asObject(account.summary_details);
			const check = balanceChecks(transactions as IDataObject[], FINPASS_TRANSACTION, reconcile);
			const context: IDataObject = {
				client_id: clientId,
				account_id: account.account_id,
				masked_account_number: account.masked_account_number,
				fip_id: account.fip_id ?? account.fip ?? null,
				ifsc: summary.ifsc ?? null,
				account_type: summary.account_sub_type ?? summary.account_type ?? null,
			};
			return {
				rows: transactions,
				row: (transaction, index) => {
					const json: IDataObject = { ...context, transaction_index: index, ...transaction };
					const gap = check(index);
					if (gap) json.balance_check = gap;
					return json;
				},
			};
		},
	});
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { balanceChecks, paiseForJson, reconcileBalances, type TransactionAccessors } from '../../shared/finance';
import { splitItems } from '../../shared/framework/items';
import type { FiOptions } from './parameters';
import { rowsOf } from './fiPages';

// (kept importable from here: the money benchmark maps answers with them)
export { accountsOf } from './fiPages';

/** FinPro deposit transactions: `amount` and `currentBalance` are strings (the document). */
export const FINPRO_TRANSACTION: TransactionAccessors<IDataObject> = {
	amount: (t) => t.amount,
	type: (t) => t.type,
	balance: (t) => t.currentBalance,
	time: (t) => t.transactionTimestamp ?? t.valueDate,
	id: (t) => t.txnId,
};

/**
 * Accounts → items. `context` (consentID or accountID) goes on every item. Per transaction,
 * every row is kept: FinPro, like Finpass, may repeat a txnId on rows that differ.
 */
export function fiItems(
	accounts: IDataObject[],
	context: IDataObject,
	options: Pick<FiOptions, 'output' | 'reconcile' | 'paiseFields'>,
): INodeExecutionData[] {
	return splitItems(options.output === 'account' ? 'group' : 'row', {
		groups: accounts,
		group: (account) => {
			const rows = rowsOf(account);
			const json: IDataObject = { ...context, ...account, transaction_count: rows.length };
			if (options.paiseFields) {
				json.balance_paise = paiseForJson(account.balance);
				json.fiData = rows.map((row) => withPaise({ ...row }));
			}
			if (options.reconcile) json.reconciliation = reconcileBalances(rows, FINPRO_TRANSACTION) as unknown as IDataObject;
			return json;
		},
		rows: (account) => {
			const rows = rowsOf(account);
			const check = balanceChecks(rows, FINPRO_TRANSACTION, options.reconcile);
			const accountContext: IDataObject = {
				...context,
				linkReferenceNumber: account.linkReferenceNumber,
				maskedAccountNumber: account.maskedAccountNumber,
				fipId: account.fipId,
				fipName: account.fipName,
				fiType: account.fiType,
			};
			return {
				rows,
				row: (transaction, index) => {
					const json: IDataObject = { ...accountContext, transaction_index: index, ...transaction };
					if (options.paiseFields) withPaise(json);
					const gap = check(index);
					if (gap) json.balance_check = gap;
					return json;
				},
			};
		},
	});
}

function withPaise(row: IDataObject): IDataObject {
	row.amount_paise = paiseForJson(row.amount);
	if (row.currentBalance !== undefined) row.balance_paise = paiseForJson(row.currentBalance);
	return row;
}

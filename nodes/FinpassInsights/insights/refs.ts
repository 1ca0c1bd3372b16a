import { money } from './amounts';
import { dateOf } from './dates';
import { idOf, type Row } from './rows';

/**
 * A transaction behind a figure: its account, its position in that account's list as the source
 * gave it (`transaction_index` in per-transaction output) and its id. Both are given because
 * vendors repeat ids on different rows.
 */
export interface TransactionRef {
	account: string;
	index: number;
	id: string | null;
	date: string;
	type: 'CREDIT' | 'DEBIT';
	amount: string;
	narration: string;
}

export function refOf(row: Row): TransactionRef {
	const narration = typeof row.raw.narration === 'string' ? row.raw.narration : '';
	return {
		account: row.account,
		index: row.index,
		id: idOf(row),
		date: dateOf(row.day),
		type: row.sign === 1 ? 'CREDIT' : 'DEBIT',
		amount: money(row.amount),
		narration,
	};
}

export const byTime = (a: Row, b: Row): number => a.day - b.day || a.tod - b.tod || a.index - b.index;

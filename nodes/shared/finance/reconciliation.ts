import { addPaise, formatPaise, negatePaise, subtractPaise, toPaise, type Paise } from './money';

/** How to read one transaction; the vendors name the fields differently. */
export interface TransactionAccessors<T> {
	amount(transaction: T): unknown;
	/** CREDIT / DEBIT (also CR / DR, C / D, any case). */
	type(transaction: T): unknown;
	/** The balance right after this transaction (FinPro `currentBalance`, Finpass `transactional_balance`). */
	balance(transaction: T): unknown;
	/** When it happened: an ISO 8601 text or epoch milliseconds. */
	time(transaction: T): unknown;
	id?(transaction: T): unknown;
}

export interface BalanceGap {
	/** Position of the transaction in the list as given (the item's `transaction_index`). */
	index: number;
	transaction_id: string | null;
	/** Previous balance ± this amount. */
	expected: string;
	/** The balance the data says. */
	reported: string;
	/** reported − expected: a missing CREDIT of 500 shows as "500.00". */
	difference: string;
}

export type TransactionOrder = 'oldest-first' | 'newest-first' | 'unordered';

export interface Reconciliation {
	/** Transactions whose reported balance was compared with the one expected. */
	checked: number;
	mismatches: number;
	/**
	 * Transactions that could not be checked: no balance, or an unreadable amount or type. The
	 * oldest transaction anchors the walk (it gives the opening balance) and counts as neither.
	 */
	unchecked: number;
	/** Balance before the oldest transaction (its balance ∓ its amount). */
	opening_balance: string | null;
	/** Balance after the newest transaction. */
	closing_balance: string | null;
	/** The order the transactions arrived in (they are always walked oldest first). */
	ordered: TransactionOrder;
	gaps: BalanceGap[];
}

/** +1 for a credit, −1 for a debit, 0 when the type cannot be read. */
export function direction(type: unknown): 1 | -1 | 0 {
	if (type === 'CREDIT') return 1; // the documented spellings first: no string is built for them
	if (type === 'DEBIT') return -1;
	if (typeof type !== 'string') return 0;
	switch (type.trim().toUpperCase()) {
		case 'CREDIT':
		case 'CR':
		case 'C':
			return 1;
		case 'DEBIT':
		case 'DR':
		case 'D':
			return -1;
		default:
			return 0;
	}
}

function timeOf(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
	if (typeof value === 'string' && value !== '') return Date.parse(value);
	if (value instanceof Date) return value.getTime();
	return NaN;
}

function idOf(value: unknown): string | null {
	return value === undefined || value === null || value === '' ? null : String(value);
}

/**
 * Checks one account's running balance: walking its transactions from the oldest, the balance
 * after each must be the previous balance + amount (CREDIT) or − amount (DEBIT). Each break is
 * a gap (a missing, doctored or misplaced row); the walk then continues from the balance the
 * data reports, so one missing transaction is one gap, not a cascade.
 *
 * Order: transactions are ordered by time. Input that is already oldest-first is walked as is,
 * newest-first input (FinPro's usual order) is walked backwards, and only other input is sorted
 * (stable: equal times keep the order the input's own direction implies). Rows without a
 * readable time stay beside their neighbour in the input. A row whose balance is missing is
 * bridged with the computed balance. Rows are never de-duplicated: vendors repeat ids.
 *
 * O(n) for ordered input, O(n log n) otherwise; allocates one Float64Array (and one index
 * array when sorting) besides the result.
 */
export function reconcileBalances<T>(transactions: readonly T[], accessors: TransactionAccessors<T>): Reconciliation {
	const n = transactions.length;
	const times = new Float64Array(n);
	let firstKnown = -1;
	for (let k = 0; k < n; k++) {
		const t = timeOf(accessors.time(transactions[k]));
		if (Number.isNaN(t)) {
			times[k] = k > 0 ? times[k - 1] : NaN;
		} else {
			times[k] = t;
			if (firstKnown < 0) firstKnown = k;
		}
	}
	// Leading rows without a time take the first known one (all of them: 0).
	for (let k = 0; k < n && Number.isNaN(times[k]); k++) times[k] = firstKnown < 0 ? 0 : times[firstKnown];

	let rising = 0;
	let falling = 0;
	for (let k = 1; k < n; k++) {
		if (times[k] > times[k - 1]) rising++;
		else if (times[k] < times[k - 1]) falling++;
	}

	if (falling === 0 && rising === 0 && n > 1) {
		// Every row has the same time (e.g. one day, dates only): the listing order is all there
		// is. Take the direction in which the balances chain; oldest-first when both do equally.
		const forward = walk(transactions, accessors, undefined, false);
		const backward = walk(transactions, accessors, undefined, true);
		return backward.mismatches < forward.mismatches ? summary(backward, 'newest-first') : summary(forward, 'oldest-first');
	}
	if (falling === 0) return summary(walk(transactions, accessors, undefined, false), 'oldest-first');
	if (rising === 0) return summary(walk(transactions, accessors, undefined, true), 'newest-first');
	// Ties keep the input's dominant direction: in a mostly newest-first list, of two rows with
	// the same time the later one in the list happened first.
	const tieSign = falling > rising ? -1 : 1;
	const indices = new Uint32Array(n);
	for (let k = 0; k < n; k++) indices[k] = k;
	indices.sort((a, b) => times[a] - times[b] || (a - b) * tieSign);
	return summary(walk(transactions, accessors, indices, false), 'unordered');
}

function summary(walked: Omit<Reconciliation, 'ordered'>, ordered: TransactionOrder): Reconciliation {
	const { checked, mismatches, unchecked, opening_balance, closing_balance, gaps } = walked;
	return { checked, mismatches, unchecked, opening_balance, closing_balance, ordered, gaps };
}

/** One pass over the rows in time order (`order`, or the input forwards / backwards). */
function walk<T>(
	transactions: readonly T[],
	accessors: TransactionAccessors<T>,
	order: ArrayLike<number> | undefined,
	backwards: boolean,
): Omit<Reconciliation, 'ordered'> {
	const n = transactions.length;
	const gaps: BalanceGap[] = [];
	let checked = 0;
	let unchecked = 0;
	let opening: Paise | undefined;
	let previous: Paise | undefined;
	for (let step = 0; step < n; step++) {
		const index = order ? order[step] : backwards ? n - 1 - step : step;
		const transaction = transactions[index];
		const amount = toPaise(accessors.amount(transaction));
		const sign = direction(accessors.type(transaction));
		const reported = toPaise(accessors.balance(transaction));
		if (amount === undefined || sign === 0) {
			// What this row did to the balance is unknown: carry on from the balance it reports.
			unchecked++;
			previous = reported;
			continue;
		}
		const delta = sign === 1 ? amount : negatePaise(amount);
		if (step === 0) {
			// The oldest row anchors the walk: nothing before it to check it against.
			if (reported === undefined) unchecked++;
			else opening = subtractPaise(reported, delta);
			previous = reported;
			continue;
		}
		if (previous === undefined) {
			unchecked++;
			previous = reported;
			continue;
		}
		const expected = addPaise(previous, delta);
		if (reported === undefined) {
			// No balance on this row: bridge it with the computed one.
			unchecked++;
			previous = expected;
			continue;
		}
		checked++;
		if (reported !== expected) {
			gaps.push({
				index,
				transaction_id: accessors.id ? idOf(accessors.id(transaction)) : null,
				expected: formatPaise(expected),
				reported: formatPaise(reported),
				difference: formatPaise(subtractPaise(reported, expected)),
			});
		}
		previous = reported;
	}
	return {
		checked,
		mismatches: gaps.length,
		unchecked,
		opening_balance: opening === undefined ? null : formatPaise(opening),
		closing_balance: previous === undefined ? null : formatPaise(previous),
		gaps,
	};
}

/** The gaps of a reconciliation by transaction index, for marking per-transaction items. */
export function gapsByIndex(reconciliation: Reconciliation): Map<number, BalanceGap> {
	const byIndex = new Map<number, BalanceGap>();
	for (const gap of reconciliation.gaps) byIndex.set(gap.index, gap);
	return byIndex;
}

/**
 * Per-transaction marks for "Reconcile Balances": the `balance_check` of each transaction where
 * the chain breaks, by its index (undefined when reconciliation is off or nothing breaks).
 */
export function balanceChecks<T>(
	transactions: readonly T[],
	accessors: TransactionAccessors<T>,
	reconcile: boolean,
): (index: number) => { expected: string; reported: string; difference: string } | undefined {
	const reconciliation = reconcile ? reconcileBalances(transactions, accessors) : undefined;
	const gaps = reconciliation && reconciliation.mismatches > 0 ? gapsByIndex(reconciliation) : undefined;
	return (index) => {
		const gap = gaps?.get(index);
		return gap ? { expected: gap.expected, reported: gap.reported, difference: gap.difference } : undefined;
	};
}

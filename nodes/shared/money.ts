/**
 * Exact money: amounts as integer paise, never as binary floating point.
 *
 * Vendors send amounts as strings ("101666.33", FinPro and Finpass balances) or as JSON numbers
 * (Finpass transaction `amount`: 1500, 1234.56, 0.1). A string is read digit by digit; a number
 * is read through its shortest decimal string (`String(0.1)` is "0.1"), which is exactly what the
 * vendor wrote in its JSON. Arithmetic is then done on integers, so 0.1 + 0.2 is 30 paise.
 *
 * Paise fit a JS number exactly up to 2^53 − 1 (about ₹90 lakh crore, 9 × 10^13 rupees); larger
 * values are kept exact as a bigint. `Paise` is a number whenever it is a safe integer and a
 * bigint only beyond that, so `===` compares two values correctly.
 */
export type Paise = number | bigint;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Largest whole-rupee number that can be multiplied by 100 without leaving the safe range. */
const MAX_SAFE_RUPEES = Math.floor(MAX_SAFE / 100);
/** Digits of an integer part accumulated as a number before the exact (bigint) path takes over. */
const FAST_DIGITS = 15;
/** An exponent beyond this is not an amount (and would build a huge string). */
const MAX_EXPONENT = 40;

const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;
const C_MINUS = 45;
const C_PLUS = 43;

function canonical(value: bigint): Paise {
	return value <= BigInt(MAX_SAFE) && value >= -BigInt(MAX_SAFE) ? Number(value) : value;
}

/**
 * Reads an amount into integer paise: "101666.33" → 10166633, 1500 → 150000, 0.1 → 10,
 * "-5.5" → −550, "1,01,666.33" (Indian grouping) → 10166633.
 * Undefined for anything that is not an exact amount: empty, not a number, NaN/Infinity, or
 * a value with a non-zero digit below the paisa ("0.125"; trailing zeros like "1.500" are fine).
 */
export function toPaise(value: unknown): Paise | undefined {
	if (typeof value === 'string') return parseText(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		// Whole rupees need no text round trip (+ 0 turns −0 into 0).
		if (Number.isInteger(value) && value <= MAX_SAFE_RUPEES && value >= -MAX_SAFE_RUPEES) return value * 100 + 0;
		return parseText(String(value));
	}
	if (typeof value === 'bigint') return canonical(value * 100n);
	return undefined;
}

/** The hot path: plain "[-+]digits[.digits]" without allocating; anything else goes to parseSlow. */
function parseText(text: string): Paise | undefined {
	const length = text.length;
	if (length === 0) return undefined;
	let i = 0;
	let negative = false;
	let code = text.charCodeAt(0);
	if (code === C_MINUS || code === C_PLUS) {
		negative = code === C_MINUS;
		i = 1;
	}
	let rupees = 0;
	let intDigits = 0;
	for (; i < length; i++) {
		code = text.charCodeAt(i);
		if (code < C_0 || code > C_9) break;
		if (++intDigits > FAST_DIGITS) return parseSlow(text);
		rupees = rupees * 10 + (code - C_0);
	}
	let paise = 0;
	let fracDigits = 0;
	if (i < length && code === C_DOT) {
		for (i++; i < length; i++) {
			code = text.charCodeAt(i);
			if (code < C_0 || code > C_9) break;
			const digit = code - C_0;
			if (fracDigits === 0) paise = digit * 10;
			else if (fracDigits === 1) paise += digit;
			else if (digit !== 0) return undefined; // below a paisa: not an exact amount
			fracDigits++;
		}
	}
	// Exponents, grouping commas, spaces: rare, handled by the general reader.
	if (i < length) return parseSlow(text);
	if (intDigits === 0 && fracDigits === 0) return undefined;
	const total = rupees * 100 + paise;
	if (total > MAX_SAFE) return parseSlow(text);
	return negative ? (total === 0 ? 0 : -total) : total;
}

const SLOW = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
// 1,234,567 or the Indian 12,34,567: commas only in one of the two usual groupings.
const GROUPED = /^(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})$/;

function parseSlow(raw: string): Paise | undefined {
	const text = raw.trim();
	let m = SLOW.exec(text);
	if (!m) {
		const grouped = /^([+-])?([\d,]+)(\.\d*)?$/.exec(text);
		if (!grouped || !GROUPED.test(grouped[2])) return undefined;
		m = SLOW.exec(`${grouped[1] ?? ''}${grouped[2].replace(/,/g, '')}${grouped[3] ?? ''}`);
		if (!m) return undefined;
	}
	const [, sign, intPart = '', fracPart = '', expPart] = m;
	if (intPart === '' && fracPart === '') return undefined;
	const exponent = expPart === undefined ? 0 : Number(expPart);
	if (!Number.isFinite(exponent) || Math.abs(exponent) > MAX_EXPONENT) return undefined;
	// value = digits × 10^(exponent − fraction length); paise shift that by 2.
	const digits = `${intPart}${fracPart}`;
	const shift = exponent - fracPart.length + 2;
	let whole: string;
	if (shift >= 0) {
		whole = digits + '0'.repeat(shift);
	} else {
		const cut = digits.length + shift;
		const dropped = cut > 0 ? digits.slice(cut) : digits;
		if (/[1-9]/.test(dropped)) return undefined;
		whole = cut > 0 ? digits.slice(0, cut) : '0';
	}
	const paise = canonical(BigInt(whole));
	if (sign === '-') return typeof paise === 'number' ? (paise === 0 ? 0 : -paise) : -paise;
	return paise;
}

/** Integer paise → "1234.56" / "-0.10" (always two decimals; exact for any size). */
export function formatPaise(paise: Paise): string {
	if (typeof paise === 'bigint') {
		const negative = paise < 0n;
		const digits = (negative ? -paise : paise).toString().padStart(3, '0');
		return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
	}
	const abs = paise < 0 ? -paise : paise;
	const cents = abs % 100;
	const rupees = (abs - cents) / 100; // exact: abs − cents is a multiple of 100
	return `${paise < 0 ? '-' : ''}${rupees}.${cents < 10 ? '0' : ''}${cents}`;
}

/** An amount as an exact two-decimal string ("1500" → "1500.00", 0.1 → "0.10"); undefined if unreadable. */
export function formatAmount(value: unknown): string | undefined {
	const paise = toPaise(value);
	return paise === undefined ? undefined : formatPaise(paise);
}

/**
 * Paise for a JSON field such as `amount_paise`: a number (JSON numbers are exact up to 2^53),
 * a digit string beyond that, null when the amount is unreadable.
 */
export function paiseForJson(value: unknown): number | string | null {
	const paise = toPaise(value);
	if (paise === undefined) return null;
	return typeof paise === 'number' ? paise : paise.toString();
}

export function addPaise(a: Paise, b: Paise): Paise {
	if (typeof a === 'number' && typeof b === 'number') {
		const sum = a + b;
		if (sum <= MAX_SAFE && sum >= -MAX_SAFE) return sum + 0;
	}
	return canonical(BigInt(a) + BigInt(b));
}

export function negatePaise(a: Paise): Paise {
	return typeof a === 'number' ? 0 - a : -a;
}

export function subtractPaise(a: Paise, b: Paise): Paise {
	return addPaise(a, negatePaise(b));
}

/** Sums amounts exactly; unreadable values are counted, not guessed. */
export function sumAmounts(values: Iterable<unknown>): { total: string; paise: Paise; counted: number; unreadable: number } {
	let paise: Paise = 0;
	let counted = 0;
	let unreadable = 0;
	for (const value of values) {
		const p = toPaise(value);
		if (p === undefined) {
			unreadable++;
			continue;
		}
		paise = addPaise(paise, p);
		counted++;
	}
	return { total: formatPaise(paise), paise, counted, unreadable };
}

// ---------------------------------------------------------------------------------------------
// Balance reconciliation

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

function direction(type: unknown): 1 | -1 | 0 {
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

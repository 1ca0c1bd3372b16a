import { addPaise, negatePaise, type Paise } from '../../shared/finance';
import { averagePaise, money } from './amounts';
import { dateOf, dayInfo } from './dates';
import type { Row } from './rows';

/**
 * Balances day by day. Rows are put in time order (oldest first); the balance after each row is
 * the one the bank reports, or the previous one ± the amount where a row has none. A day's
 * end-of-day balance is the balance after its last row, or the previous day's carried over when
 * it has no rows. The period runs from the first to the last transaction's day: nothing is
 * assumed about days the data does not cover.
 */

export { dateOf } from './dates';

export interface Timeline {
	first: number;
	last: number;
	/** Balance before the first row (its balance ∓ its amount). */
	opening: Paise;
	closing: Paise;
	/** End-of-day balance per day of the period (index = day − first). */
	eod: Paise[];
	/** Lowest balance per day: the balance it started with or any balance after one of its rows. */
	low: Paise[];
	/** Rows oldest first, with the balance after each. */
	ordered: Row[];
	after: Paise[];
	/** Offset in `ordered` of each day's first row; length = days + 1. */
	dayStart: Int32Array;
	/** False when no row reported a balance: balances then start from 0 and only changes are real. */
	balancesReported: boolean;
}

/** Oldest first; ties keep the list's own direction (a newest-first list is walked backwards). */
export function chronological(rows: readonly Row[]): Row[] {
	let rising = 0;
	let falling = 0;
	for (let k = 1; k < rows.length; k++) {
		const step = rows[k].day - rows[k - 1].day || rows[k].tod - rows[k - 1].tod;
		if (step > 0) rising++;
		else if (step < 0) falling++;
	}
	if (falling === 0) return rows.slice();
	if (rising === 0) return rows.slice().reverse();
	const tie = falling > rising ? -1 : 1;
	const order = Array.from(rows.keys()).sort((a, b) => rows[a].day - rows[b].day || rows[a].tod - rows[b].tod || (a - b) * tie);
	return order.map((k) => rows[k]);
}

const delta = (row: Row): Paise => (row.sign === 1 ? row.amount : negatePaise(row.amount));

export function timeline(rows: readonly Row[]): Timeline | undefined {
	if (rows.length === 0) return undefined;
	const ordered = chronological(rows);
	// Opening: from the oldest row that reports a balance, less every change up to it.
	let opening: Paise = 0;
	let balancesReported = false;
	let moved: Paise = 0;
	for (let k = 0; k < ordered.length; k++) {
		const row = ordered[k];
		moved = addPaise(moved, delta(row));
		if (row.balance !== undefined) {
			opening = addPaise(row.balance, negatePaise(moved));
			balancesReported = true;
			break;
		}
	}
	const first = ordered[0].day;
	const last = ordered[ordered.length - 1].day;
	const days = last - first + 1;
	const eod: Paise[] = new Array<Paise>(days);
	const low: Paise[] = new Array<Paise>(days);
	const after: Paise[] = new Array<Paise>(ordered.length);
	const dayStart = new Int32Array(days + 1);
	let balance = opening;
	let k = 0;
	for (let d = 0; d < days; d++) {
		dayStart[d] = k;
		let lowest = balance;
		while (k < ordered.length && ordered[k].day === first + d) {
			const row = ordered[k];
			row.order = k;
			balance = row.balance ?? addPaise(balance, delta(row));
			after[k] = balance;
			if (balance < lowest) lowest = balance;
			k++;
		}
		eod[d] = balance;
		low[d] = lowest;
	}
	dayStart[days] = k;
	return { first, last, opening, closing: balance, eod, low, ordered, after, dayStart, balancesReported };
}

/** The borrower's accounts as one: per day the sum of every account's balance (carried before and after its own period). */
export function combinedTimeline(timelines: Timeline[]): Pick<Timeline, 'first' | 'last' | 'opening' | 'closing' | 'eod' | 'low'> | undefined {
	if (timelines.length === 0) return undefined;
	const first = Math.min(...timelines.map((t) => t.first));
	const last = Math.max(...timelines.map((t) => t.last));
	const eod: Paise[] = new Array<Paise>(last - first + 1).fill(0);
	let opening: Paise = 0;
	let closing: Paise = 0;
	for (const t of timelines) {
		opening = addPaise(opening, t.opening);
		closing = addPaise(closing, t.closing);
		for (let day = first; day <= last; day++) {
			const value = day < t.first ? t.opening : day > t.last ? t.closing : t.eod[day - t.first];
			eod[day - first] = addPaise(eod[day - first], value);
		}
	}
	return { first, last, opening, closing, eod, low: eod };
}

// ---------------------------------------------------------------------------------------------
// Months

export interface Flow {
	total: string;
	count: number;
}

/** What a month and the whole period both report. */
interface BalanceSpan {
	from: string;
	to: string;
	days: number;
	opening_balance: string;
	closing_balance: string;
	credits: Flow;
	debits: Flow;
	/** Lowest balance reached (a day's opening balance or any balance after one of its rows). */
	min_balance: string;
	min_balance_date: string;
	/** Average of the end-of-day balances, days without rows carrying the previous balance. */
	average_daily_balance: string;
	/** Average of the end-of-day balances on the ABB days inside the span. */
	abb: string | null;
}

/** One calendar month; the first and last month may be partial (the period's own bounds). */
export interface MonthFigures extends BalanceSpan {
	month: string;
	transactions: number;
	abb_balances: Array<{ date: string; balance: string }>;
}

export interface PeriodFigures extends BalanceSpan {
	months: number;
}

/** Monthly and whole-period figures from a timeline and the rows behind it. */
export function balanceFigures(
	t: Pick<Timeline, 'first' | 'last' | 'opening' | 'closing' | 'eod' | 'low'>,
	rows: readonly Row[],
	abbDays: readonly number[],
): { months: MonthFigures[]; period: PeriodFigures } {
	type Acc = { credit: Paise; creditCount: number; debit: Paise; debitCount: number };
	const flows = new Map<number, Acc>();
	const flow = (month: number): Acc => {
		let acc = flows.get(month);
		if (!acc) flows.set(month, (acc = { credit: 0, creditCount: 0, debit: 0, debitCount: 0 }));
		return acc;
	};
	const total = flow(-1);
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		const acc = flow(row.month);
		if (row.sign === 1) {
			acc.credit = addPaise(acc.credit, row.amount);
			acc.creditCount++;
			total.credit = addPaise(total.credit, row.amount);
			total.creditCount++;
		} else {
			acc.debit = addPaise(acc.debit, row.amount);
			acc.debitCount++;
			total.debit = addPaise(total.debit, row.amount);
			total.debitCount++;
		}
	}

	const months: MonthFigures[] = [];
	const samples: Paise[] = [];
	let eodSum: Paise = 0;
	let periodLow = 0;
	let start = t.first;
	while (start <= t.last) {
		const info = dayInfo(start);
		const monthLength = info.monthLength;
		const monthFirst = start - (info.dayOfMonth - 1);
		const end = Math.min(t.last, monthFirst + monthLength - 1);
		let sum: Paise = 0;
		let lowDay = start;
		for (let day = start; day <= end; day++) {
			sum = addPaise(sum, t.eod[day - t.first]);
			if (t.low[day - t.first] < t.low[lowDay - t.first]) lowDay = day;
		}
		if (t.low[lowDay - t.first] < t.low[periodLow]) periodLow = lowDay - t.first;
		eodSum = addPaise(eodSum, sum);
		const abbDates = [...new Set(abbDays.map((d) => monthFirst + (d === 0 || d > monthLength ? monthLength : d) - 1))]
			.filter((day) => day >= start && day <= end)
			.sort((a, b) => a - b);
		const abbBalances = abbDates.map((day) => t.eod[day - t.first]);
		samples.push(...abbBalances);
		const acc = flow(info.month);
		const days = end - start + 1;
		months.push({
			month: info.monthText,
			from: dateOf(start),
			to: dateOf(end),
			days,
			transactions: acc.creditCount + acc.debitCount,
			opening_balance: money(start === t.first ? t.opening : t.eod[start - 1 - t.first]),
			closing_balance: money(t.eod[end - t.first]),
			credits: { total: money(acc.credit), count: acc.creditCount },
			debits: { total: money(acc.debit), count: acc.debitCount },
			min_balance: money(t.low[lowDay - t.first]),
			min_balance_date: dateOf(lowDay),
			average_daily_balance: money(averagePaise(sum, days)),
			abb: abbBalances.length ? money(averagePaise(abbBalances.reduce<Paise>((a, b) => addPaise(a, b), 0), abbBalances.length)) : null,
			abb_balances: abbDates.map((day, n) => ({ date: dateOf(day), balance: money(abbBalances[n]) })),
		});
		start = end + 1;
	}
	const days = t.last - t.first + 1;
	return {
		months,
		period: {
			from: dateOf(t.first),
			to: dateOf(t.last),
			days,
			months: months.length,
			opening_balance: money(t.opening),
			closing_balance: money(t.closing),
			credits: { total: money(total.credit), count: total.creditCount },
			debits: { total: money(total.debit), count: total.debitCount },
			min_balance: money(t.low[periodLow]),
			min_balance_date: dateOf(t.first + periodLow),
			average_daily_balance: money(averagePaise(eodSum, days)),
			abb: samples.length ? money(averagePaise(samples.reduce<Paise>((a, b) => addPaise(a, b), 0), samples.length)) : null,
		},
	};
}

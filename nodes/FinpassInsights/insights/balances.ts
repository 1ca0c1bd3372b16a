import { addPaise, negatePaise, subtractPaise, type Paise } from '../../shared/finance';
import { averagePaise, money } from './amounts';
import { dateOf } from './dates';
import {
	abbSamples,
	combineEod,
	eodFigures,
	eodStats,
	lastCompleteMonths,
	monthSpans,
	type EodFigures,
	type EodSeries,
	type EodStats,
	type PeriodBasis,
} from './eod';
import type { DeclaredPeriod } from './period';
import type { Row } from './rows';

/**
 * Balances day by day. Rows are put in time order (oldest first); the balance after each row is
 * the one the bank reports, or the previous one ± the amount where a row has none. A day's
 * end-of-day balance is the balance after its last row, or the previous day's carried over when
 * it has no rows. The period is the statement period the source declares (period.ts
 * `declaredPeriodOf`), widened to every row's day; without one it runs from the first to the
 * last transaction's day. Days before the first row hold the opening balance, days after the
 * last row the closing balance.
 */

export { dateOf } from './dates';

/** An account's EOD series (eod.ts) with the rows behind it. */
export interface Timeline extends EodSeries {
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

export function timeline(rows: readonly Row[], declared?: DeclaredPeriod | null): Timeline | undefined {
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
	const first = declared ? Math.min(declared.first, ordered[0].day) : ordered[0].day;
	const last = declared ? Math.max(declared.last, ordered[ordered.length - 1].day) : ordered[ordered.length - 1].day;
	const days = last - first + 1;
	const eod: Paise[] = new Array<Paise>(days);
	const low: Paise[] = new Array<Paise>(days);
	const after: Paise[] = new Array<Paise>(ordered.length);
	const dayStart = new Int32Array(days + 1);
	let balance = opening;
	let k = 0;
	for (let d = 0; d < days; d++) {
		dayStart[d] = k;
		let lowest: Paise | undefined;
		while (k < ordered.length && ordered[k].day === first + d) {
			const row = ordered[k];
			row.order = k;
			balance = row.balance ?? addPaise(balance, delta(row));
			after[k] = balance;
			if (lowest === undefined || balance < lowest) lowest = balance;
			k++;
		}
		eod[d] = balance;
		low[d] = lowest ?? balance;
	}
	dayStart[days] = k;
	return { first, last, basis: declared ? 'declared' : 'transactions', opening, closing: balance, eod, low, ordered, after, dayStart, balancesReported };
}

/** The borrower's accounts as one: per day the sum of every account's balance (eod.ts `combineEod`). */
export const combinedTimeline = combineEod;

// ---------------------------------------------------------------------------------------------
// Months

export interface Flow {
	total: string;
	count: number;
}

/** What a month and the whole period both report. */
interface BalanceSpan extends EodFigures {
	from: string;
	to: string;
	/** Days of the period in the span. */
	days: number;
	opening_balance: string;
	closing_balance: string;
	credits: Flow;
	debits: Flow;
	/** Average of the EOD balances on the ABB days inside the span; null when none is. */
	abb: string | null;
	/** The same with every loan disbursal credit received up to each ABB day taken out of its balance. */
	abb_excluding_loan_disbursals: string | null;
}

/** One calendar month as the period covers it (`complete: false` when only in part). */
export interface MonthFigures extends BalanceSpan {
	month: string;
	days_in_month: number;
	complete: boolean;
	transactions: number;
	/** Each ABB day of the month; `balance` null when the day is outside the period. */
	abb_balances: Array<{ date: string; balance: string | null }>;
}

/** Figures over the last N complete months (null in the period when it has fewer). */
export interface CompleteMonthsFigures {
	months: string[];
	abb: string | null;
	average_daily_balance: string;
	min_eod_balance: string;
	negative_eod_days: number;
	credits: string;
	debits: string;
}

export interface PeriodFigures extends BalanceSpan {
	basis: PeriodBasis;
	months: number;
	complete_months: number;
	last_3_complete_months: CompleteMonthsFigures | null;
	last_6_complete_months: CompleteMonthsFigures | null;
	last_12_complete_months: CompleteMonthsFigures | null;
}

type Acc = { credit: Paise; creditCount: number; debit: Paise; debitCount: number };

const sumOf = (values: readonly Paise[]): Paise => values.reduce<Paise>((a, b) => addPaise(a, b), 0);

/** Monthly and whole-period figures from an EOD series and the rows behind it. */
export function balanceFigures(
	s: EodSeries,
	rows: readonly Row[],
	abbDays: readonly number[],
	disbursals: readonly Row[] = [],
): { months: MonthFigures[]; period: PeriodFigures } {
	// Loan disbursals received up to a day, for the ABB without them.
	const loans = disbursals.map((r) => ({ day: r.day, amount: r.amount })).sort((a, b) => a.day - b.day);
	const borrowedBy = (day: number): Paise => {
		let sum: Paise = 0;
		for (const loan of loans) if (loan.day <= day) sum = addPaise(sum, loan.amount);
		return sum;
	};
	const adjustedAll: Paise[] = [];
	const flows = new Map<number, Acc>();
	const flow = (month: number): Acc => {
		let acc = flows.get(month);
		if (!acc) flows.set(month, (acc = { credit: 0, creditCount: 0, debit: 0, debitCount: 0 }));
		return acc;
	};
	// Per month only: a month's sums stay small integers (unboxed); the period's add up the months'.
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		const acc = flow(row.month);
		if (row.sign === 1) {
			acc.credit = addPaise(acc.credit, row.amount);
			acc.creditCount++;
		} else {
			acc.debit = addPaise(acc.debit, row.amount);
			acc.debitCount++;
		}
	}
	const total: Acc = { credit: 0, creditCount: 0, debit: 0, debitCount: 0 };
	for (const acc of flows.values()) {
		total.credit = addPaise(total.credit, acc.credit);
		total.creditCount += acc.creditCount;
		total.debit = addPaise(total.debit, acc.debit);
		total.debitCount += acc.debitCount;
	}

	const months: MonthFigures[] = [];
	const monthStats: EodStats[] = [];
	const monthSamples: Paise[][] = [];
	for (const span of monthSpans(s)) {
		const stats = eodStats(s, span.start, span.end);
		const samples = abbSamples(s, span, abbDays);
		const present = samples.flatMap((x) => (x.balance === null ? [] : [x.balance]));
		const adjusted = loans.length ? samples.flatMap((x) => (x.balance === null ? [] : [subtractPaise(x.balance, borrowedBy(x.day))])) : present;
		adjustedAll.push(...adjusted);
		const acc = flow(span.monthIndex);
		monthStats.push(stats);
		monthSamples.push(present);
		months.push({
			month: span.month,
			from: dateOf(span.start),
			to: dateOf(span.end),
			days: span.days_covered,
			days_in_month: span.days_in_month,
			complete: span.complete,
			transactions: acc.creditCount + acc.debitCount,
			opening_balance: money(span.start === s.first ? s.opening : s.eod[span.start - 1 - s.first]),
			closing_balance: money(s.eod[span.end - s.first]),
			credits: { total: money(acc.credit), count: acc.creditCount },
			debits: { total: money(acc.debit), count: acc.debitCount },
			...eodFigures(stats),
			abb: present.length ? money(averagePaise(sumOf(present), present.length)) : null,
			abb_excluding_loan_disbursals: adjusted.length ? money(averagePaise(sumOf(adjusted), adjusted.length)) : null,
			abb_balances: samples.map((x) => ({ date: dateOf(x.day), balance: x.balance === null ? null : money(x.balance) })),
		});
	}
	const lastComplete = (n: number): CompleteMonthsFigures | null => {
		const chosen = lastCompleteMonths(
			months.map((m, k) => ({ m, k, complete: m.complete })),
			n,
		);
		if (!chosen) return null;
		const samples = chosen.flatMap(({ k }) => monthSamples[k]);
		let sum: Paise = 0;
		let days = 0;
		let min: Paise | undefined;
		let negative = 0;
		let credit: Paise = 0;
		let debit: Paise = 0;
		for (const { m, k } of chosen) {
			const st = monthStats[k];
			sum = addPaise(sum, st.sum);
			days += st.days;
			if (min === undefined || st.min < min) min = st.min;
			negative += st.negativeEodDays;
			const acc = flow(monthIndexOf(m.month));
			credit = addPaise(credit, acc.credit);
			debit = addPaise(debit, acc.debit);
		}
		return {
			months: chosen.map(({ m }) => m.month),
			abb: samples.length ? money(averagePaise(sumOf(samples), samples.length)) : null,
			average_daily_balance: money(averagePaise(sum, days)),
			min_eod_balance: money(min ?? 0),
			negative_eod_days: negative,
			credits: money(credit),
			debits: money(debit),
		};
	};
	const stats = eodStats(s, s.first, s.last);
	const all = monthSamples.flat();
	return {
		months,
		period: {
			from: dateOf(s.first),
			to: dateOf(s.last),
			days: s.last - s.first + 1,
			basis: s.basis,
			months: months.length,
			complete_months: months.filter((m) => m.complete).length,
			opening_balance: money(s.opening),
			closing_balance: money(s.closing),
			credits: { total: money(total.credit), count: total.creditCount },
			debits: { total: money(total.debit), count: total.debitCount },
			...eodFigures(stats),
			abb: all.length ? money(averagePaise(sumOf(all), all.length)) : null,
			abb_excluding_loan_disbursals: adjustedAll.length ? money(averagePaise(sumOf(adjustedAll), adjustedAll.length)) : null,
			last_3_complete_months: lastComplete(3),
			last_6_complete_months: lastComplete(6),
			last_12_complete_months: lastComplete(12),
		},
	};
}

/** "2025-06" → year × 12 + month − 1. */
const monthIndexOf = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

import { addPaise, type Paise } from '../../shared/finance';
import { averagePaise, money } from './amounts';
import { dateOf, dayInfo } from './dates';

/**
 * The statement period and its end-of-day (EOD) series: the figures credit policies are written
 * on ("no negative EOD balance in 6 months", "minimum EOD balance above ₹X", "ABB over the last 6
 * complete months").
 *
 * - The **period** is the one the source declares (period.ts `declaredPeriodOf`), widened to every
 *   row's day; without one, the first to the last transaction's day (`basis` says which).
 * - The **EOD series** has one balance per day of the period: the balance after the day's last
 *   row, the previous day's carried over on a day without rows, the opening balance (before the
 *   first row) on days before it.
 * - The **lowest running balance** of a day is the lowest balance after one of its rows (the
 *   balance carried through it on a day without rows). The balance carried in from the night
 *   before belongs to the day before, so one overdrawn night counts once.
 * - A **negative EOD day** ends below zero; a **negative running day** goes below zero at any
 *   moment (every negative EOD day is one).
 *
 * Pure and exact (integer paise); day numbers are days since 1970-01-01, India time (dates.ts).
 */

export type PeriodBasis = 'declared' | 'transactions';

/** A day-by-day balance series over a period (balances.ts `timeline`, `combinedTimeline`). */
export interface EodSeries {
	/** First and last day of the period (day numbers, both included). */
	first: number;
	last: number;
	basis: PeriodBasis;
	/** Balance before the period's first row. */
	opening: Paise;
	/** Balance after the period's last row. */
	closing: Paise;
	/** End-of-day balance per day of the period (index = day − first). */
	eod: Paise[];
	/** Lowest running balance per day (index = day − first); for several accounts together, the EOD total. */
	low: Paise[];
}

export interface StatementPeriod {
	from: string;
	to: string;
	days: number;
	basis: PeriodBasis;
}

export function statementPeriod(s: EodSeries): StatementPeriod {
	return { from: dateOf(s.first), to: dateOf(s.last), days: s.last - s.first + 1, basis: s.basis };
}

/** The EOD balance of any day: the opening balance before the period, the closing balance after it. */
export function eodOn(s: EodSeries, day: number): Paise {
	if (day < s.first) return s.opening;
	if (day > s.last) return s.closing;
	return s.eod[day - s.first];
}

/** The accounts as one: per day the sum of every account's EOD balance (carried before and after its own period). */
export function combineEod(series: readonly EodSeries[]): EodSeries | undefined {
	if (series.length === 0) return undefined;
	let first = series[0].first;
	let last = series[0].last;
	for (const s of series) {
		if (s.first < first) first = s.first;
		if (s.last > last) last = s.last;
	}
	const eod: Paise[] = new Array<Paise>(last - first + 1).fill(0);
	let opening: Paise = 0;
	let closing: Paise = 0;
	for (const s of series) {
		opening = addPaise(opening, s.opening);
		closing = addPaise(closing, s.closing);
		for (let day = first; day <= last; day++) eod[day - first] = addPaise(eod[day - first], eodOn(s, day));
	}
	const basis: PeriodBasis = series.every((s) => s.basis === 'declared') ? 'declared' : 'transactions';
	return { first, last, basis, opening, closing, eod, low: eod };
}

// ---------------------------------------------------------------------------------------------
// Months of the period

/** A calendar month as the period covers it. */
export interface MonthSpan {
	/** "2025-06" */
	month: string;
	/** year × 12 + month − 1 (dates.ts). */
	monthIndex: number;
	/** First and last day of the month inside the period (day numbers). */
	start: number;
	end: number;
	/** First and last day of the calendar month (day numbers). */
	monthFirst: number;
	monthLast: number;
	days_covered: number;
	days_in_month: number;
	/** True when the period covers every day of the calendar month. */
	complete: boolean;
}

export function monthSpans(s: Pick<EodSeries, 'first' | 'last'>): MonthSpan[] {
	const spans: MonthSpan[] = [];
	let start = s.first;
	while (start <= s.last) {
		const info = dayInfo(start);
		const monthFirst = start - (info.dayOfMonth - 1);
		const monthLast = monthFirst + info.monthLength - 1;
		const end = Math.min(s.last, monthLast);
		spans.push({
			month: info.monthText,
			monthIndex: info.month,
			start,
			end,
			monthFirst,
			monthLast,
			days_covered: end - start + 1,
			days_in_month: info.monthLength,
			complete: start === monthFirst && end === monthLast,
		});
		start = end + 1;
	}
	return spans;
}

/** The last `n` complete months of the period, oldest first; undefined when it has fewer. */
export function lastCompleteMonths<M extends { complete: boolean }>(months: readonly M[], n: number): M[] | undefined {
	const complete = months.filter((m) => m.complete);
	return complete.length >= n ? complete.slice(complete.length - n) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Figures over a span of days

/** EOD figures of days [start, end] of a series, in paise (for code: signals, tests). */
export interface EodStats {
	days: number;
	/** Sum of the EOD balances (for averages over several spans). */
	sum: Paise;
	average: Paise;
	min: Paise;
	minDay: number;
	max: Paise;
	maxDay: number;
	lowestRunning: Paise;
	lowestRunningDay: number;
	negativeEodDays: number;
	negativeRunningDays: number;
}

/** Ties go to the earliest day. */
export function eodStats(s: EodSeries, start: number, end: number): EodStats {
	let sum: Paise = 0;
	let minDay = start;
	let maxDay = start;
	let lowDay = start;
	let negativeEod = 0;
	let negativeRunning = 0;
	for (let day = start; day <= end; day++) {
		const d = day - s.first;
		const eod = s.eod[d];
		sum = addPaise(sum, eod);
		if (eod < s.eod[minDay - s.first]) minDay = day;
		if (eod > s.eod[maxDay - s.first]) maxDay = day;
		if (s.low[d] < s.low[lowDay - s.first]) lowDay = day;
		if (eod < 0) negativeEod++;
		if (s.low[d] < 0) negativeRunning++;
	}
	const days = end - start + 1;
	return {
		days,
		sum,
		average: averagePaise(sum, days),
		min: s.eod[minDay - s.first],
		minDay,
		max: s.eod[maxDay - s.first],
		maxDay,
		lowestRunning: s.low[lowDay - s.first],
		lowestRunningDay: lowDay,
		negativeEodDays: negativeEod,
		negativeRunningDays: negativeRunning,
	};
}

/** The same figures as exact strings and dates, named for what they are. */
export interface EodFigures {
	min_eod_balance: string;
	min_eod_balance_date: string;
	max_eod_balance: string;
	max_eod_balance_date: string;
	/** Average of the EOD balances of every day of the span (days without rows included). */
	average_daily_balance: string;
	/** Lowest balance after any row (intraday); for all accounts together, the lowest EOD total. */
	lowest_running_balance: string;
	lowest_running_balance_date: string;
	/** Days that ended below zero. */
	negative_eod_days: number;
	/** Days with a balance below zero at any moment (negative EOD days included). */
	negative_running_days: number;
}

export function eodFigures(stats: EodStats): EodFigures {
	return {
		min_eod_balance: money(stats.min),
		min_eod_balance_date: dateOf(stats.minDay),
		max_eod_balance: money(stats.max),
		max_eod_balance_date: dateOf(stats.maxDay),
		average_daily_balance: money(stats.average),
		lowest_running_balance: money(stats.lowestRunning),
		lowest_running_balance_date: dateOf(stats.lowestRunningDay),
		negative_eod_days: stats.negativeEodDays,
		negative_running_days: stats.negativeRunningDays,
	};
}

/** Days of the period that ended below zero, oldest first. */
export function negativeEodDays(s: EodSeries): Array<{ day: number; date: string; eod_balance: string }> {
	const out: Array<{ day: number; date: string; eod_balance: string }> = [];
	for (let d = 0; d < s.eod.length; d++) if (s.eod[d] < 0) out.push({ day: s.first + d, date: dateOf(s.first + d), eod_balance: money(s.eod[d]) });
	return out;
}

/**
 * The days whose EOD balance makes up the ABB in one month: each of `abbDays` (0 = the month's
 * last day; a day beyond a short month is its last day), with null for a day outside the period
 * (never invented from a balance the data does not cover).
 */
export function abbSamples(s: EodSeries, span: MonthSpan, abbDays: readonly number[]): Array<{ day: number; balance: Paise | null }> {
	const length = span.days_in_month;
	const days = [...new Set(abbDays.map((d) => span.monthFirst + (d === 0 || d > length ? length : d) - 1))].sort((a, b) => a - b);
	return days.map((day) => ({ day, balance: day >= span.start && day <= span.end ? s.eod[day - s.first] : null }));
}

import { addPaise, type Paise } from '../../shared/finance';
import { averagePaise, money, near } from './amounts';
import { dayInfo, dayNumber } from './dates';
import { byTime, refOf, type TransactionRef } from './refs';
import type { Row } from './rows';
import type { InsightRules } from './rules';

/**
 * Recurring flows: rows to or from the same counterparty (payee key, classify.ts) with amounts
 * within `amountTolerancePercent` of the group's smallest, on about the same day of the month
 * (within `recurringDayWindow` days of the group's most frequent day; month ends wrap), seen in
 * at least `recurringMinMonths` different months and about monthly (on average at most
 * `recurringMaxPerMonth` rows per month seen). Groups found by a word rule instead (salary,
 * NACH/EMI) need neither.
 */

export interface RecurringFlow {
	/** Payee (debits) or source (credits), as named by the narration. */
	counterparty: string;
	/** The latest amount. */
	amount: string;
	/** Most frequent day of the month (the earliest of equally frequent days). */
	day_of_month: number;
	months: string[];
	months_count: number;
	/** Total ÷ months seen. */
	average_monthly: string;
	total: string;
	/**
	 * 'narration' when a word rule found it, 'recurrence' when its pattern did; for an obligation,
	 * why it is one: 'mandate', 'lender' or 'emi marker'.
	 */
	basis: FlowBasis;
	transactions: TransactionRef[];
}

export interface FlowGroup {
	counterparty: string;
	rows: Row[];
	latest: Paise;
	monthly: Paise;
	basis: FlowBasis;
}

export type FlowBasis = 'narration' | 'recurrence' | 'mandate' | 'lender' | 'emi marker';


/** Splits rows by counterparty, then into runs of amounts within the tolerance of the run's smallest. */
function byCounterparty(rows: readonly Row[]): Map<string, Row[]> {
	// Counted first, then each list allocated at its size: nothing grown and copied.
	const counts = new Map<string, number>();
	for (let k = 0; k < rows.length; k++) counts.set(rows[k].payee, (counts.get(rows[k].payee) ?? 0) + 1);
	const byPayee = new Map<string, Row[]>();
	const filled = new Map<string, number>();
	counts.forEach((n, payee) => {
		byPayee.set(payee, new Array<Row>(n));
		filled.set(payee, 0);
	});
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		const at = filled.get(row.payee) as number;
		(byPayee.get(row.payee) as Row[])[at] = row;
		filled.set(row.payee, at + 1);
	}
	return byPayee;
}

const sortByAmount = (list: Row[]): Row[] =>
	list.sort((a, b) => (typeof a.amount === 'number' && typeof b.amount === 'number' ? a.amount - b.amount : a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0));

/** Rows by counterparty, then in runs of amounts within the tolerance of the run's smallest (mandates, EMIs). */
export function amountGroups(rows: readonly Row[], tolerancePercent: number): Array<{ counterparty: string; rows: Row[] }> {
	const groups: Array<{ counterparty: string; rows: Row[] }> = [];
	for (const [counterparty, list] of byCounterparty(rows)) {
		let run: Row[] = [];
		for (const row of sortByAmount(list)) {
			if (run.length > 0 && !near(row.amount, run[0].amount, tolerancePercent)) {
				groups.push({ counterparty, rows: run });
				run = [];
			}
			run.push(row);
		}
		if (run.length) groups.push({ counterparty, rows: run });
	}
	return groups;
}

function distinctMonths(rows: readonly Row[]): number[] {
	const months = new Set<number>();
	for (const row of rows) months.add(row.month);
	return [...months].sort((a, b) => a - b);
}

export const monthsOf = (rows: readonly Row[]): string[] => distinctMonths(rows).map((month) => dayInfo(dayNumber(Math.floor(month / 12), (month % 12) + 1, 1)).monthText);

// Scratch space for the recurrence test: it runs on thousands of candidate groups, so it
// allocates nothing unless a group recurs.
const dayCounts = new Int32Array(32);
let monthBuffer = new Int32Array(64);

/** The most frequent day of the month (the earliest of equally frequent days) of list[from, to). */
export function usualDay(list: readonly Row[], from = 0, to = list.length): number {
	dayCounts.fill(0);
	for (let k = from; k < to; k++) dayCounts[list[k].dayOfMonth]++;
	let best = 1;
	for (let d = 2; d <= 31; d++) if (dayCounts[d] > dayCounts[best]) best = d;
	return best;
}

const onDay = (row: Row, usual: number, window: number): boolean => {
	const gap = Math.abs(row.dayOfMonth - usual);
	return Math.min(gap, 31 - gap) <= window;
};

/** The rows of list[from, to) that recur (on about their usual day), or undefined when they do not. */
function recurringSlice(list: readonly Row[], from: number, to: number, rules: InsightRules): Row[] | undefined {
	const usual = usualDay(list, from, to);
	let count = 0;
	for (let k = from; k < to; k++) if (onDay(list[k], usual, rules.recurringDayWindow)) count++;
	// Most of the group must fall on its usual day: a shop paid on random days is not monthly.
	if (count < rules.recurringMinMonths || count * 100 < (to - from) * rules.recurringOnDayPercent) return undefined;
	if (monthBuffer.length < count) monthBuffer = new Int32Array(count * 2);
	let n = 0;
	for (let k = from; k < to; k++) if (onDay(list[k], usual, rules.recurringDayWindow)) monthBuffer[n++] = list[k].month;
	const months = monthBuffer;
	if (n > 32) months.subarray(0, n).sort();
	else {
		// A few months: sorted in place, without a view object per candidate group.
		for (let i = 1; i < n; i++) {
			const month = months[i];
			let j = i - 1;
			for (; j >= 0 && months[j] > month; j--) months[j + 1] = months[j];
			months[j + 1] = month;
		}
	}
	let distinct = n > 0 ? 1 : 0;
	let run = 1;
	let longest = distinct;
	for (let k = 1; k < n; k++) {
		if (months[k] === months[k - 1]) continue;
		distinct++;
		run = months[k] === months[k - 1] + 1 ? run + 1 : 1;
		if (run > longest) longest = run;
	}
	// Instalments and salaries come month after month: at least `recurringMinMonths` in a row.
	if (longest < rules.recurringMinMonths || count > distinct * rules.recurringMaxPerMonth) return undefined;
	const rows: Row[] = [];
	for (let k = from; k < to; k++) if (onDay(list[k], usual, rules.recurringDayWindow)) rows.push(list[k]);
	return rows;
}

/** Recurring groups among rows: by counterparty, then by runs of amounts within the tolerance. */
export function findRecurring(rows: readonly Row[], rules: InsightRules): Array<{ counterparty: string; rows: Row[] }> {
	const found: Array<{ counterparty: string; rows: Row[] }> = [];
	for (const [counterparty, list] of byCounterparty(rows)) {
		if (counterparty === '' || list.length < rules.recurringMinMonths) continue;
		sortByAmount(list);
		let start = 0;
		for (let k = 1; k <= list.length; k++) {
			if (k < list.length && near(list[k].amount, list[start].amount, rules.amountTolerancePercent)) continue;
			if (k - start >= rules.recurringMinMonths) {
				const recurring = recurringSlice(list, start, k, rules);
				if (recurring) found.push({ counterparty, rows: recurring });
			}
			start = k;
		}
	}
	return found;
}

export function flowGroup(counterparty: string, rows: Row[], basis: FlowGroup['basis']): FlowGroup {
	rows.sort(byTime);
	let total: Paise = 0;
	for (const row of rows) total = addPaise(total, row.amount);
	return { counterparty, rows, latest: rows[rows.length - 1].amount, monthly: averagePaise(total, distinctMonths(rows).length), basis };
}

export function describeFlow(group: FlowGroup): RecurringFlow {
	let total: Paise = 0;
	for (const row of group.rows) total = addPaise(total, row.amount);
	const dayOfMonth = usualDay(group.rows);
	const months = monthsOf(group.rows);
	return {
		counterparty: group.counterparty || '(unnamed)',
		amount: money(group.latest),
		day_of_month: dayOfMonth,
		months,
		months_count: months.length,
		average_monthly: money(group.monthly),
		total: money(total),
		basis: group.basis,
		transactions: group.rows.map(refOf),
	};
}

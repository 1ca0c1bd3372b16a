import { addPaise, type Paise } from '../../shared/money';
import { averagePaise, money, near } from './amounts';
import { dateOf } from './balances';
import { byTime, refOf, type TransactionRef } from './refs';
import type { Row } from './rows';
import type { InsightRules } from './rules';

/**
 * Recurring flows: rows to or from the same counterparty (payee key, classify.ts) with amounts
 * within `amountTolerancePercent` of the group's smallest, seen in at least `recurringMinMonths`
 * different months and about monthly (on average at most `recurringMaxPerMonth` rows per month
 * seen). Groups found by a word rule instead (salary, NACH/EMI) need no minimum of months.
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
	/** 'narration' when a word rule found it, 'recurrence' when its pattern did. */
	basis: 'narration' | 'recurrence';
	transactions: TransactionRef[];
}

export interface FlowGroup {
	counterparty: string;
	rows: Row[];
	latest: Paise;
	monthly: Paise;
	basis: 'narration' | 'recurrence';
}

const monthOf = (row: Row): string => dateOf(row.day).slice(0, 7);

/** Splits rows by counterparty, then into runs of amounts within the tolerance of the run's smallest. */
export function amountGroups(rows: readonly Row[], tolerancePercent: number): Array<{ counterparty: string; rows: Row[] }> {
	const byPayee = new Map<string, Row[]>();
	for (const row of rows) {
		const list = byPayee.get(row.payee);
		if (list) list.push(row);
		else byPayee.set(row.payee, [row]);
	}
	const groups: Array<{ counterparty: string; rows: Row[] }> = [];
	for (const [counterparty, list] of byPayee) {
		list.sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0));
		let run: Row[] = [];
		for (const row of list) {
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

export function monthsOf(rows: readonly Row[]): string[] {
	return [...new Set(rows.map(monthOf))].sort();
}

export function isRecurring(rows: readonly Row[], rules: InsightRules): boolean {
	const months = monthsOf(rows).length;
	return months >= rules.recurringMinMonths && rows.length <= months * rules.recurringMaxPerMonth;
}

export function flowGroup(counterparty: string, rows: Row[], basis: FlowGroup['basis']): FlowGroup {
	rows.sort(byTime);
	let total: Paise = 0;
	for (const row of rows) total = addPaise(total, row.amount);
	return { counterparty, rows, latest: rows[rows.length - 1].amount, monthly: averagePaise(total, monthsOf(rows).length), basis };
}

export function describeFlow(group: FlowGroup): RecurringFlow {
	const days = new Map<number, number>();
	let total: Paise = 0;
	for (const row of group.rows) {
		const day = Number(dateOf(row.day).slice(8, 10));
		days.set(day, (days.get(day) ?? 0) + 1);
		total = addPaise(total, row.amount);
	}
	const [dayOfMonth] = [...days.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
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

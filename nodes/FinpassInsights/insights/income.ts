import { addPaise, type Paise } from '../../shared/finance';
import { money, ratio } from './amounts';
import { dateOf, dayInfo } from './dates';
import { amountGroups, describeFlow, flowGroup, findRecurring, type FlowGroup, type RecurringFlow } from './recurring';
import { byTime, refOf, type TransactionRef } from './refs';
import { Kind, type Row } from './rows';
import type { InsightRules } from './rules';

export interface SalaryInsight {
	/** 'narration': credits with a salary word; 'recurrence': the largest about-monthly credit from one source. */
	basis: 'narration' | 'recurrence';
	sources: string[];
	months: Array<{ month: string; total: string; count: number }>;
	months_count: number;
	/** Total salary ÷ months with salary. */
	average_monthly: string;
	latest: { date: string; amount: string };
	total: string;
	transactions: TransactionRef[];
}

export interface IncomeInsight {
	salary: SalaryInsight | null;
	other_recurring_credits: RecurringFlow[];
	/** Salary's monthly average; without salary, the recurring credits' monthly averages added up. */
	monthly_income: string;
	monthly_income_basis: 'salary' | 'recurring credits' | 'none';
}

export interface ObligationsInsight {
	items: Array<RecurringFlow & { active: boolean }>;
	/** Latest amounts of the active obligations, added up. */
	monthly_total: string;
	/** monthly_total ÷ monthly_income (4 decimals); null without income. */
	obligations_to_income: number | null;
}

function salaryOf(rows: Row[], basis: SalaryInsight['basis']): SalaryInsight {
	rows.sort(byTime);
	const months = new Map<string, { total: Paise; count: number }>();
	let total: Paise = 0;
	for (const row of rows) {
		const month = dayInfo(row.day).monthText;
		const entry = months.get(month) ?? { total: 0, count: 0 };
		entry.total = addPaise(entry.total, row.amount);
		entry.count++;
		months.set(month, entry);
		total = addPaise(total, row.amount);
	}
	const latest = rows[rows.length - 1];
	const group = flowGroup('', rows, basis);
	return {
		basis,
		sources: [...new Set(rows.map((r) => r.payee || '(unnamed)'))],
		months: [...months.entries()].map(([month, e]) => ({ month, total: money(e.total), count: e.count })),
		months_count: months.size,
		average_monthly: money(group.monthly),
		latest: { date: dateOf(latest.day), amount: money(latest.amount) },
		total: money(total),
		transactions: rows.map(refOf),
	};
}

/**
 * The recurring credits and debits among one account's plain rows (recurring.ts), one group per
 * counterparty and amount. Found per account; all accounts together list every account's groups.
 */
export function recurringGroups(rows: readonly Row[], sign: 1 | -1, rules: InsightRules): FlowGroup[] {
	const groups: FlowGroup[] = [];
	const plain: Row[] = [];
	for (let k = 0; k < rows.length; k++) if (rows[k].sign === sign && rows[k].kind === Kind.Plain) plain.push(rows[k]);
	for (const group of findRecurring(plain, rules)) groups.push(flowGroup(group.counterparty, group.rows, 'recurrence'));
	return groups;
}

/** Income and the recurring credit groups it used (so large-credit checks can skip them). */
export function incomeOf(rows: readonly Row[], creditGroups: readonly FlowGroup[]): { income: IncomeInsight; recurringRows: Set<Row> } {
	const marked = rows.filter((r) => r.sign === 1 && r.kind === Kind.Salary);
	const recurring = [...creditGroups];
	const recurringRows = new Set<Row>([...marked, ...recurring.flatMap((g) => g.rows)]);
	let salary: SalaryInsight | null = null;
	if (marked.length > 0) {
		salary = salaryOf(marked, 'narration');
	} else if (recurring.length > 0) {
		// No salary word anywhere: the largest about-monthly credit from one source is taken as salary.
		recurring.sort((a, b) => (a.monthly > b.monthly ? -1 : a.monthly < b.monthly ? 1 : 0));
		const [top] = recurring.splice(0, 1);
		salary = salaryOf(top.rows, 'recurrence');
		salary.sources = [top.counterparty];
	}
	const others = recurring.map(describeFlow);
	let monthly: Paise = 0;
	for (const group of recurring) monthly = addPaise(monthly, group.monthly);
	return {
		income: {
			salary,
			other_recurring_credits: others,
			monthly_income: salary ? salary.average_monthly : money(monthly),
			monthly_income_basis: salary ? 'salary' : recurring.length ? 'recurring credits' : 'none',
		},
		recurringRows,
	};
}

export function obligationsOf(
	rows: readonly Row[],
	rules: InsightRules,
	monthlyIncome: Paise,
	lastDay: number,
	debitGroups: readonly FlowGroup[],
): ObligationsInsight {
	const mandates = rows.filter((r) => r.sign === -1 && r.kind === Kind.Mandate);
	const groups: FlowGroup[] = [
		...amountGroups(mandates, rules.amountTolerancePercent).map((g) => flowGroup(g.counterparty, g.rows, 'narration')),
		...debitGroups,
	];
	const lastMonth = dateOf(lastDay).slice(0, 7);
	const activeFrom = shiftMonth(lastMonth, 1 - rules.activeWithinMonths);
	let total: Paise = 0;
	const items = groups.map((group) => {
		const flow = describeFlow(group);
		const active = flow.months[flow.months.length - 1] >= activeFrom;
		if (active) total = addPaise(total, group.latest);
		return { ...flow, active };
	});
	items.sort((a, b) => (a.day_of_month - b.day_of_month) || a.counterparty.localeCompare(b.counterparty));
	return { items, monthly_total: money(total), obligations_to_income: ratio(total, monthlyIncome) };
}

/** "2025-03" shifted by n months. */
export function shiftMonth(month: string, n: number): string {
	const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

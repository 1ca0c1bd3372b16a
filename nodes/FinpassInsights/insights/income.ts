import { addPaise, subtractPaise, toPaise, type Paise } from '../../shared/finance';
import { averagePaise, money, ratio } from './amounts';
import { dateOf, dayInfo } from './dates';
import type { MonthSpan } from './eod';
import { isNonIncomeCredit, obligationBasisOf } from './lending';
import { amountGroups, describeFlow, flowGroup, findRecurring, usualDay, type FlowGroup, type RecurringFlow } from './recurring';
import { byTime, refOf, type TransactionRef } from './refs';
import { Kind, type Row } from './rows';
import type { InsightRules } from './rules';

export interface SalaryInsight {
	/** 'narration': credits with a salary word; 'recurrence': the largest about-monthly credit from one source. */
	basis: 'narration' | 'recurrence';
	sources: string[];
	months: Array<{ month: string; total: string; count: number; day: number }>;
	months_count: number;
	/** Total salary ÷ months with salary. */
	average_monthly: string;
	latest: { date: string; amount: string };
	total: string;
	/** The most frequent day of the month of each month's first salary credit (the earliest of equally frequent days). */
	usual_day: number;
	/** Latest day − earliest day of the months' first salary credits. */
	day_spread: number;
	/** Months of the period that should have had salary (the period covers their usual day + grace) and had none. */
	months_without_salary: string[];
	/** Months whose first salary came more than the grace after the usual day. */
	delayed_months: string[];
	/** The latest month that should have had salary had none, or had it late. */
	delayed: boolean;
	transactions: TransactionRef[];
}

export interface NetCreditsMonth {
	month: string;
	complete: boolean;
	credits: string;
	own_transfers: string;
	refunds: string;
	bounce_returns: string;
	loan_disbursals: string;
	/** credits − own transfers − refunds/reversals − bounce returns − loan disbursals */
	net: string;
}

export interface IncomeInsight {
	salary: SalaryInsight | null;
	other_recurring_credits: RecurringFlow[];
	/** Credits less what is not income, per month. */
	net_credits: {
		months: NetCreditsMonth[];
		/** Average of `net` over the complete months (over every month when none is complete). */
		monthly_average: string;
		months_used: string[];
	};
	/** Salary's monthly average; without salary, the net credits' monthly average. */
	monthly_income: string;
	monthly_income_basis: 'salary' | 'net credits' | 'none';
	/** Refund, reversal and cashback credits (left out of income). */
	refunds: { total: string; count: number; transactions: TransactionRef[] };
}

export interface ObligationsInsight {
	/** Debits a lender counts: mandates (NACH/ECS/ACH/SI), payments to lenders, EMI/loan markers. */
	items: Array<RecurringFlow & { active: boolean }>;
	/** Latest amounts of the active obligations, added up. */
	monthly_total: string;
	/** FOIR: monthly_total ÷ monthly_income (4 decimals); null without income. */
	obligations_to_income: number | null;
	/** What the ratio divides by, e.g. "salary (3 months)" or "net credits (6 complete months)". */
	foir_basis: string;
	/** Other debits that recur every month (rent, subscriptions, a shop): reported, not counted in FOIR. */
	other_recurring_debits: RecurringFlow[];
}

function salaryOf(rows: Row[], basis: SalaryInsight['basis'], spans: readonly MonthSpan[], graceDays: number): SalaryInsight {
	rows.sort(byTime);
	const months = new Map<number, { month: string; total: Paise; count: number; day: number; first: Row }>();
	let total: Paise = 0;
	for (const row of rows) {
		let entry = months.get(row.month);
		if (!entry) months.set(row.month, (entry = { month: dayInfo(row.day).monthText, total: 0, count: 0, day: row.dayOfMonth, first: row }));
		entry.total = addPaise(entry.total, row.amount);
		entry.count++;
		total = addPaise(total, row.amount);
	}
	const firsts = [...months.values()].map((e) => e.first);
	const usual = usualDay(firsts);
	const days = firsts.map((r) => r.dayOfMonth);
	const delayed: string[] = [];
	const missing: string[] = [];
	let latestExpected: { late: boolean } | undefined;
	for (const span of spans) {
		// Expected when the period covers the month up to its usual day + grace.
		const due = span.monthFirst + Math.min(usual + graceDays, span.days_in_month) - 1;
		const entry = months.get(span.monthIndex);
		if (entry && entry.day > usual + graceDays) delayed.push(span.month);
		if (span.start > span.monthFirst + usual - 1 || due > span.end) continue;
		if (!entry) missing.push(span.month);
		latestExpected = { late: !entry || entry.day > usual + graceDays };
	}
	const latest = rows[rows.length - 1];
	const group = flowGroup('', rows, basis);
	return {
		basis,
		sources: [...new Set(rows.map((r) => r.payee || '(unnamed)'))],
		months: [...months.values()].map((e) => ({ month: e.month, total: money(e.total), count: e.count, day: e.day })),
		months_count: months.size,
		average_monthly: money(group.monthly),
		latest: { date: dateOf(latest.day), amount: money(latest.amount) },
		total: money(total),
		usual_day: usual,
		day_spread: days.length ? Math.max(...days) - Math.min(...days) : 0,
		months_without_salary: missing,
		delayed_months: delayed,
		delayed: latestExpected?.late ?? false,
		transactions: rows.map(refOf),
	};
}

/**
 * The recurring credits and debits among one account's plain rows (recurring.ts), one group per
 * counterparty and amount. Found per account; all accounts together list every account's groups.
 */
export function recurringGroups(rows: readonly Row[], sign: 1 | -1, rules: InsightRules): FlowGroup[] {
	const groups: FlowGroup[] = [];
	// Counted first, then filled: one list of the right size instead of one grown and copied.
	let count = 0;
	for (let k = 0; k < rows.length; k++) if (rows[k].sign === sign && rows[k].kind === Kind.Plain) count++;
	const plain: Row[] = new Array<Row>(count);
	let at = 0;
	for (let k = 0; k < rows.length; k++) if (rows[k].sign === sign && rows[k].kind === Kind.Plain) plain[at++] = rows[k];
	for (const group of findRecurring(plain, rules)) groups.push(flowGroup(group.counterparty, group.rows, 'recurrence'));
	return groups;
}

function netCredits(rows: readonly Row[], spans: readonly MonthSpan[]): IncomeInsight['net_credits'] {
	type Acc = { credits: Paise; own: Paise; refunds: Paise; bounces: Paise; loans: Paise };
	const byMonth = new Map<number, Acc>();
	for (const span of spans) byMonth.set(span.monthIndex, { credits: 0, own: 0, refunds: 0, bounces: 0, loans: 0 });
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		if (row.sign !== 1) continue;
		const acc = byMonth.get(row.month);
		if (!acc) continue;
		acc.credits = addPaise(acc.credits, row.amount);
		if (!isNonIncomeCredit(row)) continue;
		if (row.kind === Kind.OwnTransfer) acc.own = addPaise(acc.own, row.amount);
		else if (row.kind === Kind.Refund) acc.refunds = addPaise(acc.refunds, row.amount);
		else if (row.kind === Kind.Bounce) acc.bounces = addPaise(acc.bounces, row.amount);
		else acc.loans = addPaise(acc.loans, row.amount);
	}
	const months: NetCreditsMonth[] = [];
	const nets: Paise[] = [];
	for (const span of spans) {
		const a = byMonth.get(span.monthIndex) as Acc;
		const net = subtractPaise(subtractPaise(subtractPaise(subtractPaise(a.credits, a.own), a.refunds), a.bounces), a.loans);
		nets.push(net);
		months.push({
			month: span.month,
			complete: span.complete,
			credits: money(a.credits),
			own_transfers: money(a.own),
			refunds: money(a.refunds),
			bounce_returns: money(a.bounces),
			loan_disbursals: money(a.loans),
			net: money(net),
		});
	}
	const complete = spans.some((s) => s.complete);
	let sum: Paise = 0;
	const used: string[] = [];
	spans.forEach((span, k) => {
		if (complete && !span.complete) return;
		sum = addPaise(sum, nets[k]);
		used.push(span.month);
	});
	return { months, monthly_average: money(averagePaise(sum, used.length)), months_used: used };
}

/** Income and the recurring credit groups it used (so large-credit checks can skip them). */
export function incomeOf(
	rows: readonly Row[],
	creditGroups: readonly FlowGroup[],
	spans: readonly MonthSpan[],
	rules: InsightRules,
): { income: IncomeInsight; recurringRows: Set<Row> } {
	const marked = rows.filter((r) => r.sign === 1 && r.kind === Kind.Salary);
	const recurring = [...creditGroups];
	const recurringRows = new Set<Row>([...marked, ...recurring.flatMap((g) => g.rows)]);
	let salary: SalaryInsight | null = null;
	if (marked.length > 0) {
		salary = salaryOf(marked, 'narration', spans, rules.salaryGraceDays);
	} else if (recurring.length > 0) {
		// No salary word anywhere: the largest about-monthly credit from one source is taken as salary.
		recurring.sort((a, b) => (a.monthly > b.monthly ? -1 : a.monthly < b.monthly ? 1 : 0));
		const [top] = recurring.splice(0, 1);
		salary = salaryOf(top.rows, 'recurrence', spans, rules.salaryGraceDays);
		salary.sources = [top.counterparty];
	}
	const net = netCredits(rows, spans);
	const refunds = rows.filter((r) => r.sign === 1 && r.kind === Kind.Refund).sort(byTime);
	let refundTotal: Paise = 0;
	for (const r of refunds) refundTotal = addPaise(refundTotal, r.amount);
	const hasNet = net.months_used.length > 0 && rows.some((r) => r.sign === 1 && !isNonIncomeCredit(r));
	return {
		income: {
			salary,
			other_recurring_credits: recurring.map(describeFlow),
			net_credits: net,
			monthly_income: salary ? salary.average_monthly : hasNet ? net.monthly_average : '0.00',
			monthly_income_basis: salary ? 'salary' : hasNet ? 'net credits' : 'none',
			refunds: { total: money(refundTotal), count: refunds.length, transactions: refunds.map(refOf) },
		},
		recurringRows,
	};
}

export function obligationsOf(
	rows: readonly Row[],
	rules: InsightRules,
	income: IncomeInsight,
	lastDay: number,
	debitGroups: readonly FlowGroup[],
): ObligationsInsight {
	const mandates = rows.filter((r) => r.sign === -1 && r.kind === Kind.Mandate);
	const groups: FlowGroup[] = amountGroups(mandates, rules.amountTolerancePercent).map((g) => {
		const group = flowGroup(g.counterparty, g.rows, 'narration');
		group.basis = obligationBasisOf(group.rows[group.rows.length - 1]) ?? 'narration';
		return group;
	});
	const lastMonth = dateOf(lastDay).slice(0, 7);
	const activeFrom = shiftMonth(lastMonth, 1 - rules.activeWithinMonths);
	let total: Paise = 0;
	const items = groups.map((group) => {
		const flow = describeFlow(group);
		const active = flow.months[flow.months.length - 1] >= activeFrom;
		if (active) total = addPaise(total, group.latest);
		return { ...flow, active };
	});
	items.sort((a, b) => a.day_of_month - b.day_of_month || a.counterparty.localeCompare(b.counterparty));
	const others = debitGroups.map(describeFlow).sort((a, b) => a.day_of_month - b.day_of_month || a.counterparty.localeCompare(b.counterparty));
	const monthlyIncome = toPaise(income.monthly_income) ?? 0;
	const months = (n: number, complete = false): string => `${n} ${complete ? 'complete ' : ''}month${n === 1 ? '' : 's'}`;
	const used = income.net_credits.months_used.length;
	const basis =
		income.monthly_income_basis === 'salary'
			? `salary (${months(income.salary?.months_count ?? 0)})`
			: income.monthly_income_basis === 'net credits'
				? `net credits (${months(used, used > 0 && income.net_credits.months.filter((m) => m.complete).length === used)})`
				: 'no income';
	return { items, monthly_total: money(total), obligations_to_income: ratio(total, monthlyIncome), foir_basis: basis, other_recurring_debits: others };
}

/** "2025-03" shifted by n months. */
export function shiftMonth(month: string, n: number): string {
	const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

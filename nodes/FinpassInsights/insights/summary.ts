import { formatRupees } from '../../shared/finance';
import type { Insights } from './index';
import type { TransactionRef } from './refs';

/**
 * One small item for an AI agent or an IF node: the key figures of the all-accounts result, a
 * line per account and at most `SAMPLE` transactions behind each flag (the full item has them
 * all). Its size does not grow with the number of transactions (at most MAX_ACCOUNTS and
 * MAX_MONTHS entries).
 *
 * Every amount is given twice: the exact string (`abb: "139611.33"`) and the same as a number of
 * rupees (`abb_rupees: 139611.33`) that an IF node compares without conversion. Counts, days and
 * ratios are numbers. `summary` says the main figures in a sentence, amounts as people read them.
 */
export const SAMPLE = 3;
const MAX_ACCOUNTS = 10;
const MAX_MONTHS = 12;
const MAX_OBLIGATIONS = 5;

type Brief = Pick<TransactionRef, 'account' | 'index' | 'id' | 'date' | 'amount' | 'narration'>;
const brief = ({ account, index, id, date, amount, narration }: TransactionRef): Brief => ({ account, index, id, date, amount, narration });
const sample = (refs: TransactionRef[]): Brief[] => refs.slice(-SAMPLE).map(brief);

/** An exact amount string as a number of rupees (exact for every two-decimal amount below ₹9 × 10^13). */
const rupees = (amount: string | null | undefined): number | null => (amount === null || amount === undefined ? null : Number(amount));

/** `{ name: "…", name_rupees: … }` */
function amount(name: string, value: string | null | undefined): Record<string, string | number | null> {
	return { [name]: value ?? null, [`${name}_rupees`]: rupees(value) };
}

const people = (value: string | null | undefined): string => (value ? (formatRupees(value) ?? value) : 'n/a');

function sentence(all: Insights): string {
	const { period, income, obligations, risk } = all;
	const parts: string[] = [];
	parts.push(
		`${all.accounts} account${all.accounts === 1 ? '' : 's'}, ${all.transactions} transactions` +
			(period ? `, ${period.from} to ${period.to} (${period.basis === 'declared' ? 'declared period' : 'first to last transaction'})` : ''),
	);
	if (period) parts.push(`ABB ${people(period.abb)}, lowest end-of-day balance ${people(period.min_eod_balance)}`);
	parts.push(
		`monthly income ${people(income.monthly_income)} (${income.monthly_income_basis}), obligations ${people(obligations.monthly_total)} a month` +
			(obligations.obligations_to_income === null ? '' : `, FOIR ${Math.round(obligations.obligations_to_income * 10000) / 100} %`),
	);
	parts.push(
		`${risk.bounces.count} bounce${risk.bounces.count === 1 ? '' : 's'}, ${risk.negative_eod_days.count} negative end-of-day balance day${risk.negative_eod_days.count === 1 ? '' : 's'}`,
	);
	if (all.borrowing.loan_disbursals.count) parts.push(`${all.borrowing.loan_disbursals.count} loan disbursal credit(s) of ${people(all.borrowing.loan_disbursals.total)}`);
	return `${parts.join('; ')}.`;
}

export function summaryOf(results: Insights[]): Record<string, unknown> {
	const all = results[results.length - 1];
	const accounts = results.slice(0, -1);
	const { income, obligations, risk, period, borrowing } = all;
	const lastSix = period?.last_6_complete_months ?? null;
	const lastTwelve = period?.last_12_complete_months ?? null;
	const bounceTypes = risk.bounces.by_type;
	return {
		borrower: all.borrower,
		summary: sentence(all),
		accounts: all.accounts,
		transactions: all.transactions,
		period: period
			? { from: period.from, to: period.to, days: period.days, basis: period.basis, months: period.months, complete_months: period.complete_months }
			: null,
		...amount('abb', period?.abb),
		...amount('abb_last_6_complete_months', lastSix?.abb),
		...amount('abb_last_12_complete_months', lastTwelve?.abb),
		...amount('abb_excluding_loan_disbursals', period?.abb_excluding_loan_disbursals),
		...amount('average_daily_balance', period?.average_daily_balance),
		...amount('min_eod_balance', period?.min_eod_balance),
		min_eod_balance_date: period?.min_eod_balance_date ?? null,
		...amount('lowest_running_balance', period?.lowest_running_balance),
		...amount('closing_balance', period?.closing_balance),
		negative_eod_days: risk.negative_eod_days.count,
		negative_eod_days_last_6_complete_months: lastSix?.negative_eod_days ?? null,
		negative_running_days: risk.negative_running_days.count,
		negative_eod_dates: risk.negative_eod_days.days.slice(-SAMPLE).map((d) => ({ account: d.account, date: d.date, eod_balance: d.eod_balance })),
		...amount('monthly_income', income.monthly_income),
		monthly_income_basis: income.monthly_income_basis,
		...amount('net_monthly_credits', income.net_credits.monthly_average),
		salary: income.salary
			? {
					basis: income.salary.basis,
					sources: income.salary.sources,
					months_count: income.salary.months_count,
					...amount('average_monthly', income.salary.average_monthly),
					usual_day: income.salary.usual_day,
					day_spread: income.salary.day_spread,
					months_without_salary: income.salary.months_without_salary.length,
					delayed: income.salary.delayed,
					latest: income.salary.latest,
				}
			: null,
		...amount('obligations_monthly_total', obligations.monthly_total),
		obligations_to_income: obligations.obligations_to_income,
		foir_basis: obligations.foir_basis,
		obligations: obligations.items.slice(0, MAX_OBLIGATIONS).map((o) => ({
			payee: o.counterparty,
			...amount('amount', o.amount),
			day_of_month: o.day_of_month,
			months_count: o.months_count,
			active: o.active,
			basis: o.basis,
		})),
		other_recurring_debits: obligations.other_recurring_debits.length,
		loan_disbursals: { ...amount('total', borrowing.loan_disbursals.total), count: borrowing.loan_disbursals.count, latest: sample(borrowing.loan_disbursals.transactions) },
		credit_card_bill_payments: { ...amount('total', borrowing.credit_card_bill_payments.total), count: borrowing.credit_card_bill_payments.count },
		bounces: risk.bounces.count,
		inward_cheque_bounces: bounceTypes.inward_cheque,
		outward_cheque_bounces: bounceTypes.outward_cheque,
		mandate_bounces: bounceTypes.mandate,
		bounces_insufficient_funds: bounceTypes.insufficient_funds,
		...amount('bounce_penalties', risk.bounces.penalty_total),
		bounce_transactions: sample(risk.bounces.events.flatMap((e) => (e.bounced ? [e.bounced] : e.penalties))),
		cash_deposits: { ...amount('total', risk.cash_deposits.total), count: risk.cash_deposits.count },
		cash_withdrawals: { ...amount('total', risk.cash_withdrawals.total), count: risk.cash_withdrawals.count },
		large_credits: { ...amount('total', risk.large_credits.total), count: risk.large_credits.count, latest: sample(risk.large_credits.transactions) },
		round_figure_transactions: risk.round_figures.count,
		rotation: risk.rotation.count,
		same_day_equal_credit_debit: risk.same_day_equal.count,
		rapid_balance_drops: risk.rapid_drops.count,
		own_transfers: risk.own_transfers.credits.count + risk.own_transfers.debits.count,
		balance_gaps: risk.balance_gaps.mismatches,
		top_counterparties: {
			credits: all.counterparties.by_credits.slice(0, SAMPLE).map((c) => ({ counterparty: c.counterparty, ...amount('total', c.total), count: c.count })),
			debits: all.counterparties.by_debits.slice(0, SAMPLE).map((c) => ({ counterparty: c.counterparty, ...amount('total', c.total), count: c.count })),
		},
		per_account: accounts.slice(0, MAX_ACCOUNTS).map((a) => ({
			account: a.account?.key ?? null,
			masked_account_number: a.account?.masked_account_number ?? null,
			...amount('abb', a.period?.abb),
			...amount('min_eod_balance', a.period?.min_eod_balance),
			...amount('closing_balance', a.period?.closing_balance),
			bounces: a.risk.bounces.count,
			negative_eod_days: a.risk.negative_eod_days.count,
		})),
		recent_months: all.months.slice(-MAX_MONTHS).map((m) => ({
			month: m.month,
			complete: m.complete,
			abb: m.abb,
			average_daily_balance: m.average_daily_balance,
			min_eod_balance: m.min_eod_balance,
			negative_eod_days: m.negative_eod_days,
			credits: m.credits.total,
			debits: m.debits.total,
			closing_balance: m.closing_balance,
		})),
		note: 'Key figures only; run with Output "One Item per Account and One for All" for every transaction behind each figure.',
	};
}

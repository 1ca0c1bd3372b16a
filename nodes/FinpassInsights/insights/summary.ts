import type { Insights } from './index';
import type { TransactionRef } from './refs';

/**
 * One small item for an AI agent or an IF node: the key figures of the all-accounts result, a
 * line per account and at most `SAMPLE` transactions behind each flag (the full item has them
 * all). Its size does not grow with the number of transactions (at most MAX_ACCOUNTS and
 * MAX_MONTHS entries).
 */
export const SAMPLE = 3;
const MAX_ACCOUNTS = 10;
const MAX_MONTHS = 12;
const MAX_OBLIGATIONS = 5;

type Brief = Pick<TransactionRef, 'account' | 'index' | 'id' | 'date' | 'amount' | 'narration'>;
const brief = ({ account, index, id, date, amount, narration }: TransactionRef): Brief => ({ account, index, id, date, amount, narration });
const sample = (refs: TransactionRef[]): Brief[] => refs.slice(-SAMPLE).map(brief);

export function summaryOf(results: Insights[]): Record<string, unknown> {
	const all = results[results.length - 1];
	const accounts = results.slice(0, -1);
	const { income, obligations, risk, period } = all;
	return {
		borrower: all.borrower,
		accounts: all.accounts,
		transactions: all.transactions,
		period: period ? { from: period.from, to: period.to, months: period.months } : null,
		abb: period?.abb ?? null,
		average_daily_balance: period?.average_daily_balance ?? null,
		min_eod_balance: period?.min_eod_balance ?? null,
		lowest_running_balance: period?.lowest_running_balance ?? null,
		closing_balance: period?.closing_balance ?? null,
		monthly_income: income.monthly_income,
		monthly_income_basis: income.monthly_income_basis,
		salary: income.salary
			? {
					basis: income.salary.basis,
					sources: income.salary.sources,
					months_count: income.salary.months_count,
					average_monthly: income.salary.average_monthly,
					latest: income.salary.latest,
				}
			: null,
		other_recurring_credits: income.other_recurring_credits.length,
		obligations_monthly_total: obligations.monthly_total,
		obligations_to_income: obligations.obligations_to_income,
		obligations: obligations.items.slice(0, MAX_OBLIGATIONS).map((o) => ({
			payee: o.counterparty,
			amount: o.amount,
			day_of_month: o.day_of_month,
			months_count: o.months_count,
			active: o.active,
			basis: o.basis,
		})),
		bounces: risk.bounces.count,
		bounce_penalties: risk.bounces.penalty_total,
		bounce_transactions: sample(risk.bounces.events.flatMap((e) => (e.bounced ? [e.bounced] : e.penalties))),
		negative_eod_days: risk.negative_eod_days.count,
		negative_eod_dates: risk.negative_eod_days.days.slice(-SAMPLE).map((d) => ({ account: d.account, date: d.date, eod_balance: d.eod_balance })),
		negative_running_days: risk.negative_running_days.count,
		cash_deposits: { total: risk.cash_deposits.total, count: risk.cash_deposits.count },
		cash_withdrawals: { total: risk.cash_withdrawals.total, count: risk.cash_withdrawals.count },
		large_credits: { total: risk.large_credits.total, count: risk.large_credits.count, latest: sample(risk.large_credits.transactions) },
		own_transfers: risk.own_transfers.credits.count + risk.own_transfers.debits.count,
		balance_gaps: risk.balance_gaps.mismatches,
		per_account: accounts.slice(0, MAX_ACCOUNTS).map((a) => ({
			account: a.account?.key ?? null,
			masked_account_number: a.account?.masked_account_number ?? null,
			abb: a.period?.abb ?? null,
			closing_balance: a.period?.closing_balance ?? null,
			bounces: a.risk.bounces.count,
			negative_eod_days: a.risk.negative_eod_days.count,
		})),
		recent_months: all.months.slice(-MAX_MONTHS).map((m) => ({
			month: m.month,
			abb: m.abb,
			average_daily_balance: m.average_daily_balance,
			credits: m.credits.total,
			debits: m.debits.total,
			closing_balance: m.closing_balance,
		})),
		note: 'Key figures only; run with Output "One Item per Account and One for All" for every transaction behind each figure.',
	};
}

import { toPaise } from '../../shared/finance';
import { balanceFigures, combinedTimeline, timeline, type MonthFigures, type PeriodFigures } from './balances';
import { classifyBorrower } from './lending';
import { incomeOf, obligationsOf, recurringGroups, type IncomeInsight, type ObligationsInsight } from './income';
import { accountRisk, mergeRisk, type RiskInsight } from './risk';
import type { FlowGroup } from './recurring';
import type { AccountData, BorrowerData, Row } from './rows';
import type { InsightRules } from './rules';

export { DEFAULT_RULES, parseAbbDays, withExtensions, type InsightRules, type RuleExtensions } from './rules';
export { readBorrowers, declaredPeriodOf, Kind, type AccountData, type BorrowerData, type DeclaredPeriod, type Row } from './rows';
// The period and its end-of-day series (eod.ts); `eodSeriesOf(rows, declared)` builds an account's.
export {
	abbSamples,
	combineEod,
	eodFigures,
	eodOn,
	eodStats,
	lastCompleteMonths,
	monthSpans,
	negativeEodDays,
	statementPeriod,
	type EodFigures,
	type EodSeries,
	type EodStats,
	type MonthSpan,
	type PeriodBasis,
	type StatementPeriod,
} from './eod';
export { timeline as eodSeriesOf, type Timeline } from './balances';
// What a lender reads into a row (lending.ts).
export {
	CHANNELS,
	bounceOf,
	channelOf,
	classifyBorrower,
	isBounce,
	isBounceCharge,
	isCardBillPayment,
	isLoanDisbursal,
	isNonIncomeCredit,
	isObligation,
	isOwnTransfer,
	isRefund,
	isSalary,
	kindName,
	obligationBasisOf,
	type BounceInfo,
	type Channel,
} from './lending';
export { Flag } from './classify';
export { byTime, refOf, type TransactionRef } from './refs';

/**
 * Underwriting insights of one borrower's bank data, per account and for all accounts together.
 * Pure: no I/O, no clock; the same rows give the same answer whatever node they came from.
 */
export interface Insights {
	borrower: string | null;
	/** 'account' or 'all accounts'. */
	scope: 'account' | 'all accounts';
	account: { key: string; masked_account_number: string | null; bank: string | null } | null;
	accounts: number;
	transactions: number;
	/** Rows left out because their date, amount or CREDIT/DEBIT type could not be read. */
	unreadable_transactions: Array<{ account: string; index: number }>;
	/** False when no row reported a balance: balances then start from 0 (only changes are real). */
	balances_reported: boolean;
	period: PeriodFigures | null;
	months: MonthFigures[];
	income: IncomeInsight;
	obligations: ObligationsInsight;
	risk: RiskInsight;
}

const EMPTY_PERIOD = { months: [] as MonthFigures[], period: null };

/** What one scope (an account, or all accounts) brings to its result. */
interface Scope {
	accounts: AccountData[];
	rows: Row[];
	risks: RiskInsight[];
	figures: { months: MonthFigures[]; period: PeriodFigures | null };
	balancesReported: boolean;
	income: IncomeInsight;
	/** Recurring debit groups found in the scope's accounts (recurring.ts). */
	debitGroups: FlowGroup[];
}

function scoped(borrower: BorrowerData, rules: InsightRules, scope: Scope): Omit<Insights, 'scope' | 'account'> {
	const { accounts, rows, risks, figures, income } = scope;
	const lastDay = rows.reduce((max, r) => Math.max(max, r.day), 0);
	const obligations = obligationsOf(rows, rules, toPaise(income.monthly_income) ?? 0, lastDay, scope.debitGroups);
	return {
		borrower: borrower.borrower || null,
		accounts: accounts.length,
		transactions: rows.length,
		unreadable_transactions: accounts.flatMap((a) => a.skipped.map((index) => ({ account: a.key, index }))),
		balances_reported: scope.balancesReported,
		period: figures.period,
		months: figures.months,
		income,
		obligations,
		risk: risks.length === 1 ? risks[0] : mergeRisk(risks, rules),
	};
}

/** One result per account, then the all-accounts result (also when there is one account). */
export function computeInsights(borrower: BorrowerData, rules: InsightRules): Insights[] {
	const { accounts } = borrower;
	classifyBorrower(borrower, rules);

	const timelines = accounts.map((a) => timeline(a.rows, a.declared));
	const risks: RiskInsight[] = [];
	const creditGroups: FlowGroup[] = [];
	const debitGroups: FlowGroup[] = [];
	const results: Insights[] = accounts.map((account, n) => {
		const t = timelines[n];
		const credits = recurringGroups(account.rows, 1, rules);
		const debits = recurringGroups(account.rows, -1, rules);
		creditGroups.push(...credits);
		debitGroups.push(...debits);
		const { income, recurringRows } = incomeOf(account.rows, credits);
		const risk = accountRisk(account, t, rules, recurringRows);
		risks.push(risk);
		const figures = t ? balanceFigures(t, account.rows, rules.abbDays) : EMPTY_PERIOD;
		return {
			scope: 'account',
			account: { key: account.key, masked_account_number: account.masked_account_number, bank: account.bank },
			...scoped(borrower, rules, {
				accounts: [account],
				rows: account.rows,
				risks: [risk],
				figures,
				balancesReported: t?.balancesReported ?? false,
				income,
				debitGroups: debits,
			}),
		};
	});
	const present = timelines.filter((t) => t !== undefined);
	const combined = combinedTimeline(present);
	const allRows = accounts.flatMap((a) => a.rows);
	const figures = combined ? balanceFigures(combined, allRows, rules.abbDays) : EMPTY_PERIOD;
	results.push({
		scope: 'all accounts',
		account: null,
		...scoped(borrower, rules, {
			accounts,
			rows: allRows,
			risks,
			figures,
			balancesReported: present.some((t) => t.balancesReported),
			income: incomeOf(allRows, creditGroups).income,
			debitGroups,
		}),
	});
	return results;
}

import { balanceFigures, timeline, type MonthFigures, type PeriodFigures } from './balances';
import { combineEod, monthSpans, type EodSeries, type MonthSpan } from './eod';
import {
	accountFlows,
	borrowingOf,
	channelsOf,
	topCounterparties,
	type AccountFlows,
	type BorrowingInsight,
	type ChannelsInsight,
	type Counterparty,
} from './flows';
import { classifyBorrower, isLoanDisbursal } from './lending';
import {
	incomeOf,
	obligationsOf,
	recurringGroups,
	type IncomeInsight,
	type ObligationsInsight,
} from './income';
import { accountRisk, mergeRisk, type RiskInsight } from './risk';
import type { FlowGroup } from './recurring';
import type { AccountData, BorrowerData, Row } from './rows';
import type { InsightRules } from './rules';

export {
	DEFAULT_RULES,
	parseAbbDays,
	withExtensions,
	type InsightRules,
	type RuleExtensions,
} from './rules';
export { borrowersOneByOne, type BorrowerRead } from './borrowers';
export { declaredPeriodOf, type DeclaredPeriod } from './period';
export {
	readBorrowers,
	Kind,
	type AccountData,
	type BorrowerData,
	type Row,
} from './rows';
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
	borrowing: BorrowingInsight;
	channels: ChannelsInsight;
	counterparties: { by_credits: Counterparty[]; by_debits: Counterparty[] };
	risk: RiskInsight;
}

/** What one scope (an account, or all accounts) brings to its result. */
interface Scope {
	accounts: AccountData[];
	rows: Row[];
	risks: RiskInsight[];
	series: EodSeries | undefined;
	balancesReported: boolean;
	/** The accounts' flows (flows.ts). */
	flows: AccountFlows[];
	/** Recurring credit and debit groups found in the scope's accounts (recurring.ts). */
	creditGroups: FlowGroup[];
	debitGroups: FlowGroup[];
}

/** A scope's figures, and the rows its income found recurring (an account's risk skips them among large credits). */
function scoped(
	borrower: BorrowerData,
	rules: InsightRules,
	scope: Scope,
): { figures: Omit<Insights, 'scope' | 'account'>; recurringRows: Set<Row> } {
	const { accounts, rows, risks, series } = scope;
	const spans: MonthSpan[] = series ? monthSpans(series) : [];
	const figures = series
		? balanceFigures(series, rows, rules.abbDays, rows.filter(isLoanDisbursal))
		: { months: [], period: null };
	const { income, recurringRows } = incomeOf(rows, scope.creditGroups, spans, rules);
	// Active obligations: seen in the last months of the data (its latest transaction), whatever the declared period.
	let lastDay = 0;
	for (let k = 0; k < rows.length; k++) if (rows[k].day > lastDay) lastDay = rows[k].day;
	const obligations = obligationsOf(rows, rules, income, lastDay, scope.debitGroups);
	return {
		recurringRows,
		figures: {
			borrower: borrower.borrower || null,
			accounts: accounts.length,
			transactions: rows.length,
			unreadable_transactions: accounts.flatMap((a) =>
				a.skipped.map((index) => ({ account: a.key, index })),
			),
			balances_reported: scope.balancesReported,
			period: figures.period,
			months: figures.months,
			income,
			obligations,
			borrowing: borrowingOf(rows),
			channels: channelsOf(scope.flows, spans),
			counterparties: topCounterparties(scope.flows, rules.topCounterparties),
			risk: risks.length === 1 ? risks[0] : mergeRisk(risks, rules),
		},
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
	const flows = accounts.map((a) => accountFlows(a.key, a.rows));
	const results: Insights[] = accounts.map((account, n) => {
		const t = timelines[n];
		const credits = recurringGroups(account.rows, 1, rules);
		const debits = recurringGroups(account.rows, -1, rules);
		creditGroups.push(...credits);
		debitGroups.push(...debits);
		const { figures, recurringRows } = scoped(borrower, rules, {
			accounts: [account],
			rows: account.rows,
			risks: [],
			series: t,
			balancesReported: t?.balancesReported ?? false,
			flows: [flows[n]],
			creditGroups: credits,
			debitGroups: debits,
		});
		const risk = accountRisk(account, t, rules, recurringRows);
		risks.push(risk);
		return {
			scope: 'account',
			account: {
				key: account.key,
				masked_account_number: account.masked_account_number,
				bank: account.bank,
			},
			...figures,
			risk,
		};
	});
	const present = timelines.filter((t) => t !== undefined);
	// Every row in one list, allocated once (flatMap would grow and copy it).
	const allRows: Row[] = new Array<Row>(accounts.reduce((n, a) => n + a.rows.length, 0));
	let at = 0;
	for (const account of accounts)
		for (let k = 0; k < account.rows.length; k++) allRows[at++] = account.rows[k];
	// The all-accounts risk merges the accounts' (their recurring rows are already used).
	const { figures } = scoped(borrower, rules, {
		accounts,
		rows: allRows,
		risks,
		series: combineEod(present),
		balancesReported: present.some((t) => t.balancesReported),
		flows,
		creditGroups,
		debitGroups,
	});
	results.push({ scope: 'all accounts', account: null, ...figures });
	return results;
}

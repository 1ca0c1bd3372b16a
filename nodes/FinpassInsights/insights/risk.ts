import { addPaise, reconcileBalances, toPaise, type BalanceGap, type Paise } from '../../shared/finance';
import { money } from './amounts';
import { dateOf, type Timeline } from './balances';
import { byTime, refOf, type TransactionRef } from './refs';
import { flowList, type FlowList } from './flows';
import { bounceOf, type BounceInfo } from './lending';
import { mergePatterns, patternsOf, type PatternsInsight } from './patterns';
import { idOf, Kind, type AccountData, type Row } from './rows';
import type { InsightRules } from './rules';

export interface BounceEvent extends BounceInfo {
	account: string;
	date: string;
	/** The returned cheque or mandate; null when only its charge is in the data (e.g. "NACH RTN CHGS"). */
	bounced: TransactionRef | null;
	/** Charges within `penaltyWindowDays` after it. */
	penalties: TransactionRef[];
	penalty_total: string;
}


export interface NegativeDay {
	account: string;
	date: string;
	eod_balance: string;
	lowest_running_balance: string;
	/** Rows that left the balance below zero: that day's, or (a day without rows) the last one before it. */
	transactions: TransactionRef[];
}

export interface BounceCounts {
	/** The borrower's own cheques returned unpaid. */
	inward_cheque: number;
	/** Cheques the borrower deposited that came back. */
	outward_cheque: number;
	/** NACH/ECS/ACH/SI mandates returned. */
	mandate: number;
	other: number;
	insufficient_funds: number;
	technical: number;
}

export interface RiskInsight extends PatternsInsight {
	bounces: { count: number; penalty_total: string; by_type: BounceCounts; events: BounceEvent[] };
	/** Days that ended below zero (per account). */
	negative_eod_days: { count: number; days: NegativeDay[] };
	/** Days below zero at any moment (per account; negative EOD days included). */
	negative_running_days: { count: number; days: NegativeDay[] };
	cash_deposits: FlowList;
	cash_withdrawals: FlowList;
	large_credits: FlowList & { threshold: string };
	own_transfers: { credits: FlowList; debits: FlowList };
	balance_gaps: { checked: number; mismatches: number; gaps: Array<BalanceGap & { account: string }> };
}

export function bouncesOf(rows: readonly Row[], windowDays: number): BounceEvent[] {
	const ordered = rows.filter((r) => r.kind === Kind.Bounce || r.kind === Kind.Penalty || r.kind === Kind.BounceCharge).sort(byTime);
	const events: Array<{ event: BounceEvent; day: number; total: Paise }> = [];
	const latest = new Map<string, { event: BounceEvent; day: number; total: Paise }>();
	for (const row of ordered) {
		if (row.kind === Kind.Bounce) {
			const entry = { event: { account: row.account, date: dateOf(row.day), ...bounceOf(row), bounced: refOf(row), penalties: [], penalty_total: '0.00' }, day: row.day, total: 0 };
			events.push(entry);
			latest.set(row.account, entry);
			continue;
		}
		let entry = latest.get(row.account);
		if (!entry || row.day - entry.day > windowDays) {
			// A charge with no bounce before it counts as a bounce only when its narration says so.
			if (row.kind !== Kind.BounceCharge) continue;
			entry = { event: { account: row.account, date: dateOf(row.day), ...bounceOf(row), bounced: null, penalties: [], penalty_total: '0.00' }, day: row.day, total: 0 };
			events.push(entry);
			latest.set(row.account, entry);
		}
		entry.event.penalties.push(refOf(row));
		entry.total = addPaise(entry.total, row.amount);
		entry.event.penalty_total = money(entry.total);
	}
	return events.map((e) => e.event);
}

/** An account's days below zero: at the end of the day (`eodOnly`) or at any moment. */
function negativeDays(t: Timeline, account: string, eodOnly: boolean): NegativeDay[] {
	if (!t.balancesReported) return [];
	const days: NegativeDay[] = [];
	for (let d = 0; d < t.eod.length; d++) {
		if (!((eodOnly ? t.eod[d] : t.low[d]) < 0)) continue;
		const rows: Row[] = [];
		const startRow = t.dayStart[d];
		const endRow = t.dayStart[d + 1];
		if (startRow === endRow) {
			if (startRow > 0) rows.push(t.ordered[startRow - 1]);
		} else for (let k = startRow; k < endRow; k++) if (t.after[k] < 0) rows.push(t.ordered[k]);
		days.push({ account, date: dateOf(t.first + d), eod_balance: money(t.eod[d]), lowest_running_balance: money(t.low[d]), transactions: rows.map(refOf) });
	}
	return days;
}

/**
 * The shared reconciliation (shared/finance/reconciliation.ts) over the rows already read: amounts and balances
 * are handed over in paise as whole numbers, which it reads ×100 (so nothing is parsed twice),
 * and the gaps it reports are scaled back. Walked in the timeline's order (balances.ts); gaps
 * name the source's row index.
 */
function gapsOf(account: AccountData): RiskInsight['balance_gaps'] {
	const rows = account.rows;
	const result = reconcileBalances(rows, {
		amount: (r) => r.amount,
		type: (r) => (r.sign === 1 ? 'CREDIT' : 'DEBIT'),
		balance: (r) => r.balance,
		time: (r) => r.order,
		id: idOf,
	});
	const unscale = (text: string): string => {
		const scaled = toPaise(text) ?? 0;
		return money(typeof scaled === 'bigint' ? scaled / 100n : scaled / 100);
	};
	return {
		checked: result.checked,
		mismatches: result.mismatches,
		gaps: result.gaps.map((gap) => ({
			index: rows[gap.index].index,
			transaction_id: gap.transaction_id,
			expected: unscale(gap.expected),
			reported: unscale(gap.reported),
			difference: unscale(gap.difference),
			account: account.key,
		})),
	};
}

export function accountRisk(account: AccountData, t: Timeline | undefined, rules: InsightRules, recurring: Set<Row>): RiskInsight {
	const rows = account.rows;
	const eodDays = t ? negativeDays(t, account.key, true) : [];
	const runningDays = t ? negativeDays(t, account.key, false) : [];
	const events = bouncesOf(rows, rules.penaltyWindowDays);
	let penalties: Paise = 0;
	for (const e of events) for (const p of e.penalties) penalties = addPaise(penalties, rowAmount(p));
	const [large, cashIn, cashOut, ownIn, ownOut]: Row[][] = [[], [], [], [], []];
	for (let k = 0; k < rows.length; k++) {
		const r = rows[k];
		const credit = r.sign === 1;
		if (r.kind === Kind.Cash) (credit ? cashIn : cashOut).push(r);
		else if (r.kind === Kind.OwnTransfer) (credit ? ownIn : ownOut).push(r);
		if (credit && r.amount >= rules.largeCreditPaise && (r.kind === Kind.Plain || r.kind === Kind.Cash) && !recurring.has(r)) large.push(r);
	}
	return {
		bounces: { count: events.length, penalty_total: money(penalties), by_type: countBounces(events), events },
		negative_eod_days: { count: eodDays.length, days: eodDays },
		negative_running_days: { count: runningDays.length, days: runningDays },
		...patternsOf(rows, t, rules),
		cash_deposits: flowList(cashIn),
		cash_withdrawals: flowList(cashOut),
		large_credits: { threshold: money(rules.largeCreditPaise), ...flowList(large) },
		own_transfers: { credits: flowList(ownIn), debits: flowList(ownOut) },
		balance_gaps: gapsOf(account),
	};
}

const rowAmount = (ref: TransactionRef): Paise => toPaise(ref.amount) ?? 0;

function countBounces(events: readonly BounceEvent[]): BounceCounts {
	const counts: BounceCounts = { inward_cheque: 0, outward_cheque: 0, mandate: 0, other: 0, insufficient_funds: 0, technical: 0 };
	for (const e of events) {
		if (e.instrument === 'mandate') counts.mandate++;
		else if (e.instrument === 'cheque' && e.direction === 'outward') counts.outward_cheque++;
		else if (e.instrument === 'cheque') counts.inward_cheque++;
		else counts.other++;
		if (e.reason === 'insufficient funds') counts.insufficient_funds++;
		else if (e.reason === 'technical') counts.technical++;
	}
	return counts;
}

const byDate = (a: { date: string; account: string }, b: { date: string; account: string }): number =>
	a.date < b.date ? -1 : a.date > b.date ? 1 : a.account < b.account ? -1 : a.account > b.account ? 1 : 0;

export function mergeFlows(lists: FlowList[]): FlowList {
	let total: Paise = 0;
	for (const list of lists) total = addPaise(total, toPaise(list.total) ?? 0);
	const transactions = lists.flatMap((l) => l.transactions).sort((a, b) => byDate(a, b) || a.index - b.index);
	return { total: money(total), count: transactions.length, transactions };
}

/** The borrower's accounts together: every list merged by date; counts and totals added. */
export function mergeRisk(risks: RiskInsight[], rules: InsightRules): RiskInsight {
	const events = risks.flatMap((r) => r.bounces.events).sort(byDate);
	const eodDays = risks.flatMap((r) => r.negative_eod_days.days).sort(byDate);
	const runningDays = risks.flatMap((r) => r.negative_running_days.days).sort(byDate);
	let penalties: Paise = 0;
	for (const e of events) for (const p of e.penalties) penalties = addPaise(penalties, rowAmount(p));
	return {
		bounces: { count: events.length, penalty_total: money(penalties), by_type: countBounces(events), events },
		negative_eod_days: { count: eodDays.length, days: eodDays },
		negative_running_days: { count: runningDays.length, days: runningDays },
		...mergePatterns(risks, mergeFlows),
		cash_deposits: mergeFlows(risks.map((r) => r.cash_deposits)),
		cash_withdrawals: mergeFlows(risks.map((r) => r.cash_withdrawals)),
		large_credits: { threshold: money(rules.largeCreditPaise), ...mergeFlows(risks.map((r) => r.large_credits)) },
		own_transfers: {
			credits: mergeFlows(risks.map((r) => r.own_transfers.credits)),
			debits: mergeFlows(risks.map((r) => r.own_transfers.debits)),
		},
		balance_gaps: {
			checked: risks.reduce((n, r) => n + r.balance_gaps.checked, 0),
			mismatches: risks.reduce((n, r) => n + r.balance_gaps.mismatches, 0),
			gaps: risks.flatMap((r) => r.balance_gaps.gaps),
		},
	};
}

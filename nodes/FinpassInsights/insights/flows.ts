import { addPaise, type Paise } from '../../shared/finance';
import { money } from './amounts';
import { CHANNELS, channelOf, isCardBillPayment, isLoanDisbursal, type Channel } from './lending';
import { byTime, refOf, type TransactionRef } from './refs';
import { Kind, type Row } from './rows';

/**
 * Where the money went and came from: the channel breakdown (per month and over the period), the
 * top counterparties by credits and by debits, loan disbursal credits and credit-card bill
 * payments. Each with the rows behind it.
 */

export interface Flow {
	total: string;
	count: number;
}

export interface ChannelFlows {
	credits: Flow;
	debits: Flow;
}

/** Channel → credits and debits; channels without rows are left out. */
export type ChannelBreakdown = Partial<Record<Channel, ChannelFlows>>;

export interface ChannelsInsight {
	period: ChannelBreakdown;
	months: Array<{ month: string; channels: ChannelBreakdown }>;
	/** The rows behind each channel: their positions in each account's list (a TransactionRef's `index`). */
	transaction_indexes: Partial<Record<Channel, Record<string, number[]>>>;
}

type Acc = { credit: Paise; creditCount: number; debit: Paise; debitCount: number };
type Tally = { total: Paise; count: number };
const CHANNEL_COUNT = CHANNELS.length;

/**
 * One account's flows, gathered in one pass over its rows: per month and channel the sums (small
 * enough to stay unboxed), the rows of each channel, and per counterparty its rows. The
 * all-accounts figures merge the accounts' instead of reading every row again.
 */
export interface AccountFlows {
	/** month index → channel → sums */
	months: Map<number, Array<Acc | undefined>>;
	/** channel → the rows' positions in this account */
	rows: Array<number[] | undefined>;
	account: string;
	/** [credits, debits]: counterparty → its total and count */
	payees: [Map<string, Tally>, Map<string, Tally>];
	/** The account's rows (for the top counterparties' rows). */
	source: readonly Row[];
}

function add(accs: Array<Acc | undefined>, c: number, sign: number, amount: Paise): void {
	let a = accs[c];
	if (!a) accs[c] = a = { credit: 0, creditCount: 0, debit: 0, debitCount: 0 };
	if (sign === 1) {
		a.credit = addPaise(a.credit, amount);
		a.creditCount++;
	} else {
		a.debit = addPaise(a.debit, amount);
		a.debitCount++;
	}
}

function addAcc(accs: Array<Acc | undefined>, c: number, from: Acc): void {
	let a = accs[c];
	if (!a) accs[c] = a = { credit: 0, creditCount: 0, debit: 0, debitCount: 0 };
	a.credit = addPaise(a.credit, from.credit);
	a.creditCount += from.creditCount;
	a.debit = addPaise(a.debit, from.debit);
	a.debitCount += from.debitCount;
}

export function accountFlows(account: string, rows: readonly Row[]): AccountFlows {
	const months = new Map<number, Array<Acc | undefined>>();
	const payees: [Map<string, Tally>, Map<string, Tally>] = [new Map(), new Map()];
	// Each row's channel first, then one list of exactly the right size per channel (no growing).
	const channels = new Uint8Array(rows.length);
	const counts = new Int32Array(CHANNEL_COUNT);
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		const c = CHANNELS.indexOf(channelOf(row));
		channels[k] = c;
		counts[c]++;
		let month = months.get(row.month);
		if (!month) months.set(row.month, (month = new Array(CHANNEL_COUNT)));
		add(month, c, row.sign, row.amount);
		if (row.kind === Kind.OwnTransfer || row.payee === '') continue;
		const side = payees[row.sign === 1 ? 0 : 1];
		const tally = side.get(row.payee);
		if (tally) {
			tally.total = addPaise(tally.total, row.amount);
			tally.count++;
		} else side.set(row.payee, { total: row.amount, count: 1 });
	}
	const lists: Array<number[] | undefined> = new Array(CHANNEL_COUNT);
	const filled = new Int32Array(CHANNEL_COUNT);
	for (let c = 0; c < CHANNEL_COUNT; c++) if (counts[c] > 0) lists[c] = new Array<number>(counts[c]);
	let sorted = true;
	for (let k = 0; k < rows.length; k++) {
		const c = channels[k];
		const list = lists[c] as number[];
		const at = filled[c]++;
		list[at] = rows[k].index;
		if (at > 0 && list[at] < list[at - 1]) sorted = false;
	}
	if (!sorted) for (const list of lists) if (list) list.sort((x, y) => x - y);
	return { months, rows: lists, account, payees, source: rows };
}

function breakdown(accs: readonly (Acc | undefined)[]): ChannelBreakdown {
	const out: ChannelBreakdown = {};
	for (let c = 0; c < CHANNEL_COUNT; c++) {
		const a = accs[c];
		if (!a) continue;
		out[CHANNELS[c]] = { credits: { total: money(a.credit), count: a.creditCount }, debits: { total: money(a.debit), count: a.debitCount } };
	}
	return out;
}

/** The channel breakdown of one or more accounts' flows over the period's months. */
export function channelsOf(flows: readonly AccountFlows[], months: ReadonlyArray<{ month: string; monthIndex: number }>): ChannelsInsight {
	const period: Array<Acc | undefined> = new Array(CHANNEL_COUNT);
	const out: ChannelsInsight['months'] = [];
	for (const m of months) {
		const merged: Array<Acc | undefined> = new Array(CHANNEL_COUNT);
		for (const f of flows) {
			const accs = f.months.get(m.monthIndex);
			if (!accs) continue;
			for (let c = 0; c < CHANNEL_COUNT; c++) {
				const a = accs[c];
				if (!a) continue;
				addAcc(merged, c, a);
				addAcc(period, c, a);
			}
		}
		out.push({ month: m.month, channels: breakdown(merged) });
	}
	const transactions: ChannelsInsight['transaction_indexes'] = {};
	for (let c = 0; c < CHANNEL_COUNT; c++) {
		for (const f of flows) {
			const list = f.rows[c];
			if (!list) continue;
			(transactions[CHANNELS[c]] ??= {})[f.account] = list;
		}
	}
	return { period: breakdown(period), months: out, transaction_indexes: transactions };
}

export interface Counterparty {
	counterparty: string;
	total: string;
	count: number;
	/** The rows behind it: their positions in each account's list (a TransactionRef's `index`). */
	transaction_indexes: Record<string, number[]>;
}

/**
 * The largest counterparties by credits and by debits (by total, then count, then name), named by
 * the narration without channel words and numbers; own-account transfers left out.
 */
export function topCounterparties(flows: readonly AccountFlows[], top: number): { by_credits: Counterparty[]; by_debits: Counterparty[] } {
	const best = (side: 0 | 1): Counterparty[] => {
		// Map.forEach, not for…of: no [key, value] pair per entry.
		const totals = new Map<string, Tally & { payee: string }>();
		for (const f of flows) {
			f.payees[side].forEach((tally, payee) => {
				const sum = totals.get(payee);
				if (!sum) totals.set(payee, { payee, total: tally.total, count: tally.count });
				else {
					sum.total = addPaise(sum.total, tally.total);
					sum.count += tally.count;
				}
			});
		}
		const all: Array<Tally & { payee: string }> = [];
		totals.forEach((sum) => all.push(sum));
		const chosen = all
			.sort((x, y) => (x.total > y.total ? -1 : x.total < y.total ? 1 : y.count - x.count || (x.payee < y.payee ? -1 : 1)))
			.slice(0, top);
		const sign = side === 0 ? 1 : -1;
		const lists = new Map<string, Record<string, number[]>>();
		for (const c of chosen) lists.set(c.payee, {});
		for (const f of flows) {
			const rows = f.source;
			for (let k = 0; k < rows.length; k++) {
				const row = rows[k];
				if (row.sign !== sign || row.kind === Kind.OwnTransfer) continue;
				const byAccount = lists.get(row.payee);
				if (byAccount) (byAccount[f.account] ??= []).push(row.index);
			}
		}
		return chosen.map((c) => {
			const indexes = lists.get(c.payee) as Record<string, number[]>;
			for (const list of Object.values(indexes)) list.sort((x, y) => x - y);
			return { counterparty: c.payee, total: money(c.total), count: c.count, transaction_indexes: indexes };
		});
	};
	return { by_credits: best(0), by_debits: best(1) };
}

export interface FlowList {
	total: string;
	count: number;
	transactions: TransactionRef[];
}

export function flowList(rows: Row[]): FlowList {
	rows.sort(byTime);
	let total: Paise = 0;
	for (const row of rows) total = addPaise(total, row.amount);
	return { total: money(total), count: rows.length, transactions: rows.map(refOf) };
}

export interface BorrowingInsight {
	/** Credits from lenders or with a disbursal word: borrowed money (left out of income and of `abb_excluding_loan_disbursals`). */
	loan_disbursals: FlowList;
	credit_card_bill_payments: FlowList;
}

export function borrowingOf(rows: readonly Row[]): BorrowingInsight {
	return { loan_disbursals: flowList(rows.filter(isLoanDisbursal)), credit_card_bill_payments: flowList(rows.filter(isCardBillPayment)) };
}

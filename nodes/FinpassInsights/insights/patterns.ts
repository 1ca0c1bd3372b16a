import type { Paise } from '../../shared/finance';
import { money, near } from './amounts';
import type { Timeline } from './balances';
import { dateOf } from './dates';
import { flowList, type FlowList } from './flows';
import { refOf, type TransactionRef } from './refs';
import { Kind, type Row } from './rows';
import type { InsightRules } from './rules';

/**
 * What the best analysers flag, per account, each with the rows behind it:
 * - round-figure transactions: at least `roundFigureMinPaise` and a whole multiple of
 *   `roundFigureStepPaise` (own transfers, salary, obligations, bounces and charges left out);
 * - rotation: a debit to a counterparty and a credit from the same counterparty at most
 *   `rotationWindowDays` later, of an amount within `amountTolerancePercent` (money out and back);
 * - equal credit and debit on the same day: the same amount in and out of the account the same
 *   day (bounces, refunds and own transfers left out);
 * - rapid balance drop: the balance after a row falls to (100 − `rapidDropPercent`) % or less of
 *   the balance after an earlier row at most `rapidDropHours` before, from at least
 *   `rapidDropMinPaise`.
 */

export interface RotationEvent {
	account: string;
	counterparty: string;
	days: number;
	out: TransactionRef;
	back: TransactionRef;
}

export interface SameDayPair {
	account: string;
	date: string;
	amount: string;
	credit: TransactionRef;
	debit: TransactionRef;
}

export interface RapidDrop {
	account: string;
	from: { date: string; balance: string };
	to: { date: string; balance: string };
	/** (from − to) ÷ from, in %, 2 decimals. */
	drop_percent: number;
	hours: number;
	/** The rows from the one after the high balance to the one that left the low. */
	transactions: TransactionRef[];
}

export interface PatternsInsight {
	round_figures: FlowList;
	rotation: { count: number; events: RotationEvent[] };
	same_day_equal: { count: number; pairs: SameDayPair[] };
	rapid_drops: { count: number; events: RapidDrop[] };
}

const OUT_OF_SCOPE = (row: Row): boolean =>
	row.kind === Kind.OwnTransfer || row.kind === Kind.Bounce || row.kind === Kind.Penalty || row.kind === Kind.BounceCharge || row.kind === Kind.Refund;

const multipleOf = (amount: Paise, step: number): boolean =>
	typeof amount === 'number' ? amount % step === 0 : amount % BigInt(step) === 0n;

function roundFigures(rows: readonly Row[], rules: InsightRules): Row[] {
	const out: Row[] = [];
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		if (OUT_OF_SCOPE(row) || row.kind === Kind.Salary || row.kind === Kind.Mandate) continue;
		if (row.amount >= rules.roundFigureMinPaise && multipleOf(row.amount, rules.roundFigureStepPaise)) out.push(row);
	}
	return out;
}

/** Walks the account's rows in time order, keeping per counterparty the debits still inside the window. */
function rotation(t: Timeline, rules: InsightRules): RotationEvent[] {
	const pending = new Map<string, Row[]>();
	const events: RotationEvent[] = [];
	const rows = t.ordered;
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		if (row.payee === '' || OUT_OF_SCOPE(row) || row.kind === Kind.Salary || row.kind === Kind.Mandate || row.kind === Kind.LoanDisbursal) continue;
		const list = pending.get(row.payee);
		// Debits older than the window can no longer come back: drop them (from the front, oldest first).
		if (list) while (list.length && row.day - list[0].day > rules.rotationWindowDays) list.shift();
		if (row.sign === -1) {
			if (list) list.push(row);
			else pending.set(row.payee, [row]);
			continue;
		}
		if (!list) continue;
		for (let n = 0; n < list.length; n++) {
			const out = list[n];
			if (!near(row.amount, out.amount, rules.amountTolerancePercent)) continue;
			for (let m = n + 1; m < list.length; m++) list[m - 1] = list[m];
			list.length--;
			events.push({ account: out.account, counterparty: row.payee, days: row.day - out.day, out: refOf(out), back: refOf(row) });
			break;
		}
	}
	return events;
}

function sameDayEqual(t: Timeline): SameDayPair[] {
	const pairs: SameDayPair[] = [];
	let most = 0;
	for (let d = 0; d < t.eod.length; d++) most = Math.max(most, t.dayStart[d + 1] - t.dayStart[d]);
	// Debits already paired, by position in the day: one buffer for every day.
	const taken = new Uint8Array(most);
	for (let d = 0; d < t.eod.length; d++) {
		const from = t.dayStart[d];
		const to = t.dayStart[d + 1];
		if (to - from < 2) continue;
		taken.fill(0, 0, to - from);
		for (let i = from; i < to; i++) {
			const credit = t.ordered[i];
			if (credit.sign !== 1 || OUT_OF_SCOPE(credit)) continue;
			for (let j = from; j < to; j++) {
				const debit = t.ordered[j];
				if (debit.sign !== -1 || taken[j - from] || OUT_OF_SCOPE(debit) || debit.amount !== credit.amount) continue;
				taken[j - from] = 1;
				pairs.push({ account: credit.account, date: dateOf(credit.day), amount: money(credit.amount), credit: refOf(credit), debit: refOf(debit) });
				break;
			}
		}
	}
	return pairs;
}

/** Milliseconds from row a to the later row b; only for rows at most a few days apart (stays a small integer). */
const apart = (a: Row, b: Row): number => (b.day - a.day > 3 ? 0x7fffffff : (b.day - a.day) * 86400000 + (b.tod - a.tod));

function rapidDrops(t: Timeline, rules: InsightRules): RapidDrop[] {
	if (!t.balancesReported) return [];
	const window = rules.rapidDropHours * 3600000;
	const keep = 100 - rules.rapidDropPercent;
	const drops: RapidDrop[] = [];
	// A deque of row positions whose balances fall from front to back: the front is the window's highest.
	const deque = new Int32Array(t.ordered.length);
	let head = 0;
	let tail = 0;
	for (let j = 0; j < t.ordered.length; j++) {
		const row = t.ordered[j];
		while (head < tail && apart(t.ordered[deque[head]], row) > window) head++;
		const balance = Number(t.after[j]);
		if (head < tail) {
			const p = deque[head];
			const peak = Number(t.after[p]);
			if (peak >= rules.rapidDropMinPaise && balance * 100 <= peak * keep) {
				const rows: TransactionRef[] = [];
				for (let k = p + 1; k <= j; k++) rows.push(refOf(t.ordered[k]));
				drops.push({
					account: row.account,
					from: { date: dateOf(t.ordered[p].day), balance: money(t.after[p]) },
					to: { date: dateOf(t.ordered[j].day), balance: money(t.after[j]) },
					drop_percent: Math.round(((peak - balance) / peak) * 10000) / 100,
					hours: Math.round(apart(t.ordered[p], row) / 36000) / 100,
					transactions: rows,
				});
				// One drop per fall: the next one starts from here.
				head = tail = 0;
			}
		}
		while (head < tail && Number(t.after[deque[tail - 1]]) <= balance) tail--;
		deque[tail++] = j;
	}
	return drops;
}

export function patternsOf(rows: readonly Row[], t: Timeline | undefined, rules: InsightRules): PatternsInsight {
	const rotations = t ? rotation(t, rules) : [];
	const pairs = t ? sameDayEqual(t) : [];
	const drops = t ? rapidDrops(t, rules) : [];
	return {
		round_figures: flowList(roundFigures(rows, rules)),
		rotation: { count: rotations.length, events: rotations },
		same_day_equal: { count: pairs.length, pairs },
		rapid_drops: { count: drops.length, events: drops },
	};
}

const byDate = <T extends { account: string }>(date: (x: T) => string) => (a: T, b: T): number =>
	date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : a.account < b.account ? -1 : a.account > b.account ? 1 : 0;

/** The accounts together: every list merged by date. */
export function mergePatterns(list: readonly PatternsInsight[], mergeFlows: (lists: FlowList[]) => FlowList): PatternsInsight {
	const rotations = list.flatMap((p) => p.rotation.events).sort(byDate((e) => e.out.date));
	const pairs = list.flatMap((p) => p.same_day_equal.pairs).sort(byDate((e) => e.date));
	const drops = list.flatMap((p) => p.rapid_drops.events).sort(byDate((e) => e.to.date));
	return {
		round_figures: mergeFlows(list.map((p) => p.round_figures)),
		rotation: { count: rotations.length, events: rotations },
		same_day_equal: { count: pairs.length, pairs },
		rapid_drops: { count: drops.length, events: drops },
	};
}

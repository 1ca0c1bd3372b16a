import { addPaise, toPaise, type Paise } from '../../shared/finance';
import { averagePaise, money } from './amounts';
import { dateOf } from './dates';
import { eodOn } from './eod';
import type { Timeline } from './index';
import { patternsOf } from './patterns';
import { byTime, refOf } from './refs';
import { Kind, type AccountData, type Row } from './rows';
import type { InsightRules } from './rules';
import { belowShare, emit, idOf, monthFirst, monthText, parseDay, rupees, sum, type Context } from './signalContext';


// The early-warning checks on balances (stress, negative end-of-day days, rapid drops) and cash;
// signals.ts runs them with the others (signalChecks.ts).

// ---------------------------------------------------------------------------------------------
// Balances and cash

function averageEod(t: Timeline, from: number, to: number): Paise | undefined {
	const start = Math.max(from, t.first);
	if (start > to) return undefined;
	let total: Paise = 0;
	for (let day = start; day <= to; day++) total = addPaise(total, eodOn(t, day));
	return averagePaise(total, to - start + 1);
}

export function balanceSignals(c: Context, account: AccountData, t: Timeline, insightRules: InsightRules): void {
	const { month, asOf, rules } = c;
	const monthName = monthText(month);
	const start = monthFirst(month);
	// Balance stress: this month's average EOD (up to the as-of day) against the baseline months'.
	const baseFrom = monthFirst(month - rules.baselineMonths);
	const current = averageEod(t, start, asOf);
	const baseline = t.first <= baseFrom ? averageEod(t, baseFrom, start - 1) : undefined;
	const stressId = idOf(c, 'balance_stress', monthName, account.key);
	if (current !== undefined && baseline !== undefined && baseline > 0) {
		if (belowShare(current, baseline, rules.balanceStressPercent)) {
			emit(c, {
				account: account.key,
				kind: 'balance_stress',
				severity: 'medium',
				period: monthName,
				subject: account.key,
				figure: money(current),
				baseline: money(baseline),
				message: `Average end-of-day balance this month is ${rupees(current)}, under ${rules.balanceStressPercent}% of the ${rules.baselineMonths} months before (${rupees(baseline)}).`,
				transactions: [],
			});
		} else c.clear.push(stressId);
	}
	// Negative end-of-day balances this month.
	const negativeId = idOf(c, 'negative_eod_balance', monthName, account.key);
	if (t.balancesReported) {
		const days: number[] = [];
		let lowest: Paise = 0;
		for (let day = Math.max(start, t.first); day <= asOf; day++) {
			const eod = eodOn(t, day);
			if (eod < 0) {
				days.push(day);
				if (eod < lowest) lowest = eod;
			}
		}
		if (days.length) {
			const behind = t.ordered.filter((r, k) => days.includes(r.day) && t.after[k] < 0 && (k + 1 === t.ordered.length || t.ordered[k + 1].day !== r.day));
			emit(c, {
				account: account.key,
				kind: 'negative_eod_balance',
				severity: 'high',
				period: monthName,
				subject: account.key,
				figure: String(days.length),
				baseline: '0',
				message: `${days.length} day${days.length === 1 ? '' : 's'} ended overdrawn this month (lowest ${rupees(lowest)}, first on ${dateOf(days[0])}).`,
				transactions: behind.map(refOf),
			});
		} else c.clear.push(negativeId);
		// Rapid drop: as the insights find it (patterns.ts: within rapidDropHours, from at least rapidDropMinPaise), at our percentage.
		const from = asOf - rules.eventWindowDays + 1;
		for (const drop of patternsOf(account.rows, t, { ...insightRules, rapidDropPercent: rules.rapidDropPercent }).rapid_drops.events) {
			const day = parseDay(drop.to.date);
			if (day < from || day > asOf) continue;
			emit(c, {
				account: account.key,
				kind: 'rapid_balance_drop',
				severity: 'medium',
				period: drop.to.date,
				subject: account.key,
				figure: drop.to.balance,
				baseline: drop.from.balance,
				message: `Balance fell ${drop.drop_percent}% in ${drop.hours} hours: from ${rupees(toPaise(drop.from.balance) ?? 0)} (${drop.from.date}) to ${rupees(toPaise(drop.to.balance) ?? 0)} (${drop.to.date}).`,
				transactions: drop.transactions,
			});
		}
	}
}

export function cashSignals(c: Context, rows: readonly Row[], dataFirstMonth: number): void {
	const { month, asOf, rules } = c;
	if (dataFirstMonth > month - rules.baselineMonths) return;
	const monthName = monthText(month);
	const withdrawals = rows.filter((r) => r.kind === Kind.Cash && r.sign === -1 && r.day <= asOf);
	const totals = new Map<number, Paise>();
	for (const r of withdrawals) totals.set(r.month, addPaise(totals.get(r.month) ?? 0, r.amount));
	const current = totals.get(month) ?? 0;
	const baseline = averagePaise(sum(Array.from({ length: rules.baselineMonths }, (_, n) => totals.get(month - rules.baselineMonths + n) ?? 0)), rules.baselineMonths);
	const id = idOf(c, 'cash_withdrawals_spike', monthName);
	if (current >= rules.cashMinimumPaise && Number(current) > Number(baseline) * rules.cashMultiple) {
		emit(c, {
			account: null,
			kind: 'cash_withdrawals_spike',
			severity: 'medium',
			period: monthName,
			figure: money(current),
			baseline: money(baseline),
			message: `Cash withdrawals this month are ${rupees(current)}, more than ${rules.cashMultiple}× the usual ${rupees(baseline)} a month.`,
			transactions: withdrawals.filter((r) => r.month === month).sort(byTime).map(refOf),
		});
	} else c.clear.push(id);
}

import { dateOf, dayInfo } from './dates';
import { monthSpans } from './eod';
import { incomeOf, recurringGroups } from './income';
import { classifyBorrower } from './lending';
import { eodSeriesOf, type Timeline } from './index';
import type { BorrowerData } from './rows';
import type { InsightRules } from './rules';
import { lastDataDay, parseDay, upTo, DEFAULT_SIGNAL_RULES, type Context, type Severity, type SignalRules, type SignalsResult } from './signalContext';
import { balanceSignals, cashSignals } from './signalBalances';
import { eventSignals, obligationSignals, salarySignals } from './signalChecks';

export { DEFAULT_SIGNAL_RULES, lastDataDay, type Severity, type Signal, type SignalKind, type SignalRules, type SignalsResult } from './signalContext';

/**
 * Early-warning signals over a borrower's monitoring data, as of a day: built on the insights
 * (the same rows, the same classification (lending.ts), the same end-of-day series (eod.ts), the
 * same exact paise). Pure: no I/O, no clock.
 *
 * Two families:
 * - state checks, evaluated for the as-of month (salary missing / late / reduced, EMI missed,
 *   pre-bounce, balance stress, negative end-of-day days, cash withdrawals): each evaluated check
 *   has a stable id whether it fires or not, so a caller can tell "cleared" from "never seen";
 * - events within the last `eventWindowDays` days (bounces, inward cheque returns, loan
 *   disbursal credits, new instalments, rapid balance drops): their id names the event itself.
 */

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * The early-warning signals of one borrower as of a day (default: the end of the data's period).
 * `asOf` is a "YYYY-MM-DD" date; rows after it are left out.
 */
export function computeSignals(
	borrower: BorrowerData,
	rules: InsightRules,
	signalRules: SignalRules = DEFAULT_SIGNAL_RULES,
	options: { asOf?: string } = {},
): SignalsResult {
	const last = options.asOf ? parseDay(options.asOf) : lastDataDay(borrower);
	const asOf = last ?? 0;
	const data = upTo(borrower, asOf);
	classifyBorrower(data, rules);
	const rows = data.accounts.flatMap((a) => a.rows);
	const c: Context = { borrower: borrower.borrower, asOf, month: dayInfo(asOf).month, rules: signalRules, out: [], clear: [] };
	const timelines = new Map<string, Timeline>();
	for (const account of data.accounts) {
		const t = eodSeriesOf(account.rows, account.declared);
		if (t) timelines.set(account.key, t);
	}
	let firstDay = Infinity;
	let lastDay = -Infinity;
	for (const t of timelines.values()) {
		firstDay = Math.min(firstDay, t.first);
		lastDay = Math.max(lastDay, t.last);
	}
	let lastRow = -Infinity;
	for (const r of rows) if (r.day > lastRow) lastRow = r.day;
	if (rows.length > 0) {
		const dataFirstMonth = dayInfo(firstDay).month;
		// Salary as the insights find it: salary words, else the largest about-monthly credit (income.ts).
		const creditGroups = data.accounts.flatMap((a) => recurringGroups(a.rows, 1, rules));
		salarySignals(c, incomeOf(rows, creditGroups, monthSpans({ first: firstDay, last: lastDay }), rules).income.salary);
		obligationSignals(c, rows, rules.amountTolerancePercent, timelines, dataFirstMonth);
		eventSignals(c, rows, rules.penaltyWindowDays);
		for (const account of data.accounts) {
			const t = timelines.get(account.key);
			if (t) balanceSignals(c, account, t, rules);
		}
		cashSignals(c, rows, dataFirstMonth);
	}
	const signals = c.out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) || (a.id < b.id ? -1 : 1));
	const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
	for (const s of signals) counts[s.severity]++;
	const fired = new Set(signals.map((s) => s.id));
	return {
		borrower: borrower.borrower || null,
		as_of: dateOf(asOf),
		data_from: rows.length ? dateOf(firstDay) : null,
		data_to: rows.length ? dateOf(lastDay) : null,
		last_transaction: rows.length ? dateOf(lastRow) : null,
		signals,
		clear: [...new Set(c.clear)].filter((id) => !fired.has(id)),
		counts,
	};
}

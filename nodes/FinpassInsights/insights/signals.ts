import { addPaise, formatRupees, toPaise, type Paise } from '../../shared/finance';
import { averagePaise, money } from './amounts';
import { dateOf, dayInfo, dayNumber } from './dates';
import { eodOn, monthSpans } from './eod';
import { incomeOf, recurringGroups, type SalaryInsight } from './income';
import { classifyBorrower, isLoanDisbursal, isObligation } from './lending';
import { eodSeriesOf, type Timeline } from './index';
import { patternsOf } from './patterns';
import { amountGroups } from './recurring';
import { byTime, refOf, type TransactionRef } from './refs';
import { bouncesOf } from './risk';
import { Kind, type AccountData, type BorrowerData, type Row } from './rows';
import type { InsightRules } from './rules';

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

export type SignalKind =
	| 'emi_missed'
	| 'emi_bounced'
	| 'emi_pre_bounce'
	| 'salary_missing'
	| 'salary_late'
	| 'salary_reduced'
	| 'salary_new_source'
	| 'new_loan_credit'
	| 'new_emi'
	| 'balance_stress'
	| 'negative_eod_balance'
	| 'rapid_balance_drop'
	| 'cash_withdrawals_spike'
	| 'cheque_return_inward';

export type Severity = 'high' | 'medium' | 'low';

export interface Signal {
	/** borrower|kind|period|subject: the same signal has the same id on every run. */
	id: string;
	borrower: string | null;
	/** The account the signal is about, when it is about one. */
	account: string | null;
	kind: SignalKind;
	severity: Severity;
	/** The month ("2025-05") or day ("2025-05-07") the signal is about. */
	period: string;
	/** What was seen (an amount as exact text, or a count). */
	figure: string;
	/** What it is compared with (the usual amount, the prior months' average, the threshold). */
	baseline: string | null;
	/** A sentence a loan officer reads. */
	message: string;
	transactions: TransactionRef[];
}

export interface SignalRules {
	/** Days after the usual day before a salary or instalment not seen counts as missing. */
	graceDays: number;
	/** A month's salary at least this % below the prior months' average is "reduced". */
	salaryDropPercent: number;
	/** Months before the as-of month that make the baseline (salary, balances, cash, EMIs). */
	baselineMonths: number;
	/** Pre-bounce: an instalment due within this many days after the as-of day. */
	preBounceDays: number;
	/** Balance stress: the month's average EOD below this % of the baseline months' average. */
	balanceStressPercent: number;
	/** Rapid drop: the insights' rapid balance drop (patterns.ts) at this % (their window and minimum balance). */
	rapidDropPercent: number;
	/** Cash withdrawals of the month above this multiple of the baseline months' average… */
	cashMultiple: number;
	/** …and at least this much. */
	cashMinimumPaise: number;
	/** Events (bounces, returns, new loans, drops) are reported when at most this many days old. */
	eventWindowDays: number;
}

export const DEFAULT_SIGNAL_RULES: Readonly<SignalRules> = Object.freeze({
	graceDays: 5,
	salaryDropPercent: 20,
	baselineMonths: 3,
	preBounceDays: 5,
	balanceStressPercent: 50,
	rapidDropPercent: 90,
	cashMultiple: 2,
	cashMinimumPaise: 2500000,
	eventWindowDays: 31,
});

export interface SignalsResult {
	borrower: string | null;
	as_of: string;
	/** The data's period (the one the source declares, else first to last transaction), up to the as-of day. */
	data_from: string | null;
	data_to: string | null;
	/** The day of the latest transaction. */
	last_transaction: string | null;
	signals: Signal[];
	/** Ids of the state checks evaluated that did not fire: a signal with such an id has cleared. */
	clear: string[];
	counts: Record<Severity, number>;
}

const rupees = (paise: Paise): string => formatRupees(money(paise)) ?? money(paise);

const monthText = (month: number): string => dayInfo(dayNumber(Math.floor(month / 12), (month % 12) + 1, 1)).monthText;
const monthFirst = (month: number): number => dayNumber(Math.floor(month / 12), (month % 12) + 1, 1);
const parseDay = (date: string): number => dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
const refDay = (ref: TransactionRef): number => parseDay(ref.date);
const refMonth = (ref: TransactionRef): number => Number(ref.date.slice(0, 4)) * 12 + Number(ref.date.slice(5, 7)) - 1;
const refPaise = (ref: TransactionRef): Paise => toPaise(ref.amount) ?? 0;

function sum(list: readonly Paise[]): Paise {
	let total: Paise = 0;
	for (const p of list) total = addPaise(total, p);
	return total;
}

/** a < b × percent / 100, exactly for any amount a bank statement holds (below 2^53 / 100 paise). */
const belowShare = (a: Paise, b: Paise, percent: number): boolean => Number(a) * 100 < Number(b) * percent;
/** a ≤ b × percent / 100, the same way. */
const atMostShare = (a: Paise, b: Paise, percent: number): boolean => Number(a) * 100 <= Number(b) * percent;

/** The usual day of the month of a list of dates (most frequent; earliest of equals). */
function usualDay(days: readonly number[]): number {
	const counts = new Array<number>(32).fill(0);
	for (const day of days) counts[dayInfo(day).dayOfMonth]++;
	let best = 1;
	for (let d = 2; d <= 31; d++) if (counts[d] > counts[best]) best = d;
	return best;
}

/** The day `dayOfMonth` of a month (a day beyond a short month is its last day). */
function dueDay(month: number, dayOfMonth: number): number {
	const first = monthFirst(month);
	return first + Math.min(dayOfMonth, dayInfo(first).monthLength) - 1;
}

/** The borrower's data up to the as-of day (rows and declared periods cut there), in fresh rows. */
function upTo(borrower: BorrowerData, asOf: number): BorrowerData {
	return {
		borrower: borrower.borrower,
		items: borrower.items,
		accounts: borrower.accounts.map((a) => ({
			...a,
			rows: a.rows.filter((r) => r.day <= asOf).map((r) => ({ ...r, kind: Kind.Plain, flags: 0, payee: '' })),
			declared: a.declared && a.declared.first <= asOf ? { first: a.declared.first, last: Math.min(a.declared.last, asOf) } : null,
		})),
	};
}

/** The last day the data covers: the latest declared period end, else the last transaction's day. */
export function lastDataDay(borrower: BorrowerData): number | undefined {
	let last: number | undefined;
	for (const a of borrower.accounts) {
		if (a.declared && (last === undefined || a.declared.last > last)) last = a.declared.last;
		for (const r of a.rows) if (last === undefined || r.day > last) last = r.day;
	}
	return last;
}

interface Context {
	borrower: string;
	asOf: number;
	month: number;
	rules: SignalRules;
	out: Signal[];
	clear: string[];
}

const idOf = (c: Context, kind: SignalKind, period: string, subject = ''): string => [c.borrower, kind, period, subject].filter((p, n) => n < 3 || p !== '').join('|');

function emit(c: Context, s: Omit<Signal, 'id' | 'borrower'> & { subject?: string }): void {
	const { subject, ...rest } = s;
	c.out.push({ id: idOf(c, s.kind, s.period, subject), borrower: c.borrower || null, ...rest });
}

// ---------------------------------------------------------------------------------------------
// Salary

function salarySignals(c: Context, salary: SalaryInsight | null): void {
	if (!salary) return;
	const { month, asOf, rules } = c;
	const refs = salary.transactions;
	const byMonth = new Map<number, TransactionRef[]>();
	for (const ref of refs) {
		const m = refMonth(ref);
		byMonth.set(m, [...(byMonth.get(m) ?? []), ref]);
	}
	const prior = Array.from({ length: rules.baselineMonths }, (_, n) => month - rules.baselineMonths + n);
	const priorPaid = prior.filter((m) => byMonth.has(m));
	// "Most prior months": more than half of them.
	if (priorPaid.length * 2 <= prior.length) return;
	const usual = usualDay(priorPaid.flatMap((m) => byMonth.get(m)!.map(refDay)));
	const due = dueDay(month, usual);
	const monthName = monthText(month);
	const current = byMonth.get(month) ?? [];
	const priorTotals = priorPaid.map((m) => sum(byMonth.get(m)!.map(refPaise)));
	const average = averagePaise(sum(priorTotals), priorTotals.length);
	const missingId = idOf(c, 'salary_missing', monthName);
	if (current.length === 0) {
		if (asOf > due + rules.graceDays) {
			const last = refs[refs.length - 1];
			emit(c, {
				account: null,
				kind: 'salary_missing',
				severity: 'high',
				period: monthName,
				figure: '0.00',
				baseline: money(average),
				message: `No salary by ${dateOf(asOf)}: it usually comes on day ${usual} (about ${rupees(average)} a month; last one ${rupees(refPaise(last))} on ${last.date}).`,
				transactions: [last],
			});
		} else c.clear.push(missingId);
		return;
	}
	c.clear.push(missingId);
	const first = current[0];
	const lateId = idOf(c, 'salary_late', monthName);
	if (refDay(first) > due + rules.graceDays) {
		emit(c, {
			account: first.account,
			kind: 'salary_late',
			severity: 'medium',
			period: monthName,
			figure: first.date,
			baseline: `day ${usual}`,
			message: `Salary came late: on ${first.date}, ${refDay(first) - due} days after its usual day ${usual}.`,
			transactions: [first],
		});
	} else c.clear.push(lateId);
	const total = sum(current.map(refPaise));
	const reducedId = idOf(c, 'salary_reduced', monthName);
	if (atMostShare(total, average, 100 - rules.salaryDropPercent)) {
		const drop = Math.round((1 - Number(total) / Number(average)) * 100);
		emit(c, {
			account: first.account,
			kind: 'salary_reduced',
			severity: 'medium',
			period: monthName,
			figure: money(total),
			baseline: money(average),
			message: `Salary of ${monthName} is ${rupees(total)}, ${drop}% below its ${priorTotals.length}-month average of ${rupees(average)}.`,
			transactions: current,
		});
	} else c.clear.push(reducedId);
	const priorSources = new Set(priorPaid.flatMap((m) => byMonth.get(m)!.map((r) => sourceOf(r, salary.sources))));
	for (const ref of current) {
		const source = sourceOf(ref, salary.sources);
		if (priorSources.has(source)) continue;
		priorSources.add(source);
		emit(c, {
			account: ref.account,
			kind: 'salary_new_source',
			severity: 'low',
			period: monthName,
			subject: source,
			figure: money(refPaise(ref)),
			baseline: null,
			message: `Salary from a new source: ${rupees(refPaise(ref))} from ${source} on ${ref.date} (before: ${[...priorSources].filter((s) => s !== source).join(', ') || 'none'}).`,
			transactions: [ref],
		});
	}
}

/** The salary source a narration names (one of the insights' sources, else the narration). */
function sourceOf(ref: TransactionRef, sources: readonly string[]): string {
	const narration = ref.narration.toUpperCase();
	const named = sources.filter((s) => s !== '(unnamed)' && narration.includes(s)).sort((a, b) => b.length - a.length);
	return named[0] ?? (ref.narration || '(unnamed)');
}

// ---------------------------------------------------------------------------------------------
// Instalments (EMIs and mandates)

function obligationSignals(c: Context, rows: readonly Row[], tolerancePercent: number, timelines: Map<string, Timeline>, dataFirstMonth: number): void {
	const { month, asOf, rules } = c;
	const monthName = monthText(month);
	// Loans, not habits: the debits the insights count toward FOIR (mandates, lenders, EMI words), by payee and amount.
	for (const group of amountGroups(rows.filter(isObligation), tolerancePercent)) {
		const list = group.rows.sort(byTime);
		const refs = list.map(refOf);
		const months = new Set(list.map((r) => r.month));
		const payee = group.counterparty || '(unnamed)';
		const lastRow = list[list.length - 1];
		const amount = lastRow.amount;
		const last = refs[refs.length - 1];
		const prior = Array.from({ length: rules.baselineMonths }, (_, n) => month - rules.baselineMonths + n);
		const priorSeen = prior.filter((m) => months.has(m)).length;
		const usual = usualDay(list.map((r) => r.day));
		// New instalment: first seen in the as-of month or the one before, after months of data without it.
		const firstMonth = list[0].month;
		if (firstMonth >= month - 1 && firstMonth >= dataFirstMonth + 2) {
			emit(c, {
				account: lastRow.account,
				kind: 'new_emi',
				severity: 'medium',
				period: monthText(firstMonth),
				subject: payee,
				figure: money(amount),
				baseline: null,
				message: `New instalment: ${rupees(amount)} to ${payee} from ${refs[0].date}, not seen in the ${firstMonth - dataFirstMonth} months before.`,
				transactions: refs,
			});
		}
		// "Seen in most prior months": more than half of them.
		if (priorSeen * 2 <= prior.length) continue;
		// Missed: not seen this month by its usual day plus the grace.
		const due = dueDay(month, usual);
		const missedId = idOf(c, 'emi_missed', monthName, payee);
		const paidThisMonth = months.has(month);
		if (!paidThisMonth && asOf > due + rules.graceDays) {
			emit(c, {
				account: lastRow.account,
				kind: 'emi_missed',
				severity: 'high',
				period: monthName,
				subject: payee,
				figure: '0.00',
				baseline: money(amount),
				message: `Instalment of ${rupees(amount)} to ${payee} not seen by ${dateOf(asOf)}: it is usually paid on day ${usual} (last on ${last.date}).`,
				transactions: [last],
			});
		} else c.clear.push(missedId);
		// Pre-bounce: the next instalment falls due within the window and the balance cannot pay it.
		const next = paidThisMonth || asOf > due ? dueDay(month + 1, usual) : due;
		const preId = idOf(c, 'emi_pre_bounce', dateOf(next), payee);
		const t = timelines.get(lastRow.account);
		if (t && next - asOf > 0 && next - asOf <= rules.preBounceDays) {
			const balance = eodOn(t, asOf);
			if (balance < amount) {
				emit(c, {
					account: lastRow.account,
					kind: 'emi_pre_bounce',
					severity: 'high',
					period: dateOf(next),
					subject: payee,
					figure: money(balance),
					baseline: money(amount),
					message: `Instalment of ${rupees(amount)} to ${payee} falls due on ${dateOf(next)}; the balance on ${dateOf(asOf)} is ${rupees(balance)}.`,
					transactions: [last],
				});
			} else c.clear.push(preId);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Bounces and cheque returns, loan credits

function eventSignals(c: Context, rows: readonly Row[], penaltyWindowDays: number): void {
	const { asOf, rules } = c;
	const from = asOf - rules.eventWindowDays + 1;
	// The insights' bounce events (risk.ts): the returned row, its charges, instrument, direction and reason.
	for (const event of bouncesOf(rows, penaltyWindowDays)) {
		const day = parseDay(event.date);
		if (day < from || day > asOf) continue;
		const bounced = event.bounced;
		const charges = event.penalties;
		const penalties = toPaise(event.penalty_total) ?? 0;
		const behind = [...(bounced ? [bounced] : []), ...charges];
		const subject = `${event.account}|${bounced ? `${bounced.id ?? ''}:${bounced.amount}` : `charge:${charges[0]?.amount ?? ''}`}`;
		const chargesText = charges.length ? ` and ${rupees(penalties)} in charges` : '';
		if (event.instrument === 'cheque') {
			// Only the borrower's own cheques returned unpaid; a deposited cheque coming back is not the borrower's default.
			if (event.direction !== 'inward') continue;
			emit(c, {
				account: event.account,
				kind: 'cheque_return_inward',
				severity: 'high',
				period: event.date,
				subject,
				figure: bounced?.amount ?? event.penalty_total,
				baseline: null,
				message: `A cheque the borrower issued came back unpaid on ${event.date}${bounced ? ` (${rupees(refPaise(bounced))})` : ''}${chargesText}${event.reason ? ` (${event.reason})` : ''}.`,
				transactions: behind,
			});
			continue;
		}
		emit(c, {
			account: event.account,
			kind: 'emi_bounced',
			severity: 'high',
			period: event.date,
			subject,
			figure: bounced?.amount ?? event.penalty_total,
			baseline: null,
			message: bounced
				? `Instalment or mandate of ${rupees(refPaise(bounced))} returned unpaid on ${event.date}${chargesText}: "${bounced.narration}".`
				: `Bounce charges of ${rupees(penalties)} on ${event.date}: "${charges[0]?.narration ?? ''}".`,
			transactions: behind,
		});
	}
	const seen = new Set<string>();
	for (const row of rows) {
		if (!isLoanDisbursal(row) || row.day < from || row.day > asOf) continue;
		const ref = refOf(row);
		const subject = `${row.account}|${ref.id ?? ''}:${ref.amount}`;
		if (seen.has(subject)) continue;
		seen.add(subject);
		emit(c, {
			account: row.account,
			kind: 'new_loan_credit',
			severity: 'medium',
			period: ref.date,
			subject,
			figure: ref.amount,
			baseline: null,
			message: `New borrowing: a loan credit of ${rupees(row.amount)} on ${ref.date} ("${ref.narration}").`,
			transactions: [ref],
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Balances and cash

function averageEod(t: Timeline, from: number, to: number): Paise | undefined {
	const start = Math.max(from, t.first);
	if (start > to) return undefined;
	let total: Paise = 0;
	for (let day = start; day <= to; day++) total = addPaise(total, eodOn(t, day));
	return averagePaise(total, to - start + 1);
}

function balanceSignals(c: Context, account: AccountData, t: Timeline, insightRules: InsightRules): void {
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

function cashSignals(c: Context, rows: readonly Row[], dataFirstMonth: number): void {
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

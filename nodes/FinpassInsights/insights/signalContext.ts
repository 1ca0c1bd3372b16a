import { addPaise, formatRupees, toPaise, type Paise } from '../../shared/finance';
import { money } from './amounts';
import { dayInfo, dayNumber } from './dates';
import type { TransactionRef } from './refs';
import { Kind, type BorrowerData } from './rows';

// What every early-warning check shares: the signal types, the thresholds, the as-of context and
// small day and money helpers (signals.ts runs the checks; signalChecks.ts holds them).

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

export const rupees = (paise: Paise): string => formatRupees(money(paise)) ?? money(paise);

export const monthText = (month: number): string => dayInfo(dayNumber(Math.floor(month / 12), (month % 12) + 1, 1)).monthText;
export const monthFirst = (month: number): number => dayNumber(Math.floor(month / 12), (month % 12) + 1, 1);
export const parseDay = (date: string): number => dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
export const refDay = (ref: TransactionRef): number => parseDay(ref.date);
export const refMonth = (ref: TransactionRef): number => Number(ref.date.slice(0, 4)) * 12 + Number(ref.date.slice(5, 7)) - 1;
export const refPaise = (ref: TransactionRef): Paise => toPaise(ref.amount) ?? 0;

export function sum(list: readonly Paise[]): Paise {
	let total: Paise = 0;
	for (const p of list) total = addPaise(total, p);
	return total;
}

/** a < b × percent / 100, exactly for any amount a bank statement holds (below 2^53 / 100 paise). */
export const belowShare = (a: Paise, b: Paise, percent: number): boolean => Number(a) * 100 < Number(b) * percent;
/** a ≤ b × percent / 100, the same way. */
export const atMostShare = (a: Paise, b: Paise, percent: number): boolean => Number(a) * 100 <= Number(b) * percent;

/** The usual day of the month of a list of dates (most frequent; earliest of equals). */
export function usualDay(days: readonly number[]): number {
	const counts = new Array<number>(32).fill(0);
	for (const day of days) counts[dayInfo(day).dayOfMonth]++;
	let best = 1;
	for (let d = 2; d <= 31; d++) if (counts[d] > counts[best]) best = d;
	return best;
}

/** The day `dayOfMonth` of a month (a day beyond a short month is its last day). */
export function dueDay(month: number, dayOfMonth: number): number {
	const first = monthFirst(month);
	return first + Math.min(dayOfMonth, dayInfo(first).monthLength) - 1;
}

/**
 * The borrower's data up to the as-of day (rows and declared periods cut there). An account the
 * day cuts gets fresh rows (the caller's are left as they were); an account that ends by then is
 * used as it is (the usual case: as of the end of the data), and the classification that follows
 * then marks its rows in place, as the insights do (it is idempotent).
 */
export function upTo(borrower: BorrowerData, asOf: number): BorrowerData {
	return {
		borrower: borrower.borrower,
		items: borrower.items,
		accounts: borrower.accounts.map((a) => {
			const whole = (a.declared === null || a.declared.last <= asOf) && a.rows.every((r) => r.day <= asOf);
			if (whole) return a;
			return {
				...a,
				rows: a.rows.filter((r) => r.day <= asOf).map((r) => ({ ...r, kind: Kind.Plain, flags: 0, payee: '' })),
				declared: a.declared && a.declared.first <= asOf ? { first: a.declared.first, last: Math.min(a.declared.last, asOf) } : null,
			};
		}),
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

export interface Context {
	borrower: string;
	asOf: number;
	month: number;
	rules: SignalRules;
	out: Signal[];
	clear: string[];
}

export const idOf = (c: Context, kind: SignalKind, period: string, subject = ''): string => [c.borrower, kind, period, subject].filter((p, n) => n < 3 || p !== '').join('|');

export function emit(c: Context, s: Omit<Signal, 'id' | 'borrower'> & { subject?: string }): void {
	const { subject, ...rest } = s;
	c.out.push({ id: idOf(c, s.kind, s.period, subject), borrower: c.borrower || null, ...rest });
}


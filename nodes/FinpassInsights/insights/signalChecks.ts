import { toPaise } from '../../shared/finance';
import { averagePaise, money } from './amounts';
import { dateOf } from './dates';
import { eodOn } from './eod';
import type { SalaryInsight } from './income';
import { isLoanDisbursal, isObligation } from './lending';
import type { Timeline } from './index';
import { amountGroups } from './recurring';
import { byTime, refOf, type TransactionRef } from './refs';
import { bouncesOf } from './risk';
import type { Row } from './rows';
import { atMostShare, dueDay, emit, idOf, monthText, parseDay, refDay, refMonth, refPaise, rupees, sum, usualDay, type Context } from './signalContext';


// The early-warning checks on salary, instalments and events; balances and cash are in
// signalBalances.ts; signals.ts runs them all.

// ---------------------------------------------------------------------------------------------
// Salary

export function salarySignals(c: Context, salary: SalaryInsight | null): void {
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

export function obligationSignals(c: Context, rows: readonly Row[], tolerancePercent: number, timelines: Map<string, Timeline>, dataFirstMonth: number): void {
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

export function eventSignals(c: Context, rows: readonly Row[], penaltyWindowDays: number): void {
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

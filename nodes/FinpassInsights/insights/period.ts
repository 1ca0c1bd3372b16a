import { isObject } from '../../shared/json';
import { readWhen, when } from './dates';

/** A statement period as day numbers (days since 1970-01-01, India time), both ends included. */
export interface DeclaredPeriod {
	first: number;
	last: number;
}

/** The IST day of a declared bound ("2025-06-30", "2025-06-30T18:29:59.999Z", "…+05:30"); undefined when unreadable. */
function boundDay(value: unknown): number | undefined {
	return typeof value === 'string' && value.trim() !== '' && readWhen(value.trim()) ? when.day : undefined;
}

/** Pairs of fields that declare a statement period, in the order they are looked for. */
const PERIOD_FIELDS: Array<[string, string]> = [
	['start_date', 'end_date'], // Finpass AA: transaction_data.start_date / end_date
	['transactionsStartDate', 'transactionsEndDate'], // FinPro: the period its data was requested for
	['from', 'to'], // AA-BSA and analysers: statement_period { from, to }
	['from_date', 'to_date'],
	['period_start', 'period_end'],
];

function periodIn(object: unknown): DeclaredPeriod | undefined {
	if (!isObject(object)) return undefined;
	for (const [start, end] of PERIOD_FIELDS) {
		const first = boundDay(object[start]);
		const last = boundDay(object[end]);
		if (first !== undefined && last !== undefined && first <= last) return { first, last };
	}
	return undefined;
}

/**
 * The statement period an account (or the item around it) declares: Finpass AA
 * `transaction_data.start_date`/`end_date`, FinPro `transactionsStartDate`/`transactionsEndDate`
 * where the item carries them, an analyser's `statement_period` / `period` { from, to }. Both ends
 * must be given; otherwise undefined (the period then runs from the first to the last transaction).
 */
export function declaredPeriodOf(...objects: unknown[]): DeclaredPeriod | undefined {
	for (const object of objects) {
		if (!isObject(object)) continue;
		const found =
			periodIn(object.transaction_data) ?? periodIn(object.statement_period) ?? periodIn(object.period) ?? periodIn(object);
		if (found) return found;
	}
	return undefined;
}

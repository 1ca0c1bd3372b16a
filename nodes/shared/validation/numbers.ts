import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Numeric settings (waits, Concurrency, Max Requests per Second, Max Retries, timeouts, limits),
 * checked before any request. An expression can give a number parameter anything: nothing
 * (`undefined`), text, `NaN` or `Infinity`. Left unchecked, "nothing" in Max Wait makes a wait
 * poll without pause, `Infinity` never times out and a non-numeric Concurrency lifts the limit.
 * So every such value must be a finite number within its range, or the node stops with an error
 * that names the setting.
 */
export interface NumberRange {
	min: number;
	max: number;
	/** Only whole numbers (a count). */
	integer?: boolean;
}

export type CheckedNumber = { ok: true; value: number } | { ok: false; expected: string };

/** What the range reads as in a message, e.g. "a whole number from 1 to 100". */
export function describeRange(range: NumberRange): string {
	return `${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`;
}

/**
 * Pure check: a finite number (or text that is exactly one, as an expression may give) within
 * the range. Nothing, empty text, NaN and ±Infinity are refused.
 */
export function checkNumber(raw: unknown, range: NumberRange): CheckedNumber {
	let value: number | undefined;
	if (typeof raw === 'number') value = raw;
	else if (typeof raw === 'string' && raw.trim() !== '') value = Number(raw.trim());
	const fits =
		value !== undefined &&
		Number.isFinite(value) &&
		value >= range.min &&
		value <= range.max &&
		(!range.integer || Number.isInteger(value));
	return fits ? { ok: true, value: value as number } : { ok: false, expected: describeRange(range) };
}

function shown(raw: unknown): string {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return 'empty';
	if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return `"${String(raw)}"`;
	return `of type ${Array.isArray(raw) ? 'array' : typeof raw}`;
}

/**
 * The checked value, or a NodeOperationError naming the setting (as the editor shows it), what
 * it is and what it must be. `setting` is e.g. 'Max Wait (Seconds)' or 'Request Options →
 * Concurrency'.
 */
export function requireNumber(node: INode, raw: unknown, range: NumberRange, itemIndex: number, setting: string): number {
	const checked = checkNumber(raw, range);
	if (checked.ok) return checked.value;
	throw new NodeOperationError(node, `${setting} is ${shown(raw)}: it must be ${checked.expected}`, {
		itemIndex,
		description:
			'Nothing was sent to the API. If the value comes from an expression, check that the expression gives a number for every item.',
	});
}

/**
 * An optional setting of a collection (Request Options, Options): absent uses the default; set
 * to anything, it is checked like a required one (an expression that gave nothing is an error,
 * not the default).
 */
export function optionNumber(
	node: INode,
	options: object,
	key: string,
	fallback: number,
	range: NumberRange,
	itemIndex: number,
	setting: string,
): number {
	if (!Object.prototype.hasOwnProperty.call(options, key)) return fallback;
	return requireNumber(node, (options as Record<string, unknown>)[key], range, itemIndex, setting);
}

/** Limit (with Return All off): how many results to output. */
export const LIMIT_RANGE: NumberRange = { min: 1, max: 1_000_000 };

/**
 * Exact money: amounts as integer paise, never as binary floating point.
 *
 * Vendors send amounts as strings ("101666.33", FinPro and Finpass balances) or as JSON numbers
 * (Finpass transaction `amount`: 1500, 1234.56, 0.1). A string is read digit by digit; a number
 * is read through its shortest decimal string (`String(0.1)` is "0.1"), which is exactly what the
 * vendor wrote in its JSON. Arithmetic is then done on integers, so 0.1 + 0.2 is 30 paise.
 *
 * Paise fit a JS number exactly up to 2^53 − 1 (about ₹90 lakh crore, 9 × 10^13 rupees); larger
 * values are kept exact as a bigint. `Paise` is a number whenever it is a safe integer and a
 * bigint only beyond that, so `===` compares two values correctly.
 */
export type Paise = number | bigint;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Largest whole-rupee number that can be multiplied by 100 without leaving the safe range. */
const MAX_SAFE_RUPEES = Math.floor(MAX_SAFE / 100);
/** Digits of an integer part accumulated as a number before the exact (bigint) path takes over. */
const FAST_DIGITS = 15;
/** An amount with more paise digits than this (beyond 10^38 rupees) is not an amount: refused before a huge string is built. */
const MAX_PAISE_DIGITS = 40;

const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;
const C_MINUS = 45;
const C_PLUS = 43;

function canonical(value: bigint): Paise {
	return value <= BigInt(MAX_SAFE) && value >= -BigInt(MAX_SAFE) ? Number(value) : value;
}

/**
 * Reads an amount into integer paise: "101666.33" → 10166633, 1500 → 150000, 0.1 → 10,
 * "-5.5" → −550, "+5" → 500, ".5" → 50, "5." → 500, "1.125e1" → 1125, "1,01,666.33" (Indian
 * grouping) → 10166633. Every exact decimal form is read, exponents included.
 * Undefined for anything that is not an exact amount: empty, not a number, NaN/Infinity, or
 * a value with a non-zero digit below the paisa once any exponent is applied ("0.125",
 * "1.125e0"; trailing zeros like "1.500" are fine).
 */
export function toPaise(value: unknown): Paise | undefined {
	if (typeof value === 'string') return parseText(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		// Whole rupees need no text round trip (+ 0 turns −0 into 0).
		if (Number.isInteger(value) && value <= MAX_SAFE_RUPEES && value >= -MAX_SAFE_RUPEES) return value * 100 + 0;
		return parseText(String(value));
	}
	if (typeof value === 'bigint') return canonical(value * 100n);
	return undefined;
}

/** The hot path: plain "[-+]digits[.digits]" without allocating; anything else goes to parseSlow. */
function parseText(text: string): Paise | undefined {
	const length = text.length;
	if (length === 0) return undefined;
	let i = 0;
	let negative = false;
	let code = text.charCodeAt(0);
	if (code === C_MINUS || code === C_PLUS) {
		negative = code === C_MINUS;
		i = 1;
	}
	let rupees = 0;
	let intDigits = 0;
	for (; i < length; i++) {
		code = text.charCodeAt(i);
		if (code < C_0 || code > C_9) break;
		if (++intDigits > FAST_DIGITS) return parseSlow(text);
		rupees = rupees * 10 + (code - C_0);
	}
	let paise = 0;
	let fracDigits = 0;
	let belowPaisa = false;
	if (i < length && code === C_DOT) {
		for (i++; i < length; i++) {
			code = text.charCodeAt(i);
			if (code < C_0 || code > C_9) break;
			const digit = code - C_0;
			if (fracDigits === 0) paise = digit * 10;
			else if (fracDigits === 1) paise += digit;
			else if (digit !== 0) belowPaisa = true; // exact only if an exponent follows ("1.125e1")
			fracDigits++;
		}
	}
	// Exponents, grouping commas, spaces: rare, handled by the general reader.
	if (i < length) return parseSlow(text);
	if (belowPaisa) return undefined; // a non-zero digit below the paisa: not an exact amount
	if (intDigits === 0 && fracDigits === 0) return undefined;
	const total = rupees * 100 + paise;
	if (total > MAX_SAFE) return parseSlow(text);
	return negative ? (total === 0 ? 0 : -total) : total;
}

const SLOW = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
// 1,234,567 or the Indian 12,34,567: commas only in one of the two usual groupings.
const GROUPED = /^(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})$/;

function parseSlow(raw: string): Paise | undefined {
	const text = raw.trim();
	let m = SLOW.exec(text);
	if (!m) {
		const grouped = /^([+-])?([\d,]+)(\.\d*)?$/.exec(text);
		if (!grouped || !GROUPED.test(grouped[2])) return undefined;
		m = SLOW.exec(`${grouped[1] ?? ''}${grouped[2].replace(/,/g, '')}${grouped[3] ?? ''}`);
		if (!m) return undefined;
	}
	const [, sign, intPart = '', fracPart = '', expPart] = m;
	if (intPart === '' && fracPart === '') return undefined;
	// value = digits × 10^(exponent − fraction length); paise shift that by 2.
	const digits = `${intPart}${fracPart}`.replace(/^0+/, '');
	if (digits === '') return 0; // zero, whatever its exponent
	const exponent = expPart === undefined ? 0 : Number(expPart);
	const shift = exponent - fracPart.length + 2;
	let whole: string;
	if (shift >= 0) {
		if (digits.length + shift > MAX_PAISE_DIGITS) return undefined;
		whole = digits + '0'.repeat(shift);
	} else {
		const cut = digits.length + shift;
		const dropped = cut > 0 ? digits.slice(cut) : digits;
		if (/[1-9]/.test(dropped)) return undefined;
		whole = cut > 0 ? digits.slice(0, cut) : '0';
	}
	const paise = canonical(BigInt(whole));
	if (sign === '-') return typeof paise === 'number' ? (paise === 0 ? 0 : -paise) : -paise;
	return paise;
}

/** Integer paise → "1234.56" / "-0.10" (always two decimals; exact for any size). */
export function formatPaise(paise: Paise): string {
	if (typeof paise === 'bigint') {
		const negative = paise < 0n;
		const digits = (negative ? -paise : paise).toString().padStart(3, '0');
		return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
	}
	const abs = paise < 0 ? -paise : paise;
	const cents = abs % 100;
	const rupees = (abs - cents) / 100; // exact: abs − cents is a multiple of 100
	return `${paise < 0 ? '-' : ''}${rupees}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Paise for a JSON field such as `amount_paise`: a number (JSON numbers are exact up to 2^53),
 * a digit string beyond that, null when the amount is unreadable.
 */
export function paiseForJson(value: unknown): number | string | null {
	const paise = toPaise(value);
	if (paise === undefined) return null;
	return typeof paise === 'number' ? paise : paise.toString();
}

export function addPaise(a: Paise, b: Paise): Paise {
	if (typeof a === 'number' && typeof b === 'number') {
		const sum = a + b;
		if (sum <= MAX_SAFE && sum >= -MAX_SAFE) return sum + 0;
	}
	return canonical(BigInt(a) + BigInt(b));
}

export function negatePaise(a: Paise): Paise {
	return typeof a === 'number' ? 0 - a : -a;
}

export function subtractPaise(a: Paise, b: Paise): Paise {
	return addPaise(a, negatePaise(b));
}

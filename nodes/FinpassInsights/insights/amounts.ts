import { formatPaise, toPaise, type Paise } from '../../shared/finance';

/** Exact arithmetic the insights need beyond shared/finance/money.ts. */

/**
 * A JSON number amount (Finpass: 1500, 1234.56) in paise, as shared/finance/money.ts `toPaise` reads it,
 * without building its text: when p = round(v × 100) and p ÷ 100 is v again, v is the double
 * nearest to the two-decimal amount p/100, and below 2^53 no other decimal of at most two places
 * is that close, so `String(v)` would have been exactly that amount. Anything else takes the
 * text route.
 */
export function numberToPaise(value: number): Paise | undefined {
	const paise = Math.round(value * 100);
	if (Number.isSafeInteger(paise) && paise / 100 === value) return paise + 0;
	return toPaise(value);
}

/** sum ÷ count, rounded to the nearest paisa, halves away from zero (₹0.005 → ₹0.01). */
export function averagePaise(sum: Paise, count: number): Paise {
	if (count <= 0) return 0;
	if (typeof sum === 'number') {
		const remainder = sum % count;
		let quotient = (sum - remainder) / count;
		if (2 * Math.abs(remainder) >= count) quotient += sum < 0 ? -1 : 1;
		return quotient + 0;
	}
	const n = BigInt(count);
	const remainder = sum % n;
	let quotient = (sum - remainder) / n;
	if (2n * (remainder < 0n ? -remainder : remainder) >= n) quotient += sum < 0n ? -1n : 1n;
	return quotient <= BigInt(Number.MAX_SAFE_INTEGER) && quotient >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(quotient) : quotient;
}

export const money = (paise: Paise): string => formatPaise(paise);

/** a ÷ b as a plain number with 4 decimals (a ratio, not money); null when b is not positive. */
export function ratio(a: Paise, b: Paise): number | null {
	if (!(b > 0)) return null;
	// Both below 2^53 in practice; a bigint pair is scaled down first so the division stays in range.
	const scaled = typeof a === 'bigint' || typeof b === 'bigint' ? Number((BigInt(a) * 10000n) / BigInt(b)) / 10000 : Math.round((a / b) * 10000) / 10000;
	return scaled;
}

/** Whether `amount` is within `percent` % of `reference` (both positive paise). */
export function near(amount: Paise, reference: Paise, percent: number): boolean {
	const diff = amount > reference ? Number(amount) - Number(reference) : Number(reference) - Number(amount);
	return diff * 100 <= Number(reference) * percent;
}

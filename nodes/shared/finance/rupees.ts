import { formatPaise, toPaise } from './money';

/**
 * An amount as a person in India reads it: "₹1,38,211.33" (lakh/crore grouping: the last three
 * rupee digits, then pairs), "−₹2,500.00" for a negative one. Exact: read through integer paise.
 * For messages and summaries a person reads; the data keeps the exact decimal string.
 * Undefined for anything that is not an exact amount.
 */
export function formatRupees(value: unknown): string | undefined {
	const paise = toPaise(value);
	if (paise === undefined) return undefined;
	const text = formatPaise(paise); // "-138211.33"
	const negative = text.startsWith('-');
	const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
	let grouped = whole;
	if (whole.length > 3) {
		const head = whole.slice(0, -3);
		grouped = `${head.replace(/\B(?=(\d{2})+$)/g, ',')},${whole.slice(-3)}`;
	}
	return `${negative ? '−' : ''}₹${grouped}.${fraction}`;
}

import type { InsightRules } from './rules';
import { wordMatcher } from './rules';
import { Kind, type AccountData, type Row } from './rows';

/**
 * Gives every row one kind, in this order of precedence: own-account transfer, bounce, penalty
 * charge, cash, salary (credits), mandate / EMI (debits), plain. A row matches by the word lists
 * in rules.ts; own-account transfers also by the borrower's account numbers and by pairs across
 * the borrower's accounts (a debit in one and a credit of the same amount in another within
 * `ownTransferWindowDays`).
 */

export interface Matchers {
	salary?: RegExp;
	obligation?: RegExp;
	bounce?: RegExp;
	penalty?: RegExp;
	cash?: RegExp;
	ownTransfer?: RegExp;
	ignored: Set<string>;
}

export function matchersOf(rules: InsightRules, accounts: readonly AccountData[]): Matchers {
	// The borrower's other accounts, as banks print them in narrations: the full number or X's and the last 4 digits.
	const numbers = [...rules.ownAccountNumbers, ...accounts.map((a) => a.masked_account_number ?? '')]
		.map((n) => n.replace(/[^0-9]/g, ''))
		.filter((n) => n.length >= 4);
	const ownWords = [...rules.ownTransfer, ...numbers.filter((n) => n.length > 4)];
	let ownTransfer = wordMatcher(ownWords);
	const tails = [...new Set(numbers.map((n) => n.slice(-4)))];
	if (tails.length) {
		const masked = `X+(?:${tails.join('|')})(?![0-9])`;
		ownTransfer = new RegExp(ownTransfer ? `${ownTransfer.source}|${masked}` : masked);
	}
	return {
		salary: wordMatcher(rules.salary),
		obligation: wordMatcher(rules.obligation),
		bounce: wordMatcher(rules.bounce),
		penalty: wordMatcher(rules.penalty),
		cash: wordMatcher(rules.cash),
		ownTransfer,
		ignored: new Set(rules.ignoredWords.map((w) => w.toUpperCase())),
	};
}

const test = (re: RegExp | undefined, text: string): boolean => re !== undefined && text !== '' && re.test(text);

/** The counterparty: the narration's words without channel codes, months and numbers. */
export function payeeOf(narration: string, ignored: Set<string>): string {
	const words = narration.split(/[^A-Z]+/);
	let out = '';
	for (const word of words) {
		if (word.length < 2 || ignored.has(word)) continue;
		out = out === '' ? word : `${out} ${word}`;
	}
	return out;
}

// What the word lists say about one narration, as bits: computed once per distinct narration.
const [OWN, BOUNCE, PENALTY, CASH, SALARY, OBLIGATION] = [1, 2, 4, 8, 16, 32];
/** Distinct narrations remembered per run (statements repeat them: ATM, EMI, salary, charges). */
const CACHE_LIMIT = 20000;

function wordsOf(n: string, m: Matchers): number {
	return (
		(test(m.ownTransfer, n) ? OWN : 0) |
		(test(m.bounce, n) ? BOUNCE : 0) |
		(test(m.penalty, n) ? PENALTY : 0) |
		(test(m.cash, n) ? CASH : 0) |
		(test(m.salary, n) ? SALARY : 0) |
		(test(m.obligation, n) ? OBLIGATION : 0)
	);
}

export function classify(rows: readonly Row[], m: Matchers): void {
	const seen = new Map<string, { bits: number; payee: string }>();
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		const narration = typeof row.raw.narration === 'string' ? row.raw.narration : '';
		let known = seen.get(narration);
		if (!known) {
			const n = narration.toUpperCase();
			known = { bits: wordsOf(n, m), payee: payeeOf(n, m.ignored) };
			if (seen.size < CACHE_LIMIT) seen.set(narration, known);
		}
		const bits = known.bits;
		row.payee = known.payee;
		const debit = row.sign === -1;
		if (bits & OWN) row.kind = Kind.OwnTransfer;
		else if (bits & BOUNCE) row.kind = debit && bits & PENALTY ? Kind.BounceCharge : Kind.Bounce;
		else if (debit && bits & PENALTY) row.kind = Kind.Penalty;
		else if (bits & CASH || (typeof row.raw.mode === 'string' && test(m.cash, row.raw.mode.toUpperCase()))) row.kind = Kind.Cash;
		else if (!debit && bits & SALARY) row.kind = Kind.Salary;
		else if (debit && bits & OBLIGATION) row.kind = Kind.Mandate;
		else row.kind = Kind.Plain;
	}
}

/** Debit in one account, credit of the same amount in another within the window: both are own transfers. */
export function pairOwnTransfers(accounts: readonly AccountData[], windowDays: number): void {
	if (accounts.length < 2) return;
	// Amounts below 2^30 paise (₹1.07 crore) only: they fit an Int32Array.
	const pairable = (row: Row): boolean =>
		(row.kind === Kind.Plain || row.kind === Kind.OwnTransfer) && typeof row.amount === 'number' && row.amount < 0x40000000 && row.amount > -0x40000000;
	// Debits sorted by amount in typed arrays: a binary search per credit, little memory.
	const debits: Row[] = [];
	for (const account of accounts) {
		for (let k = 0; k < account.rows.length; k++) if (account.rows[k].sign === -1 && pairable(account.rows[k])) debits.push(account.rows[k]);
	}
	// Sorted by amount as numbers (amount × 2^21 + position: exact below 2^51), which a Float64Array
	// sorts natively, several times faster than comparing rows.
	const SLOTS = 2097152;
	if (debits.length >= SLOTS) return;
	const keys = new Float64Array(debits.length);
	for (let k = 0; k < debits.length; k++) keys[k] = (debits[k].amount as number) * SLOTS + k;
	keys.sort();
	const amounts = new Int32Array(debits.length);
	const position = new Int32Array(debits.length);
	for (let k = 0; k < keys.length; k++) {
		amounts[k] = Math.floor(keys[k] / SLOTS);
		position[k] = keys[k] - amounts[k] * SLOTS;
	}
	const used = new Uint8Array(debits.length);
	for (const account of accounts) {
		for (let c = 0; c < account.rows.length; c++) {
			const credit = account.rows[c];
			if (credit.sign !== 1 || !pairable(credit)) continue;
			const amount = credit.amount as number;
			let low = 0;
			let high = amounts.length;
			while (low < high) {
				const mid = (low + high) >>> 1;
				if (amounts[mid] < amount) low = mid + 1;
				else high = mid;
			}
			for (let k = low; k < amounts.length && amounts[k] === amount; k++) {
				const debit = debits[position[k]];
				if (used[k] || debit.account === credit.account || Math.abs(debit.day - credit.day) > windowDays) continue;
				used[k] = 1;
				debit.kind = Kind.OwnTransfer;
				credit.kind = Kind.OwnTransfer;
				break;
			}
		}
	}
}

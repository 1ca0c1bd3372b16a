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

export function classify(rows: readonly Row[], m: Matchers): void {
	for (const row of rows) {
		const n = row.narration;
		row.payee = payeeOf(n, m.ignored);
		if (test(m.ownTransfer, n)) row.kind = Kind.OwnTransfer;
		else if (test(m.bounce, n)) row.kind = row.sign === -1 && test(m.penalty, n) ? Kind.BounceCharge : Kind.Bounce;
		else if (row.sign === -1 && test(m.penalty, n)) row.kind = Kind.Penalty;
		else if (test(m.cash, n) || test(m.cash, row.mode)) row.kind = Kind.Cash;
		else if (row.sign === 1 && test(m.salary, n)) row.kind = Kind.Salary;
		else if (row.sign === -1 && test(m.obligation, n)) row.kind = Kind.Mandate;
		else row.kind = Kind.Plain;
	}
}

/** Debit in one account, credit of the same amount in another within the window: both are own transfers. */
export function pairOwnTransfers(accounts: readonly AccountData[], windowDays: number): void {
	if (accounts.length < 2) return;
	const debits = new Map<string, Row[]>();
	for (const account of accounts) {
		for (const row of account.rows) {
			if (row.sign !== -1 || row.kind === Kind.Bounce || row.kind === Kind.Penalty || row.kind === Kind.BounceCharge || row.kind === Kind.Mandate) continue;
			const key = String(row.amount);
			const list = debits.get(key);
			if (list) list.push(row);
			else debits.set(key, [row]);
		}
	}
	const used = new Set<Row>();
	for (const account of accounts) {
		for (const credit of account.rows) {
			if (credit.sign !== 1 || credit.kind === Kind.Bounce || credit.kind === Kind.Salary) continue;
			const candidates = debits.get(String(credit.amount));
			if (!candidates) continue;
			const debit = candidates.find((d) => d.account !== credit.account && !used.has(d) && Math.abs(d.day - credit.day) <= windowDays);
			if (!debit) continue;
			used.add(debit);
			debit.kind = Kind.OwnTransfer;
			credit.kind = Kind.OwnTransfer;
		}
	}
}

import type { InsightRules } from './rules';
import { wordMatcher } from './rules';
import { Kind, type AccountData, type Row } from './rows';

/**
 * Gives every row one kind, in this order of precedence: own-account transfer, bounce, then for
 * debits penalty charge, cash, credit-card bill, obligation (mandate, lender or EMI/loan marker),
 * and for credits cash, refund/reversal, disbursal word, salary, lender or loan word (a loan
 * disbursal); else plain. A row matches by the
 * word lists in rules.ts; own-account transfers also by the borrower's account numbers and by
 * pairs across the borrower's accounts (a debit in one and a credit of the same amount in another
 * within `ownTransferWindowDays`). Besides its kind a row keeps what its narration and mode say
 * as `flags` (`Flag`): channel words, lender, mandate, EMI marker, bounce direction and reason.
 */

/** What the word lists say about a narration (and the row's mode), as bits of `Row.flags`. */
export const Flag = {
	Own: 1,
	Bounce: 2,
	Penalty: 4,
	Cash: 8,
	Salary: 16,
	Obligation: 32,
	Mandate: 64,
	Emi: 128,
	Lender: 256,
	Disbursal: 512,
	Refund: 1024,
	CardBill: 2048,
	Upi: 4096,
	BankTransfer: 8192,
	Cheque: 16384,
	Inward: 32768,
	Outward: 65536,
	InsufficientFunds: 131072,
	Technical: 262144,
} as const;

type ListName =
	| 'salary'
	| 'obligation'
	| 'bounce'
	| 'penalty'
	| 'cash'
	| 'mandate'
	| 'emi'
	| 'lenders'
	| 'disbursal'
	| 'refund'
	| 'cardBill'
	| 'upi'
	| 'bankTransfer'
	| 'cheque'
	| 'inward'
	| 'outward'
	| 'insufficientFunds'
	| 'technical';

const LISTS: Array<[ListName, number]> = [
	['bounce', Flag.Bounce],
	['penalty', Flag.Penalty],
	['cash', Flag.Cash],
	['salary', Flag.Salary],
	['obligation', Flag.Obligation],
	['mandate', Flag.Mandate],
	['emi', Flag.Emi],
	['lenders', Flag.Lender],
	['disbursal', Flag.Disbursal],
	['refund', Flag.Refund],
	['cardBill', Flag.CardBill],
	['upi', Flag.Upi],
	['bankTransfer', Flag.BankTransfer],
	['cheque', Flag.Cheque],
	['inward', Flag.Inward],
	['outward', Flag.Outward],
	['insufficientFunds', Flag.InsufficientFunds],
	['technical', Flag.Technical],
];
const BOUNCE_DETAIL = Flag.Inward | Flag.Outward | Flag.InsufficientFunds | Flag.Technical;
/** Lists also matched against the row's `mode` ("UPI", "CASH", "ACH", "CHEQUE" …). */
const MODE_FLAGS = Flag.Cash | Flag.Mandate | Flag.Upi | Flag.BankTransfer | Flag.Cheque;

export interface Matchers {
	ownTransfer?: RegExp;
	lists: Array<[RegExp, number]>;
	ignored: Set<string>;
}

/** The word-list matchers of a rules object: the same for every borrower, so made once per rules object. */
const listMatchers = new WeakMap<InsightRules, Pick<Matchers, 'lists' | 'ignored'>>();

function listsOf(rules: InsightRules): Pick<Matchers, 'lists' | 'ignored'> {
	let found = listMatchers.get(rules);
	if (found) return found;
	const lists: Array<[RegExp, number]> = [];
	for (const [name, flag] of LISTS) {
		const re = wordMatcher(rules[name]);
		if (re) lists.push([re, flag]);
	}
	found = { lists, ignored: new Set(rules.ignoredWords.map((w) => w.toUpperCase())) };
	listMatchers.set(rules, found);
	return found;
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
	return { ownTransfer, ...listsOf(rules) };
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

/** Distinct narrations remembered per run (statements repeat them: ATM, EMI, salary, charges). */
const CACHE_LIMIT = 20000;

/** The flags of one upper-case text (a narration, or a mode with `only` = MODE_FLAGS). */
export function flagsOf(text: string, m: Matchers, only = -1): number {
	if (text === '') return 0;
	let bits = only & Flag.Own && test(m.ownTransfer, text) ? Flag.Own : 0;
	for (let k = 0; k < m.lists.length; k++) {
		const list = m.lists[k];
		const flag = list[1];
		// Direction and reason words only matter on a bounce or a charge.
		if (flag & BOUNCE_DETAIL && !(bits & (Flag.Bounce | Flag.Penalty))) continue;
		if (only & flag && list[0].test(text)) bits |= flag;
	}
	return bits;
}

/** A row's kind from its flags and direction (the precedence above). */
export function kindOf(bits: number, debit: boolean): Kind {
	if (bits & Flag.Own) return Kind.OwnTransfer;
	if (bits & Flag.Bounce) return debit && bits & Flag.Penalty ? Kind.BounceCharge : Kind.Bounce;
	if (debit) {
		if (bits & Flag.Penalty) return Kind.Penalty;
		if (bits & Flag.Cash) return Kind.Cash;
		if (bits & Flag.CardBill) return Kind.CardBill;
		if (bits & (Flag.Obligation | Flag.Lender | Flag.Mandate)) return Kind.Mandate;
		return Kind.Plain;
	}
	if (bits & Flag.Cash) return Kind.Cash;
	if (bits & Flag.Refund) return Kind.Refund;
	if (bits & Flag.Disbursal) return Kind.LoanDisbursal;
	if (bits & Flag.Salary) return Kind.Salary;
	if (bits & (Flag.Lender | Flag.Emi)) return Kind.LoanDisbursal;
	return Kind.Plain;
}

export function classify(rows: readonly Row[], m: Matchers): void {
	const seen = new Map<string, { bits: number; payee: string }>();
	const modes = new Map<string, number>();
	// One string object per counterparty: later comparisons are then by reference, allocating nothing.
	const names = new Map<string, string>();
	for (let k = 0; k < rows.length; k++) {
		const row = rows[k];
		const narration = typeof row.raw.narration === 'string' ? row.raw.narration : '';
		let known = seen.get(narration);
		if (!known) {
			const n = narration.toUpperCase();
			const payee = payeeOf(n, m.ignored);
			let name = names.get(payee);
			if (name === undefined) names.set(payee, (name = payee));
			known = { bits: flagsOf(n, m), payee: name };
			if (seen.size < CACHE_LIMIT) seen.set(narration, known);
		}
		let bits = known.bits;
		const mode = row.raw.mode;
		if (typeof mode === 'string' && mode !== '') {
			let modeBits = modes.get(mode);
			if (modeBits === undefined) modes.set(mode, (modeBits = flagsOf(mode.toUpperCase(), m, MODE_FLAGS)));
			bits |= modeBits;
		}
		row.payee = known.payee;
		row.flags = bits;
		row.kind = kindOf(bits, row.sign === -1);
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
	// Positions sorted by amount (then position) over an Int32Array of the amounts: every number
	// stays a small integer, so code that runs once allocates nothing per debit.
	const byAmount = new Int32Array(debits.length);
	for (let k = 0; k < debits.length; k++) byAmount[k] = debits[k].amount as number;
	const order = new Array<number>(debits.length);
	for (let k = 0; k < debits.length; k++) order[k] = k;
	order.sort((a, b) => byAmount[a] - byAmount[b] || a - b);
	const amounts = new Int32Array(debits.length);
	const position = new Int32Array(debits.length);
	for (let k = 0; k < order.length; k++) {
		position[k] = order[k];
		amounts[k] = byAmount[order[k]];
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

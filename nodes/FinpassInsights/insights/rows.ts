import type { IDataObject } from 'n8n-workflow';

import { toPaise, type Paise } from '../../shared/finance';
import { isObject } from '../../shared/json';
import { numberToPaise } from './amounts';
import { dayInfo, readWhen, when } from './dates';
import { declaredPeriodOf, type DeclaredPeriod } from './period';

/**
 * Reading transactions from whatever node produced them, into one shape. Sources:
 * - Finpass AA *Get JSON Report*: `account_aggregator_json[].transaction_data.transaction_details[]`
 *   (report output), the same account object per item (account output), or one row per item
 *   with `account_id` and `transaction_index` (transaction output). Rows: transaction_id, amount
 *   (JSON number), type, transactional_balance, transaction_timestamp / value_date, narration, mode.
 * - FinPro FI Data: accounts with `fiData[]` (account output, or the raw array / `accounts`), or
 *   one row per item with `linkReferenceNumber` (transaction output). Rows: txnId, amount (text),
 *   type, currentBalance, transactionTimestamp / valueDate, narration, mode.
 * - Finpass AA-BSA statement result: `accounts[].transactions[]` (result output), an account with
 *   `transactions[]`, or one row per item with `account_index`. Rows: txn_id, date, type, amount,
 *   narration, balance.
 * Rows are never de-duplicated: vendors repeat ids on rows that differ.
 */

export interface Row {
	/** The account's key (see `AccountData.key`). */
	account: string;
	/** Position in the account's transaction list as the source gave it (its `transaction_index`). */
	index: number;
	/** Calendar day number (days since 1970-01-01) in India time. */
	day: number;
	/** year × 12 + month − 1 (dates.ts) */
	month: number;
	dayOfMonth: number;
	/**
	 * Milliseconds since India-time midnight of `day` (0 when only a date is known): orders rows
	 * within a day. Kept below 2^31 on purpose, like every number on a row, so V8 stores it
	 * unboxed (a boxed number is a new allocation on every read in code that runs once).
	 */
	tod: number;
	/** Position in the account's time order (set by balances.ts `timeline`). */
	order: number;
	/** +1 credit, −1 debit. */
	sign: 1 | -1;
	amount: Paise;
	/** The balance after this row as reported; undefined when the source has none. */
	balance: Paise | undefined;
	/** The source row, for the shared reconciliation (it reads the vendor's own fields). */
	raw: IDataObject;
	/** What the rules made of it (classify.ts). */
	kind: Kind;
	/** What the narration says besides its kind, as bits (classify.ts `Flag`): channel, lender, bounce instrument and reason. */
	flags: number;
	/** The counterparty named by the narration, without channel words and numbers ('' when none). */
	payee: string;
}

export const enum Kind {
	Plain = 0,
	OwnTransfer = 1,
	Bounce = 2,
	Penalty = 3,
	Cash = 4,
	Salary = 5,
	Mandate = 6,
	/** A debit with both bounce and charge words ("NACH RTN CHGS"): the charge for a bounce. */
	BounceCharge = 7,
	/** A credit from a lender or with a disbursal word: borrowed money, never income. */
	LoanDisbursal = 8,
	/** A refund, reversal or cashback credit: never income. */
	Refund = 9,
	/** A credit-card bill payment (debit). */
	CardBill = 10,
}

export interface AccountData {
	/** account_id, linkReferenceNumber, or the masked number: what names the account in every reference. */
	key: string;
	masked_account_number: string | null;
	bank: string | null;
	rows: Row[];
	/** Rows that could not be read (no date, amount or CREDIT/DEBIT type), by index. */
	skipped: number[];
	/** The statement period the source declares (day numbers, both ends included); null when it declares none. */
	declared: DeclaredPeriod | null;
}

export interface BorrowerData {
	/** client_id (Finpass) or consentID (FinPro); '' when the input carries neither. */
	borrower: string;
	accounts: AccountData[];
	/** Input items this borrower's data came from. */
	items: number[];
}

const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;

const TIME_FIELDS = ['transaction_timestamp', 'transactionTimestamp', 'date', 'value_date', 'valueDate'];

/** The row's IST day and time from the first timestamp field that reads (vendors leave some empty). */
function readTime(raw: IDataObject): boolean {
	for (let k = 0; k < TIME_FIELDS.length; k++) {
		const value = raw[TIME_FIELDS[k]];
		if (typeof value === 'string' && value !== '' && readWhen(value.trim())) return true;
	}
	return false;
}

function signOf(type: unknown): 1 | -1 | 0 {
	if (type === 'CREDIT') return 1;
	if (type === 'DEBIT') return -1;
	if (typeof type !== 'string') return 0;
	const t = type.trim().toUpperCase();
	if (t === 'CREDIT' || t === 'CR' || t === 'C') return 1;
	if (t === 'DEBIT' || t === 'DR' || t === 'D') return -1;
	return 0;
}

/**
 * Paise below 2^30 as an int32, so V8 keeps the field unboxed: a row's numbers are read many
 * times in code that runs once, where each read of a boxed number allocates.
 */
const small = (paise: Paise): Paise => (typeof paise === 'number' && paise < 0x40000000 && paise >= -0x40000000 ? paise | 0 : paise);

function balanceOf(raw: IDataObject): Paise | undefined {
	const balance = toPaise(raw.transactional_balance ?? raw.currentBalance ?? raw.balance);
	return balance === undefined ? undefined : small(balance);
}

/** The row's id as the vendor gave it (Finpass transaction_id / txn_id, FinPro txnId). */
export const idOf = (row: Row): string | null => text(row.raw.transaction_id ?? row.raw.txnId ?? row.raw.txn_id);

/** One source row → Row; undefined when its date, amount or direction cannot be read. */
export function readRow(raw: IDataObject, account: string, index: number): Row | undefined {
	const amount = typeof raw.amount === 'number' ? numberToPaise(raw.amount) : toPaise(raw.amount);
	const sign = signOf(raw.type);
	if (amount === undefined || sign === 0 || !readTime(raw)) return undefined;
	const info = dayInfo(when.day);
	return {
		account,
		index,
		day: when.day,
		month: info.month,
		dayOfMonth: info.dayOfMonth,
		tod: (when.time + 19800000 - when.day * 86400000) | 0, // below 2^31: int32, unboxed
		order: 0,
		sign,
		amount: small(amount),
		balance: balanceOf(raw),
		raw,
		kind: Kind.Plain,
		flags: 0,
		payee: '',
	};
}

// ---------------------------------------------------------------------------------------------
// Shapes

type Collector = (key: string, identity: IDataObject, rows: unknown[], firstIndex?: number[], declared?: DeclaredPeriod) => void;

function accountKey(account: IDataObject, fallback: string): string {
	return text(account.account_id) ?? text(account.linkReferenceNumber) ?? text(account.masked_account_number) ?? text(account.maskedAccountNumber) ?? fallback;
}

function rowsOfAccount(account: IDataObject): unknown[] | undefined {
	const details = isObject(account.transaction_data) ? account.transaction_data.transaction_details : undefined;
	if (Array.isArray(details)) return details;
	if (Array.isArray(account.fiData)) return account.fiData;
	if (Array.isArray(account.transactions)) return account.transactions;
	return undefined;
}

const isTransactionItem = (json: IDataObject): boolean =>
	json.amount !== undefined && json.type !== undefined && rowsOfAccount(json) === undefined;

/** The borrower an item belongs to: Finpass client_id or FinPro consentID. */
export const borrowerOf = (json: IDataObject): string => text(json.client_id) ?? text(json.consentID) ?? '';

/**
 * Reads one input item. Returns what kind it was ('rows' when it held transactions) or an error
 * text saying why it cannot be used (e.g. a Summary per Account item has no transactions).
 */
export function collectItem(json: IDataObject, collect: Collector): string | undefined {
	const body = isObject(json.data) && (Array.isArray(json.data.account_aggregator_json) || Array.isArray(json.data.accounts)) ? json.data : json;
	if (Array.isArray(body.account_aggregator_json) || Array.isArray(body.accounts)) {
		const list = (Array.isArray(body.account_aggregator_json) ? body.account_aggregator_json : body.accounts) as unknown[];
		const outer = declaredPeriodOf(body, json);
		list
			.filter(isObject)
			.forEach((account, n) => collect(accountKey(account, `account ${n + 1}`), account, rowsOfAccount(account) ?? [], undefined, declaredPeriodOf(account) ?? outer));
		return undefined;
	}
	const rows = rowsOfAccount(body);
	if (rows) {
		collect(accountKey(body, 'account 1'), body, rows, undefined, declaredPeriodOf(body, json));
		return undefined;
	}
	if (isTransactionItem(body)) {
		const fallback = body.account_index !== undefined ? `account ${Number(body.account_index) + 1}` : 'account 1';
		const index = typeof body.transaction_index === 'number' ? body.transaction_index : undefined;
		collect(accountKey(body, fallback), body, [body], index === undefined ? undefined : [index], declaredPeriodOf(body));
		return undefined;
	}
	if (body.wait_timed_out === true) {
		return `This item is a wait that timed out (state: ${text(body.status) ?? 'unknown'}): there is no bank data yet. Raise Max Wait on the node that fetched it, or send its "Return Job State" items elsewhere.`;
	}
	if (body.total_credits !== undefined && body.transaction_count !== undefined) {
		return 'This item is a "Summary per Account" of Get JSON Report: it has no transactions. Set that node\'s Output to One Item per Report, per Account or per Transaction.';
	}
	return 'This item holds no bank transactions: connect Get JSON Report (Finpass Account Aggregator), FinPro FI Data or Get Statement Result (Finpass AA-BSA)';
}

/** Input items (their json) → borrowers with their accounts and rows. Errors are per item. */
export function readBorrowers(items: IDataObject[]): { borrowers: BorrowerData[]; errors: Array<{ item: number; message: string }> } {
	const borrowers = new Map<string, BorrowerData & { byKey: Map<string, AccountData> }>();
	const errors: Array<{ item: number; message: string }> = [];
	items.forEach((json, item) => {
		const borrowerKey = borrowerOf(json);
		let borrower = borrowers.get(borrowerKey);
		const error = collectItem(json, (key, identity, rows, indexes, declared) => {
			if (!borrower) {
				borrower = { borrower: borrowerKey, accounts: [], items: [], byKey: new Map() };
				borrowers.set(borrowerKey, borrower);
			}
			if (borrower.items[borrower.items.length - 1] !== item) borrower.items.push(item);
			let account = borrower.byKey.get(key);
			if (!account) {
				account = {
					key,
					masked_account_number: text(identity.masked_account_number) ?? text(identity.maskedAccountNumber),
					bank: text(identity.bank_name) ?? text(identity.fipName) ?? text(identity.fip_id) ?? text(identity.fipId) ?? text(identity.fip),
					rows: [],
					skipped: [],
					declared: null,
				};
				borrower.byKey.set(key, account);
				borrower.accounts.push(account);
			}
			if (declared) {
				// Pages or items of one account: the union of what they declare.
				const known = account.declared;
				account.declared = known ? { first: Math.min(known.first, declared.first), last: Math.max(known.last, declared.last) } : declared;
			}
			for (let k = 0; k < rows.length; k++) {
				const index = indexes ? indexes[k] : account.rows.length + account.skipped.length;
				const raw = rows[k];
				const row = isObject(raw) ? readRow(raw, key, index) : undefined;
				if (row) account.rows.push(row);
				else account.skipped.push(index);
			}
		});
		if (error) errors.push({ item, message: error });
	});
	return {
		borrowers: [...borrowers.values()].map(({ borrower, accounts, items: from }) => ({ borrower, accounts, items: from })),
		errors,
	};
}

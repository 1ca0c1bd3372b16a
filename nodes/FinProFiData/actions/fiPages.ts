import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/json';
import type { RunContext } from '../../shared/framework/operation';
import type { ApiResult, CallParts, Endpoint } from '../../shared/transport';
import type { FiOptions } from './parameters';

// What the FinPro data operations share: error hints, the limit/offset pages, and turning
// accounts into items. Amounts and balances pass through exactly as FinPro sent them (strings).

/**
 * FinPro error answers the node reads itself, to add the next step to the vendor's message
 * (4xx statuses are not documented per code; the public pages show 400 for most). 429 and 5xx
 * stay with the transport (backoff, retries); 401 falls through to its credential hint.
 */
export const ANSWERED_STATUSES = [200, 400, 403, 404, 409, 410, 422];

/**
 * The next step per FinPro error code. An object without a prototype, so a vendor code such as
 * "constructor" or "toString" finds nothing (a plain object would hand back Object.prototype's
 * members); read it through nextStep().
 */
export const NEXT_STEP: Readonly<Record<string, string | undefined>> = Object.freeze(
	Object.assign(Object.create(null) as Record<string, string>, {
		ConsentNotActive:
			'The consent is paused, revoked or expired, so FinPro will not share its data. If it is paused, wait for CONSENT_RESUMED (FinPro Trigger) and run again; if it was revoked or has expired, ask the borrower for a new consent and use its consentID.',
		DataNotAvailable:
			'FinPro has not received this data from the bank yet (the fetch is still running, or the bank has not delivered). Wait for the DATA_READY event (FinPro Trigger) for this consent, then run again; do not retry in a tight loop.',
		NoDataAvailable:
			'FinPro has not received this data from the bank yet. Wait for the DATA_READY event (FinPro Trigger) for this consent, then run again.',
		NoDataFound:
			'FinPro holds no financial data for this request. Widen the transaction date range, check the account was shared under this consent, or request a fresh fetch for periodic consents.',
		DataIsDeleted:
			"The data was deleted under FinPro's retention rules. Request a new data fetch (periodic consents) or a new consent.",
		InvalidConsentId:
			"Check the consentID: it must be a consent of this FinPro organisation (the credential's Organisation ID), e.g. from the CONSENT_APPROVED event.",
		InvalidLinkReference:
			"Use a linkReferenceNumber of this consent's accounts: from the DATA_READY event (linkRefNumbers) or from Get All FI Data.",
	}),
);

/** The next step for a FinPro error code, or undefined for a code not in the table. */
export function nextStep(code: string | undefined): string | undefined {
	return code !== undefined && Object.prototype.hasOwnProperty.call(NEXT_STEP, code) ? NEXT_STEP[code] : undefined;
}

/** Sends one FinPro read and turns a failure into a NodeApiError that says what to do next. */
export async function callFinPro(
	ctx: RunContext,
	i: number,
	endpoint: Endpoint,
	parts: Pick<CallParts, 'body' | 'qs'>,
): Promise<ApiResult> {
	const result = await ctx.call(endpoint, { ...parts, expectStatuses: ANSWERED_STATUSES }, i);
	// The transport's own rule: an error status, or a 2xx whose body says `status: "failure"`.
	const failed = result.statusCode >= 400 || (!result.success && result.statusCode !== 202);
	if (failed) throw ctx.transport.apiError(result, i, nextStep(result.code));
	return result;
}

export const rowsOf = (account: IDataObject): IDataObject[] =>
	Array.isArray(account.fiData) ? (account.fiData as IDataObject[]) : [];

/**
 * The accounts in an answer: Get FI Data answers one account object, Get All FI Data and Get
 * All Latest Data an array of them (also accepted: an object holding the array in `accounts`).
 */
export function accountsOf(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isObject);
	if (!isObject(data)) return [];
	if (Array.isArray(data.accounts)) return (data.accounts as unknown[]).filter(isObject);
	return [data];
}

/** First row of a page, to notice a server that ignores the offset (it would send page 1 again). */
function fingerprint(accounts: IDataObject[]): string | undefined {
	for (const account of accounts) {
		const [row] = rowsOf(account);
		if (row) return JSON.stringify([account.linkReferenceNumber, row.txnId, row.transactionTimestamp, row.amount, row.currentBalance]);
	}
	return undefined;
}

type PagingOptions = Pick<FiOptions, 'limit' | 'paging' | 'pageSize' | 'maxPages' | 'maxTransactions'>;

/** Accounts merged page by page (by linkReferenceNumber), with their transaction count. */
class PagedAccounts {
	readonly accounts: IDataObject[] = [];

	private readonly byKey = new Map<string, IDataObject>();

	rows = 0;

	/** Adds a page; returns the most rows any one account had on it. */
	add(page: IDataObject[]): number {
		let most = 0;
		page.forEach((account, position) => {
			const rows = rowsOf(account);
			most = Math.max(most, rows.length);
			this.rows += rows.length;
			const key = typeof account.linkReferenceNumber === 'string' ? account.linkReferenceNumber : `#${position}`;
			const known = this.byKey.get(key);
			if (!known) {
				const copy = { ...account, fiData: [...rows] };
				this.byKey.set(key, copy);
				this.accounts.push(copy);
			} else {
				for (const row of rows) (known.fiData as IDataObject[]).push(row);
			}
		});
		return most;
	}
}

/** The error at a paging cap: a server that keeps answering full pages must not run forever. */
function capError(ctx: RunContext, i: number, what: string): Error {
	return ctx.transport.apiError(
		{ statusCode: 413, headers: {}, body: null, data: null, success: false, message: `FinPro kept sending pages: stopped at ${what}`, code: 'paging_cap' },
		i,
		'Raise Max Pages / Max Transactions under Options if the account really has that many transactions, narrow the date range, or set a Limit.',
	);
}

/**
 * Fetches the accounts of one request with every page of their transactions (Options → Paging):
 * - none (default): one request without a paging query, as the document's request example;
 * - platform: the booleans of FinPro's Get FI Data page, as docs/api-contract.md ("FinPro
 *   paging") reads them: `?limit=true` for the first page, then `?limit=true&offset=true` for each next one,
 *   until a page is shorter than the first (the platform sets the page size);
 * - numeric: `limit=<Page Size>&offset=<rows received>`, not in the document; only for a tenant
 *   that documents numbers.
 * Paging stops with an error at Max Pages / Max Transactions; a page that repeats the first
 * page's first row means the offset was ignored, and that page is dropped.
 */
export async function fetchAccounts(
	ctx: RunContext,
	i: number,
	endpoint: Endpoint,
	body: IDataObject,
	options: PagingOptions,
): Promise<IDataObject[]> {
	const { limit } = options;
	if (options.paging === 'none') {
		const result = await callFinPro(ctx, i, endpoint, { body });
		const accounts = accountsOf(result.data);
		if (limit > 0) accounts.forEach((account) => truncate(account, limit));
		return accounts;
	}
	const paged = new PagedAccounts();
	let first: string | undefined;
	let firstSize = 0;
	for (let page = 0; ; page++) {
		const offset = paged.rows;
		const asked = limit > 0 ? Math.min(options.pageSize, limit - offset) : options.pageSize;
		if (options.paging === 'numeric' && asked <= 0) break;
		if (page >= options.maxPages) throw capError(ctx, i, `Max Pages (${options.maxPages})`);
		const qs: IDataObject =
			options.paging === 'platform' ? (page === 0 ? { limit: true } : { limit: true, offset: true }) : { limit: asked, offset };
		const result = await callFinPro(ctx, i, endpoint, { body, qs });
		const accounts = accountsOf(result.data);
		if (page > 0 && first !== undefined && fingerprint(accounts) === first) break;
		if (page === 0) first = fingerprint(accounts);
		const got = paged.add(accounts);
		if (paged.rows > options.maxTransactions) throw capError(ctx, i, `Max Transactions (${options.maxTransactions})`);
		if (page === 0) firstSize = got;
		// The end: an empty page, a page shorter than asked (numeric) or than the first (platform),
		// a numeric page longer than asked (paging ignored: that page was everything), or the Limit.
		const full = options.paging === 'numeric' ? got === asked : got >= firstSize;
		if (got === 0 || !full || (limit > 0 && paged.rows >= limit)) break;
	}
	if (limit > 0) paged.accounts.forEach((account) => truncate(account, limit));
	return paged.accounts;
}

function truncate(account: IDataObject, limit: number): void {
	const rows = rowsOf(account);
	if (rows.length > limit) account.fiData = rows.slice(0, limit);
}

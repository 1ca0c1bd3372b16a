import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/framework/items';
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

export const NEXT_STEP: Record<string, string> = {
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
};

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
	if (failed) throw ctx.transport.fail(result, i, result.code ? NEXT_STEP[result.code] : undefined);
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

/** First row of a page, to notice a server that ignores `offset` (it would send page 1 again). */
function fingerprint(accounts: IDataObject[]): string | undefined {
	for (const account of accounts) {
		const [row] = rowsOf(account);
		if (row) return JSON.stringify([account.linkReferenceNumber, row.txnId, row.transactionTimestamp, row.amount, row.currentBalance]);
	}
	return undefined;
}

/**
 * Fetches the accounts of one request with every page of their transactions.
 *
 * The document types `limit` and `offset` as booleans ("?limit=true&offset=true", page size set
 * by the platform), which cannot page on its own. The node sends numbers instead: `limit` = the
 * page size, `offset` = transactions already received per account, the usual meaning (the
 * simulator does the same, and takes `limit=true` as its platform page size). Guards for a
 * tenant that reads them differently:
 * - a page longer than asked: paging was ignored and that page is everything;
 * - page 2 starting with page 1's first row: `offset` was ignored, so it is dropped;
 * - a page shorter than asked normally ends the list, but the platform may cap pages below the
 *   size asked ("the exact limit value is configured at the platform level"): when the very
 *   first page is short, one more request at its length settles it (an empty answer ends).
 */
export async function fetchAccounts(
	ctx: RunContext,
	i: number,
	endpoint: Endpoint,
	body: IDataObject,
	options: Pick<FiOptions, 'limit' | 'paginate' | 'pageSize'>,
): Promise<IDataObject[]> {
	const { limit } = options;
	if (!options.paginate) {
		const result = await callFinPro(ctx, i, endpoint, { body });
		const accounts = accountsOf(result.data);
		if (limit > 0) accounts.forEach((account) => truncate(account, limit));
		return accounts;
	}
	const accounts: IDataObject[] = [];
	const byKey = new Map<string, IDataObject>();
	let offset = 0;
	let pageSize = options.pageSize;
	let capChecked = false;
	let first: string | undefined;
	for (;;) {
		const asked = limit > 0 ? Math.min(pageSize, limit - offset) : pageSize;
		if (asked <= 0) break;
		const result = await callFinPro(ctx, i, endpoint, { body, qs: { limit: asked, offset } });
		const page = accountsOf(result.data);
		if (offset > 0 && first !== undefined && fingerprint(page) === first) break;
		if (offset === 0) first = fingerprint(page);
		let got = 0;
		page.forEach((account, position) => {
			const rows = rowsOf(account);
			got = Math.max(got, rows.length);
			const key = typeof account.linkReferenceNumber === 'string' ? account.linkReferenceNumber : `#${position}`;
			const known = byKey.get(key);
			if (!known) {
				const copy = { ...account, fiData: rows };
				byKey.set(key, copy);
				accounts.push(copy);
			} else {
				const into = known.fiData as IDataObject[];
				for (const row of rows) into.push(row);
			}
		});
		if (got === 0 || got > asked) break;
		offset += got;
		if (got === asked) {
			capChecked = true; // the platform serves pages this long: a shorter one is the last
		} else {
			if (capChecked || (limit > 0 && offset >= limit)) break;
			capChecked = true;
			pageSize = got;
		}
	}
	if (limit > 0) accounts.forEach((account) => truncate(account, limit));
	return accounts;
}

function truncate(account: IDataObject, limit: number): void {
	const rows = rowsOf(account);
	if (rows.length > limit) account.fiData = rows.slice(0, limit);
}

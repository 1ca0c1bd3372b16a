import type { ApiResult } from '../../shared/transport';

/**
 * The one reader of a Get JSON/PDF Report answer, used by the report wait (fetchWhenReady) and
 * by the consent callback of Initialize Consent and Wait. The API answers 202 while the Account
 * Aggregator is still fetching and 422 for consent and data states (docs/api-contract.md,
 * "Answers: what counts as success"). Every answer gets:
 * - `kind`: what a wait does with it: `ready` (read it), `pending` (ask again later) or `final`
 *   (stop, with a `hint` for the user);
 * - `consent` / `data`: the consent state in the AA standard's words (ACTIVE, PENDING, REJECTED,
 *   REVOKED, EXPIRED, PAUSED, else UNKNOWN) and the data state (READY, FETCHING, NONE,
 *   NOT_FOUND, EXPIRED, ERROR, NO_REQUEST, else the code upper-cased).
 * Codes are looked up in Maps, never in plain objects: a code such as "constructor" is unknown.
 */
export type ReportState =
	| { kind: 'ready'; consent: string; data: string }
	| { kind: 'pending'; consent: string; data: string; state: string }
	| { kind: 'final'; consent: string; data: string; hint: string };

export type ReportAnswer = Pick<ApiResult, 'statusCode' | 'code' | 'message'>;

const START_AGAIN = 'Start a new consent with Initialize Consent.';
const HINTS = {
	rejected: `The borrower rejected the consent. ${START_AGAIN}`,
	revoked: `The borrower revoked the consent. ${START_AGAIN}`,
	consentExpired: `The consent has expired. ${START_AGAIN}`,
	fetchExpired: 'The data fetch window has expired. For monitoring consents, run Refresh Data and fetch with the new Request ID.',
	noRequest: 'No data request exists for this client. For loan monitoring, run Refresh Data first and pass its Request ID.',
	notFound: 'The bank returned no account data for this consent.',
	fetchError: 'The Account Aggregator could not fetch data from the bank. Try Refresh Data later or start a new consent.',
	other: 'The API refused to return the report for this client.',
};

/** Consent states the API names in a 422 (message_code first, the message as a fallback). */
const CONSENT_STATES: Array<[RegExp, string, string | undefined]> = [
	[/consent_pending|consent.*pending/i, 'PENDING', undefined],
	[/consent_rejected|consent.*reject/i, 'REJECTED', HINTS.rejected],
	[/consent_revoked|consent.*revok/i, 'REVOKED', HINTS.revoked],
	[/consent_expired|consent.*expir/i, 'EXPIRED', HINTS.consentExpired],
	[/consent_paused|consent.*paus/i, 'PAUSED', HINTS.other],
];

/** Data states the API only reaches past the consent check (so the consent is active), by code. */
const DATA_STATES = new Map<string, { data: string; hint: string }>([
	['account_data_not_found', { data: 'NOT_FOUND', hint: HINTS.notFound }],
	['account_data_fetch_expired', { data: 'EXPIRED', hint: HINTS.fetchExpired }],
	['account_data_fetch_error', { data: 'ERROR', hint: HINTS.fetchError }],
]);

/** Hints for 422s known only by their words (code or message), not their exact code. */
const FINAL_WORDS: Array<[RegExp, string]> = [
	[/reject/i, HINTS.rejected],
	[/revok/i, HINTS.revoked],
	[/expir.*consent/i, HINTS.consentExpired],
	[/fetch.*expir|expir.*fetch/i, HINTS.fetchExpired],
	[/no_fi_request|no financial information request/i, HINTS.noRequest],
	[/not.?found/i, HINTS.notFound],
	[/fetch.?error/i, HINTS.fetchError],
];

/** Classifies one Get JSON/PDF Report answer (`consentType` tells loan monitoring apart). */
export function reportState(result: ReportAnswer, consentType?: string): ReportState {
	const code = (result.code ?? '').toLowerCase();
	const unknownData = code === '' ? 'UNKNOWN' : code.toUpperCase();
	if (result.statusCode === 200) return { kind: 'ready', consent: 'ACTIVE', data: 'READY' };
	if (result.statusCode === 202) {
		return { kind: 'pending', consent: 'ACTIVE', data: 'FETCHING', state: result.code ?? 'data_fetch_in_progress' };
	}
	if (result.statusCode !== 422) return { kind: 'ready', consent: 'UNKNOWN', data: unknownData };

	const said = `${code} ${result.message ?? ''}`;
	const dataState = DATA_STATES.get(code);
	if (dataState) return { kind: 'final', consent: 'ACTIVE', ...dataState };
	if (code === 'no_fi_request_found') {
		// loan monitoring has no data request until Refresh Data: the consent itself is active
		const monitoring = consentType === 'loan_monitoring';
		return { kind: 'final', consent: monitoring ? 'ACTIVE' : 'UNKNOWN', data: monitoring ? 'NO_REQUEST' : unknownData, hint: HINTS.noRequest };
	}
	const consent = CONSENT_STATES.find(([pattern]) => pattern.test(said));
	if (consent) {
		const [, state, hint] = consent;
		if (hint === undefined) return { kind: 'pending', consent: state, data: 'NONE', state: result.code ?? 'consent_pending' };
		return { kind: 'final', consent: state, data: 'NONE', hint };
	}
	// anything else still pending is waited for; the consent state stays unknown
	if (/pending/i.test(said)) return { kind: 'pending', consent: 'UNKNOWN', data: unknownData, state: result.code ?? 'pending' };
	const words = FINAL_WORDS.find(([pattern]) => pattern.test(said));
	return { kind: 'final', consent: 'UNKNOWN', data: unknownData, hint: words ? words[1] : HINTS.other };
}

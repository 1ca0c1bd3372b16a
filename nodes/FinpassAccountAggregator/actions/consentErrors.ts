import type { ApiResult } from '../../shared/transport';

/**
 * Get JSON/PDF Report answer 202 while the AA is still fetching and 422 for consent and data
 * states (API README). Pending ones are worth waiting for; the rest end the wait at once.
 */
export type ReportState =
	| { kind: 'ready' }
	| { kind: 'pending'; state: string }
	| { kind: 'final'; hint: string };

const FINAL_HINTS: Array<[RegExp, string]> = [
	[/reject/i, 'The borrower rejected the consent. Start a new consent with Initialize Consent.'],
	[/revok/i, 'The borrower revoked the consent. Start a new consent with Initialize Consent.'],
	[/consent.*expir|expir.*consent/i, 'The consent has expired. Start a new consent with Initialize Consent.'],
	[/fetch.*expir|expir.*fetch|data_fetch_expired/i, 'The data fetch window has expired. For monitoring consents, run Refresh Data and fetch with the new Request ID.'],
	[/no_fi_request|no financial information request/i, 'No data request exists for this client. For loan monitoring, run Refresh Data first and pass its Request ID.'],
	[/not.?found/i, 'The bank returned no account data for this consent.'],
	[/fetch.?error/i, 'The Account Aggregator could not fetch data from the bank. Try Refresh Data later or start a new consent.'],
];

export function reportState(result: ApiResult): ReportState {
	if (result.statusCode === 202) return { kind: 'pending', state: result.code ?? 'data_fetch_in_progress' };
	if (result.statusCode === 422) {
		const said = `${result.code ?? ''} ${result.message ?? ''}`;
		if (/pending/i.test(said)) return { kind: 'pending', state: result.code ?? 'consent_pending' };
		const hint = FINAL_HINTS.find(([pattern]) => pattern.test(said));
		return { kind: 'final', hint: hint ? hint[1] : 'The API refused to return the report for this client.' };
	}
	return { kind: 'ready' };
}

import type { Endpoint } from '../transport';

/**
 * Every Finpass endpoint the nodes call: the one place a path and a method live.
 *
 * Every method is the one the navigation of Finpass's API pages lists, so no method is an
 * assumption; only paths the public pages do not give are (Advanced → Custom Path).
 * docs/api-contract.md has the source of each. Per endpoint, `billed` (costs money or quota)
 * and `leavesMark` (a second send leaves a second inquiry, consent, upload, job or refresh) decide
 * what is sent again after an unclear failure: billed reads a bounded number of times, calls that
 * leave a mark never (docs/retries.md has the table). `idempotent: false` marks calls that start
 * something, which even the opt-in never repeats.
 */
export const FINPASS = {
	aaInit: { method: 'POST', path: '/api/v1/services/account-aggregator/init', billed: true, leavesMark: true, idempotent: false },
	aaFetchJsonReport: {
		method: 'POST',
		path: '/api/v1/services/account-aggregator/fetch-json-report',
		billed: false,
		leavesMark: false,
		idempotent: true,
	},
	aaFetchPdfReport: {
		method: 'POST',
		path: '/api/v1/services/account-aggregator/fetch-statement-pdf',
		billed: false,
		leavesMark: false,
		idempotent: true,
	},
	// The refresh page uses this path; the PDF page cites /api/v1/account-aggregator/refresh-data
	// (no /services). Each refresh counts against a monthly quota (422 "limit exceeded").
	aaRefreshData: {
		method: 'POST',
		path: '/api/v1/services/account-aggregator/refresh-data',
		billed: true,
		leavesMark: true,
		idempotent: false,
	},

	aaBsaInit: { method: 'POST', path: '/api/v1/aa-bsa-journey/init', billed: true, leavesMark: true, idempotent: false },
	aaBsaStatus: { method: 'GET', path: '/api/v1/aa-bsa-journey/status', billed: false, leavesMark: false, idempotent: true, idField: 'client_id' },
	aaBsaStatementResult: {
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/statement-result',
		billed: false,
		leavesMark: false,
		idempotent: true,
		idField: 'client_id',
	},
	aaBsaAnalysis: {
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/analysis-json',
		billed: false,
		leavesMark: false,
		idempotent: true,
		idField: 'client_id',
	},

	bsaUpload: { method: 'POST', path: '/api/v1/services/bsa/upload-statement', billed: true, leavesMark: true, idempotent: false },
	// The path is not on the public pages (docs/api-contract.md).
	bsaResult: {
		method: 'GET',
		path: '/api/v1/services/bsa/statement-result',
		billed: false,
		leavesMark: false,
		idempotent: true,
		assumed: { path: true },
		idField: 'client_id',
	},

	itrAnalyze: { method: 'POST', path: '/api/v1/itr-analyzer/analyze', billed: true, leavesMark: true, idempotent: false },
	// GET with ?job_id=.
	itrStatus: { method: 'GET', path: '/api/v1/itr-analyzer/status', billed: false, leavesMark: false, idempotent: true, idField: 'job_id' },
	itrData: { method: 'GET', path: '/api/v1/itr-analyzer/data', billed: false, leavesMark: false, idempotent: true, idField: 'job_id' },

	// A hard inquiry on the borrower's credit file per bureau asked, and a charge.
	multiBureauFetch: { method: 'POST', path: '/api/v1/services/multi-bureau/fetch', billed: true, leavesMark: true, idempotent: true },

	// Billed registry reads: a second send costs a second fee but leaves nothing behind.
	corporateCinLookup: { method: 'POST', path: '/api/v1/corporate/cin-lookup', billed: true, leavesMark: false, idempotent: true },
	corporateLlpinLookup: { method: 'POST', path: '/api/v1/corporate/llpin-lookup', billed: true, leavesMark: false, idempotent: true },
	corporatePanLookup: { method: 'POST', path: '/api/v1/corporate/pan-lookup', billed: true, leavesMark: false, idempotent: true },
	// The public pages name the fields but not the path.
	corporateAutocomplete: {
		method: 'POST',
		path: '/api/v1/corporate/company-autocomplete',
		billed: false,
		leavesMark: false,
		idempotent: true,
		assumed: { path: true },
	},

	// The public pages name the request and answer but not the path.
	epfoCrifReport: {
		method: 'POST',
		path: '/api/v1/services/epfo-crif/report',
		billed: true,
		leavesMark: true,
		idempotent: true,
		assumed: { path: true },
	},
} as const satisfies Record<string, Endpoint>;

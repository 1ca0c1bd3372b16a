import type { Endpoint } from '../transport';

/**
 * Every Finpass endpoint the nodes call: the one place a path and a method live.
 *
 * Every method is the one the navigation at the top of finpass-aa-init.txt (lines 1-48) lists,
 * so no method is an assumption; only paths the API README marks *unsure* are (Advanced → Custom
 * Path). docs/api-contract.md cites the line of each. `billed` is our reading of what costs money
 * or quota: never sent again after an unsure failure (docs/retries.md); `idempotent: false` marks
 * calls that start something (consent, upload, analysis, refresh).
 */
export const FINPASS = {
	aaInit: { method: 'POST', path: '/api/v1/services/account-aggregator/init', billed: true, idempotent: false },
	aaFetchJsonReport: {
		method: 'POST',
		path: '/api/v1/services/account-aggregator/fetch-json-report',
		billed: false,
		idempotent: true,
	},
	aaFetchPdfReport: {
		method: 'POST',
		path: '/api/v1/services/account-aggregator/fetch-statement-pdf',
		billed: false,
		idempotent: true,
	},
	// The refresh document uses this path; the PDF document cites /api/v1/account-aggregator/refresh-data
	// (no /services). Each refresh counts against a monthly quota (422 "limit exceeded").
	aaRefreshData: {
		method: 'POST',
		path: '/api/v1/services/account-aggregator/refresh-data',
		billed: true,
		idempotent: false,
	},

	aaBsaInit: { method: 'POST', path: '/api/v1/aa-bsa-journey/init', billed: true, idempotent: false },
	aaBsaStatus: { method: 'GET', path: '/api/v1/aa-bsa-journey/status', billed: false, idempotent: true, idField: 'client_id' },
	aaBsaStatementResult: {
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/statement-result',
		billed: false,
		idempotent: true,
		idField: 'client_id',
	},
	aaBsaAnalysis: {
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/analysis-json',
		billed: false,
		idempotent: true,
		idField: 'client_id',
	},

	bsaUpload: { method: 'POST', path: '/api/v1/services/bsa/upload-statement', billed: true, idempotent: false },
	// GET: finpass-aa-init.txt:7-8. The path is unsure (API README).
	bsaResult: {
		method: 'GET',
		path: '/api/v1/services/bsa/statement-result',
		billed: false,
		idempotent: true,
		assumed: { path: true },
		idField: 'client_id',
	},

	itrAnalyze: { method: 'POST', path: '/api/v1/itr-analyzer/analyze', billed: true, idempotent: false },
	// GET with ?job_id=: finpass-aa-init.txt:36-39.
	itrStatus: { method: 'GET', path: '/api/v1/itr-analyzer/status', billed: false, idempotent: true, idField: 'job_id' },
	itrData: { method: 'GET', path: '/api/v1/itr-analyzer/data', billed: false, idempotent: true, idField: 'job_id' },

	multiBureauFetch: { method: 'POST', path: '/api/v1/services/multi-bureau/fetch', billed: true, idempotent: true },

	corporateCinLookup: { method: 'POST', path: '/api/v1/corporate/cin-lookup', billed: true, idempotent: true },
	corporateLlpinLookup: { method: 'POST', path: '/api/v1/corporate/llpin-lookup', billed: true, idempotent: true },
	corporatePanLookup: { method: 'POST', path: '/api/v1/corporate/pan-lookup', billed: true, idempotent: true },
	// POST: finpass-aa-init.txt:28-29. The public pages name the fields but not the path.
	corporateAutocomplete: {
		method: 'POST',
		path: '/api/v1/corporate/company-autocomplete',
		billed: false,
		idempotent: true,
		assumed: { path: true },
	},

	// POST: finpass-aa-init.txt:31-32. The public pages name the request and answer but not the path.
	epfoCrifReport: {
		method: 'POST',
		path: '/api/v1/services/epfo-crif/report',
		billed: true,
		idempotent: true,
		assumed: { path: true },
	},
} as const satisfies Record<string, Endpoint>;

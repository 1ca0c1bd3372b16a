'use strict';
// The request contract of every endpoint the package calls, as the client's documents state it
// (five vendor documents plus README.md, the digest of public pages: docs/api-contract.md#sources).
// The simulator checks each vendor request against this table and records what breaks it as a
// contract violation (GET /__sim/violations); the contract tests print the same table.
//
// A field spec is a type name or {type, required}. Types: string, number, integer, boolean,
// array, object, and 'flag' for a query value that must be the text "true" or "false" (FinPro's
// boolean paging parameters). `source` cites the document line(s) each rule comes from;
// `assumption` marks what the documents leave open (the README's *unsure* items).
//
// What counts as a violation (each recorded with the request's seq):
//   method     the path is documented with another method (also answered 405)
//   path       no documented endpoint at this path (answered 404)
//   header     a documented request header is missing (credentials, Content-Type)
//   body       a documented JSON body is not a JSON object; a GET carries a body
//   required   a required field is missing or empty
//   type       a field has another JSON type than documented (number vs string vs boolean)
//   unknown    a body or query field the documents do not name (sim_* knobs excepted)
//   query      a query value the documents do not allow (FinPro numeric paging unless opted in)
// `reject: true` rules also make the simulator answer 400, as a tenant validating its input would.

const S = (type, required = false) => ({ type, required });
const REQ = (type) => S(type, true);

const FINPASS_HEADERS = { names: ['x-api-key', 'x-api-secret'], source: 'finpass-aa-init.txt:95-100' };
const FINPRO_HEADERS = {
	names: ['client_id', 'client_secret', 'organisationid', 'appidentifier'],
	source: 'finpro-get-fi-data.txt:25-31',
};

/** FinPro's optional paging query (docs/api-contract.md#finpro-paging): booleans, page size set by the platform. */
const FINPRO_PAGING = { limit: S('flag'), offset: S('flag') };

const ENDPOINTS = [
	// --- Finpass Account Aggregator: the four documents -------------------------------------
	{
		name: 'AA Initialize',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/account-aggregator/init',
		json: true,
		body: {
			mobile_number: REQ('string'),
			pan_number: S('string'),
			// The example body (line 116) says `pan` where the table (line 106) says pan_number.
			pan: S('string'),
			email: S('string'),
			consent_type: REQ('string'),
			webhook_url: S('string'),
			redirect_url: S('string'),
		},
		source: 'finpass-aa-init.txt:10-11 (method), 53-54 (path), 97-110 (headers, body), 114-121 (example)',
	},
	{
		name: 'AA Fetch JSON Report',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/account-aggregator/fetch-json-report',
		json: true,
		body: { client_id: REQ('string'), request_id: S('string') },
		requestIdFor: 'loan_monitoring',
		source: 'finpass-aa-fetch-json-report.txt:12-13 (method), 53-54 (path), 103-114 (body)',
	},
	{
		name: 'AA Fetch PDF Report',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/account-aggregator/fetch-statement-pdf',
		json: true,
		body: { client_id: REQ('string'), request_id: S('string') },
		requestIdFor: 'loan_monitoring',
		source: 'finpass-aa-init.txt:14-15 (method); finpass-aa-fetch-pdf-report.txt:58 (path), 5-17 (headers, body)',
	},
	{
		name: 'AA Refresh Data',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/account-aggregator/refresh-data',
		json: true,
		body: { client_id: REQ('string') },
		source: 'finpass-aa-refresh-data.txt:16-17 (method), 53-54 (path), 103-112 (body)',
	},
	{
		name: 'AA Refresh Data (path cited without /services)',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/account-aggregator/refresh-data',
		json: true,
		body: { client_id: REQ('string') },
		source: 'finpass-aa-fetch-pdf-report.txt:13 (cited path); README.md "Things the documents get wrong"',
	},
	// --- Finpass beyond the documents: methods from the navigation, paths from README.md -------
	{
		name: 'Bank Statement Upload',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/bsa/upload-statement',
		multipart: { file: REQ('file'), password: S('string') },
		source: 'finpass-aa-init.txt:5-6 (method); README.md:68-69 (path, field `file`)',
		assumption: 'form field `password` for protected PDFs is not published',
	},
	{
		name: 'Bank Statement Result',
		vendor: 'finpass',
		method: 'GET',
		path: '/api/v1/services/bsa/statement-result',
		query: { client_id: REQ('string') },
		source: 'finpass-aa-init.txt:7-8 (method GET); README.md:69-70 (path *unsure*, ?client_id=)',
		assumption: 'path',
	},
	{
		name: 'Multi-Bureau Fetch',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/multi-bureau/fetch',
		json: true,
		billed: true,
		body: {
			pan: REQ('string'),
			name: REQ('string'),
			mobile_number: REQ('string'),
			consent: REQ('string'),
			gender: REQ('string'),
			bureaus: REQ('array'),
		},
		source: 'finpass-aa-init.txt:19-20 (method); README.md:55-56 (path, body)',
	},
	{
		name: 'Corporate CIN Lookup',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/corporate/cin-lookup',
		json: true,
		billed: true,
		body: { cin: REQ('string') },
		source: 'finpass-aa-init.txt:22-23 (method); README.md:58-59',
	},
	{
		name: 'Corporate LLPIN Lookup',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/corporate/llpin-lookup',
		json: true,
		billed: true,
		body: { llpin: REQ('string') },
		source: 'finpass-aa-init.txt:24-25 (method); README.md:60',
	},
	{
		name: 'Corporate PAN Lookup',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/corporate/pan-lookup',
		json: true,
		billed: true,
		body: { pan: REQ('string') },
		source: 'finpass-aa-init.txt:26-27 (method); README.md:61',
	},
	{
		name: 'Company Autocomplete',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/corporate/company-autocomplete',
		json: true,
		body: { company_name: REQ('string') },
		source: 'finpass-aa-init.txt:28-29 (method POST); README.md:62 (body; path *unsure*: path as the node guesses it)',
		assumption: 'path',
	},
	{
		name: 'EPFO-CRIF Combined Report',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/services/epfo-crif/report',
		json: true,
		billed: true,
		body: { mobile_number: REQ('string') },
		source: 'finpass-aa-init.txt:31-32 (method); README.md:63 (body; path *unsure*: path as the node guesses it)',
		assumption: 'path',
	},
	{
		name: 'ITR Initialize',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/itr-analyzer/analyze',
		json: true,
		body: { username: REQ('string'), password: REQ('string') },
		source: 'finpass-aa-init.txt:34-35 (method); README.md:64',
	},
	{
		name: 'ITR Status',
		vendor: 'finpass',
		method: 'GET',
		path: '/api/v1/itr-analyzer/status',
		query: { job_id: REQ('string') },
		source: 'finpass-aa-init.txt:36-37 (method GET); README.md:65-66 (path, job_id in the query)',
	},
	{
		name: 'ITR Get Full Data',
		vendor: 'finpass',
		method: 'GET',
		path: '/api/v1/itr-analyzer/data',
		query: { job_id: REQ('string') },
		source: 'finpass-aa-init.txt:38-39 (method GET); README.md:66 (path, job_id in the query)',
	},
	{
		name: 'AA-BSA Initialize',
		vendor: 'finpass',
		method: 'POST',
		path: '/api/v1/aa-bsa-journey/init',
		json: true,
		body: { mobile_number: REQ('string'), consent_type: REQ('string'), redirect_url: S('string'), webhook_url: S('string') },
		source: 'finpass-aa-init.txt:41-42 (method); README.md:71-72',
	},
	{
		name: 'AA-BSA Status',
		vendor: 'finpass',
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/status',
		query: { client_id: REQ('string') },
		source: 'finpass-aa-init.txt:43-44 (method GET); README.md:73',
	},
	{
		name: 'AA-BSA Statement Result',
		vendor: 'finpass',
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/statement-result',
		query: { client_id: REQ('string') },
		source: 'finpass-aa-init.txt:45-46 (method GET); README.md:74',
		assumption: 'query name client_id (the README writes `GET …/statement-result`)',
	},
	{
		name: 'AA-BSA Analysis JSON',
		vendor: 'finpass',
		method: 'GET',
		path: '/api/v1/aa-bsa-journey/analysis-json',
		query: { client_id: REQ('string') },
		source: 'finpass-aa-init.txt:47-48 (method GET); README.md:75',
		assumption: 'query name client_id (the README writes `GET …/analysis-json`)',
	},
	// --- FinPro ---------------------------------------------------------------------------------
	{
		name: 'FinPro Get FI Data',
		vendor: 'finpro',
		method: 'POST',
		path: '/getfidata',
		json: true,
		query: FINPRO_PAGING,
		body: { consentID: REQ('string'), linkReferenceNumber: REQ('string') },
		source: 'finpro-get-fi-data.txt:2-4, 33-35 (method, path), 37-43 (paging booleans), 45-56 (body)',
	},
	{
		name: 'FinPro Get All FI Data',
		vendor: 'finpro',
		method: 'POST',
		path: '/getallfidata',
		json: true,
		query: FINPRO_PAGING,
		body: { consentID: S('string'), accountID: S('string'), transactionsStartDate: S('string'), transactionsEndDate: S('string') },
		oneOf: ['consentID', 'accountID'],
		source: 'README.md:82-83 (path, body); paging as getfidata (finpro-get-fi-data.txt:37-43)',
		assumption: 'paging query accepted as on getfidata',
	},
	{
		name: 'FinPro Get All Latest FI Data',
		vendor: 'finpro',
		method: 'POST',
		path: '/getalllatestfidata',
		json: true,
		query: FINPRO_PAGING,
		body: { consentID: REQ('string') },
		source: 'README.md:83',
		assumption: 'paging query accepted as on getfidata',
	},
	{
		name: 'FinPro Get FI Balance',
		vendor: 'finpro',
		method: 'POST',
		path: '/getfibalance',
		json: true,
		body: { consentID: REQ('string'), linkReferenceNumber: S('string') },
		source: 'README.md:84',
	},
	{
		name: 'FinPro Get FI Data XML',
		vendor: 'finpro',
		method: 'POST',
		path: '/xml/getfidata',
		json: true,
		body: { consentID: REQ('string'), linkReferenceNumber: REQ('string') },
		source: 'finpro-get-fi-data.txt:12, 219 (exists); README.md:84 (path *unsure*)',
		assumption: 'path',
	},
];

const typeOf = (v) => {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
};

function typeMatches(expected, value) {
	const actual = typeOf(value);
	if (expected === 'number') return actual === 'number' || actual === 'integer';
	return actual === expected;
}

const empty = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isKnob = (name) => name.startsWith('sim_');

/** The documented endpoint for a path (any method), or undefined. */
function endpointsAt(path) {
	return ENDPOINTS.filter((e) => e.path === path);
}

/**
 * Checks one request. req = {vendor, method, path, headers (lower-case names), query, json,
 * rawBody (Buffer), multipart? ([{name, filename}])}; opts = {numericPaging}. Returns
 * [{rule, detail, reject?}] (empty when the request is what the documents define).
 */
function check(req, opts = {}) {
	const out = [];
	const add = (rule, detail, reject = false) => out.push({ rule, detail, reject });
	const candidates = endpointsAt(req.path);
	if (candidates.length === 0) {
		add('path', `no documented endpoint at ${req.path}`);
		return { endpoint: undefined, violations: out };
	}
	const endpoint = candidates.find((e) => e.method === req.method);
	if (!endpoint) {
		add('method', `${req.method} ${req.path}: the documents define ${candidates.map((e) => e.method).join('/')} (${candidates[0].source})`);
		return { endpoint: undefined, violations: out };
	}
	const headers = req.headers || {};
	const auth = endpoint.vendor === 'finpro' ? FINPRO_HEADERS : FINPASS_HEADERS;
	for (const name of auth.names) if (!(name in headers)) add('header', `header ${name} missing (${auth.source})`);

	// Query: only documented parameters, documented types.
	const query = req.query || {};
	const qspec = endpoint.query || {};
	for (const [name, value] of Object.entries(query)) {
		const spec = qspec[name];
		if (!spec) {
			if (!isKnob(name)) add('unknown', `query parameter ${name} is not documented for ${endpoint.name}`);
			continue;
		}
		if (spec.type === 'flag' && value !== 'true' && value !== 'false') {
			if (opts.numericPaging && /^\d+$/.test(String(value))) continue;
			add('query', `${name}=${value}: the document types ${name} as a boolean (?${name}=true; ${endpoint.source})`, true);
		}
	}
	if (endpoint.vendor === 'finpro' && query.offset === 'true' && query.limit !== 'true') {
		add('query', 'offset=true without limit=true ("in combination with limit", finpro-get-fi-data.txt:42)', true);
	}
	for (const [name, spec] of Object.entries(qspec)) {
		if (spec.required && empty(query[name])) add('required', `query parameter ${name} missing (${endpoint.source})`, true);
	}

	const hasBody = req.rawBody && req.rawBody.length > 0;
	if (endpoint.method === 'GET') {
		if (hasBody) add('body', `GET ${endpoint.path} carries a body; its fields belong in the query`);
		return { endpoint, violations: out };
	}

	if (endpoint.multipart) {
		const ct = headers['content-type'] || '';
		if (!/^multipart\/form-data\s*;.*boundary=/i.test(ct)) {
			add('header', `Content-Type must be multipart/form-data with a boundary, not "${ct}"`, true);
			return { endpoint, violations: out };
		}
		const parts = req.multipart || [];
		for (const part of parts) {
			const spec = endpoint.multipart[part.name];
			if (!spec) {
				if (!isKnob(part.name)) add('unknown', `form field ${part.name} is not documented for ${endpoint.name}`);
			} else if (spec.type === 'file' && part.filename === undefined) {
				add('type', `form field ${part.name} must be a file part (with a filename)`, true);
			}
		}
		for (const [name, spec] of Object.entries(endpoint.multipart)) {
			if (spec.required && !parts.some((p) => p.name === name)) add('required', `form field ${name} missing (${endpoint.source})`, true);
		}
		return { endpoint, violations: out };
	}

	if (endpoint.json) {
		if (!/^application\/json\b/i.test(headers['content-type'] || '')) {
			add('header', `Content-Type must be application/json, not "${headers['content-type'] || ''}" (${FINPASS_HEADERS.source})`);
		}
		const body = req.json;
		if (typeOf(body) !== 'object') {
			add('body', `the body must be a JSON object, got ${hasBody ? typeOf(body) : 'nothing'}`, true);
			return { endpoint, violations: out };
		}
		for (const [name, value] of Object.entries(body)) {
			const spec = endpoint.body[name];
			if (!spec) {
				if (!isKnob(name)) add('unknown', `body field ${name} is not documented for ${endpoint.name}`);
				continue;
			}
			if (!typeMatches(spec.type, value)) {
				add('type', `body field ${name} is ${typeOf(value)}, documented as ${spec.type} (${endpoint.source})`, true);
			}
		}
		for (const [name, spec] of Object.entries(endpoint.body)) {
			if (spec.required && empty(body[name])) add('required', `body field ${name} missing (${endpoint.source})`, true);
		}
		if (endpoint.oneOf && !endpoint.oneOf.some((n) => !empty(body[n]))) {
			add('required', `one of ${endpoint.oneOf.join(' / ')} is required (${endpoint.source})`, true);
		}
	}
	return { endpoint, violations: out };
}

module.exports = { ENDPOINTS, check, endpointsAt, typeOf };

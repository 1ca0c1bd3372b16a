// One test per endpoint: run the operation against the simulator and assert exactly what went on
// the wire (method, path, header names, query, body field names and JSON types), and that the
// simulator recorded no contract violation (packages/simulator/lib/contract.js). docs/api-contract.md
// prints the same table with the document line each part comes from.
const { runNode, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const contract = require('../../packages/simulator/lib/contract');
const { parseMultipart } = require('../../packages/simulator/lib/routes/bsa');
const { DOC_CONSENT, DOC_LINK } = require('../../packages/simulator/lib/routes/finpro');

const node = (dir, cls) => require(`${DIST}/nodes/${dir}/${dir}.node.js`)[cls];
const NODES = {
	aa: [node('FinpassAccountAggregator', 'FinpassAccountAggregator'), 'accountAggregator'],
	bsa: [node('FinpassBankStatement', 'FinpassBankStatement'), 'bankStatement'],
	bureau: [node('FinpassMultiBureau', 'FinpassMultiBureau'), 'creditReport'],
	corporate: [node('FinpassCorporate', 'FinpassCorporate'), 'company'],
	epfo: [node('FinpassEpfo', 'FinpassEpfo'), 'employment'],
	itr: [node('FinpassItrAnalyzer', 'FinpassItrAnalyzer'), 'itrAnalysis'],
	aaBsa: [node('FinpassAaBsa', 'FinpassAaBsa'), 'aaBsaJourney'],
	finpro: [node('FinProFiData', 'FinProFiData'), 'fiData'],
};

// violations the simulator records fail the test that caused them (useSimulator's afterEach)
const sim = useSimulator({ consentDelayMs: -1, resetEachTest: true });

const credentials = () => ({
	finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl: sim.url },
	finProApi: { clientId: 'sim_client', clientSecret: 'sim_client_secret', organisationId: 'sim_org', appIdentifier: 'sim_app', baseUrl: sim.url },
});
const run = (which, parameters, items) => {
	const [NodeClass, resource] = NODES[which];
	return runNode(NodeClass, { parameters: { resource, ...parameters }, credentials: credentials(), items });
};

/** Headers the HTTP client adds on its own; everything else is what the node chose to send. */
const CLIENT_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'user-agent', 'accept']);
const headerNames = (r) => Object.keys(r.headers).filter((h) => !CLIENT_HEADERS.has(h)).sort();
const FINPASS_JSON = ['content-type', 'x-api-key', 'x-api-secret'];
const FINPASS_GET = ['x-api-key', 'x-api-secret'];
const FINPRO_JSON = ['appidentifier', 'client_id', 'client_secret', 'content-type', 'organisationid'];

/** {field: JSON type} of a request body, as contract.js names types. */
const bodyTypes = (json) => (json === undefined ? undefined : Object.fromEntries(Object.entries(json).map(([k, v]) => [k, contract.typeOf(v)])));
const wire = (r) => ({ method: r.method, path: r.path, headers: headerNames(r), query: r.query, body: bodyTypes(r.json) });

/** The one request of the run at `path` (there must be exactly one). */
function only(path) {
	const found = sim.requests.filter((r) => r.path === path);
	expect(found).toHaveLength(1);
	return found[0];
}

async function simCall(path, body) {
	const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' }, body: JSON.stringify(body) });
	return (await res.json()).data;
}
async function control(path, body) {
	const res = await fetch(`${sim.url}/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return res.json();
}
/** A consent whose data is ready (made through the simulator, not the node). */
async function readyClient(consentType = 'loan_underwriting') {
	const { client_id: clientId } = await simCall('/api/v1/services/account-aggregator/init', { mobile_number: '9876543210', consent_type: consentType });
	await control(`aa/clients/${clientId}`, { consent: 'approved', data: 'ready' });
	return clientId;
}
const resetLog = () => {
	sim.requests.length = 0;
	expect(sim.takeViolations()).toEqual([]);
};

const AA = '/api/v1/services/account-aggregator';

describe('Finpass Account Aggregator (the four documents)', () => {
	test('AA Initialize: POST init {mobile_number, consent_type, pan_number, pan, email, webhook_url, redirect_url}, all strings', async () => {
		await run('aa', {
			operation: 'initConsent',
			mobileNumber: '+91 98765 43210',
			consentType: 'loan_underwriting',
			additionalFields: { pan: 'abcde1234f', email: 'asha@example.com', webhookUrl: 'https://n8n.example/webhook/finpass', redirectUrl: 'https://lender.example/done' },
		});
		expect(wire(only(`${AA}/init`))).toEqual({
			method: 'POST',
			path: `${AA}/init`,
			headers: FINPASS_JSON,
			query: {},
			body: { mobile_number: 'string', consent_type: 'string', pan_number: 'string', pan: 'string', email: 'string', webhook_url: 'string', redirect_url: 'string' },
		});
		expect(only(`${AA}/init`).json).toMatchObject({ mobile_number: '9876543210', pan_number: 'ABCDE1234F', pan: 'ABCDE1234F' });
	});

	test('AA Fetch JSON Report: POST fetch-json-report {client_id}', async () => {
		const clientId = await readyClient();
		resetLog();
		await run('aa', { operation: 'fetchJsonReport', clientId, requestId: '', output: 'report' });
		expect(wire(only(`${AA}/fetch-json-report`))).toEqual({ method: 'POST', path: `${AA}/fetch-json-report`, headers: FINPASS_JSON, query: {}, body: { client_id: 'string' } });
	});

	test('AA Fetch JSON Report (loan monitoring): {client_id, request_id}', async () => {
		const clientId = await readyClient('loan_monitoring');
		const { request_id: requestId } = await simCall(`${AA}/refresh-data`, { client_id: clientId });
		await control(`aa/clients/${clientId}`, { data: 'ready' });
		resetLog();
		await run('aa', { operation: 'fetchJsonReport', clientId, requestId, output: 'report' });
		expect(wire(only(`${AA}/fetch-json-report`)).body).toEqual({ client_id: 'string', request_id: 'string' });
	});

	test('AA Fetch PDF Report (loan monitoring): POST fetch-statement-pdf {client_id, request_id}, links fetched without keys', async () => {
		const clientId = await readyClient('loan_monitoring');
		const { request_id: requestId } = await simCall(`${AA}/refresh-data`, { client_id: clientId });
		await control(`aa/clients/${clientId}`, { data: 'ready' });
		resetLog();
		const { output } = await run('aa', { operation: 'fetchPdfReport', clientId, requestId, binaryPropertyName: 'data' });
		expect(wire(only(`${AA}/fetch-statement-pdf`))).toEqual({
			method: 'POST',
			path: `${AA}/fetch-statement-pdf`,
			headers: FINPASS_JSON,
			query: {},
			body: { client_id: 'string', request_id: 'string' },
		});
		expect(output[0].filter((o) => o.binary)).toHaveLength(2);
		const downloads = sim.requests.filter((r) => r.path.startsWith('/sim/s3/'));
		expect(downloads.map((d) => [d.method, headerNames(d)])).toEqual([
			['GET', []],
			['GET', []],
		]);
	});

	test('AA Refresh Data: POST refresh-data {client_id}; the path without /services (PDF document) through Custom Path', async () => {
		const clientId = await readyClient();
		resetLog();
		await run('aa', { operation: 'refreshData', clientId });
		expect(wire(only(`${AA}/refresh-data`))).toEqual({ method: 'POST', path: `${AA}/refresh-data`, headers: FINPASS_JSON, query: {}, body: { client_id: 'string' } });
		await run('aa', { operation: 'refreshData', clientId, requestOptions: { path: '/api/v1/account-aggregator/refresh-data' } });
		expect(wire(only('/api/v1/account-aggregator/refresh-data')).body).toEqual({ client_id: 'string' });
	});
});

describe('Finpass products beyond the documents (methods from the navigation of finpass-aa-init.txt)', () => {
	const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
	const pdfItem = { json: {}, binary: { data: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: 'statement.pdf' } } };

	test('Bank Statement Upload: POST multipart {file (a file part), password}', async () => {
		await run('bsa', { operation: 'uploadStatement', binaryPropertyName: 'data', password: 'open-sesame' }, [pdfItem]);
		const r = only('/api/v1/services/bsa/upload-statement');
		expect([r.method, headerNames(r), r.query]).toEqual(['POST', ['content-type', 'x-api-key', 'x-api-secret'], {}]);
		expect(r.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const parts = parseMultipart(Buffer.from(r.rawBody, 'base64'), r.headers['content-type']);
		expect(parts.map((p) => [p.name, p.filename !== undefined])).toEqual([
			['file', true],
			['password', false],
		]);
	});

	test('Bank Statement Result: GET statement-result?client_id=, no body', async () => {
		const { output } = await run('bsa', { operation: 'uploadStatement', binaryPropertyName: 'data' }, [pdfItem]);
		resetLog();
		await run('bsa', { operation: 'getResult', clientId: output[0][0].json.client_id });
		expect(wire(only('/api/v1/services/bsa/statement-result'))).toEqual({
			method: 'GET',
			path: '/api/v1/services/bsa/statement-result',
			headers: FINPASS_GET,
			query: { client_id: output[0][0].json.client_id },
			body: undefined,
		});
	});

	test('Multi-Bureau Fetch: POST {pan, name, mobile_number, consent: "Y", gender, bureaus: array}', async () => {
		await run('bureau', { operation: 'fetchReport', pan: 'ABCDE1234F', name: 'Asha Verma', mobileNumber: '9876543210', gender: 'female', consent: true, bureaus: ['cibil', 'crif'], output: 'report' });
		const r = only('/api/v1/services/multi-bureau/fetch');
		expect(wire(r)).toEqual({
			method: 'POST',
			path: '/api/v1/services/multi-bureau/fetch',
			headers: FINPASS_JSON,
			query: {},
			body: { pan: 'string', name: 'string', mobile_number: 'string', consent: 'string', gender: 'string', bureaus: 'array' },
		});
		expect(r.json).toMatchObject({ consent: 'Y', gender: 'female', bureaus: ['cibil', 'crif'] });
	});

	test.each([
		['CIN Lookup', 'cinLookup', { cin: 'U72900KA2015PTC082988' }, '/api/v1/corporate/cin-lookup', { cin: 'string' }],
		['LLPIN Lookup', 'llpinLookup', { llpin: 'AAB-1234' }, '/api/v1/corporate/llpin-lookup', { llpin: 'string' }],
		['PAN Lookup', 'panLookup', { pan: 'AAACA1234C' }, '/api/v1/corporate/pan-lookup', { pan: 'string' }],
		['Company Autocomplete', 'companyAutocomplete', { companyName: 'Infosys', returnAll: true }, '/api/v1/corporate/company-autocomplete', { company_name: 'string' }],
	])('Corporate %s: POST (%s)', async (_, operation, parameters, path, body) => {
		await run('corporate', { operation, ...parameters });
		expect(wire(only(path))).toEqual({ method: 'POST', path, headers: FINPASS_JSON, query: {}, body });
	});

	test('EPFO-CRIF Combined Report: POST {mobile_number}', async () => {
		await run('epfo', { operation: 'epfoCrifReport', mobileNumber: '9876543210', consent: true, output: 'report' });
		const path = '/api/v1/services/epfo-crif/report';
		expect(wire(only(path))).toEqual({ method: 'POST', path, headers: FINPASS_JSON, query: {}, body: { mobile_number: 'string' } });
	});

	test('ITR Initialize, Status and Get Full Data: POST analyze {username, password}; GET status and data ?job_id=', async () => {
		const { output } = await run('itr', { operation: 'startAnalysis', pan: 'ABCDE1234F', password: 'portal-pass' });
		const jobId = output[0][0].json.job_id;
		const path = '/api/v1/itr-analyzer/analyze';
		expect(wire(only(path))).toEqual({ method: 'POST', path, headers: FINPASS_JSON, query: {}, body: { username: 'string', password: 'string' } });
		await run('itr', { operation: 'getStatus', jobId });
		expect(wire(only('/api/v1/itr-analyzer/status'))).toEqual({ method: 'GET', path: '/api/v1/itr-analyzer/status', headers: FINPASS_GET, query: { job_id: jobId }, body: undefined });
		await control('jobs/itr/state', { id: jobId, state: 'completed' });
		sim.requests.length = 0;
		// With Wait for Completion the status checks use the same GET as Get Status.
		await run('itr', { operation: 'getFullData', jobId, waitForCompletion: true, maxWaitSeconds: 10, pollIntervalSeconds: 0.1 });
		expect(sim.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/itr-analyzer/status', { job_id: jobId }],
			['GET', '/api/v1/itr-analyzer/data', { job_id: jobId }],
		]);
		expect(wire(only('/api/v1/itr-analyzer/data')).headers).toEqual(FINPASS_GET);
	});

	test('AA-BSA Initialize, Status, Statement Result, Analysis JSON: POST init; GET the three reads ?client_id=', async () => {
		const { output } = await run('aaBsa', { operation: 'startJourney', mobileNumber: '9876543210', consentType: 'loan_underwriting', redirectUrl: 'https://lender.example/done', webhookUrl: 'https://n8n.example/hook' });
		const clientId = output[0][0].json.client_id;
		const init = '/api/v1/aa-bsa-journey/init';
		const body = { mobile_number: 'string', consent_type: 'string', redirect_url: 'string', webhook_url: 'string' };
		expect(wire(only(init))).toEqual({ method: 'POST', path: init, headers: FINPASS_JSON, query: {}, body });
		await control('jobs/aa-bsa/state', { id: clientId, state: 'analysis_complete' });
		for (const [operation, path] of [
			['getStatus', '/api/v1/aa-bsa-journey/status'],
			['getStatementResult', '/api/v1/aa-bsa-journey/statement-result'],
			['getAnalysis', '/api/v1/aa-bsa-journey/analysis-json'],
		]) {
			await run('aaBsa', { operation, clientId, output: 'result' });
			expect(wire(only(path))).toEqual({ method: 'GET', path, headers: FINPASS_GET, query: { client_id: clientId }, body: undefined });
		}
	});
});

describe('FinPro', () => {
	const FP = { consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK, output: 'account' };

	test('Get FI Data: POST /getfidata {consentID, linkReferenceNumber}, no paging query by default', async () => {
		await run('finpro', { operation: 'getFiData', ...FP });
		expect(wire(only('/getfidata'))).toEqual({ method: 'POST', path: '/getfidata', headers: FINPRO_JSON, query: {}, body: { consentID: 'string', linkReferenceNumber: 'string' } });
	});

	test('Get FI Data with Platform Pages: ?limit=true, then ?limit=true&offset=true (booleans, as documented)', async () => {
		sim.setConfig({ finproPageSize: 8 });
		await run('finpro', { operation: 'getFiData', ...FP, fetchOptions: { paging: 'platform' } });
		expect(sim.requests.map((r) => r.query)).toEqual([{ limit: 'true' }, { limit: 'true', offset: 'true' }]);
	});

	test('Get All FI Data: POST /getallfidata {consentID}', async () => {
		await run('finpro', { operation: 'getAllFiData', lookUpBy: 'consent', consentId: DOC_CONSENT, output: 'account' });
		expect(wire(only('/getallfidata'))).toEqual({ method: 'POST', path: '/getallfidata', headers: FINPRO_JSON, query: {}, body: { consentID: 'string' } });
	});

	test('Get All Latest FI Data: POST /getalllatestfidata {consentID}', async () => {
		await run('finpro', { operation: 'getLatestData', consentId: '5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a01', output: 'account' });
		expect(wire(only('/getalllatestfidata'))).toEqual({ method: 'POST', path: '/getalllatestfidata', headers: FINPRO_JSON, query: {}, body: { consentID: 'string' } });
	});

	test('Get FI Balance: POST /getfibalance {consentID, linkReferenceNumber}', async () => {
		await run('finpro', { operation: 'getBalance', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK });
		expect(wire(only('/getfibalance'))).toEqual({ method: 'POST', path: '/getfibalance', headers: FINPRO_JSON, query: {}, body: { consentID: 'string', linkReferenceNumber: 'string' } });
	});

	test('Get FI Data XML: POST /xml/getfidata {consentID, linkReferenceNumber}', async () => {
		await run('finpro', { operation: 'getFiDataXml', consentId: DOC_CONSENT, linkReferenceNumber: DOC_LINK, xmlOutput: 'text', xmlField: 'xml' });
		expect(wire(only('/xml/getfidata'))).toEqual({ method: 'POST', path: '/xml/getfidata', headers: FINPRO_JSON, query: {}, body: { consentID: 'string', linkReferenceNumber: 'string' } });
	});
});

test('every endpoint of the contract table has a wire test above', () => {
	const covered = new Set(TESTED);
	expect(contract.ENDPOINTS.map((e) => `${e.method} ${e.path}`).filter((e) => !covered.has(e))).toEqual([]);
});

// The endpoints the tests above exercise (checked against contract.js by the last test).
const TESTED = [
	`POST ${AA}/init`,
	`POST ${AA}/fetch-json-report`,
	`POST ${AA}/fetch-statement-pdf`,
	`POST ${AA}/refresh-data`,
	'POST /api/v1/account-aggregator/refresh-data',
	'POST /api/v1/services/bsa/upload-statement',
	'GET /api/v1/services/bsa/statement-result',
	'POST /api/v1/services/multi-bureau/fetch',
	'POST /api/v1/corporate/cin-lookup',
	'POST /api/v1/corporate/llpin-lookup',
	'POST /api/v1/corporate/pan-lookup',
	'POST /api/v1/corporate/company-autocomplete',
	'POST /api/v1/services/epfo-crif/report',
	'POST /api/v1/itr-analyzer/analyze',
	'GET /api/v1/itr-analyzer/status',
	'GET /api/v1/itr-analyzer/data',
	'POST /api/v1/aa-bsa-journey/init',
	'GET /api/v1/aa-bsa-journey/status',
	'GET /api/v1/aa-bsa-journey/statement-result',
	'GET /api/v1/aa-bsa-journey/analysis-json',
	'POST /getfidata',
	'POST /getallfidata',
	'POST /getalllatestfidata',
	'POST /getfibalance',
	'POST /xml/getfidata',
];

// Contract fixes, each driven through a node against the simulator (or a scripted server):
// several banks in one consent, the envelope's status_code over HTTP 200, Fetch PDF Report's
// Request ID, billed pulls sent once after an unsure failure, cancel with Continue On Fail,
// Retry-After beyond the cap, one retry setting, uploads read at send time, PDF link rules.
const { runNode, createContext, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { useSimulator } = require('../helpers/simulator');
const { NodeApiError } = require('n8n-workflow');

const load = (dir) => require(`${DIST}/nodes/${dir}/${dir}.node.js`)[dir];
const FinpassAccountAggregator = load('FinpassAccountAggregator');
const FinpassMultiBureau = load('FinpassMultiBureau');
const FinpassCorporate = load('FinpassCorporate');
const FinpassBankStatement = load('FinpassBankStatement');
const { Transport, finpass, DEFAULT_TRANSPORT_SETTINGS } = require(`${DIST}/nodes/shared/transport`);

const AA = '/api/v1/services/account-aggregator';
const BUREAU = '/api/v1/services/multi-bureau/fetch';

// violations the simulator records fail the test that caused them (useSimulator's afterEach)
const sim = useSimulator({ consentDelayMs: -1, resetEachTest: true });

const credentials = (baseUrl = sim.url) => ({ finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl } });
const fail = (promise) => promise.then(() => { throw new Error('expected the node to fail'); }, (e) => e);
const jsonOf = ({ output }) => output[0].map((item) => item.json);
const requests = (path) => sim.requests.filter((r) => r.path === path);

async function simCall(path, body) {
	const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' }, body: JSON.stringify(body) });
	return res.json();
}
async function control(path, body) {
	const res = await fetch(`${sim.url}/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return res.json();
}
async function client(state = {}, consentType = 'loan_underwriting') {
	const { data } = await simCall(`${AA}/init`, { mobile_number: '9876543210', consent_type: consentType });
	await control(`aa/clients/${data.client_id}`, { consent: 'approved', data: 'ready', ...state });
	return data.client_id;
}
const aa = (parameters, extra = {}) =>
	runNode(FinpassAccountAggregator, { parameters: { resource: 'accountAggregator', ...parameters }, credentials: credentials(), ...extra });
const wait = (extra = {}) => ({ waitForCompletion: true, maxWaitSeconds: 30, pollIntervalSeconds: 0.1, onTimeout: 'fail', ...extra });
const THREE_BANKS = (third) => [{ status: 'READY' }, { status: 'READY' }, { fip_id: 'SBI-FIP', status: third }];

describe('several banks in one consent', () => {
	test('Wait for Completion keeps waiting while one of three banks is PENDING, and ends when it is READY', async () => {
		const clientId = await client({ accounts: THREE_BANKS('PENDING') });
		// The third bank turns READY only after the node has seen it pending a few times.
		const seen = () => requests(`${AA}/fetch-json-report`).length;
		const flip = (async () => {
			while (seen() < 3) await new Promise((r) => setTimeout(r, 20));
			await control(`aa/clients/${clientId}`, { accounts: THREE_BANKS('READY') });
		})();
		const items = jsonOf(await aa({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'account', ...wait() }));
		await flip;
		expect(items.map((a) => [a.fip_id ?? null, a.status])).toHaveLength(3);
		expect(items.every((a) => a.status === 'READY' && a.report_complete === undefined)).toBe(true);
		expect(seen()).toBeGreaterThanOrEqual(4);
	});

	test('when Max Wait passes with one bank still PENDING, the ready ones are output and the item says which is not ready', async () => {
		const clientId = await client({ accounts: THREE_BANKS('PENDING') });
		const items = jsonOf(await aa({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'account', ...wait({ maxWaitSeconds: 1 }) }));
		expect(items.map((a) => a.status)).toEqual(['READY', 'READY', 'PENDING']);
		expect(items.every((a) => a.report_complete === false)).toBe(true);
		expect(items[0].banks_not_ready).toEqual([{ fip_id: null, account: expect.stringMatching(/^X+\d{4}$/), status: 'PENDING' }]);
		expect(requests(`${AA}/fetch-json-report`).length).toBeGreaterThan(1);
	});

	test('Fetch PDF Report: the pending bank\'s statement has no file; the others are downloaded', async () => {
		const clientId = await client({ accounts: THREE_BANKS('PENDING') });
		const { output } = await aa({ operation: 'fetchPdfReport', clientId, requestId: '', binaryPropertyName: 'data', ...wait({ maxWaitSeconds: 1 }) });
		const items = output[0];
		expect(items.map((o) => [o.json.fip_id, o.json.status, Boolean(o.binary)])).toEqual([
			['HDFC-FIP', 'READY', true],
			['ICICI-FIP', 'READY', true],
			['SBI-FIP', 'PENDING', false],
		]);
		expect(items[0].json.banks_not_ready).toEqual([{ fip_id: 'SBI-FIP', account: expect.any(String), status: 'PENDING' }]);
	});

	test('without waiting, the answer is output at once with the pending bank named', async () => {
		const clientId = await client({ accounts: THREE_BANKS('PENDING') });
		const items = jsonOf(await aa({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: false }));
		expect(items[0].report_complete).toBe(false);
		expect(requests(`${AA}/fetch-json-report`)).toHaveLength(1);
	});
});

describe('the envelope status_code wins over HTTP 200', () => {
	beforeEach(() => sim.setConfig({ envelopeOnly200: true }));

	test('HTTP 200 with status_code 422 consent pending is waited on; 202 too; then the report', async () => {
		const { data } = await simCall(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting' });
		const clientId = data.client_id;
		const seen = () => requests(`${AA}/fetch-json-report`).length;
		const approve = (async () => {
			while (seen() < 2) await new Promise((r) => setTimeout(r, 20));
			await control(`aa/clients/${clientId}`, { consent: 'approved' }); // data follows after dataDelayMs (202 meanwhile)
		})();
		const items = jsonOf(await aa({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'account', ...wait() }));
		await approve;
		expect(items).toHaveLength(2);
		const statuses = requests(`${AA}/fetch-json-report`).map((r) => r.status);
		expect(statuses.every((s) => s === 200)).toBe(true); // every answer said HTTP 200
	});

	test('HTTP 200 with status_code 404 is an error with the vendor message and code', async () => {
		const error = await fail(aa({ operation: 'fetchJsonReport', clientId: 'aa_unknown', requestId: '', output: 'report', waitForCompletion: false }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Finpass: Client not found [client_not_found]');
		expect(error.httpCode).toBe('404');
	});

	test('HTTP 200 with status_code 422 rejected ends at once; 422 quota on refresh is not retried', async () => {
		const rejected = await client({ consent: 'rejected' });
		const error = await fail(aa({ operation: 'fetchJsonReport', clientId: rejected, requestId: '', output: 'report', ...wait() }));
		expect(error.message).toMatch(/consent_rejected/);
		expect(requests(`${AA}/fetch-json-report`)).toHaveLength(1);
		sim.setConfig({ monthlyRefreshLimit: 0 });
		const quota = await fail(aa({ operation: 'refreshData', clientId: rejected }));
		expect(quota.httpCode).toBe('422');
		expect(requests(`${AA}/refresh-data`)).toHaveLength(1);
	});
});

describe('Fetch PDF Report: Request ID, as Fetch JSON Report', () => {
	test('a loan monitoring consent: the Refresh Data request_id is sent and the PDFs arrive', async () => {
		const clientId = await client({}, 'loan_monitoring');
		const { data } = await simCall(`${AA}/refresh-data`, { client_id: clientId });
		await control(`aa/clients/${clientId}`, { data: 'ready' });
		const { output } = await aa({ operation: 'fetchPdfReport', clientId, requestId: ` ${data.request_id} `, binaryPropertyName: 'data', waitForCompletion: false });
		expect(requests(`${AA}/fetch-statement-pdf`)[0].json).toEqual({ client_id: clientId, request_id: data.request_id });
		expect(output[0].filter((o) => o.binary)).toHaveLength(2);
	});

	test('without it, the documented 422 "no FI request" with the hint to run Refresh Data first', async () => {
		const clientId = await client({}, 'loan_monitoring');
		const error = await fail(aa({ operation: 'fetchPdfReport', clientId, requestId: '', binaryPropertyName: 'data', waitForCompletion: false }));
		expect(error.message).toMatch(/no_fi_request_found/);
		expect(error.description).toMatch(/Refresh Data first and pass its Request ID/);
		// The simulator flags the missing request_id (required for loan monitoring).
		expect(sim.takeViolations().map((v) => v.rule)).toEqual(['required']);
	});
});

describe('billing safety in the nodes', () => {
	const BORROWER = { resource: 'creditReport', operation: 'fetchReport', pan: 'ABCDE1234F', name: 'Asha Verma', mobileNumber: '9876543210', gender: 'female', consent: true, bureaus: ['cibil'], output: 'report' };
	const bureau = (parameters = {}, extra = {}) => runNode(FinpassMultiBureau, { parameters: { ...BORROWER, ...parameters }, credentials: credentials(), ...extra });

	test('a Multi-Bureau pull that meets a reset after sending is sent once', async () => {
		sim.addFault({ kind: 'reset', path: BUREAU });
		const error = await fail(bureau());
		expect(error.message).toMatch(/ECONNRESET .*not sent again: the request may have reached the vendor, and each call is billed/);
		expect(requests(BUREAU)).toHaveLength(1);
	});

	test('a 500 or 502 after sending: sent once', async () => {
		sim.addFault({ kind: 'status', status: 500, path: BUREAU });
		expect((await fail(bureau())).httpCode).toBe('500');
		sim.addFault({ kind: 'status', status: 502, path: BUREAU });
		expect((await fail(bureau())).httpCode).toBe('502');
		expect(requests(BUREAU)).toHaveLength(2);
	});

	test('429 is repeated (the vendor refused before doing any work); 503 with Retry-After is not (a gateway can answer so after forwarding)', async () => {
		sim.addFault({ kind: '429', retryAfter: 0, path: BUREAU });
		const { output } = await bureau();
		expect(output[0]).toHaveLength(1);
		expect(requests(BUREAU).map((r) => r.status)).toEqual([429, 200]);
		sim.addFault({ kind: 'status', status: 503, retryAfter: 0, path: BUREAU });
		expect((await fail(bureau())).httpCode).toBe('503');
		expect(requests(BUREAU).map((r) => r.status)).toEqual([429, 200, 503]);
	});

	test('Request Options → Repeat Billed Calls After Unclear Failures sends it again after a reset', async () => {
		sim.addFault({ kind: 'reset', path: BUREAU });
		const { output } = await bureau({ requestOptions: { repeatBilledCalls: true } });
		expect(output[0]).toHaveLength(1);
		expect(requests(BUREAU)).toHaveLength(2);
	});
});

describe('one retry setting', () => {
	test('Max Retries repeats a fetch after a 502; with n8n\'s Retry On Fail on, the node\'s own retries are off', async () => {
		const clientId = await client();
		sim.addFault({ kind: 'status', status: 502, path: `${AA}/fetch-json-report` });
		await aa({ operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: false });
		expect(requests(`${AA}/fetch-json-report`).map((r) => r.status)).toEqual([502, 200]);

		sim.requests.length = 0;
		sim.addFault({ kind: 'status', status: 502, path: `${AA}/fetch-json-report` });
		const ctx = createContext({
			nodeType: 'n8n-nodes-finpass.finpassAccountAggregator',
			parameters: { resource: 'accountAggregator', operation: 'fetchJsonReport', clientId, requestId: '', output: 'report', waitForCompletion: false },
			credentials: credentials(),
		});
		ctx.getNode().retryOnFail = true; // n8n repeats the node: one count of attempts, not a product
		const error = await fail(new FinpassAccountAggregator().execute.call(ctx));
		expect(error.httpCode).toBe('502');
		expect(requests(`${AA}/fetch-json-report`)).toHaveLength(1);
	});
});

describe('a run never hangs and stops promptly', () => {
	const CIN = 'U72900KA2015PTC082988';
	const corporate = ({ parameters, ...extra }) =>
		runNode(FinpassCorporate, { parameters: { resource: 'company', operation: 'cinLookup', cin: CIN, ...parameters }, credentials: credentials(), ...extra });

	test('Retry-After: 86400 on one item fails that item only; the others are not delayed until then', async () => {
		sim.addFault({ kind: '429', retryAfter: 86400, path: '/api/v1/corporate/cin-lookup' });
		const items = Array.from({ length: 6 }, () => ({ json: {} }));
		const { output } = await corporate({ items, continueOnFail: true, parameters: { requestOptions: { concurrency: 2 } } });
		const errors = output[0].filter((o) => o.json.error);
		expect(errors.map((o) => o.json.error)).toEqual([expect.stringMatching(/asked to retry after 86400 s, longer than the 120 s this node waits/)]);
		expect(output[0].filter((o) => !o.json.error)).toHaveLength(5);
		expect(requests('/api/v1/corporate/cin-lookup')).toHaveLength(6);
	});

	test('a cancelled run with Continue On Fail and 50 queued items ends without working through the queue', async () => {
		sim.setConfig({ latencyMs: 200 });
		const ctx = createContext({
			nodeType: 'n8n-nodes-finpass.finpassCorporate',
			parameters: { resource: 'company', operation: 'cinLookup', cin: CIN, requestOptions: { concurrency: 1 } },
			items: Array.from({ length: 51 }, () => ({ json: {} })),
			credentials: credentials(),
			continueOnFail: true,
		});
		const run = new FinpassCorporate().execute.call(ctx).then(
			(out) => ({ out }),
			(error) => ({ error }),
		);
		while (requests('/api/v1/corporate/cin-lookup').length < 1) await new Promise((r) => setTimeout(r, 10));
		ctx.cancel();
		// The run's promise settles (nothing is left pending), and the queue was not worked through.
		const settled = await run;
		expect(settled.error && settled.error.message).toBe('Execution was cancelled');
		expect(requests('/api/v1/corporate/cin-lookup').length).toBeLessThanOrEqual(2);
	});

	test('without Continue On Fail the first failure halts the queue; halted items are not reported in its place', async () => {
		sim.addFault({ kind: 'status', status: 400, path: '/api/v1/corporate/cin-lookup', count: 1, body: { data: null, status_code: 400, success: false, message: 'Bad request', message_code: 'bad_request' } });
		const items = Array.from({ length: 20 }, () => ({ json: {} }));
		const error = await fail(corporate({ items, parameters: { requestOptions: { concurrency: 1 } } }));
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe('Finpass: Bad request [bad_request]');
		expect(requests('/api/v1/corporate/cin-lookup')).toHaveLength(1);
	});
});

describe('Upload Statement reads each file when its request goes out', () => {
	const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
	test('every file is checked up front from its first bytes, then read whole once, right before its own upload (memory ≈ one file)', async () => {
		const items = [0, 1, 2].map((n) => ({ json: {}, binary: { data: { data: Buffer.concat([PDF, Buffer.from(`file ${n}`)]).toString('base64'), mimeType: 'application/pdf', fileName: `s${n}.pdf` } } }));
		const ctx = createContext({
			nodeType: 'n8n-nodes-finpass.finpassBankStatement',
			parameters: { resource: 'bankStatement', operation: 'uploadStatement', binaryPropertyName: 'data', requestOptions: { concurrency: 1 } },
			items,
			credentials: credentials(),
		});
		const events = [];
		const read = ctx.helpers.getBinaryDataBuffer;
		ctx.helpers.getBinaryDataBuffer = async (i, field) => {
			events.push(`read ${i}`);
			return read(i, field);
		};
		const send = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (type, options) {
			events.push('send');
			return send.call(this, type, options);
		};
		await new FinpassBankStatement().execute.call(ctx);
		expect(events).toEqual(['read 0', 'send', 'read 1', 'send', 'read 2', 'send']);
	});
});

describe('statement PDF links', () => {
	const transport = (settings = {}) => {
		const ctx = createContext({ credentials: credentials() });
		return { ctx, t: new Transport(ctx, finpass, undefined, { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 5, ...settings }) };
	};

	test('only https links are fetched (plain http only for loopback hosts); nothing is requested otherwise', async () => {
		const { ctx, t } = transport();
		for (const link of ['http://bucket.example.com/report.pdf?X-Amz-Signature=1', 'ftp://example.com/x.pdf', 'not a url']) {
			const error = await t.download(link, 0).catch((e) => e);
			expect(error.message).toBe('The report link is not an https URL: not downloaded');
		}
		expect(ctx.httpLog).toEqual([]);
	});

	test('a file above the size cap is refused while it streams', async () => {
		const big = await scriptedServer(() => ({ body: `%PDF-${'x'.repeat(199995)}` }));
		try {
			const { t } = transport({ maxDownloadBytes: 1024 * 1024 });
			expect((await t.download(`${big.url}/ok.pdf`, 0)).length).toBe(200000);
			const { t: small } = transport({ maxDownloadBytes: 1024 });
			const error = await small.download(`${big.url}/big.pdf`, 0).catch((e) => e);
			expect(error.message).toMatch(/larger than 0 MB: not downloaded|larger than .* MB: not downloaded/);
		} finally {
			await big.close();
		}
	});
});

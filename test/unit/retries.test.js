// Retries that fit what each call costs (docs/retries.md): billed reads are sent again after an
// unclear failure (bounded), calls that leave a mark at the vendor never are; n8n's Retry On Fail
// is refused where a re-run would leave marks again; numeric settings are checked before any
// request; a wait that runs out is the node's own error, and the wait needs no framework.
const fs = require('fs');
const http = require('http');
const path = require('path');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { createContext, runNode, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');

const load = (dir) => require(`${DIST}/nodes/${dir}/${dir}.node.js`)[dir];
const FinpassCorporate = load('FinpassCorporate');
const FinpassMultiBureau = load('FinpassMultiBureau');
const FinpassAccountAggregator = load('FinpassAccountAggregator');
const FinpassItrAnalyzer = load('FinpassItrAnalyzer');
const FinProFiData = load('FinProFiData');
const { FINPASS } = require(`${DIST}/nodes/shared/finpass/endpoints.js`);
const { FINPRO } = require(`${DIST}/nodes/shared/finpro/endpoints.js`);
const { waitUntil } = require(`${DIST}/nodes/shared/wait/wait.js`);
const { checkNumber } = require(`${DIST}/nodes/shared/validation/numbers.js`);

const sim = useSimulator({ consentDelayMs: -1, resetEachTest: true });
const fail = (promise) => promise.then(() => { throw new Error('expected the node to fail'); }, (e) => e);
const requests = (p) => sim.requests.filter((r) => r.path === p);
const BUREAU = '/api/v1/services/multi-bureau/fetch';
const AA_INIT = '/api/v1/services/account-aggregator/init';
const BORROWER = { resource: 'creditReport', operation: 'fetchReport', pan: 'ABCDE1234F', name: 'Asha Verma', mobileNumber: '9876543210', gender: 'female', consent: true, bureaus: ['cibil'], output: 'report' };
const bureau = (parameters = {}, extra = {}) =>
	runNode(FinpassMultiBureau, { nodeType: 'n8n-nodes-finpass.finpassMultiBureau', parameters: { ...BORROWER, ...parameters }, credentials: sim.credentials, ...extra });
const initConsent = (parameters = {}, extra = {}) =>
	runNode(FinpassAccountAggregator, {
		parameters: { resource: 'accountAggregator', operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', ...parameters },
		credentials: sim.credentials,
		...extra,
	});

/** n distinct company PANs (4th letter C). */
const pans = (n) =>
	Array.from({ length: n }, (_, i) => `AA${'ABCDEFGHJK'[i % 10]}C${'KLMNPRSTUV'[Math.floor(i / 10) % 10]}${String(1000 + i)}Z`);

/**
 * A registry on 127.0.0.1 that answers PAN lookups as Finpass does, except that the attempts
 * listed in `faults` (PAN → the kinds its 1st, 2nd… attempts meet) fail the way a flaky vendor or
 * gateway does: 502, 503 (with or without Retry-After), a reset connection, or a 200 cut off
 * mid-body. Every request is recorded.
 */
async function flakyRegistry(faults) {
	const seen = new Map();
	const log = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const { pan } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			const attempt = seen.get(pan) ?? 0;
			seen.set(pan, attempt + 1);
			const fault = (faults.get(pan) ?? [])[attempt];
			log.push({ pan, fault: fault ?? null });
			const send = (status, body, headers = {}) => {
				res.writeHead(status, { 'content-type': 'application/json', ...headers });
				res.end(typeof body === 'string' ? body : JSON.stringify(body));
			};
			if (fault === 'reset') return req.socket.destroy();
			if (fault === 'garbled') return send(200, '{"data":{"pan":"' + pan + '","entity_na');
			if (fault === '502') return send(502, '<html><body>502 Bad Gateway</body></html>', { 'content-type': 'text/html' });
			if (fault === '503') return send(503, { status_code: 503, success: false, message: 'Service unavailable', message_code: 'service_unavailable' });
			if (fault === '503-retry-after') return send(503, { status_code: 503, success: false, message: 'Service unavailable', message_code: 'service_unavailable' }, { 'retry-after': '0' });
			return send(200, { data: { entity_name: `Company ${pan}`, entity_type: 'Company', status: 'Active' }, status_code: 200, success: true, message: 'Success', message_code: 'success' });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		log,
		close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
	};
}

const panLookups = (baseUrl, list, { requestOptions = {}, continueOnFail = false, retryOnFail = false } = {}) => {
	const ctx = createContext({
		nodeType: 'n8n-nodes-finpass.finpassCorporate',
		parameters: { resource: 'company', operation: 'panLookup', pan: (i) => list[i], requestOptions },
		items: list.map((_, row) => ({ json: { row } })),
		continueOnFail,
		credentials: { finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl } },
	});
	if (retryOnFail) ctx.getNode().retryOnFail = true;
	return new FinpassCorporate().execute.call(ctx);
};

describe('the endpoint tables say what each call costs', () => {
	test('billed and leavesMark per endpoint: lookups are billed reads, pulls and starts leave a mark', () => {
		const marks = Object.entries(FINPASS).filter(([, e]) => e.leavesMark).map(([k]) => k).sort();
		expect(marks).toEqual(['aaBsaInit', 'aaInit', 'aaRefreshData', 'bsaUpload', 'epfoCrifReport', 'itrAnalyze', 'multiBureauFetch']);
		for (const key of ['corporateCinLookup', 'corporateLlpinLookup', 'corporatePanLookup']) expect(FINPASS[key]).toMatchObject({ billed: true, leavesMark: false });
		// every call that leaves a mark is billed or spends quota; FinPro's are all free reads
		for (const key of marks) expect(FINPASS[key].billed).toBe(true);
		for (const e of Object.values(FINPRO)) expect(e).toMatchObject({ billed: false, leavesMark: false });
	});
});

describe('billed reads are sent again after unclear failures', () => {
	let registry;
	afterEach(async () => registry && (await registry.close()));

	test('2,000 PAN lookups, 55 answers faulty (502, 503, resets, garbled JSON): 2,000 answered with at most 4% extra requests', async () => {
		const list = pans(2000);
		const kinds = ['502', '503', 'reset', 'garbled', '503-retry-after'];
		const faults = new Map();
		// 45 lookups meet one fault, 5 meet two in a row: 55 faulty answers in all, spread over the run
		for (let k = 0; k < 50; k++) {
			const pan = list[(k * 397 + 11) % 2000];
			faults.set(pan, k < 5 ? [kinds[k % 5], kinds[(k + 2) % 5]] : [kinds[k % 5]]);
		}
		registry = await flakyRegistry(faults);

		const output = await panLookups(registry.url, list, { requestOptions: { concurrency: 10 } });

		expect(registry.log.filter((r) => r.fault)).toHaveLength(55);
		const items = output[0];
		expect(items).toHaveLength(2000);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ pan: list[i], entity_type: 'Company' });
			expect(item.json.error).toBeUndefined();
		});
		// the only extra requests are the 55 repeats of faulty answers: 2.75%
		expect(registry.log).toHaveLength(2055);
		expect(registry.log.length).toBeLessThanOrEqual(2000 * 1.04);
		// each lookup answered once with data: no PAN was asked again after it got its answer
		const perPan = new Map();
		for (const r of registry.log) perPan.set(r.pan, (perPan.get(r.pan) ?? 0) + 1);
		for (const pan of list) expect(perPan.get(pan)).toBe(1 + (faults.get(pan) ?? []).length);
	}, 120000);

	test('bounded: a lookup that keeps failing is sent 3 times at most (each may be billed), even with Max Retries 10', async () => {
		const list = pans(1);
		registry = await flakyRegistry(new Map([[list[0], ['502', 'reset', '503', '502', '502']]]));
		const error = await fail(panLookups(registry.url, list, { requestOptions: { maxRetries: 10 } }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/gave up after 3 attempts: each may have been billed/);
		expect(registry.log).toHaveLength(3);
	}, 20000);

	test('Max Retries 0 turns the repeats off', async () => {
		const list = pans(1);
		registry = await flakyRegistry(new Map([[list[0], ['502']]]));
		const error = await fail(panLookups(registry.url, list, { requestOptions: { maxRetries: 0 } }));
		expect(error.httpCode).toBe('502');
		expect(registry.log).toHaveLength(1);
	});
});

describe('calls that leave a mark are not sent again after unclear failures', () => {
	test('a Multi-Bureau pull that meets a reset is sent exactly once; the item fails with a clear error', async () => {
		sim.addFault({ kind: 'reset', path: BUREAU });
		const error = await fail(bureau());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Could not reach Finpass: ECONNRESET \(not sent again: the request may have reached the vendor, and each call is billed\)$/);
		expect(requests(BUREAU)).toHaveLength(1);
	});

	test('with Continue On Fail, the bureau pull that met a reset is an error item and the others go on, each sent once', async () => {
		sim.addFault({ kind: 'reset', path: BUREAU });
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		const { output } = await bureau({ requestOptions: { concurrency: 1 } }, { items, continueOnFail: true });
		expect(output[0].map((item) => item.json.error === undefined)).toEqual([false, true, true]);
		expect(output[0][0].json.error).toMatch(/ECONNRESET .*not sent again/);
		expect(requests(BUREAU)).toHaveLength(3);
	});

	test('a 503 with Retry-After is not repeated for a bureau pull or a consent start (a gateway can answer so after forwarding)', async () => {
		sim.addFault({ kind: 'status', status: 503, retryAfter: 0, path: BUREAU });
		expect((await fail(bureau())).httpCode).toBe('503');
		expect(requests(BUREAU)).toHaveLength(1);
		sim.addFault({ kind: 'status', status: 503, retryAfter: 0, path: AA_INIT });
		const error = await fail(initConsent());
		expect(error.httpCode).toBe('503');
		expect(error.message).toMatch(/not retried automatically/);
		expect(requests(AA_INIT)).toHaveLength(1);
	});

	test('a 429 is repeated for them (a rate limit refuses before any work is done)', async () => {
		sim.addFault({ kind: '429', retryAfter: 0, path: BUREAU });
		sim.addFault({ kind: '429', retryAfter: 0, path: AA_INIT });
		expect((await bureau()).output[0]).toHaveLength(1);
		expect((await initConsent()).output[0]).toHaveLength(1);
		expect(requests(BUREAU).map((r) => r.status)).toEqual([429, 200]);
		expect(requests(AA_INIT).map((r) => r.status)).toEqual([429, 200]);
	});

	test('a 503 with Retry-After is still repeated for a read that leaves no mark', async () => {
		const cin = '/api/v1/corporate/cin-lookup';
		sim.addFault({ kind: 'status', status: 503, retryAfter: 0, path: cin });
		const { output } = await runNode(FinpassCorporate, {
			nodeType: 'n8n-nodes-finpass.finpassCorporate',
			parameters: { resource: 'company', operation: 'cinLookup', cin: 'U72900KA2015PTC082988' },
			credentials: sim.credentials,
		});
		expect(output[0]).toHaveLength(1);
		expect(requests(cin).map((r) => r.status)).toEqual([503, 200]);
	});
});

describe("n8n's Retry On Fail", () => {
	const withRetryOnFail = (ctx) => {
		ctx.getNode().retryOnFail = true;
		return ctx;
	};

	test('an operation that leaves a mark refuses to run with it, before any request, naming Max Retries', async () => {
		const ctx = withRetryOnFail(createContext({ nodeType: 'n8n-nodes-finpass.finpassMultiBureau', parameters: BORROWER, credentials: sim.credentials }));
		const error = await fail(new FinpassMultiBureau().execute.call(ctx));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Get Credit Report cannot run with Retry On Fail on: n8n would send every item again, also those that succeeded');
		expect(error.description).toMatch(/Turn off Settings → Retry On Fail\..*Request Options → Max Retries/);
		expect(sim.requests).toHaveLength(0);

		const consent = withRetryOnFail(createContext({
			parameters: { resource: 'accountAggregator', operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting' },
			credentials: sim.credentials,
		}));
		expect((await fail(new FinpassAccountAggregator().execute.call(consent))).message).toMatch(/^Initialize Consent cannot run with Retry On Fail on/);
		expect(sim.requests).toHaveLength(0);
	});

	test('a read may keep it (its own retries are then off: one count of attempts)', async () => {
		const ctx = withRetryOnFail(createContext({
			nodeType: 'n8n-nodes-finpass.finpassCorporate',
			parameters: { resource: 'company', operation: 'cinLookup', cin: 'U72900KA2015PTC082988' },
			credentials: sim.credentials,
		}));
		const output = await new FinpassCorporate().execute.call(ctx);
		expect(output[0]).toHaveLength(1);
		expect(sim.requests).toHaveLength(1);
	});
});

describe('numeric settings are checked before any request', () => {
	const ITR = { resource: 'itrAnalysis', operation: 'startAnalysis', pan: 'ABCDE1234F', password: 'Portal#Secret-2025' };
	const itr = (extra) =>
		runNode(FinpassItrAnalyzer, { nodeType: 'n8n-nodes-finpass.finpassItrAnalyzer', parameters: { ...ITR, ...extra }, credentials: sim.credentials });
	const cin = (requestOptions) =>
		runNode(FinpassCorporate, {
			nodeType: 'n8n-nodes-finpass.finpassCorporate',
			parameters: { resource: 'company', operation: 'cinLookup', cin: 'U72900KA2015PTC082988', requestOptions },
			credentials: sim.credentials,
		});
	const expectRefused = (error, message) => {
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(message);
		expect(error.description).toMatch(/^Nothing was sent to the API/);
		expect(sim.requests).toHaveLength(0);
	};

	test.each([
		[{ maxWaitSeconds: undefined }, 'Max Wait (Seconds) is empty: it must be a number from 1 to 604800'],
		[{ maxWaitSeconds: Infinity }, 'Max Wait (Seconds) is "Infinity": it must be a number from 1 to 604800'],
		[{ maxWaitSeconds: 'soon' }, 'Max Wait (Seconds) is "soon": it must be a number from 1 to 604800'],
		[{ pollIntervalSeconds: undefined }, 'First Check After (Seconds) is empty: it must be a number from 0.1 to 3600'],
		[{ pollIntervalSeconds: '' }, 'First Check After (Seconds) is empty: it must be a number from 0.1 to 3600'],
		[{ pollIntervalSeconds: NaN }, 'First Check After (Seconds) is "NaN": it must be a number from 0.1 to 3600'],
		[{ pollIntervalSeconds: 0 }, 'First Check After (Seconds) is "0": it must be a number from 0.1 to 3600'],
	])('wait settings %p are refused with the item and the parameter named', async (settings, message) => {
		const error = await fail(itr({ waitForCompletion: true, maxWaitSeconds: 30, pollIntervalSeconds: 0.2, ...settings }));
		expectRefused(error, message);
		expect(error.context.itemIndex).toBe(0);
	});

	test.each([
		[{ concurrency: 'many' }, 'Request Options → Concurrency is "many": it must be a whole number from 1 to 100'],
		[{ concurrency: undefined }, 'Request Options → Concurrency is empty: it must be a whole number from 1 to 100'],
		[{ concurrency: 0 }, 'Request Options → Concurrency is "0": it must be a whole number from 1 to 100'],
		[{ maxRequestsPerSecond: NaN }, 'Request Options → Max Requests per Second is "NaN": it must be a number from 0 to 10000'],
		[{ maxRetries: 11 }, 'Request Options → Max Retries is "11": it must be a whole number from 0 to 10'],
		[{ maxRetries: -Infinity }, 'Request Options → Max Retries is "-Infinity": it must be a whole number from 0 to 10'],
		[{ timeout: Infinity }, 'Request Options → Timeout (Seconds) is "Infinity": it must be a number from 1 to 3600'],
	])('Request Options %p are refused', async (requestOptions, message) => {
		expectRefused(await fail(cin(requestOptions)), message);
	});

	test('numbers an expression gives as text are read; an option not set uses its default', async () => {
		const { output } = await cin({ concurrency: '3', timeout: '30' });
		expect(output[0]).toHaveLength(1);
		const again = await cin({});
		expect(again.output[0]).toHaveLength(1);
	});

	test('page limits and the consent wait are checked too', async () => {
		const finpro = (extra) =>
			runNode(FinProFiData, {
				nodeType: 'n8n-nodes-finpass.finProFiData',
				parameters: { resource: 'fiData', operation: 'getFiData', consentId: '3c92001e-57ea-4320-bbb8-66d524bfb435', linkReferenceNumber: '5e2d9b8a-3f1c-4e6a-9b7d-2c8f1a0e4d6b', output: 'account', ...extra },
				credentials: sim.credentials,
			});
		expectRefused(await fail(finpro({ returnAll: false, limit: undefined })), 'Limit is empty: it must be a number from 1 to 1000000');
		expectRefused(await fail(finpro({ fetchOptions: { pageSize: 0 } })), 'Options → Page Size is "0": it must be a number from 1 to 10000');
		expectRefused(await fail(finpro({ fetchOptions: { maxPages: Infinity } })), 'Options → Max Pages is "Infinity": it must be a number from 1 to 1000000');
		const consent = await fail(
			runNode(FinpassAccountAggregator, {
				parameters: { resource: 'accountAggregator', operation: 'initConsentAndWait', mobileNumber: '9876543210', consentType: 'loan_underwriting', maxWaitHours: Infinity },
				credentials: sim.credentials,
			}),
		);
		expectRefused(consent, 'Limit Wait Time (Hours) is "Infinity": it must be a number from 0.001 to 8760');
	});

	test('checkNumber: finite, in range, whole where it must be', () => {
		const range = { min: 1, max: 100, integer: true };
		expect(checkNumber(5, range)).toEqual({ ok: true, value: 5 });
		expect(checkNumber(' 7 ', range)).toEqual({ ok: true, value: 7 });
		for (const bad of [undefined, null, '', '  ', 'x', NaN, Infinity, -Infinity, 0, 101, 2.5, true, [], {}]) {
			expect(checkNumber(bad, range).ok).toBe(false);
		}
	});
});

describe('a wait that runs out', () => {
	const ITR = { resource: 'itrAnalysis', operation: 'startAnalysis', pan: 'ABCDE1234F', password: 'Portal#Secret-2025' };
	const itr = (extra) =>
		runNode(FinpassItrAnalyzer, { nodeType: 'n8n-nodes-finpass.finpassItrAnalyzer', parameters: { ...ITR, ...extra }, credentials: sim.credentials });

	test('is the node\'s own error, not a Finpass error: it says how long it waited and what to change', async () => {
		await sim.control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const error = await fail(itr({ waitForCompletion: true, maxWaitSeconds: 1, pollIntervalSeconds: 0.2, onTimeout: 'fail' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBeUndefined();
		expect(error.message).toMatch(/^Stopped waiting after 1 s \(Max Wait\): ITR analysis job itr_\w+ was still "processing"$/);
		expect(error.message).not.toMatch(/Finpass/);
		expect(error.description).toMatch(/^The wait timed out; the API did not report an error\. Raise Max Wait \(Seconds\), or set On Timeout to "Return Job State"/);
		expect(error.context.itemIndex).toBe(0);
	});

	test('On Timeout → Return Job State still outputs the timed-out item', async () => {
		await sim.control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const { output } = await itr({ waitForCompletion: true, maxWaitSeconds: 1, pollIntervalSeconds: 0.2, onTimeout: 'returnState' });
		expect(output[0][0].json).toMatchObject({ job_id: expect.stringMatching(/^itr_/), wait_timed_out: true, status: 'processing' });
	});

	test('with Continue On Fail it is an error item without an HTTP code', async () => {
		await sim.control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const { output } = await runNode(FinpassItrAnalyzer, {
			nodeType: 'n8n-nodes-finpass.finpassItrAnalyzer',
			parameters: { ...ITR, waitForCompletion: true, maxWaitSeconds: 1, pollIntervalSeconds: 0.2, onTimeout: 'fail' },
			credentials: sim.credentials,
			continueOnFail: true,
		});
		expect(output[0][0].json.error).toMatch(/^Stopped waiting after 1 s \(Max Wait\)/);
		expect(output[0][0].json.http_code).toBeUndefined();
	});
});

describe('the wait needs a status check and a clock, not the framework', () => {
	test('no file of the wait imports the operation framework', () => {
		const dir = path.resolve(__dirname, '../../nodes/shared/wait');
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			const source = fs.readFileSync(path.join(dir, file), 'utf8');
			expect([file, /from '\.\.\/framework\//.test(source)]).toEqual([file, false]);
		}
	});

	test('waitUntil runs on a host of its own: a pause, a clock, a node', async () => {
		let now = 0;
		const pauses = [];
		const host = {
			node: { id: 'n', name: 'Wait Test', type: 't', typeVersion: 1, position: [0, 0], parameters: {} },
			now: () => now,
			pause: async (ms) => {
				pauses.push(ms);
				now += ms;
			},
			vendorError: () => new Error('not expected'),
		};
		let checks = 0;
		const wait = { enabled: true, maxWaitSeconds: 10, pollIntervalSeconds: 2, onTimeout: 'fail' };
		const done = await waitUntil(host, 0, {
			wait,
			label: 'Job 1',
			resumeHint: 'Get Status',
			check: async () => (++checks < 3 ? { done: false, state: 'processing' } : { done: true, value: 'ready' }),
		});
		expect(done).toEqual({ done: true, value: 'ready', checks: 3 });
		expect(pauses).toEqual([2000, 3000]);

		now = 0;
		const error = await waitUntil(host, 4, { wait, label: 'Job 2', resumeHint: 'Get Status', check: async () => ({ done: false, state: 'queued' }) }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Stopped waiting after 10 s (Max Wait): Job 2 was still "queued"');
		expect(error.context.itemIndex).toBe(4);
		expect(now).toBe(10000);
	});
});

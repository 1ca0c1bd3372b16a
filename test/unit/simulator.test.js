// The vendor simulator itself (packages/simulator/lib/server.js and routes/account-aggregator.js):
// the core (auth, request log, 429 limit, faults, control API, webhooks) and the Account
// Aggregator contract (docs/api-contract.md#endpoints).
const http = require('node:http');
const crypto = require('node:crypto');
const { startSimulator, ok, fail } = require('../../packages/simulator/lib/server');
const { useSimulator } = require('../helpers/simulator');

const AA = '/api/v1/services/account-aggregator';
const KEYS = { 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sim = useSimulator({ consentDelayMs: 100, dataDelayMs: 100, webhookRetryDelayMs: 50 });
const control = sim.control;
beforeEach(() => control('/__sim/reset', {}));

/** A Finpass call: resolves {status, headers, json, text}. */
async function call(path, body, headers = KEYS) {
	const res = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json, text };
}


async function newClient(extra = {}) {
	const r = await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting', ...extra });
	expect(r.status).toBe(200);
	return r.json.data.client_id;
}

const fetchReport = (clientId, extra = {}) => call(`${AA}/fetch-json-report`, { client_id: clientId, ...extra });

/** Waits until the report is ready (the clock is 100 ms + 100 ms). */
async function readyClient(extra = {}) {
	const id = await newClient(extra);
	await control(`/__sim/aa/clients/${id}`, { consent: 'approved', data: 'ready' });
	return id;
}

/** A receiver on 127.0.0.1 that answers with the scripted statuses, then 200. */
async function receiver(statuses = []) {
	const got = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			got.push({ url: req.url, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(statuses.length ? statuses.shift() : 200);
			res.end();
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${server.address().port}`, got, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

async function until(fn, ms = 3000) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error('timed out waiting');
		await sleep(20);
	}
}

const paise = (s) => {
	const [r, p = ''] = String(s).split('.');
	return Number(r) * 100 + Number(p.padEnd(2, '0'));
};

describe('envelopes', () => {
	test('ok and fail have the documented shape', () => {
		expect(ok({ a: 1 })).toEqual({ data: { a: 1 }, status_code: 200, success: true, message: 'Success', message_code: 'success' });
		expect(fail(404, 'Client not found', 'client_not_found')).toEqual({
			data: null, status_code: 404, success: false, message: 'Client not found', message_code: 'client_not_found',
		});
	});
});

describe('authentication', () => {
	test('missing or wrong Finpass keys answer the documented 401', async () => {
		for (const headers of [{}, { 'x-api-key': 'sim_key' }, { ...KEYS, 'x-api-secret': 'nope' }]) {
			const r = await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting' }, headers);
			expect(r.status).toBe(401);
			expect(r.json).toEqual({
				status_code: 401, success: false, message: 'Unauthorized access. Invalid or missing API credentials.', message_code: 'unauthorized',
			});
		}
		sim.takeViolations(); // sent off-contract on purpose
	});

	test('header names are case-insensitive (the documents write X-API-Key)', async () => {
		const r = await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting' }, { 'X-API-KEY': 'sim_key', 'X-Api-Secret': 'sim_secret' });
		expect(r.status).toBe(200);
	});

	test('FinPro routes check client_id, client_secret, organisationId, appIdentifier', async () => {
		const probe = await startSimulator({ port: 0 });
		try {
			probe.route('POST', '/probe-finpro', () => ({ status: 200, body: { status: 'success' } }), { vendor: 'finpro' });
			const good = { client_id: 'sim_client', client_secret: 'sim_client_secret', organisationId: 'sim_org', appIdentifier: 'sim_app' };
			const post = (headers) => fetch(`${probe.url}/probe-finpro`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
			expect((await post(good)).status).toBe(200);
			const bad = await post({ ...good, client_secret: 'wrong' });
			expect(bad.status).toBe(401);
			expect(await bad.json()).toMatchObject({ ver: '1.21.0', errorCode: 'Unauthorized', errorMsg: 'Invalid credentials', status: 'failure' });
			// the secret is recorded as it arrived
			expect(probe.requests[1].headers.client_secret).toBe('wrong');
		} finally {
			await probe.close();
		}
	});
});

describe('init', () => {
	test('validates mobile_number and consent_type with 422', async () => {
		for (const mobile of ['5876543210', '987654321', '+919876543210']) {
			const r = await call(`${AA}/init`, { mobile_number: mobile, consent_type: 'loan_underwriting' });
			expect(r.status).toBe(422);
			expect(r.json).toEqual(fail(422, 'Invalid mobile number', 'invalid_mobile_number'));
		}
		const r = await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'mortgage' });
		expect(r.status).toBe(422);
		expect(r.json.message_code).toBe('invalid_consent_type');
		expect(sim.violations).toEqual([]);
	});

	test('a number where the document says string is a contract violation (400, recorded)', async () => {
		const r = await call(`${AA}/init`, { mobile_number: 9876543210, consent_type: 'loan_underwriting' });
		expect(r.status).toBe(400);
		expect(r.json.message_code).toBe('contract_violation');
		expect(sim.violations).toEqual([expect.objectContaining({ rule: 'type', path: `${AA}/init`, reject: true })]);
		expect(sim.violations[0].detail).toMatch(/mobile_number is integer, documented as string/);
		sim.takeViolations();
	});

	test('requires a JSON body', async () => {
		const res = await fetch(`${sim.url}${AA}/init`, { method: 'POST', headers: { ...KEYS, 'content-type': 'text/plain' }, body: 'mobile_number=9876543210' });
		expect(res.status).toBe(400);
		expect(sim.violations.map((v) => v.rule)).toEqual(['header', 'body']);
		sim.takeViolations();
	});

	test('answers the documented fields; PAN as pan_number or pan, "" as null', async () => {
		const a = await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_monitoring', pan_number: 'ABCDE1234F', email: 'a@b.in' });
		expect(a.json).toMatchObject({ status_code: 200, success: true, message: 'Success', message_code: 'success' });
		expect(a.json.data).toEqual({
			client_id: expect.stringMatching(/^aa_[0-9a-f]{8}_[0-9a-f]{17}$/),
			mobile_number: '9876543210',
			pan_number: 'ABCDE1234F',
			email_id: 'a@b.in',
			redirect_url: `${sim.url}/sim/consent/${a.json.data.client_id}`,
		});
		const b = await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting', pan: 'ABCDE1234F' });
		expect(b.json.data.pan_number).toBe('ABCDE1234F');
		const c = await call(`${AA}/init`, { mobile_number: '9999000000', pan: '', email: '', consent_type: 'loan_underwriting', webhook_url: '', redirect_url: '' });
		expect(c.json.data).toMatchObject({ pan_number: null, email_id: null });
	});
});

describe('fetch-json-report', () => {
	test('pending (422) → in progress (202) → the report (200)', async () => {
		// a wide data window, so a busy machine cannot skip the 202
		await control('/__sim/config', { consentDelayMs: 100, dataDelayMs: 600 });
		const t0 = Date.now();
		const id = await newClient();
		let r = await fetchReport(id);
		expect(r.status).toBe(422);
		expect(r.json).toEqual(fail(422, 'Consent status pending', 'consent_pending'));
		r = await until(async () => ((r = await fetchReport(id)).status !== 422 ? r : null));
		expect(r.status).toBe(202);
		expect(r.json).toEqual({ data: null, status_code: 202, success: true, message: 'Data fetch in progress', message_code: 'data_fetch_in_progress' });
		r = await until(async () => ((r = await fetchReport(id)).status !== 202 ? r : null));
		expect(r.status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
		expect(r.json.data.client_id).toBe(id);
		expect(r.json.data.account_aggregator_json).toHaveLength(2);
	});

	test('the report keeps the document quirks and exact paise balances', async () => {
		const id = await readyClient();
		const { json } = await fetchReport(id);
		const [first, second] = json.data.account_aggregator_json;
		for (const acc of [first, second]) {
			expect(Object.keys(acc)).toEqual(['account_id', 'status', 'profile_details', 'summary_details', 'transaction_data', 'transaction_type', 'masked_account_number']);
			expect(acc.status).toBe('READY');
			expect(acc.transaction_type).toBe('deposit');
			expect(typeof acc.summary_details.current_balance).toBe('string');
			const rows = acc.transaction_data.transaction_details;
			let balance = paise(rows[0].transactional_balance) - (rows[0].type === 'CREDIT' ? 1 : -1) * Math.round(rows[0].amount * 100);
			for (const t of rows) {
				expect(typeof t.amount).toBe('number');
				expect(typeof t.transactional_balance).toBe('string');
				expect(t.transactional_balance).toMatch(/^\d+\.\d{2}$/);
				balance += (t.type === 'CREDIT' ? 1 : -1) * Math.round(t.amount * 100);
				expect(paise(t.transactional_balance)).toBe(balance);
			}
			expect(acc.summary_details.current_balance).toBe(rows[rows.length - 1].transactional_balance);
		}
		const t1 = first.transaction_data.transaction_details.filter((t) => t.transaction_id === 'T000001');
		expect(t1.length).toBeGreaterThanOrEqual(3);
		expect(new Set(t1.map((t) => `${t.type}|${t.value_date}`)).size).toBe(t1.length);
		const amounts = second.transaction_data.transaction_details.map((t) => t.amount);
		expect(amounts).toEqual(expect.arrayContaining([1234.56, 0.1, 0.2]));
		expect(first.masked_account_number).not.toBe(second.masked_account_number);
		// deterministic per client_id
		expect((await fetchReport(id)).json).toEqual(json);
	});

	test('control `transactions: N` gives a long chronological, consistent series', async () => {
		const id = await readyClient();
		await control(`/__sim/aa/clients/${id}`, { transactions: 2000 });
		const rows = (await fetchReport(id)).json.data.account_aggregator_json[0].transaction_data.transaction_details;
		expect(rows).toHaveLength(2000);
		for (let i = 1; i < rows.length; i++) {
			expect(Date.parse(rows[i].transaction_timestamp)).toBeGreaterThan(Date.parse(rows[i - 1].transaction_timestamp));
			const delta = (rows[i].type === 'CREDIT' ? 1 : -1) * Math.round(rows[i].amount * 100);
			expect(paise(rows[i].transactional_balance)).toBe(paise(rows[i - 1].transactional_balance) + delta);
		}
	});

	test('unknown client 404', async () => {
		const r = await fetchReport('aa_00000000_00000000000000000');
		expect(r.status).toBe(404);
		expect(r.json).toEqual(fail(404, 'Client not found', 'client_not_found'));
	});

	test('magic mobiles: 0001 rejected, 0002 revoked, 0003 data fetch error', async () => {
		const ids = {};
		for (const end of ['0001', '0002', '0003']) ids[end] = await newClient({ mobile_number: `987654${end}` });
		await sleep(230);
		expect((await fetchReport(ids['0001'])).json).toEqual(fail(422, 'Consent status rejected', 'consent_rejected'));
		expect((await fetchReport(ids['0002'])).json).toEqual(fail(422, 'Consent status revoked', 'consent_revoked'));
		expect((await fetchReport(ids['0003'])).json).toEqual(fail(422, 'Account data fetch error', 'account_data_fetch_error'));
	});

	test('forced states give the documented 422 codes', async () => {
		const id = await newClient();
		const cases = [
			[{ consent: 'expired' }, 'consent_expired'],
			[{ consent: 'approved', data: 'not_found' }, 'account_data_not_found'],
			[{ data: 'expired' }, 'account_data_fetch_expired'],
			[{ data: 'error' }, 'account_data_fetch_error'],
		];
		for (const [change, code] of cases) {
			await control(`/__sim/aa/clients/${id}`, change);
			const r = await fetchReport(id);
			expect(r.status).toBe(422);
			expect(r.json.message_code).toBe(code);
		}
	});

	test('loan_monitoring needs a request_id issued by refresh-data for that client', async () => {
		await control('/__sim/config', { dataDelayMs: 400 });
		const id = await readyClient({ consent_type: 'loan_monitoring' });
		const other = await readyClient();
		expect((await fetchReport(id)).json).toEqual(fail(422, 'No financial information request found', 'no_fi_request_found'));
		const { request_id: foreign } = (await call(`${AA}/refresh-data`, { client_id: other })).json.data;
		expect((await fetchReport(id, { request_id: foreign })).json.message_code).toBe('no_fi_request_found');
		await control(`/__sim/aa/clients/${id}`, { data: 'auto' });
		const { request_id: mine } = (await call(`${AA}/refresh-data`, { client_id: id })).json.data;
		expect(mine).toMatch(/^account_aggregator_v2_[A-Za-z]+$/);
		expect((await fetchReport(id, { request_id: mine })).status).toBe(202);
		await until(async () => (await fetchReport(id, { request_id: mine })).status === 200);
		sim.takeViolations(); // sent off-contract on purpose
	});
});

describe('refresh-data', () => {
	test('unknown client 400; quota 422 after monthlyRefreshLimit; both documented paths', async () => {
		const bad = await call(`${AA}/refresh-data`, { client_id: 'account_aggregator_v2_nothere' });
		expect(bad.status).toBe(400);
		expect(bad.json).toEqual(fail(400, 'Invalid or expired client ID provided', 'invalid_client_id'));
		await control('/__sim/config', { monthlyRefreshLimit: 3 });
		const id = await newClient();
		const paths = [`${AA}/refresh-data`, '/api/v1/account-aggregator/refresh-data', `${AA}/refresh-data`];
		for (const p of paths) expect((await call(p, { client_id: id })).status).toBe(200);
		const over = await call(`${AA}/refresh-data`, { client_id: id });
		expect(over.status).toBe(422);
		expect(over.json).toEqual(fail(422, 'Account aggregator limit exceeded for this month', 'limit_exceeded'));
	});
});

describe('fetch-statement-pdf and the S3 link', () => {
	test('one READY report per bank (two by default, as in the document); the link serves a valid PDF without keys', async () => {
		const id = await readyClient();
		const r = await call(`${AA}/fetch-statement-pdf`, { client_id: id });
		expect(r.status).toBe(200);
		const { reports } = r.json.data;
		expect(reports.map((x) => x.status)).toEqual(['READY', 'READY']);
		expect(new Set(reports.map((x) => x.fip_id)).size).toBe(2);
		const link = reports[0].statement_report_link;
		expect(link).toMatch(new RegExp(`^${sim.url}/sim/s3/[^?]+\\.pdf\\?X-Amz-Expires=600&X-Amz-Signature=[0-9a-f]+$`));
		const res = await fetch(link);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const pdf = Buffer.from(await res.arrayBuffer());
		expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(pdf.toString('latin1')).toContain(reports[0].account_number);
		// every xref entry points at its object
		const text = pdf.toString('latin1');
		const xrefAt = Number(/startxref\n(\d+)/.exec(text)[1]);
		expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
		const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		offsets.forEach((off, i) => expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
		const download = sim.requests.find((q) => q.path.startsWith('/sim/s3/'));
		expect(download.s3).toMatchObject({ had_api_key: false, had_api_secret: false, status: 200 });
	});

	test('the same consent gates apply', async () => {
		const id = await newClient();
		expect((await call(`${AA}/fetch-statement-pdf`, { client_id: id })).json.message_code).toBe('consent_pending');
		expect((await call(`${AA}/fetch-statement-pdf`, { client_id: 'aa_x' })).status).toBe(404);
	});

	test('the link expires (403 AccessDenied XML) and a bad signature is refused', async () => {
		await control('/__sim/config', { pdfLinkTtlMs: 400 });
		const id = await readyClient();
		const link = (await call(`${AA}/fetch-statement-pdf`, { client_id: id })).json.data.reports[0].statement_report_link;
		expect((await fetch(link.replace(/Signature=[0-9a-f]+/, 'Signature=00'))).status).toBe(403);
		expect((await fetch(link, { headers: KEYS })).status).toBe(200);
		await sleep(450);
		const res = await fetch(link);
		expect(res.status).toBe(403);
		expect(await res.text()).toMatch(/<Code>AccessDenied<\/Code>/);
		const links = await control('/__sim/aa/pdf-links');
		const downloads = links.find((l) => link.includes(l.file)).downloads;
		expect(downloads.map((d) => [d.status, d.had_api_key])).toEqual([[403, false], [200, true], [403, false]]);
	});
});

describe('concurrency limit', () => {
	test('a request beyond maxInFlight gets 429 with Retry-After at once', async () => {
		await control('/__sim/config', { maxInFlight: 1, retryAfterSeconds: 7 });
		await control('/__sim/faults', { kind: 'slow', delayMs: 800, path: `${AA}/init` });
		const slow = call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting' });
		await sleep(50);
		const second = await call(`${AA}/refresh-data`, { client_id: 'x' });
		expect(second.status).toBe(429);
		// answered while the slow one still holds the only slot (not after it)
		expect(sim.sim.inFlight).toBe(1);
		expect(second.headers.get('retry-after')).toBe('7');
		expect(second.json).toEqual({ status_code: 429, success: false, message: 'Too many requests', message_code: 'rate_limited' });
		// control calls do not count
		expect((await fetch(`${sim.url}/__sim/state`)).status).toBe(200);
		expect((await slow).status).toBe(200);
	});

	test('back-to-back requests are never counted twice', async () => {
		await control('/__sim/config', { maxInFlight: 1 });
		for (let i = 0; i < 30; i++) expect((await call(`${AA}/refresh-data`, { client_id: 'x' })).status).toBe(400);
	});

	test('latencyMs is added to vendor answers', async () => {
		await control('/__sim/config', { latencyMs: 120 });
		const t0 = Date.now();
		await call(`${AA}/refresh-data`, { client_id: 'x' });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
	});

	test('latencyMs runs from arrival to the answer leaving: the work is done at arrival, the answer held until then', async () => {
		const id = await readyClient({ consent_type: 'loan_monitoring' });
		await control('/__sim/config', { latencyMs: 400 });
		const t0 = Date.now();
		const answer = call(`${AA}/refresh-data`, { client_id: id });
		// long before the answer is due, the refresh has already been counted
		let counted = 0;
		while (counted === 0 && Date.now() - t0 < 300) {
			await sleep(20);
			counted = (await (await fetch(`${sim.url}/__sim/aa/clients/${id}`)).json()).refreshes;
		}
		expect(counted).toBe(1);
		const r = await answer;
		expect(r.status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
		const [record] = sim.requests.filter((q) => q.path === `${AA}/refresh-data`);
		expect(record.ms).toBeGreaterThanOrEqual(390);
	});

	test('a 429 beyond maxInFlight answers at once, without the latency; a slow fault adds to the latency', async () => {
		await control('/__sim/config', { latencyMs: 300, maxInFlight: 1 });
		const first = call(`${AA}/refresh-data`, { client_id: 'x' });
		await sleep(50);
		const t0 = Date.now();
		const rejected = await call(`${AA}/refresh-data`, { client_id: 'x' });
		expect(rejected.status).toBe(429);
		expect(Date.now() - t0).toBeLessThan(250);
		expect((await first).status).toBe(400);

		await control('/__sim/faults', { kind: 'slow', delayMs: 200, count: 1 });
		const t1 = Date.now();
		await call(`${AA}/refresh-data`, { client_id: 'x' });
		expect(Date.now() - t1).toBeGreaterThanOrEqual(490);
	});
});

describe('faults', () => {
	const refresh = () => call(`${AA}/refresh-data`, { client_id: 'x' });

	test('status: vendor-shaped 5xx with optional Retry-After, `count` times, then normal', async () => {
		await control('/__sim/faults', { kind: 'status', status: 503, retryAfter: 2, count: 2 });
		for (let i = 0; i < 2; i++) {
			const r = await refresh();
			expect(r.status).toBe(503);
			expect(r.headers.get('retry-after')).toBe('2');
			expect(r.json).toMatchObject({ data: null, status_code: 503, success: false });
		}
		expect((await refresh()).status).toBe(400);
	});

	test('429 with Retry-After', async () => {
		await control('/__sim/faults', { kind: '429', retryAfter: 3 });
		const r = await refresh();
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('3');
		expect(r.json.message_code).toBe('rate_limited');
	});

	test('slow delays the answer', async () => {
		await control('/__sim/faults', { kind: 'slow', delayMs: 200 });
		const t0 = Date.now();
		expect((await refresh()).status).toBe(400);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
	});

	test('garbled: 200, says JSON, is not JSON', async () => {
		await control('/__sim/faults', { kind: 'garbled' });
		const r = await refresh();
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/application\/json/);
		expect(() => JSON.parse(r.text)).toThrow();
	});

	test('reset destroys the socket', async () => {
		await control('/__sim/faults', { kind: 'reset' });
		await expect(refresh()).rejects.toThrow();
		expect(sim.requests[sim.requests.length - 1]).toMatchObject({ fault: 'reset', status: 0 });
		expect((await refresh()).status).toBe(400);
	});

	test('a path filter leaves other paths alone; faults are consumed in order', async () => {
		await control('/__sim/faults', [
			{ kind: 'status', status: 502, path: `${AA}/init` },
			{ kind: 'status', status: 500 },
			{ kind: 'status', status: 504 },
		]);
		expect((await refresh()).status).toBe(500);
		expect((await call(`${AA}/init`, {})).status).toBe(502);
		expect((await refresh()).status).toBe(504);
		expect((await refresh()).status).toBe(400);
		sim.takeViolations(); // sent off-contract on purpose
	});
});

describe('webhooks', () => {
	test('consent approval is POSTed, HMAC-signed, retried after 503', async () => {
		const rx = await receiver([503]);
		try {
			await control('/__sim/config', { webhookSigning: { mode: 'hmac', header: 'x-sim-signature', secret: 'whsec', encoding: 'hex', timestampHeader: 'x-sim-timestamp' } });
			const id = await newClient({ webhook_url: `${rx.url}/hook?src=finpass` });
			await until(() => rx.got.length >= 2);
			const [first, second] = rx.got;
			expect(first.raw).toBe(second.raw);
			const body = JSON.parse(second.raw);
			expect(body).toEqual({ event: 'consent_status', client_id: id, consent_status: 'ACTIVE', status: 'approved', timestamp: expect.any(String) });
			expect(second.url).toBe('/hook?src=finpass');
			const ts = second.headers['x-sim-timestamp'];
			const expected = crypto.createHmac('sha256', 'whsec').update(`${ts}.${second.raw}`).digest('hex');
			expect(second.headers['x-sim-signature']).toBe(expected);
			// the receiver can see attempt 2 before the simulator has read its answer
			await until(() => sim.webhookDeliveries.length >= 2);
			expect(sim.webhookDeliveries.map((d) => [d.attempt, d.status])).toEqual([[1, 503], [2, 200]]);
		} finally {
			await rx.close();
		}
	});

	test('borrower rejection, query-token signing, on-demand notify', async () => {
		const rx = await receiver();
		try {
			await control('/__sim/config', { consentDelayMs: -1, webhookSigning: { mode: 'query', token: 't 1' } });
			const id = await newClient({ webhook_url: `${rx.url}/hook?a=1` });
			const page = await fetch(`${sim.url}/sim/consent/${id}`);
			expect(await page.text()).toMatch(/pending/);
			expect((await fetch(`${sim.url}/sim/consent/${id}/reject`, { method: 'POST' })).status).toBe(200);
			await until(() => rx.got.length >= 1);
			expect(rx.got[0].url).toBe('/hook?a=1&token=t%201');
			expect(JSON.parse(rx.got[0].raw).consent_status).toBe('REJECTED');
			const again = await control(`/__sim/aa/clients/${id}/notify`, {});
			expect(again.status).toBe(200);
			expect(rx.got).toHaveLength(2);
		} finally {
			await rx.close();
		}
	});

	test('header and base64 HMAC signing modes', async () => {
		const rx = await receiver();
		try {
			sim.setConfig({ webhookSigning: { mode: 'header', name: 'x-webhook-token', value: 'shh' } });
			await sim.deliverWebhook(`${rx.url}/h`, { n: 1 });
			expect(rx.got[0].headers['x-webhook-token']).toBe('shh');
			sim.setConfig({ webhookSigning: { mode: 'hmac', header: 'x-signature', secret: 'k', encoding: 'base64' } });
			await sim.deliverWebhook(`${rx.url}/h`, { n: 2 });
			expect(rx.got[1].headers['x-signature']).toBe(crypto.createHmac('sha256', 'k').update(rx.got[1].raw).digest('base64'));
		} finally {
			await rx.close();
		}
	});

	test('only local receivers; an unreachable one is retried and recorded', async () => {
		await control('/__sim/config', { webhookRetries: 2 });
		const far = await sim.deliverWebhook('http://example.com/hook', { a: 1 });
		expect(far).toMatchObject({ refused: true });
		const dead = await receiver();
		await dead.close();
		const last = await sim.deliverWebhook(`${dead.url}/hook`, { a: 1 });
		expect(last).toMatchObject({ attempt: 3, error: 'ECONNREFUSED' });
	});
});

describe('request log and control API', () => {
	test('records vendor requests (also rejected ones) with secrets as sent; control calls are not recorded', async () => {
		await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting' }, { 'x-api-key': 'sim_key', 'x-api-secret': 'typo' });
		await call(`${AA}/refresh-data`, { client_id: 'x' });
		await control('/__sim/state');
		const all = await control('/__sim/requests');
		expect(all).toHaveLength(2);
		expect(all[0]).toMatchObject({
			seq: 1, method: 'POST', path: `${AA}/init`, query: {}, status: 401,
			json: { mobile_number: '9876543210', consent_type: 'loan_underwriting' },
		});
		expect(all[0].headers['x-api-secret']).toBe('typo');
		expect(Buffer.from(all[0].rawBody, 'base64').toString()).toBe(JSON.stringify(all[0].json));
		expect(typeof all[0].time).toBe('string');
		const filtered = await control(`/__sim/requests?path=${encodeURIComponent(`${AA}/refresh-data`)}`);
		expect(filtered.map((r) => r.seq)).toEqual([2]);
	});

	test('reset clears state and restores the start config; state shows clients', async () => {
		const id = await newClient();
		await control('/__sim/config', { latencyMs: 5, apiKey: 'other' });
		const state = await control('/__sim/state');
		expect(state.aa.clients.map((c) => c.client_id)).toEqual([id]);
		expect(state.config).toMatchObject({ latencyMs: 5, apiKey: 'other', consentDelayMs: 100 });
		await control('/__sim/reset', {});
		const after = await control('/__sim/state');
		expect(after.aa.clients).toEqual([]);
		expect(after.config).toMatchObject({ latencyMs: 0, apiKey: 'sim_key', consentDelayMs: 100 });
		expect(after.requestCount).toBe(0);
		expect(sim.config.apiKey).toBe('sim_key');
	});

	test('forcing a state checks its value', async () => {
		const id = await newClient();
		const res = await fetch(`${sim.url}/__sim/aa/clients/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"consent":"maybe"}' });
		expect(res.status).toBe(400);
		const v = await control(`/__sim/aa/clients/${id}`, { consent: 'approved' });
		expect(v).toMatchObject({ consent_status: 'approved', data_status: 'pending' });
	});
});

describe('the documented contract (packages/simulator/lib/contract.js)', () => {
	// These tests break the contract on purpose and read the violations themselves.
	afterEach(() => sim.takeViolations());
	const FP = { client_id: 'sim_client', client_secret: 'sim_client_secret', organisationId: 'sim_org', appIdentifier: 'sim_app' };
	const DOC_CONSENT = '3c92001e-57ea-4320-bbb8-66d524bfb435';
	const DOC_LINK = '7f8227f1-697f-40d3-a4af-0508f5d0a1dd';
	const send = async (method, path, { body, headers = KEYS, json = true } = {}) => {
		const res = await fetch(`${sim.url}${path}`, {
			method,
			headers: { ...(json && body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, json: text ? JSON.parse(text) : undefined };
	};
	const finpro = (qs, body = { consentID: DOC_CONSENT, linkReferenceNumber: DOC_LINK }) => send('POST', `/getfidata${qs}`, { body, headers: FP });

	test('methods follow the vendor navigation: the other method is 405 and a violation', async () => {
		const cases = [
			['POST', '/api/v1/itr-analyzer/status', { job_id: 'x' }],
			['POST', '/api/v1/itr-analyzer/data', { job_id: 'x' }],
			['POST', '/api/v1/services/bsa/statement-result', { client_id: 'x' }],
			['POST', '/api/v1/aa-bsa-journey/status', { client_id: 'x' }],
			['GET', '/api/v1/corporate/company-autocomplete?company_name=acme'],
			['GET', '/api/v1/services/epfo-crif/report?mobile_number=9876543210'],
		];
		for (const [method, path, body] of cases) {
			const r = await send(method, path, { body });
			expect([method, path, r.status]).toEqual([method, path, 405]);
		}
		expect(sim.violations.map((v) => v.rule)).toEqual(cases.map(() => 'method'));
		// The documented methods answer without a violation.
		await sim.takeViolations();
		expect((await send('GET', '/api/v1/itr-analyzer/status?job_id=nope')).status).toBe(404);
		expect((await send('POST', '/api/v1/corporate/company-autocomplete', { body: { company_name: 'acme' } })).status).toBe(200);
		expect(sim.violations).toEqual([]);
	});

	test('an undocumented path, field or missing credential header is recorded; GET /__sim/violations and take', async () => {
		await send('POST', '/api/v2/nowhere', { body: {} });
		await call(`${AA}/init`, { mobile_number: '9876543210', consent_type: 'loan_underwriting', colour: 'blue', sim_note: 'knobs are fine' });
		await call(`${AA}/refresh-data`, { client_id: 'aa_x' }, { 'x-api-key': 'sim_key' });
		const listed = await control('/__sim/violations');
		expect(listed.map((v) => [v.rule, v.path])).toEqual([
			['path', '/api/v2/nowhere'],
			['unknown', `${AA}/init`],
			['header', `${AA}/refresh-data`],
		]);
		expect(listed[1].detail).toMatch(/colour/);
		// Each request carries its own violations in the request log.
		expect(sim.requests[1].violations).toHaveLength(1);
		expect(await control('/__sim/violations/take', {})).toHaveLength(3);
		expect(await control('/__sim/violations')).toEqual([]);
	});

	test('contract: record answers as the route would; off skips the checks', async () => {
		await control('/__sim/config', { contract: 'record' });
		const r = await call(`${AA}/init`, { mobile_number: 9876543210, consent_type: 'loan_underwriting' });
		expect(r.status).toBe(422); // the route's own validation
		expect(sim.violations).toHaveLength(1);
		await control('/__sim/config', { contract: 'off' });
		await call(`${AA}/init`, { mobile_number: 9876543210, consent_type: 'loan_underwriting' });
		expect(sim.violations).toHaveLength(1);
	});

	test('FinPro paging: booleans per the document; limit=true starts a walk, offset=true continues it', async () => {
		await control('/__sim/config', { finproPageSize: 5 });
		const all = (await finpro('')).json.data.fiData;
		expect(all).toHaveLength(12);
		const first = (await finpro('?limit=true')).json.data.fiData;
		const second = (await finpro('?limit=true&offset=true')).json.data.fiData;
		const third = (await finpro('?limit=true&offset=true')).json.data.fiData;
		expect([first.length, second.length, third.length]).toEqual([5, 5, 2]);
		expect([...first, ...second, ...third]).toEqual(all);
		// A new walk starts over.
		expect((await finpro('?limit=true')).json.data.fiData).toEqual(first);
		expect(sim.violations).toEqual([]);
	});

	test('FinPro numeric paging is a violation (400 InvalidRequest) unless finproNumericPaging opts in', async () => {
		const r = await finpro('?limit=500&offset=0');
		expect(r.status).toBe(400);
		expect(r.json.errorCode).toBe('InvalidRequest');
		expect(sim.violations.map((v) => v.rule)).toEqual(['query', 'query']);
		await sim.takeViolations();
		expect((await finpro('?offset=true')).status).toBe(400); // offset needs limit
		await sim.takeViolations();
		await control('/__sim/config', { finproNumericPaging: true });
		const paged = await finpro('?limit=4&offset=4');
		expect(paged.status).toBe(200);
		expect(paged.json.data.fiData).toHaveLength(4);
		expect(sim.violations).toEqual([]);
	});

	test('envelopeOnly200: HTTP 200 with the outcome only in the envelope status_code (202, 4xx)', async () => {
		await control('/__sim/config', { envelopeOnly200: true });
		const id = await newClient();
		const pending = await fetchReport(id);
		expect(pending.status).toBe(200);
		expect(pending.json).toMatchObject({ status_code: 422, success: false, message_code: 'consent_pending' });
		await control(`/__sim/aa/clients/${id}`, { consent: 'approved' });
		const fetching = await fetchReport(id);
		expect(fetching.status).toBe(200);
		expect(fetching.json).toMatchObject({ status_code: 202, message_code: 'data_fetch_in_progress' });
		const missing = await fetchReport('aa_unknown');
		expect([missing.status, missing.json.status_code]).toEqual([200, 404]);
		// Only for the listed paths when a list is given.
		await control('/__sim/config', { envelopeOnly200: [`${AA}/fetch-statement-pdf`] });
		expect((await fetchReport('aa_unknown')).status).toBe(404);
		expect((await call(`${AA}/fetch-statement-pdf`, { client_id: 'aa_unknown' })).status).toBe(200);
	});

	test('several banks in one consent: one stays PENDING in the JSON and PDF reports until it is ready', async () => {
		const id = await readyClient();
		await control(`/__sim/aa/clients/${id}`, { accounts: [{ status: 'READY' }, { status: 'READY' }, { fip_id: 'SBI-FIP', status: 'PENDING' }] });
		const json = (await fetchReport(id)).json.data.account_aggregator_json;
		expect(json.map((a) => a.status)).toEqual(['READY', 'READY', 'PENDING']);
		expect(json[2].transaction_data.transaction_details).toEqual([]);
		const pdf = (await call(`${AA}/fetch-statement-pdf`, { client_id: id })).json.data.reports;
		expect(pdf.map((r) => [r.fip_id, r.status, r.statement_report_link === null])).toEqual([
			['HDFC-FIP', 'READY', false],
			['ICICI-FIP', 'READY', false],
			['SBI-FIP', 'PENDING', true],
		]);
		await control(`/__sim/aa/clients/${id}`, { accounts: [{ status: 'READY' }, { status: 'READY' }, { fip_id: 'SBI-FIP', status: 'READY' }] });
		expect((await fetchReport(id)).json.data.account_aggregator_json.map((a) => a.status)).toEqual(['READY', 'READY', 'READY']);
		// config.aaAccounts gives new clients their banks.
		await control('/__sim/config', { aaAccounts: [{ status: 'PENDING' }] });
		const other = await readyClient();
		expect((await fetchReport(other)).json.data.account_aggregator_json.map((a) => a.status)).toEqual(['PENDING']);
		expect(sim.violations).toEqual([]);
	});

	test('a loan_monitoring PDF (or JSON) fetch without request_id is a violation; with refresh-data request_id it works', async () => {
		const id = await readyClient({ consent_type: 'loan_monitoring' });
		expect((await call(`${AA}/fetch-statement-pdf`, { client_id: id })).json.message_code).toBe('no_fi_request_found');
		expect(sim.violations).toEqual([expect.objectContaining({ rule: 'required', path: `${AA}/fetch-statement-pdf` })]);
		await sim.takeViolations();
		const requestId = (await call(`${AA}/refresh-data`, { client_id: id })).json.data.request_id;
		await control(`/__sim/aa/clients/${id}`, { data: 'ready' });
		const r = await call(`${AA}/fetch-statement-pdf`, { client_id: id, request_id: requestId });
		expect(r.status).toBe(200);
		expect(sim.violations).toEqual([]);
	});

	test('a GET without a body passes; a multipart upload without the file field is a violation', async () => {
		await send('GET', '/api/v1/aa-bsa-journey/status?client_id=x', { json: false });
		expect(sim.violations).toEqual([]);
		const boundary = 'b0undary';
		const raw = `--${boundary}\r\nContent-Disposition: form-data; name="bank"\r\n\r\nHDFC\r\n--${boundary}--\r\n`;
		await fetch(`${sim.url}/api/v1/services/bsa/upload-statement`, { method: 'POST', headers: { ...KEYS, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: raw });
		expect(sim.violations.map((v) => v.rule).sort()).toEqual(['required', 'unknown']);
	});
});

describe('example workflows (GET /examples/)', () => {
	test('serves each example and a list of them, without keys, unrecorded and untouched by faults', async () => {
		// a fault queued for every path would break the first request that reaches it
		await control('/__sim/faults', { kind: 'status', status: 503 });
		const list = await (await fetch(`${sim.url}/examples/`, { headers: { accept: 'application/json' } })).json();
		expect(list.map((e) => e.name)).toContain('loan-underwriting-quickstart');
		const res = await fetch(`${sim.url}/examples/loan-underwriting-quickstart.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect((await res.json()).nodes.length).toBeGreaterThan(3);
		expect(await control('/__sim/requests')).toEqual([]);
		// the fault is still queued: it waits for a vendor call
		expect(await control('/__sim/faults')).toHaveLength(1);
	});
});

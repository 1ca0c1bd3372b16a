const { createContext, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { Transport, RequestLimiter, finpass, finpro, parseRetryAfter, backoffDelay, DEFAULT_TRANSPORT_SETTINGS } = require(
	`${DIST}/nodes/shared/transport`,
);
const { NodeApiError } = require('n8n-workflow');

const KEY = 'key_live_AAAA1111';
const SECRET = 'secret_live_BBBB2222';
const fast = { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 5, timeoutMs: 2000 };

let server;
afterEach(async () => server && (await server.close()));

function transportFor(url, settings = fast, limiter) {
	const ctx = createContext({ credentials: { finpassApi: { apiKey: KEY, apiSecret: SECRET, baseUrl: `${url}/` } } });
	return new Transport(ctx, finpass, limiter, settings);
}

const fetchReq = { method: 'POST', path: '/api/v1/services/account-aggregator/fetch-json-report', body: { client_id: 'aa_1' }, idempotent: true };
const initReq = { method: 'POST', path: '/api/v1/services/account-aggregator/init', body: { mobile_number: '9999000000' }, idempotent: false };

describe('envelopes', () => {
	test('documented envelope {data, status_code, success, message, message_code} is unwrapped', async () => {
		server = (await scriptedServer()).next({ body: { data: { client_id: 'aa_1' }, status_code: 200, success: true, message: 'Success', message_code: 'success' } });
		const result = await transportFor(server.url).request(fetchReq, 0);
		expect(result.data).toEqual({ client_id: 'aa_1' });
		expect(result.code).toBe('success');
	});
	test('newer envelope {success, message, data} is unwrapped', async () => {
		server = (await scriptedServer()).next({ body: { success: true, message: 'ok', data: { job_id: 'j1' } } });
		const result = await transportFor(server.url).request(fetchReq, 0);
		expect(result.data).toEqual({ job_id: 'j1' });
	});
	test('credentials are sent as x-api-key / x-api-secret and the base URL trailing slash is ignored', async () => {
		server = await scriptedServer();
		await transportFor(server.url).request(fetchReq, 0);
		expect(server.requests[0].url).toBe('/api/v1/services/account-aggregator/fetch-json-report');
		expect(server.requests[0].headers['x-api-key']).toBe(KEY);
		expect(server.requests[0].headers['x-api-secret']).toBe(SECRET);
	});
});

describe('errors', () => {
	test('vendor failure becomes NodeApiError with message, message_code and HTTP status', async () => {
		server = (await scriptedServer()).next({ status: 404, body: { data: null, status_code: 404, success: false, message: 'Client not found', message_code: 'client_not_found' } });
		const error = await transportFor(server.url).request(fetchReq, 3).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Client not found');
		expect(error.message).toContain('client_not_found');
		expect(error.httpCode).toBe('404');
		expect(error.context.messageCode).toBe('client_not_found');
		expect(error.context.itemIndex).toBe(3);
	});
	test('credential values never appear in an error, even when the vendor echoes them', async () => {
		server = (await scriptedServer()).next((r) => ({ status: 401, body: { success: false, message: `bad key ${r.headers['x-api-key']} / ${r.headers['x-api-secret']}`, message_code: 'unauthorized' } }));
		const error = await transportFor(server.url).request(fetchReq, 0).catch((e) => e);
		const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		expect(everything).not.toContain(KEY);
		expect(everything).not.toContain(SECRET);
		expect(error.message).toContain('bad key ***');
		expect(error.description).toMatch(/credentials/);
	});
	test('a 200 whose body is not JSON is an error (retried for fetches)', async () => {
		server = (await scriptedServer()).next({ body: '{"data": {"client' }, { body: '{"data":' }, { body: '{' }, { body: '[' }, { body: 'x' });
		const error = await transportFor(server.url).request(fetchReq, 0).catch((e) => e);
		expect(error.message).toMatch(/not valid JSON/);
		expect(server.requests).toHaveLength(5);
	});
	test('FinPro error body {errorCode, errorMsg, status: "failure"} keeps its code', async () => {
		server = (await scriptedServer()).next({ status: 400, body: { ver: '1.21.0', errorCode: 'InvalidConsentId', errorMsg: 'Consent ID does not exist', status: 'failure' } });
		const ctx = createContext({ credentials: { finProApi: { clientId: 'c', clientSecret: 'sssss', organisationId: 'o', appIdentifier: 'a', baseUrl: server.url } } });
		const error = await new Transport(ctx, finpro, undefined, fast).request({ method: 'POST', path: '/getfidata', body: {}, idempotent: true }, 0).catch((e) => e);
		expect(error.message).toBe('FinPro: Consent ID does not exist [InvalidConsentId]');
	});
});

describe('retries', () => {
	test('429 is retried after Retry-After, for every call including init', async () => {
		server = (await scriptedServer()).next({ status: 429, headers: { 'retry-after': '1' }, body: { success: false, message: 'Too many', message_code: 'rate_limited' } });
		const result = await transportFor(server.url).request(initReq, 0);
		expect(result.statusCode).toBe(200);
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(950);
	});
	test('503 and 500 are retried for fetches', async () => {
		server = (await scriptedServer()).next({ status: 503, body: {} }, { status: 500, body: {} });
		const result = await transportFor(server.url).request(fetchReq, 0);
		expect(result.statusCode).toBe(200);
		expect(server.requests).toHaveLength(3);
	});
	test('init is never sent twice after a 500 or 503', async () => {
		for (const status of [500, 502, 503]) {
			server = (await scriptedServer()).next({ status, body: { success: false, message: 'boom' } });
			const error = await transportFor(server.url).request(initReq, 0).catch((e) => e);
			expect(error.httpCode).toBe(String(status));
			expect(server.requests).toHaveLength(1);
			await server.close();
			server = undefined;
		}
	});
	test('a connection reset is retried for a fetch but not for init', async () => {
		server = (await scriptedServer()).next({ reset: true });
		const ok = await transportFor(server.url).request(fetchReq, 0);
		expect(ok.statusCode).toBe(200);
		expect(server.requests).toHaveLength(2);
		server.next({ reset: true });
		const error = await transportFor(server.url).request(initReq, 0).catch((e) => e);
		expect(error.message).toMatch(/Could not reach Finpass: ECONNRESET .*not retried automatically/);
		expect(server.requests).toHaveLength(3);
	});
	test('422 "limit exceeded" on refresh is never retried', async () => {
		server = (await scriptedServer()).next({ status: 422, body: { data: null, status_code: 422, success: false, message: 'Account aggregator limit exceeded for this month', message_code: 'limit_exceeded' } });
		const error = await transportFor(server.url).request({ ...initReq, path: '/api/v1/services/account-aggregator/refresh-data' }, 0).catch((e) => e);
		expect(error.httpCode).toBe('422');
		expect(error.description).toMatch(/quota/);
		expect(server.requests).toHaveLength(1);
	});
	test('gives up after Max Retries and says so', async () => {
		server = await scriptedServer(() => ({ status: 502, body: { success: false, message: 'Bad gateway' } }));
		const error = await transportFor(server.url, { ...fast, maxRetries: 2 }).request(fetchReq, 0).catch((e) => e);
		expect(server.requests).toHaveLength(3);
		expect(error.message).toMatch(/gave up after 3 attempts/);
	});
	test('a Retry-After longer than the node waits fails clearly instead of hanging', async () => {
		server = (await scriptedServer()).next({ status: 429, headers: { 'retry-after': '3600' }, body: {} });
		const error = await transportFor(server.url).request(fetchReq, 0).catch((e) => e);
		expect(error.message).toMatch(/asked to retry after 3600 s/);
		expect(server.requests).toHaveLength(1);
	});
	test('a request slower than the timeout fails (and a fetch is retried)', async () => {
		server = (await scriptedServer()).next({ delayMs: 600 });
		const result = await transportFor(server.url, { ...fast, timeoutMs: 200 }).request(fetchReq, 0);
		expect(result.statusCode).toBe(200);
		expect(server.requests).toHaveLength(2);
	});
});

describe('helpers', () => {
	test('Retry-After as seconds and as an HTTP date', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
	test('backoff grows exponentially, with jitter, capped', () => {
		expect(backoffDelay(0, 500, 30000, () => 0)).toBe(250);
		expect(backoffDelay(3, 500, 30000, () => 1)).toBe(4000);
		expect(backoffDelay(20, 500, 30000, () => 1)).toBe(30000);
	});
});

describe('limiter', () => {
	test('keeps at most Concurrency requests in flight', async () => {
		server = await scriptedServer(() => ({ delayMs: 30, body: { success: true, data: {} } }));
		const transport = transportFor(server.url, fast, new RequestLimiter({ concurrency: 3, maxPerSecond: 0 }));
		await Promise.all(Array.from({ length: 12 }, (_, i) => transport.request(fetchReq, i)));
		expect(server.maxInFlight).toBeLessThanOrEqual(3);
		expect(server.requests).toHaveLength(12);
	});
	test('a 429 pauses the whole batch and lowers the ceiling; only the rejected request is resent', async () => {
		let served = 0;
		server = await scriptedServer((r) => {
			served++;
			return served === 3 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : { delayMs: 20, body: { success: true, data: {} } };
		});
		const limiter = new RequestLimiter({ concurrency: 4, maxPerSecond: 0 });
		const transport = transportFor(server.url, fast, limiter);
		await Promise.all(Array.from({ length: 10 }, (_, i) => transport.request(fetchReq, i)));
		expect(server.requests).toHaveLength(11);
		expect(limiter.stats.rejected).toBe(1);
		expect(limiter.limit).toBeLessThan(4);
		const after = server.requests.filter((r) => r.at >= server.requests[2].at + 900);
		expect(after.length).toBeGreaterThan(0);
	});
	test('starts are spread over the answer time once three answers are in (median ÷ slots × 0.9), not for one slot or a fast vendor', () => {
		const limiter = new RequestLimiter({ concurrency: 10, maxPerSecond: 0 });
		limiter.answered(100);
		limiter.answered(110);
		expect(limiter.spread()).toBe(0);
		limiter.answered(105);
		expect(limiter.spread()).toBeCloseTo((105 / 10) * 0.9, 6);
		// the median: one slow answer does not stretch the spacing
		limiter.answered(30000);
		expect(limiter.spread()).toBeCloseTo((110 / 10) * 0.9, 6);
		const one = new RequestLimiter({ concurrency: 1, maxPerSecond: 0 });
		[100, 100, 100].forEach((ms) => one.answered(ms));
		expect(one.spread()).toBe(0);
		const fastVendor = new RequestLimiter({ concurrency: 50, maxPerSecond: 0 });
		[20, 20, 20].forEach((ms) => fastVendor.answered(ms));
		expect(fastVendor.spread()).toBe(0);
		// only the last 15 answers count
		const changing = new RequestLimiter({ concurrency: 4, maxPerSecond: 0 });
		for (let i = 0; i < 15; i++) changing.answered(400);
		for (let i = 0; i < 15; i++) changing.answered(40);
		expect(changing.spread()).toBeCloseTo((40 / 4) * 0.9, 6);
	});
	test('the transport reports each answer time to the limiter', async () => {
		server = await scriptedServer(() => ({ delayMs: 40, body: { success: true, data: {} } }));
		const limiter = new RequestLimiter({ concurrency: 4, maxPerSecond: 0 });
		const transport = transportFor(server.url, fast, limiter);
		for (let i = 0; i < 3; i++) await transport.request(fetchReq, i);
		// at least 40 ms each: 40 / 4 × 0.9 = 9 ms or more
		expect(limiter.spread()).toBeGreaterThanOrEqual(9);
		expect(server.requests).toHaveLength(3);
	});
	test('Max Requests per Second spaces request starts', async () => {
		server = await scriptedServer();
		const transport = transportFor(server.url, fast, new RequestLimiter({ concurrency: 10, maxPerSecond: 20 }));
		await Promise.all(Array.from({ length: 10 }, (_, i) => transport.request(fetchReq, i)));
		const times = server.requests.map((r) => r.at);
		expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(400);
	});
});

describe('secrets in every field', () => {
	test('an echoed credential is masked in message, messages, description and the response kept on the error', async () => {
		server = await scriptedServer(() => ({ status: 400, body: { success: false, message: `rejected key ${KEY} and portal password Hunter2Secret`, message_code: 'bad' } }));
		const transport = transportFor(server.url);
		transport.addSecret('Hunter2Secret');
		const error = await transport.request(fetchReq, 0).catch((e) => e);
		const all = JSON.stringify({ ...error, message: error.message, stack: error.stack });
		expect(all).not.toContain(KEY);
		expect(all).not.toContain('Hunter2Secret');
		expect(error.message).toBe('Finpass: rejected key *** and portal password *** [bad]');
	});
});

describe('text answers', () => {
	test('with textResponse a 2xx XML body comes back as text, and a 5xx is retried like any fetch', async () => {
		server = (await scriptedServer()).next({ status: 503, body: {} }, { body: '<?xml version="1.0"?><Account/>' });
		const result = await transportFor(server.url).request({ ...fetchReq, textResponse: true }, 0);
		expect(result.data).toBe('<?xml version="1.0"?><Account/>');
		expect(server.requests).toHaveLength(2);
	});
});

describe('billing safety: a billed pull is not sent again after an unsure failure', () => {
	const { QueueHaltedError } = require(`${DIST}/nodes/shared/transport`);
	const bureauReq = {
		method: 'POST',
		path: '/api/v1/services/multi-bureau/fetch',
		body: { pan: 'ABCDE1234F', name: 'ASHA', mobile_number: '9876543210', consent: 'Y', gender: 'female', bureaus: ['cibil'] },
		idempotent: true,
		billed: true,
	};
	test('a Multi-Bureau pull that meets a reset after sending is sent once', async () => {
		server = (await scriptedServer()).next({ reset: true });
		const error = await transportFor(server.url).request(bureauReq, 0).catch((e) => e);
		expect(error.message).toMatch(/ECONNRESET .*not sent again: .*billed/);
		expect(server.requests).toHaveLength(1);
	});
	test('a 500, 502 or 504 after sending: sent once, the error says why', async () => {
		for (const status of [500, 502, 504]) {
			server = (await scriptedServer()).next({ status, body: { success: false, message: 'boom' } });
			const error = await transportFor(server.url).request(bureauReq, 0).catch((e) => e);
			expect([status, error.httpCode, server.requests.length]).toEqual([status, String(status), 1]);
			expect(error.message).toMatch(/billed/);
			await server.close();
			server = undefined;
		}
	});
	test('a timeout after sending: sent once', async () => {
		server = (await scriptedServer()).next({ delayMs: 600 });
		const error = await transportFor(server.url, { ...fast, timeoutMs: 200 }).request(bureauReq, 0).catch((e) => e);
		expect(error.message).toMatch(/ETIMEDOUT|ECONNABORTED/);
		expect(server.requests).toHaveLength(1);
	});
	test('a garbled 200 is not re-pulled (the vendor processed it)', async () => {
		server = (await scriptedServer()).next({ body: '{"data": {"score' });
		const error = await transportFor(server.url).request(bureauReq, 0).catch((e) => e);
		expect(error.message).toMatch(/not valid JSON/);
		expect(server.requests).toHaveLength(1);
	});
	test('429 may repeat it (the vendor refused before doing any work); 503 may not, with or without Retry-After (a gateway can answer so after forwarding)', async () => {
		server = (await scriptedServer()).next({ status: 429, headers: { 'retry-after': '0' }, body: {} });
		const ok = await transportFor(server.url).request(bureauReq, 0);
		expect(ok.statusCode).toBe(200);
		expect(server.requests).toHaveLength(2);
		server.next({ status: 503, headers: { 'retry-after': '0' }, body: {} }, { status: 503, body: {} });
		for (const seen of [3, 4]) {
			const error = await transportFor(server.url).request(bureauReq, 0).catch((e) => e);
			expect(error.httpCode).toBe('503');
			expect(error.message).toMatch(/not sent again/);
			expect(server.requests).toHaveLength(seen);
		}
	});
	test('a connection refused never left the machine: retried', async () => {
		const dead = await scriptedServer();
		const url = dead.url;
		await dead.close();
		const error = await transportFor(url, { ...fast, maxRetries: 2 }).request(bureauReq, 0).catch((e) => e);
		expect(error.message).toMatch(/ECONNREFUSED.*gave up after 3 attempts/);
	});
	test('the opt-in repeatBilledAfterUnsure sends it again after a reset', async () => {
		server = (await scriptedServer()).next({ reset: true });
		const ok = await transportFor(server.url, { ...fast, repeatBilledAfterUnsure: true }).request(bureauReq, 0);
		expect(ok.statusCode).toBe(200);
		expect(server.requests).toHaveLength(2);
	});
	test('cancelled and halted runs end with QueueHaltedError (recognised by type)', () => {
		expect(new QueueHaltedError('cancelled')).toBeInstanceOf(Error);
		expect(new QueueHaltedError('halted').reason).toBe('halted');
	});
});

describe('a run never hangs and stops promptly', () => {
	const { QueueHaltedError } = require(`${DIST}/nodes/shared/transport`);

	test('Retry-After: 86400 on one item fails that item and does not hold the others', async () => {
		let first = true;
		server = await scriptedServer(() => {
			if (first) {
				first = false;
				return { status: 429, headers: { 'retry-after': '86400' }, body: { success: false, message: 'Too many' } };
			}
			return { status: 200, body: { success: true, data: {} } };
		});
		const limiter = new RequestLimiter({ concurrency: 2, maxPerSecond: 0 });
		const transport = transportFor(server.url, fast, limiter);
		const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => transport.request(fetchReq, i)));
		expect(results.filter((r) => r.status === 'rejected').map((r) => r.reason.message)).toEqual([expect.stringMatching(/asked to retry after 86400 s/)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
		// Nobody was paused: the batch never waited for the vendor's date.
		expect(limiter.stats).toMatchObject({ rejected: 1, pauses: 0 });
		expect(server.requests).toHaveLength(6);
	});

	test('the same for FinPro X-RateLimit-Reset far in the future', async () => {
		const reset = String(Math.floor(Date.now() / 1000) + 86400);
		server = (await scriptedServer()).next({ status: 429, headers: { 'x-ratelimit-reset': reset }, body: { errorCode: 'RateLimitExceeded', errorMsg: 'Too many requests', status: 'failure' } });
		const ctx = createContext({ credentials: { finProApi: { clientId: 'c', clientSecret: 'sssss', organisationId: 'o', appIdentifier: 'a', baseUrl: server.url } } });
		const limiter = new RequestLimiter({ concurrency: 1, maxPerSecond: 0 });
		const transport = new Transport(ctx, finpro, limiter, fast);
		const req = { method: 'POST', path: '/getfidata', body: {}, idempotent: true };
		const results = await Promise.allSettled([transport.request(req, 0), transport.request(req, 1), transport.request(req, 2)]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
		expect(limiter.stats.pauses).toBe(0);
	});

	test('an aborted limiter wakes all 50 waiters at once; each throws QueueHaltedError; none is left waiting', async () => {
		const controller = new AbortController();
		const limiter = new RequestLimiter({ concurrency: 1, maxPerSecond: 0, cancelSignal: controller.signal });
		await limiter.acquire(); // the one in flight
		const waiting = Array.from({ length: 50 }, () => limiter.acquire());
		expect(limiter.waiting).toBe(50);
		controller.abort();
		const settled = await Promise.allSettled(waiting);
		expect(settled.every((r) => r.status === 'rejected' && r.reason instanceof QueueHaltedError && r.reason.reason === 'cancelled')).toBe(true);
		expect(limiter.waiting).toBe(0);
		expect(limiter.stats.started).toBe(1);
	});

	test('dispose() stops listening to the execution\'s cancel signal (a loop runs the node many times)', async () => {
		const controller = new AbortController();
		const limiter = new RequestLimiter({ concurrency: 1, maxPerSecond: 0, cancelSignal: controller.signal });
		limiter.dispose();
		controller.abort();
		expect(limiter.halted).toBe(false);
		await limiter.acquire();
		expect(limiter.stats.started).toBe(1);
	});

	test('a cancel that only the item sees (no signal given to the limiter) still wakes the next one', async () => {
		let cancelled = false;
		const limiter = new RequestLimiter({ concurrency: 1, maxPerSecond: 0 });
		await limiter.acquire();
		const waiting = Array.from({ length: 5 }, () => limiter.acquire(() => cancelled));
		cancelled = true;
		limiter.release(); // wakes the first; it sees the cancel and passes the wake-up on
		const settled = await Promise.allSettled(waiting);
		expect(settled.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
		expect(limiter.waiting).toBe(0);
	});

	test('an item that throws after acquiring still frees its slot (halt or not)', async () => {
		server = await scriptedServer();
		const limiter = new RequestLimiter({ concurrency: 1, maxPerSecond: 0 });
		const ctx = createContext({ credentials: { finpassApi: { apiKey: KEY, apiSecret: SECRET, baseUrl: server.url } } });
		const real = ctx.helpers.httpRequestWithAuthentication;
		// The first request blows up inside the HTTP helper (not a network error).
		let calls = 0;
		ctx.helpers.httpRequestWithAuthentication = function (...args) {
			if (calls++ === 0) throw new TypeError('helper exploded');
			return real.apply(this, args);
		};
		const transport = new Transport(ctx, finpass, limiter, fast);
		const results = await Promise.allSettled([transport.request(fetchReq, 0), transport.request(fetchReq, 1), transport.request(fetchReq, 2)]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
		expect(limiter.waiting).toBe(0);
	});

	test('halt() during a spaced start (Max Requests per Second) gives the slot back and stops the queue', async () => {
		const limiter = new RequestLimiter({ concurrency: 5, maxPerSecond: 0.01 }); // one start per 100 s
		await limiter.acquire();
		const second = limiter.acquire();
		limiter.halt();
		await expect(second).rejects.toBeInstanceOf(QueueHaltedError);
		expect(limiter.halted).toBe(true);
	});

	test('cancel aborts a request in flight and a Retry-After wait within the cap', async () => {
		// A vendor that never answers (no timer left behind once the test closes it).
		const got = [];
		const silent = require('http').createServer((req) => got.push(req.url));
		await new Promise((r) => silent.listen(0, '127.0.0.1', r));
		server = { requests: got, close: () => new Promise((r) => { silent.closeAllConnections(); silent.close(r); }) };
		const ctx = createContext({ credentials: { finpassApi: { apiKey: KEY, apiSecret: SECRET, baseUrl: `http://127.0.0.1:${silent.address().port}` } } });
		const transport = new Transport(ctx, finpass, new RequestLimiter({ concurrency: 1, maxPerSecond: 0 }), { ...fast, timeoutMs: 120000 });
		const inFlight = transport.request(fetchReq, 0).catch((e) => e);
		await until(() => server.requests.length === 1);
		ctx.cancel();
		expect(await inFlight).toBeInstanceOf(QueueHaltedError);

		const waitServer = await scriptedServer(() => ({ status: 429, headers: { 'retry-after': '60' }, body: {} }));
		const ctx2 = createContext({ credentials: { finpassApi: { apiKey: KEY, apiSecret: SECRET, baseUrl: waitServer.url } } });
		const waiting = new Transport(ctx2, finpass, undefined, fast).request(fetchReq, 0).catch((e) => e);
		await until(() => waitServer.requests.length === 1);
		ctx2.cancel();
		const error = await waiting;
		await waitServer.close();
		expect(error).toBeInstanceOf(QueueHaltedError);
		expect(error.reason).toBe('cancelled');
	});
});

async function until(fn) {
	for (let i = 0; i < 500 && !fn(); i++) await new Promise((r) => setTimeout(r, 10));
	if (!fn()) throw new Error('condition never became true');
}

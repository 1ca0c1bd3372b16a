// The shared webhook module (nodes/shared/webhooks.ts) and the two triggers' webhook() run in a
// stand-in for n8n's IWebhookFunctions: verification (fail closed, timing-safe), body checks,
// normalization of the payload shapes we know of, the event filter and dropping re-deliveries.
const crypto = require('node:crypto');
const { DIST } = require('../helpers/context');
const hooks = require(`${DIST}/nodes/shared/webhooks`);
const { FinpassTrigger } = require(`${DIST}/nodes/FinpassTrigger/FinpassTrigger.node.js`);
const { FinProTrigger } = require(`${DIST}/nodes/FinProTrigger/FinProTrigger.node.js`);

const NOW = Date.UTC(2026, 10, 1, 10, 0, 0);
const SECRET = 'a-long-random-secret';
const body = (o) => Buffer.from(JSON.stringify(o));
const hmac = (secret, text, encoding = 'hex') => crypto.createHmac('sha256', secret).update(text).digest(encoding);

function delivery({ raw = body({ event: 'consent_status' }), headers = {}, query = {} } = {}) {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return { rawBody: raw, headers: lower, query };
}

/** A stand-in for IWebhookFunctions: records what the node answered. */
function webhookContext({ parameters = {}, method = 'POST', raw, headers = {}, query = {}, mode = 'webhook', workflowId = 'wf-1', nodeId = 'node-1' }) {
	const response = { status: undefined, headers: {}, body: undefined };
	const res = {
		status(code) {
			response.status = code;
			return res;
		},
		json(b) {
			response.body = b;
			return res;
		},
		setHeader(name, value) {
			response.headers[name.toLowerCase()] = value;
		},
	};
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	const ctx = {
		getRequestObject: () => ({ method, rawBody: raw, headers: lower }),
		getResponseObject: () => res,
		getQueryData: () => query,
		getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
		getMode: () => mode,
		getWorkflow: () => ({ id: workflowId, name: 'wf', active: true }),
		getNode: () => ({ id: nodeId, name: 'Trigger', type: 'x', typeVersion: 1, position: [0, 0], parameters }),
		helpers: { returnJsonArray: (items) => items.map((json) => ({ json })) },
	};
	return { ctx, response };
}

async function call(NodeClass, opts) {
	const { ctx, response } = webhookContext(opts);
	const result = await new NodeClass().webhook.call(ctx);
	return { result, response, started: result.workflowData !== undefined, items: result.workflowData?.[0]?.map((i) => i.json) };
}

describe('verifyDelivery: secret token in the URL', () => {
	const settings = { mode: 'queryToken', secret: SECRET, queryParameter: 'token' };
	test('the right token passes', () => {
		expect(hooks.verifyDelivery(settings, delivery({ query: { token: SECRET } }), NOW)).toEqual({ ok: true });
	});
	test('a missing, empty, repeated or wrong token is refused', () => {
		expect(hooks.verifyDelivery(settings, delivery(), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/Missing token/) });
		expect(hooks.verifyDelivery(settings, delivery({ query: { token: '' } }), NOW).ok).toBe(false);
		expect(hooks.verifyDelivery(settings, delivery({ query: { token: [SECRET, SECRET] } }), NOW).ok).toBe(false);
		expect(hooks.verifyDelivery(settings, delivery({ query: { token: `${SECRET}x` } }), NOW)).toMatchObject({ ok: false, reason: 'Invalid token' });
		expect(hooks.verifyDelivery(settings, delivery({ query: { token: SECRET.slice(0, -1) } }), NOW).ok).toBe(false);
	});
	test('a custom parameter name is used, and the default name is "token"', () => {
		expect(hooks.verifyDelivery({ ...settings, queryParameter: 'key' }, delivery({ query: { key: SECRET } }), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery({ ...settings, queryParameter: 'key' }, delivery({ query: { token: SECRET } }), NOW).ok).toBe(false);
		expect(hooks.verifyDelivery({ ...settings, queryParameter: '' }, delivery({ query: { token: SECRET } }), NOW).ok).toBe(true);
	});
	test('fails closed: with no secret configured nothing passes, not even an empty token', () => {
		for (const query of [{}, { token: '' }, { token: 'anything' }]) {
			expect(hooks.verifyDelivery({ ...settings, secret: '' }, delivery({ query }), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/No secret/) });
		}
	});
});

describe('verifyDelivery: secret header', () => {
	const settings = { mode: 'headerToken', secret: SECRET, headerName: 'X-Finpass-Token' };
	test('the right header passes, whatever the case of its name', () => {
		expect(hooks.verifyDelivery(settings, delivery({ headers: { 'x-finpass-token': SECRET } }), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(settings, delivery({ headers: { 'X-FINPASS-TOKEN': SECRET } }), NOW).ok).toBe(true);
	});
	test('missing or wrong is refused; the token in the URL does not count', () => {
		expect(hooks.verifyDelivery(settings, delivery({ query: { token: SECRET } }), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/Missing token \(header/) });
		expect(hooks.verifyDelivery(settings, delivery({ headers: { 'x-finpass-token': 'nope' } }), NOW)).toMatchObject({ ok: false, reason: 'Invalid token' });
		expect(hooks.verifyDelivery({ ...settings, headerName: '' }, delivery({ headers: { '': SECRET } }), NOW).ok).toBe(false);
	});
});

describe('verifyDelivery: HMAC-SHA256 over the raw body', () => {
	const raw = Buffer.from('{"eventType":"DATA","eventStatus":"DATA_READY","note":"₹ 1,00,000"}');
	const hex = { mode: 'hmacSha256', secret: SECRET, headerName: 'x-finpro-signature', encoding: 'hex' };
	const b64 = { ...hex, encoding: 'base64' };
	const sign = (headers) => delivery({ raw, headers });

	test('a right hex signature passes (any case, with or without "sha256=")', () => {
		const sig = hmac(SECRET, raw);
		expect(hooks.verifyDelivery(hex, sign({ 'x-finpro-signature': sig }), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(hex, sign({ 'x-finpro-signature': sig.toUpperCase() }), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(hex, sign({ 'x-finpro-signature': `sha256=${sig}` }), NOW).ok).toBe(true);
	});
	test('a right base64 signature passes; a hex one does not when base64 is expected', () => {
		expect(hooks.verifyDelivery(b64, sign({ 'x-finpro-signature': hmac(SECRET, raw, 'base64') }), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(b64, sign({ 'x-finpro-signature': hmac(SECRET, raw, 'base64url') }), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(b64, sign({ 'x-finpro-signature': hmac(SECRET, raw) }), NOW).ok).toBe(false);
		expect(hooks.verifyDelivery(hex, sign({ 'x-finpro-signature': hmac(SECRET, raw, 'base64') }), NOW).ok).toBe(false);
	});
	test('wrong key, one flipped character, truncated, garbage or missing is refused', () => {
		const sig = hmac(SECRET, raw);
		const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
		for (const value of [hmac('other-secret', raw), flipped, sig.slice(0, 63), 'zz', '', '   ']) {
			expect(hooks.verifyDelivery(hex, sign({ 'x-finpro-signature': value }), NOW).ok).toBe(false);
		}
		expect(hooks.verifyDelivery(hex, sign({}), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/Missing signature/) });
		expect(hooks.verifyDelivery(hex, sign({ 'x-other': sig }), NOW).ok).toBe(false);
	});
	test('the signature covers the bytes as sent: the same JSON re-serialized does not pass', () => {
		const sig = hmac(SECRET, raw);
		const reserialized = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 1));
		expect(hooks.verifyDelivery(hex, delivery({ raw: reserialized, headers: { 'x-finpro-signature': sig } }), NOW).ok).toBe(false);
	});
	test('fails closed without a secret, even for a signature made with an empty key', () => {
		expect(hooks.verifyDelivery({ ...hex, secret: '' }, sign({ 'x-finpro-signature': hmac('', raw) }), NOW).ok).toBe(false);
	});
});

describe('verifyDelivery: HMAC with a timestamp header (signed string "<timestamp>.<raw body>", 300 s window)', () => {
	const raw = body({ event: 'consent_status', status: 'approved' });
	const settings = { mode: 'hmacSha256', secret: SECRET, headerName: 'x-sig', encoding: 'hex', timestampHeader: 'x-ts' };
	const at = (offsetSeconds, { signedTs, sentTs } = {}) => {
		const ts = String(Math.floor(NOW / 1000) + offsetSeconds);
		const sig = hmac(SECRET, `${signedTs ?? ts}.${raw.toString()}`);
		return delivery({ raw, headers: { 'x-sig': sig, 'x-ts': sentTs ?? ts } });
	};
	test('a fresh delivery passes, also a few minutes off either way', () => {
		expect(hooks.verifyDelivery(settings, at(0), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(settings, at(-299), NOW).ok).toBe(true);
		expect(hooks.verifyDelivery(settings, at(299), NOW).ok).toBe(true);
	});
	test('stale and future timestamps are refused even when correctly signed', () => {
		expect(hooks.verifyDelivery(settings, at(-301), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/outside the allowed window of 300 s/) });
		expect(hooks.verifyDelivery(settings, at(301), NOW).ok).toBe(false);
		expect(hooks.verifyDelivery(settings, at(-86400), NOW).ok).toBe(false);
	});
	test('the tolerance is configurable', () => {
		expect(hooks.verifyDelivery({ ...settings, toleranceSeconds: 30 }, at(-60), NOW).ok).toBe(false);
		expect(hooks.verifyDelivery({ ...settings, toleranceSeconds: 3600 }, at(-600), NOW).ok).toBe(true);
	});
	test('a replay with a fresh timestamp but the old signature is refused', () => {
		expect(hooks.verifyDelivery(settings, at(0, { signedTs: String(Math.floor(NOW / 1000) - 400) }), NOW).ok).toBe(false);
	});
	test('missing timestamp, or a signature over the body alone, is refused', () => {
		const bodyOnly = delivery({ raw, headers: { 'x-sig': hmac(SECRET, raw), 'x-ts': String(Math.floor(NOW / 1000)) } });
		expect(hooks.verifyDelivery(settings, bodyOnly, NOW).ok).toBe(false);
		const noTs = delivery({ raw, headers: { 'x-sig': hmac(SECRET, raw) } });
		expect(hooks.verifyDelivery(settings, noTs, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/Missing timestamp/) });
	});
	test('a non-numeric timestamp is refused even when it is what was signed', () => {
		const ts = 'yesterday';
		const d = delivery({ raw, headers: { 'x-sig': hmac(SECRET, `${ts}.${raw}`), 'x-ts': ts } });
		expect(hooks.verifyDelivery(settings, d, NOW).ok).toBe(false);
	});
	test('a millisecond timestamp is read as milliseconds', () => {
		const ts = String(NOW - 10_000);
		const d = delivery({ raw, headers: { 'x-sig': hmac(SECRET, `${ts}.${raw}`), 'x-ts': ts } });
		expect(hooks.verifyDelivery(settings, d, NOW).ok).toBe(true);
	});
	test('the simulator signs the same way (test/simulator webhookSigning hmac)', () => {
		// sim: signed = `${ts}.${rawBody}`, header = hmac hex/base64 → must pass unchanged
		const ts = String(Math.floor(NOW / 1000));
		const d = delivery({ raw, headers: { 'x-sig': hmac(SECRET, `${ts}.${raw}`, 'base64'), 'x-ts': ts } });
		expect(hooks.verifyDelivery({ ...settings, encoding: 'base64' }, d, NOW).ok).toBe(true);
	});
});

describe('comparisons are timing-safe', () => {
	afterEach(() => jest.restoreAllMocks());
	test('safeEqual: equal, different, different lengths, empty', () => {
		expect(hooks.safeEqual('abc', 'abc')).toBe(true);
		expect(hooks.safeEqual('abc', 'abd')).toBe(false);
		expect(hooks.safeEqual('abc', 'abcd')).toBe(false);
		expect(hooks.safeEqual('', '')).toBe(true);
		expect(hooks.safeEqual(Buffer.from([1, 2]), Buffer.from([1, 2]))).toBe(true);
	});
	test('every mode decides through crypto.timingSafeEqual on equal-length inputs, right or wrong', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		const raw = body({ a: 1 });
		const cases = [
			[{ mode: 'queryToken', secret: SECRET, queryParameter: 'token' }, delivery({ raw, query: { token: SECRET } })],
			[{ mode: 'queryToken', secret: SECRET, queryParameter: 'token' }, delivery({ raw, query: { token: 'short' } })],
			[{ mode: 'headerToken', secret: SECRET, headerName: 'x-t' }, delivery({ raw, headers: { 'x-t': 'wrong but longer than the secret' } })],
			[{ mode: 'hmacSha256', secret: SECRET, headerName: 'x-s' }, delivery({ raw, headers: { 'x-s': hmac(SECRET, raw) } })],
			[{ mode: 'hmacSha256', secret: SECRET, headerName: 'x-s' }, delivery({ raw, headers: { 'x-s': 'not-hex' } })],
		];
		for (const [settings, d] of cases) {
			spy.mockClear();
			hooks.verifyDelivery(settings, d, NOW);
			expect(spy).toHaveBeenCalledTimes(1);
			const [a, b] = spy.mock.calls[0];
			expect(a.length).toBe(b.length);
		}
	});
});

describe('body', () => {
	test('any JSON value parses; a byte-order mark is skipped', () => {
		expect(hooks.parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ ok: true, body: { a: 1 } });
		expect(hooks.parseJsonBody(Buffer.from('\ufeff[1,2]'))).toEqual({ ok: true, body: [1, 2] });
		expect(hooks.parseJsonBody(Buffer.from('"text"'))).toEqual({ ok: true, body: 'text' });
	});
	test('malformed or empty bodies are 400', () => {
		expect(hooks.parseJsonBody(Buffer.from('{"a":'))).toMatchObject({ ok: false, status: 400, message: 'The body is not valid JSON' });
		expect(hooks.parseJsonBody(Buffer.from('event=consent'))).toMatchObject({ ok: false, status: 400 });
		expect(hooks.parseJsonBody(Buffer.alloc(0))).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/empty/) });
	});
	test('size limit in bytes', () => {
		expect(hooks.bodyTooLarge(Buffer.alloc(1024), 1024)).toBe(false);
		expect(hooks.bodyTooLarge(Buffer.alloc(1025), 1024)).toBe(true);
	});
});

describe('normalizeFinpassEvent: payload shapes', () => {
	const at = '2026-11-01T10:00:00.000Z';
	test('the simulator / plain shape: event name, AA consent status and a plain status', () => {
		const raw = { event: 'consent_status', client_id: 'aa_1_2', consent_status: 'ACTIVE', status: 'approved', timestamp: at };
		expect(hooks.normalizeFinpassEvent(raw, at)).toEqual({
			event: 'consent_approved',
			event_type: 'consent_status',
			status: 'approved',
			consent_status: 'ACTIVE',
			client_id: 'aa_1_2',
			request_id: null,
			consent_id: null,
			event_id: null,
			received_at: at,
			raw,
		});
	});
	test('camelCase fields nested under data; the event name decides', () => {
		const e = hooks.normalizeFinpassEvent({ type: 'DATA_READY', data: { clientId: 'account_aggregator_v2_x', requestId: 'req-9', status: 'success' }, eventId: 'evt-1' }, at);
		expect(e).toMatchObject({ event: 'data_ready', event_type: 'DATA_READY', status: 'success', client_id: 'account_aggregator_v2_x', request_id: 'req-9', event_id: 'evt-1', consent_status: null });
	});
	test('the AA standard ConsentStatusNotification', () => {
		const raw = { ver: '2.0.0', timestamp: at, txnid: 'txn-7', Notifier: { type: 'AA', id: 'onemoney' }, ConsentStatusNotification: { consentId: 'c-1', consentHandle: 'h-1', consentStatus: 'REVOKED' } };
		expect(hooks.normalizeFinpassEvent(raw, at)).toMatchObject({ event: 'consent_revoked', consent_status: 'REVOKED', consent_id: 'c-1', event_id: 'txn-7', client_id: null, raw });
	});
	test('the AA standard FIStatusNotification: an account READY means data ready', () => {
		const raw = { txnid: 't', FIStatusNotification: { sessionId: 's', sessionStatus: 'ACTIVE', FIStatusResponse: [{ fipID: 'f', Accounts: [{ linkRefNumber: 'l1', FIStatus: 'PENDING' }, { linkRefNumber: 'l2', FIStatus: 'READY' }] }] } };
		expect(hooks.normalizeFinpassEvent(raw, at).event).toBe('data_ready');
		const failed = { FIStatusNotification: { sessionStatus: 'FAILED', FIStatusResponse: [] } };
		expect(hooks.normalizeFinpassEvent(failed, at).event).toBe('data_failed');
	});
	test('AA-BSA journey statuses and other spellings', () => {
		expect(hooks.normalizeFinpassEvent({ client_id: 'c', status: 'analysis_complete' }, at).event).toBe('analysis_complete');
		expect(hooks.normalizeFinpassEvent({ client_id: 'c', status: 'consent_granted' }, at)).toMatchObject({ event: 'consent_approved', consent_status: 'ACTIVE' });
		expect(hooks.normalizeFinpassEvent({ event: 'consent.rejected', status: 'success' }, at)).toMatchObject({ event: 'consent_rejected', consent_status: 'REJECTED' });
		expect(hooks.normalizeFinpassEvent({ event_type: 'Data Fetch Completed' }, at).event).toBe('data_ready');
		expect(hooks.normalizeFinpassEvent({ consentStatus: 'expired' }, at)).toMatchObject({ event: 'consent_expired', consent_status: 'EXPIRED' });
	});
	test('"<NULL>" and empty ids become null', () => {
		expect(hooks.normalizeFinpassEvent({ status: 'REJECTED', consent_id: '<NULL>', client_id: '' }, at)).toMatchObject({ consent_id: null, client_id: null });
	});
	test('an unrecognised body is kept under raw with event "unknown"', () => {
		expect(hooks.normalizeFinpassEvent({ hello: 'world' }, at)).toMatchObject({ event: 'unknown', event_type: null, status: null, consent_status: null, raw: { hello: 'world' } });
		expect(hooks.normalizeFinpassEvent([1, 2], at)).toMatchObject({ event: 'unknown', raw: [1, 2] });
		expect(hooks.normalizeFinpassEvent(null, at)).toMatchObject({ event: 'unknown', raw: null });
	});
});

describe('normalizeFinProEvent and one item per account', () => {
	const at = '2026-11-01T10:00:00.000Z';
	const accounts = [
		{ linkRefNumber: 'l-1', fiStatus: 'READY', fipName: 'Bank A', fipId: 'fip-a', maskedAccountNumber: 'XXXX1234' },
		{ linkRefNumber: 'l-2', fiStatus: 'DENIED', fipName: 'Bank B', fipId: 'fip-b', maskedAccountNumber: 'XXXX5678' },
		{ linkRefNumber: 'l-3', fiStatus: 'ready', fipName: 'Bank C', fipId: 'fip-c' },
	];
	const dataReady = { timestamp: at, consentHandle: 'h-1', eventType: 'DATA', eventStatus: 'DATA_READY', consentId: 'c-1', vua: '98xxxx@onemoney', eventMessage: 'Data is ready', linkRefNumbers: accounts };

	test('fields kept, linkRefNumbers as sent', () => {
		expect(hooks.normalizeFinProEvent(dataReady, at)).toEqual({
			eventType: 'DATA',
			eventStatus: 'DATA_READY',
			consentId: 'c-1',
			consentHandle: 'h-1',
			vua: '98xxxx@onemoney',
			eventMessage: 'Data is ready',
			timestamp: at,
			linkRefNumbers: accounts,
			eventId: null,
			receivedAt: at,
			raw: dataReady,
		});
	});
	test('rejected consents: "<NULL>" or empty consentId becomes null; statuses are upper-cased', () => {
		expect(hooks.normalizeFinProEvent({ eventType: 'CONSENT', eventStatus: 'CONSENT_REJECTED', consentId: '<NULL>' }, at)).toMatchObject({ consentId: null, eventStatus: 'CONSENT_REJECTED', linkRefNumbers: [] });
		expect(hooks.normalizeFinProEvent({ eventType: 'consent', eventStatus: 'consent_rejected', consentId: '' }, at)).toMatchObject({ consentId: null, eventStatus: 'CONSENT_REJECTED', eventType: 'CONSENT' });
	});
	test('DATA_READY split: ready accounts only, or all', () => {
		const e = hooks.normalizeFinProEvent(dataReady, at);
		const ready = hooks.finProItems(e, true, true);
		expect(ready.map((i) => i.linkRefNumber)).toEqual(['l-1', 'l-3']);
		expect(ready[0]).toMatchObject({ consentId: 'c-1', eventStatus: 'DATA_READY', linkRefNumber: 'l-1', fiStatus: 'READY', fipId: 'fip-a', fipName: 'Bank A', maskedAccountNumber: 'XXXX1234' });
		expect(ready[1]).toMatchObject({ fiStatus: 'READY', maskedAccountNumber: null });
		expect(ready[0]).not.toHaveProperty('linkRefNumbers');
		expect(hooks.finProItems(e, true, false)).toHaveLength(3);
	});
	test('no split, another status, or no qualifying account: the event itself', () => {
		const e = hooks.normalizeFinProEvent(dataReady, at);
		expect(hooks.finProItems(e, false, true)).toEqual([e]);
		const approved = hooks.normalizeFinProEvent({ ...dataReady, eventType: 'CONSENT', eventStatus: 'CONSENT_APPROVED' }, at);
		expect(hooks.finProItems(approved, true, true)).toEqual([approved]);
		const allDenied = hooks.normalizeFinProEvent({ ...dataReady, linkRefNumbers: [accounts[1]] }, at);
		expect(hooks.finProItems(allDenied, true, true)).toEqual([allDenied]);
	});
});

describe('RecentKeys: dropping re-deliveries with bounded memory', () => {
	test('a key seen within the window is a duplicate; after it, it is new again', () => {
		const keys = new hooks.RecentKeys();
		expect(keys.checkAndRecord('k', 60_000, 0)).toBe(false);
		expect(keys.checkAndRecord('k', 60_000, 59_999)).toBe(true);
		expect(keys.checkAndRecord('k', 60_000, 60_000)).toBe(false);
	});
	test('the window runs from the first delivery (duplicates do not extend it)', () => {
		const keys = new hooks.RecentKeys();
		keys.checkAndRecord('k', 10_000, 0);
		expect(keys.checkAndRecord('k', 10_000, 9_000)).toBe(true);
		expect(keys.checkAndRecord('k', 10_000, 10_500)).toBe(false);
	});
	test('never holds more than the cap (default 10,000): the oldest are forgotten first', () => {
		const keys = new hooks.RecentKeys();
		expect(hooks.DEDUPE_MAX_ENTRIES).toBe(10_000);
		for (let i = 0; i < 25_000; i++) keys.checkAndRecord(`k${i}`, 3_600_000, i);
		expect(keys.size).toBe(10_000);
		expect(keys.checkAndRecord('k24999', 3_600_000, 25_000)).toBe(true);
		expect(keys.checkAndRecord('k0', 3_600_000, 25_000)).toBe(false);
	});
	test('expired keys are dropped as time passes', () => {
		const keys = new hooks.RecentKeys(100);
		for (let i = 0; i < 50; i++) keys.checkAndRecord(`k${i}`, 1_000, i);
		keys.checkAndRecord('late', 1_000, 5_000);
		expect(keys.size).toBe(1);
	});
	test('the key is the body\'s id, or else the raw body\'s hash', () => {
		expect(hooks.dedupeKey('evt-1', Buffer.from('x'))).toBe('id:evt-1');
		expect(hooks.dedupeKey(null, Buffer.from('x'))).toBe(hooks.dedupeKey(null, Buffer.from('x')));
		expect(hooks.dedupeKey(null, Buffer.from('x'))).not.toBe(hooks.dedupeKey(null, Buffer.from('y')));
	});
});

describe('Finpass Trigger webhook(): what the sender gets and what starts', () => {
	const params = { verification: 'queryToken', secret: SECRET, queryParameterName: 'token', events: ['*'], options: {} };
	const approved = body({ event: 'consent_status', client_id: 'aa_1', consent_status: 'ACTIVE', status: 'approved' });

	test('the right token: 200 and one normalized item', async () => {
		const r = await call(FinpassTrigger, { parameters: params, raw: approved, query: { token: SECRET } });
		expect(r.response).toMatchObject({ status: 200, body: { received: true, started: true } });
		expect(r.result.noWebhookResponse).toBe(true);
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ event: 'consent_approved', client_id: 'aa_1', consent_status: 'ACTIVE', raw: JSON.parse(approved) });
		expect(r.items[0].received_at).toMatch(/^\d{4}-\d\d-\d\dT/);
	});
	test('missing or wrong token: 401, nothing starts', async () => {
		for (const query of [{}, { token: 'wrong' }]) {
			const r = await call(FinpassTrigger, { parameters: params, raw: approved, query });
			expect(r.response.status).toBe(401);
			expect(r.started).toBe(false);
		}
	});
	test('no secret configured: 401 even with an empty token', async () => {
		const r = await call(FinpassTrigger, { parameters: { ...params, secret: '' }, raw: approved, query: { token: '' } });
		expect(r.response.status).toBe(401);
		expect(r.started).toBe(false);
	});
	test('header mode reads the header, not the URL', async () => {
		const p = { ...params, verification: 'headerToken', headerName: 'x-finpass-token' };
		expect((await call(FinpassTrigger, { parameters: p, raw: approved, headers: { 'x-finpass-token': SECRET } })).started).toBe(true);
		expect((await call(FinpassTrigger, { parameters: p, raw: approved, query: { token: SECRET } })).response.status).toBe(401);
	});
	test('HMAC mode with a timestamp header', async () => {
		const p = { ...params, verification: 'hmacSha256', signatureHeader: 'x-finpass-signature', signatureEncoding: 'base64', timestampHeader: 'x-finpass-timestamp' };
		const ts = String(Math.floor(Date.now() / 1000));
		const ok = await call(FinpassTrigger, { parameters: p, raw: approved, headers: { 'x-finpass-signature': hmac(SECRET, `${ts}.${approved}`, 'base64'), 'x-finpass-timestamp': ts } });
		expect(ok.started).toBe(true);
		const stale = String(Number(ts) - 600);
		const old = await call(FinpassTrigger, { parameters: p, raw: approved, headers: { 'x-finpass-signature': hmac(SECRET, `${stale}.${approved}`, 'base64'), 'x-finpass-timestamp': stale } });
		expect(old.response).toMatchObject({ status: 401, body: { message: expect.stringMatching(/window/) } });
	});
	test('wrong method 405, oversized 413, malformed 400, no raw body 400', async () => {
		const get = await call(FinpassTrigger, { parameters: params, method: 'GET', raw: Buffer.alloc(0), query: { token: SECRET } });
		expect(get.response).toMatchObject({ status: 405, headers: { allow: 'POST' } });
		const big = await call(FinpassTrigger, { parameters: { ...params, options: { maxBodyKb: 1 } }, raw: Buffer.from(JSON.stringify({ pad: 'x'.repeat(2000) })), query: { token: SECRET } });
		expect(big.response.status).toBe(413);
		const bad = await call(FinpassTrigger, { parameters: params, raw: Buffer.from('{"event": '), query: { token: SECRET } });
		expect(bad.response).toMatchObject({ status: 400, body: { message: 'The body is not valid JSON' } });
		const none = await call(FinpassTrigger, { parameters: params, raw: undefined, query: { token: SECRET } });
		expect(none.response.status).toBe(400);
		for (const r of [get, big, bad, none]) expect(r.started).toBe(false);
	});
	test('an unauthenticated malformed body gets 401, not 400 (the secret is checked first)', async () => {
		const r = await call(FinpassTrigger, { parameters: params, raw: Buffer.from('{"event": '), query: {} });
		expect(r.response.status).toBe(401);
	});
	test('events not selected: 200 and nothing starts', async () => {
		const p = { ...params, events: ['data_ready', 'analysis_complete'] };
		const r = await call(FinpassTrigger, { parameters: p, raw: approved, query: { token: SECRET } });
		expect(r.response).toMatchObject({ status: 200, body: { started: false, reason: 'event consent_approved is not selected' } });
		expect(r.started).toBe(false);
		const unknown = await call(FinpassTrigger, { parameters: p, raw: body({ foo: 1 }), query: { token: SECRET } });
		expect(unknown.started).toBe(false);
	});
	test('a re-delivery within the window starts nothing; other nodes and test-URL calls are not affected', async () => {
		const p = { ...params, options: { dedupeWindowMinutes: 5 } };
		const raw = body({ event_id: `evt-${Date.now()}`, status: 'approved' });
		const first = await call(FinpassTrigger, { parameters: p, raw, query: { token: SECRET }, nodeId: 'dedupe-node' });
		const again = await call(FinpassTrigger, { parameters: p, raw, query: { token: SECRET }, nodeId: 'dedupe-node' });
		const otherNode = await call(FinpassTrigger, { parameters: p, raw, query: { token: SECRET }, nodeId: 'dedupe-node-2' });
		const manual1 = await call(FinpassTrigger, { parameters: p, raw, query: { token: SECRET }, nodeId: 'dedupe-node', mode: 'manual' });
		expect(first.started).toBe(true);
		expect(again.started).toBe(false);
		expect(again.response).toMatchObject({ status: 200, body: { reason: 'duplicate delivery' } });
		expect(otherNode.started).toBe(true);
		expect(manual1.started).toBe(true);
	});
	test('without the option, identical deliveries all start', async () => {
		const raw = body({ event_id: 'same', status: 'approved' });
		expect((await call(FinpassTrigger, { parameters: params, raw, query: { token: SECRET } })).started).toBe(true);
		expect((await call(FinpassTrigger, { parameters: params, raw, query: { token: SECRET } })).started).toBe(true);
	});
});

describe('FinPro Trigger webhook()', () => {
	const params = { secret: SECRET, signatureHeader: 'x-finpro-signature', signatureEncoding: 'hex', timestampHeader: '', events: ['DATA_READY'], splitByAccount: true, onlyReadyAccounts: true, options: {} };
	const raw = body({
		eventType: 'DATA',
		eventStatus: 'DATA_READY',
		consentId: 'c-9',
		consentHandle: 'h-9',
		linkRefNumbers: [
			{ linkRefNumber: 'l-1', fiStatus: 'READY', fipId: 'f1', fipName: 'Bank A', maskedAccountNumber: 'XX11' },
			{ linkRefNumber: 'l-2', fiStatus: 'TIMEOUT', fipId: 'f2', fipName: 'Bank B', maskedAccountNumber: 'XX22' },
		],
	});
	test('signed DATA_READY: one item per ready account', async () => {
		const r = await call(FinProTrigger, { parameters: params, raw, headers: { 'X-FinPro-Signature': hmac(SECRET, raw) } });
		expect(r.response.status).toBe(200);
		expect(r.items).toEqual([expect.objectContaining({ consentId: 'c-9', linkRefNumber: 'l-1', fiStatus: 'READY', fipId: 'f1', fipName: 'Bank A', maskedAccountNumber: 'XX11' })]);
	});
	test('unsigned or badly signed: 401', async () => {
		expect((await call(FinProTrigger, { parameters: params, raw })).response.status).toBe(401);
		expect((await call(FinProTrigger, { parameters: params, raw, headers: { 'x-finpro-signature': hmac('portal-secret-of-someone-else', raw) } })).response.status).toBe(401);
	});
	test('a rejected consent is filtered out when only DATA_READY is selected', async () => {
		const rejected = body({ eventType: 'CONSENT', eventStatus: 'CONSENT_REJECTED', consentId: '<NULL>' });
		const r = await call(FinProTrigger, { parameters: params, raw: rejected, headers: { 'x-finpro-signature': hmac(SECRET, rejected) } });
		expect(r.response).toMatchObject({ status: 200, body: { started: false } });
		const any = await call(FinProTrigger, { parameters: { ...params, events: ['*'] }, raw: rejected, headers: { 'x-finpro-signature': hmac(SECRET, rejected) } });
		expect(any.items).toEqual([expect.objectContaining({ eventStatus: 'CONSENT_REJECTED', consentId: null })]);
	});
});

describe('lifecycle: the URL is registered by hand, so the methods only report state', () => {
	const hookContext = (parameters) => ({
		getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ id: 'n', name: 'Trigger', type: 'x', typeVersion: 1, position: [0, 0], parameters }),
	});
	test.each([
		['Finpass', FinpassTrigger],
		['FinPro', FinProTrigger],
	])('%s: activates with a secret, refuses to without one', async (_name, NodeClass) => {
		const methods = new NodeClass().webhookMethods.default;
		await expect(methods.checkExists.call(hookContext({ secret: SECRET }))).resolves.toBe(true);
		await expect(methods.checkExists.call(hookContext({ secret: '' }))).rejects.toThrow('The trigger has no secret');
		await expect(methods.create.call(hookContext({}))).resolves.toBe(true);
		await expect(methods.delete.call(hookContext({}))).resolves.toBe(true);
	});
	test.each([
		['Finpass', FinpassTrigger, 'finpassTrigger'],
		['FinPro', FinProTrigger, 'finProTrigger'],
	])('%s: a trigger with no inputs and one POST webhook', (_name, NodeClass, name) => {
		const d = new NodeClass().description;
		expect(d).toMatchObject({ name, group: ['trigger'], inputs: [] });
		expect(d.webhooks).toEqual([expect.objectContaining({ name: 'default', httpMethod: 'POST', isFullPath: true })]);
		expect(d.properties.find((p) => p.name === 'secret')).toMatchObject({ typeOptions: { password: true }, required: true });
		expect(d.triggerPanel.header).toMatch(/production URL/);
	});
});

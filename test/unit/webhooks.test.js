// The webhook mechanics (nodes/shared/webhooks/*), the trigger engine (nodes/shared/triggers/*) and the two triggers' webhook() run in a
// stand-in for n8n's IWebhookFunctions: verification settings read from the webhook credential
// (fail closed, timing-safe), secret strength on activation, body checks, normalization of the
// payload shapes we know of, the event filter and dropping re-deliveries (in memory and in the
// workflow's static data, which n8n persists and shares between its processes).
const crypto = require('node:crypto');
const { DIST, recordingResponse } = require('../helpers/context');
const hooks = {
	...require(`${DIST}/nodes/shared/webhooks`),
	...require(`${DIST}/nodes/shared/triggers`),
	...require(`${DIST}/nodes/FinpassTrigger/finpassEvent`),
	...require(`${DIST}/nodes/FinProTrigger/finProEvent`),
};
const { FinpassTrigger } = require(`${DIST}/nodes/FinpassTrigger/FinpassTrigger.node.js`);
const { FinProTrigger } = require(`${DIST}/nodes/FinProTrigger/FinProTrigger.node.js`);

const NOW = Date.UTC(2026, 10, 1, 10, 0, 0);
const SECRET = 'a-long-random-secret-7Kq2xW9pL4';
const body = (o) => Buffer.from(JSON.stringify(o));
const hmac = (secret, text, encoding = 'hex') => crypto.createHmac('sha256', secret).update(text).digest(encoding);

function delivery({ raw = body({ event: 'consent_status' }), headers = {}, query = {} } = {}) {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return { rawBody: raw, headers: lower, query };
}

/** Static data per workflow and node, as n8n keeps it in its database (shared by every process). */
const staticStore = new Map();
// every call is its own trigger node unless a test names one (replay protection is always on)
let nodeCounter = 0;
const PARAMETER_NAMES = new Set(['path', 'events', 'options', 'splitByAccount', 'onlyReadyAccounts']);

/**
 * A stand-in for IWebhookFunctions: records what the node answered. `parameters` may mix node
 * parameters and credential fields (as the old node parameters did): each goes where it lives now.
 */
function webhookContext({ parameters: all = {}, method = 'POST', raw, headers = {}, query = {}, mode = 'webhook', workflowId = 'wf-1', nodeId = `node-${++nodeCounter}` }) {
	const parameters = Object.fromEntries(Object.entries(all).filter(([k]) => PARAMETER_NAMES.has(k)));
	const credentials = Object.fromEntries(Object.entries(all).filter(([k]) => !PARAMETER_NAMES.has(k)));
	const staticKey = `${workflowId}:${nodeId}`;
	if (!staticStore.has(staticKey)) staticStore.set(staticKey, {});
	const { res, response } = recordingResponse();
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	const ctx = {
		getRequestObject: () => ({ method, rawBody: raw, headers: lower }),
		getResponseObject: () => res,
		getQueryData: () => query,
		getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => credentials,
		getWorkflowStaticData: (type) => {
			if (type !== 'node') throw new Error('the triggers keep their state per node');
			return staticStore.get(staticKey);
		},
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
	// accepted deliveries are answered by n8n from webhookResponse (200, responseMode onReceived)
	if (result.webhookResponse !== undefined) Object.assign(response, { status: 200, body: result.webhookResponse });
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
	test('the simulator signs the same way (packages/simulator/lib webhookSigning hmac)', () => {
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
		expect(hooks.normalizeFinpassEvent(raw, at)).toMatchObject({ event: 'consent_revoked', consent_status: 'REVOKED', consent_id: 'c-1', event_id: null, client_id: null, raw });
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
	test('the key is the delivery id with the event name, or else the canonical body (hashed, 22 characters)', () => {
		const key = (name, id, b) => hooks.dedupeKey(name, id, b);
		expect(key('data_ready', 'evt-1', { x: 1 })).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(key('data_ready', 'evt-1', { x: 1 })).toBe(key('data_ready', 'evt-1', { y: 2 }));
		// the same id for another event is another delivery: an id alone is not trusted
		expect(key('data_ready', 'evt-1', 'x')).not.toBe(key('consent_revoked', 'evt-1', 'x'));
		expect(key(null, null, 'x')).toBe(key('data_ready', null, 'x'));
		expect(key(null, null, 'x')).not.toBe(key(null, null, 'y'));
		expect(key(null, 'x', 'x')).not.toBe(key(null, null, 'x'));
		// key order does not matter, at any depth; array order and values do
		expect(key(null, null, { a: 1, b: { c: [1, { d: 2, e: 3 }], f: null } })).toBe(key(null, null, { b: { f: null, c: [1, { e: 3, d: 2 }] }, a: 1 }));
		expect(key(null, null, { a: [1, 2] })).not.toBe(key(null, null, { a: [2, 1] }));
		expect(key(null, null, { a: 1 })).not.toBe(key(null, null, { a: '1' }));
		expect(hooks.canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
	});
	test('one store, each entry with its own window: a 1-minute caller does not evict 24-hour entries', () => {
		const keys = new hooks.RecentKeys(100);
		const DAY = 24 * 3_600_000;
		expect(keys.checkAndRecord('daily', DAY, 0)).toBe(false);
		// another trigger with a 1-minute window checks its own keys two minutes later
		expect(keys.checkAndRecord('minutely', 60_000, 120_000)).toBe(false);
		expect(keys.checkAndRecord('daily', DAY, 180_000)).toBe(true);
		expect(keys.checkAndRecord('minutely', 60_000, 150_000)).toBe(true);
		expect(keys.checkAndRecord('minutely', 60_000, 181_000)).toBe(false);
		expect(keys.checkAndRecord('daily', DAY, DAY + 1)).toBe(false);
	});
	test('isReplay: triggers with different windows in one process keep their own entries', () => {
		const t0 = 1_700_000_000_000;
		const fresh = () => ({}); // static data not saved yet (a copy at the same moment)
		expect(hooks.isReplay('wf:daily', 'k-daily', fresh(), 24 * 3_600_000, t0)).toBe(false);
		expect(hooks.isReplay('wf:minutely', 'k-min', fresh(), 60_000, t0 + 120_000)).toBe(false);
		expect(hooks.isReplay('wf:daily', 'k-daily', fresh(), 24 * 3_600_000, t0 + 180_000)).toBe(true);
	});
});

describe('checkAndRecordPersisted: the list kept in the workflow\'s static data', () => {
	const HOUR = 3_600_000;
	test('new keys are recorded (seconds), duplicates within the window are recognised and not rewritten', () => {
		const staticData = {};
		expect(hooks.checkAndRecordPersisted(staticData, 'a', HOUR, NOW)).toBe(false);
		expect(staticData[hooks.STATIC_DATA_KEY]).toEqual({ a: Math.floor(NOW / 1000) });
		const before = staticData[hooks.STATIC_DATA_KEY];
		expect(hooks.checkAndRecordPersisted(staticData, 'a', HOUR, NOW + HOUR - 1000)).toBe(true);
		expect(staticData[hooks.STATIC_DATA_KEY]).toBe(before);
		expect(hooks.checkAndRecordPersisted(staticData, 'a', HOUR, NOW + HOUR + 1000)).toBe(false);
	});
	test('bounded: expired entries go, and never more than the cap (default 2,000), oldest first', () => {
		const staticData = {};
		expect(hooks.PERSISTED_MAX_ENTRIES).toBe(2_000);
		for (let i = 0; i < 2_500; i++) hooks.checkAndRecordPersisted(staticData, `k${i}`, HOUR, NOW + i * 1000);
		const kept = Object.keys(staticData[hooks.STATIC_DATA_KEY]);
		expect(kept).toHaveLength(2_000);
		expect(kept[0]).toBe('k500');
		hooks.checkAndRecordPersisted(staticData, 'late', HOUR, NOW + 10 * HOUR);
		expect(Object.keys(staticData[hooks.STATIC_DATA_KEY])).toEqual(['late']);
		expect(JSON.stringify(staticData)).toBe(`{"recentDeliveries":{"late":${Math.floor((NOW + 10 * HOUR) / 1000)}}}`);
	});
	test('whatever was stored there before is tolerated', () => {
		for (const stored of [undefined, null, 'x', [1], { a: 'not a number' }]) {
			const staticData = { [hooks.STATIC_DATA_KEY]: stored };
			expect(hooks.checkAndRecordPersisted(staticData, 'a', HOUR, NOW)).toBe(false);
		}
	});
});

describe('Finpass Trigger webhook(): what the sender gets and what starts', () => {
	const params = { verification: 'queryToken', secret: SECRET, queryParameterName: 'token', events: ['*'], options: {} };
	const approved = body({ event: 'consent_status', client_id: 'aa_1', consent_status: 'ACTIVE', status: 'approved' });

	test('the right token: 200 and one normalized item', async () => {
		const r = await call(FinpassTrigger, { parameters: params, raw: approved, query: { token: SECRET } });
		expect(r.response).toMatchObject({ status: 200, body: { received: true, started: true } });
		// answered by n8n after it saved the static data holding this delivery
		expect(r.result.webhookResponse).toEqual({ received: true, started: true });
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ event: 'consent_approved', client_id: 'aa_1', consent_status: 'ACTIVE', raw: JSON.parse(approved) });
		expect(r.items[0].received_at).toMatch(/^\d{4}-\d\d-\d\dT/);
	});
	test("n8n 2.x's reset of the static data's changed flag while it starts the execution does not lose the record", async () => {
		// n8n's own observable static data: the root as LiveWebhooks loads it (with an older
		// record, so the node's part already exists), the node's part as getWorkflowStaticData gives it
		const { ObservableObject } = require('n8n-workflow');
		const root = { 'node:Trigger': { [hooks.STATIC_DATA_KEY]: { older: Math.floor(Date.now() / 1000) } } };
		const observed = ObservableObject.create(root);
		const { ctx } = webhookContext({ parameters: params, raw: body({ event: 'consent_status', client_id: 'aa_flag', consent_status: 'ACTIVE' }), query: { token: SECRET } });
		ctx.getWorkflowStaticData = () => observed['node:Trigger'];
		const result = await new FinpassTrigger().webhook.call(ctx);
		expect(root.__dataChanged).toBe(true);
		// WorkflowRunner.run → establishContextForPersistence: a second Workflow over the same object
		ObservableObject.create(root);
		expect(root.__dataChanged).toBe(false);
		// n8n reads the answer after starting the execution and saves the static data before sending it
		expect(result.webhookResponse).toEqual({ received: true, started: true });
		expect(root.__dataChanged).toBe(true);
		expect(Object.keys(root['node:Trigger'][hooks.STATIC_DATA_KEY])).toHaveLength(2);
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
		expect(old.response).toMatchObject({ status: 401, body: { error: 'unauthorized', message: 'Unauthorized' } });
	});
	test('every 401 has the same body: it names no parameter, header or window', async () => {
		const hmacParams = { ...params, verification: 'hmacSha256', signatureHeader: 'x-finpass-signature', signatureEncoding: 'hex', timestampHeader: 'x-finpass-timestamp' };
		const ts = String(Math.floor(Date.now() / 1000) - 3600);
		const refusals = [
			await call(FinpassTrigger, { parameters: { ...params, queryParameterName: 'my_param' }, raw: approved, query: {} }),
			await call(FinpassTrigger, { parameters: params, raw: approved, query: { token: 'wrong' } }),
			await call(FinpassTrigger, { parameters: { ...params, verification: 'headerToken', headerName: 'x-my-token' }, raw: approved }),
			await call(FinpassTrigger, { parameters: hmacParams, raw: approved }),
			await call(FinpassTrigger, { parameters: hmacParams, raw: approved, headers: { 'x-finpass-signature': hmac(SECRET, approved) } }),
			await call(FinpassTrigger, { parameters: hmacParams, raw: approved, headers: { 'x-finpass-signature': hmac(SECRET, `${ts}.${approved}`), 'x-finpass-timestamp': ts } }),
			await call(FinpassTrigger, { parameters: { ...params, secret: 'short' }, raw: approved, query: { token: 'short' } }),
		];
		for (const r of refusals) {
			expect(r.response).toMatchObject({ status: 401, body: { error: 'unauthorized', message: 'Unauthorized' } });
			expect(JSON.stringify(r.response.body)).not.toMatch(/my_param|x-my-token|signature|timestamp|window|token|secret/i);
		}
	});
	test('a captured signed delivery replayed inside the timestamp window starts nothing, even with a 1-minute Drop Duplicates Within', async () => {
		const p = { ...params, verification: 'hmacSha256', signatureHeader: 'x-finpass-signature', signatureEncoding: 'hex', timestampHeader: 'x-finpass-timestamp', timestampToleranceSeconds: 300, options: { dedupeWindowMinutes: 1 } };
		const t0 = Date.now();
		const ts = String(Math.floor(t0 / 1000));
		const raw = body({ event: 'consent_status', client_id: `aa_replay_${t0}`, consent_status: 'ACTIVE' });
		const headers = { 'x-finpass-signature': hmac(SECRET, `${ts}.${raw}`), 'x-finpass-timestamp': ts };
		const now = jest.spyOn(Date, 'now');
		try {
			now.mockReturnValue(t0);
			expect((await call(FinpassTrigger, { parameters: p, raw, headers, nodeId: 'replay-window' })).started).toBe(true);
			// +90 s: past the 1-minute window, still inside the 300 s timestamp tolerance
			now.mockReturnValue(t0 + 90_000);
			const replay = await call(FinpassTrigger, { parameters: p, raw, headers, nodeId: 'replay-window' });
			expect([replay.started, replay.response.body]).toEqual([false, { received: true, started: false, reason: 'duplicate delivery' }]);
			// +590 s: still remembered (twice the tolerance), though the signature check refuses it anyway
			now.mockReturnValue(t0 + 590_000);
			expect((await call(FinpassTrigger, { parameters: p, raw, headers, nodeId: 'replay-window' })).started).toBe(false);
		} finally {
			now.mockRestore();
		}
	});
	test('an absurd timestamp tolerance is refused, not honoured: 10^12 s does not accept ts=1', async () => {
		const p = { ...params, verification: 'hmacSha256', signatureHeader: 'x-finpass-signature', signatureEncoding: 'hex', timestampHeader: 'x-finpass-timestamp' };
		const raw = body({ event: 'consent_status', client_id: 'aa_ancient' });
		const signed = { 'x-finpass-signature': hmac(SECRET, `1.${raw}`), 'x-finpass-timestamp': '1' };
		for (const tolerance of [1e12, 3601, 0, -5, 'soon']) {
			const r = await call(FinpassTrigger, { parameters: { ...p, timestampToleranceSeconds: tolerance }, raw, headers: signed });
			expect([tolerance, r.response.status, r.started]).toEqual([tolerance, 401, false]);
		}
		const settings = { mode: 'hmacSha256', secret: SECRET, headerName: 'x-sig', timestampHeader: 'x-ts', toleranceSeconds: 1e12 };
		expect(hooks.verifyDelivery(settings, delivery({ raw, headers: { 'x-sig': hmac(SECRET, `1.${raw}`), 'x-ts': '1' } }), Date.now()).ok).toBe(false);
		// the widest accepted window is one hour
		const hour = String(Math.floor(Date.now() / 1000) - 3500);
		const ok = await call(FinpassTrigger, { parameters: { ...p, timestampToleranceSeconds: 3600 }, raw, headers: { 'x-finpass-signature': hmac(SECRET, `${hour}.${raw}`), 'x-finpass-timestamp': hour } });
		expect(ok.started).toBe(true);
		expect(hooks.toleranceProblem(3600)).toBeUndefined();
		expect(hooks.toleranceProblem(3601)).toMatch(/between 1 and 3600/);
	});
	test('different deliveries that share a nested id are not duplicates; the same delivery with reordered keys is', async () => {
		const p = { ...params, options: { dedupeWindowMinutes: 60 } };
		const send = (o) => call(FinpassTrigger, { parameters: p, raw: body(o), query: { token: SECRET }, nodeId: 'nested-ids' });
		// two data_ready events of one consent, different request_ids, the same nested id / txnid
		const a = { event: 'data_ready', txnid: 'txn-1', data: { id: 'consent-1', client_id: 'aa_n', request_id: 'req-1' } };
		const b = { event: 'data_ready', txnid: 'txn-1', data: { id: 'consent-1', client_id: 'aa_n', request_id: 'req-2' } };
		expect((await send(a)).started).toBe(true);
		expect((await send(b)).started).toBe(true);
		// the same body with its keys in another order is the same delivery
		expect((await send({ data: { request_id: 'req-2', client_id: 'aa_n', id: 'consent-1' }, txnid: 'txn-1', event: 'data_ready' })).started).toBe(false);
		// an explicit top-level delivery id decides on its own
		expect((await send({ event: 'data_ready', event_id: 'evt-9', data: { request_id: 'req-3' } })).started).toBe(true);
		expect((await send({ event: 'data_ready', event_id: 'evt-9', data: { request_id: 'req-4' } })).started).toBe(false);
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
	test('on by default (60 minutes): without the option, an identical delivery starts once', async () => {
		const raw = body({ status: 'approved', client_id: 'aa_default' });
		const send = () => call(FinpassTrigger, { parameters: params, raw, query: { token: SECRET }, nodeId: 'default-window' });
		expect((await send()).started).toBe(true);
		expect((await send()).response.body).toEqual({ received: true, started: false, reason: 'duplicate delivery' });
	});
	test('the option cannot switch it off: 0 is read as 1 minute', async () => {
		const raw = body({ status: 'approved', client_id: 'aa_zero' });
		const p = { ...params, options: { dedupeWindowMinutes: 0 } };
		const send = () => call(FinpassTrigger, { parameters: p, raw, query: { token: SECRET }, nodeId: 'zero-window' });
		expect((await send()).started).toBe(true);
		expect((await send()).started).toBe(false);
	});
	test('another n8n process (its own memory, the same static data) recognises the delivery', async () => {
		const raw = body({ event_id: `evt-proc-${Date.now()}`, status: 'approved' });
		const send = (NodeClass) => call(NodeClass, { parameters: params, raw, query: { token: SECRET }, nodeId: 'two-processes' });
		let SecondProcessTrigger;
		jest.isolateModules(() => {
			SecondProcessTrigger = require(`${DIST}/nodes/FinpassTrigger/FinpassTrigger.node.js`).FinpassTrigger;
		});
		expect(SecondProcessTrigger).not.toBe(FinpassTrigger);
		expect((await send(FinpassTrigger)).started).toBe(true);
		const second = await send(SecondProcessTrigger);
		expect(second.started).toBe(false);
		expect(second.response.body.reason).toBe('duplicate delivery');
		// and the other way round: the second process records what it accepts
		const other = body({ event_id: `evt-proc2-${Date.now()}`, status: 'approved' });
		expect((await call(SecondProcessTrigger, { parameters: params, raw: other, query: { token: SECRET }, nodeId: 'two-processes' })).started).toBe(true);
		expect((await call(FinpassTrigger, { parameters: params, raw: other, query: { token: SECRET }, nodeId: 'two-processes' })).started).toBe(false);
	});
	test('when n8n fails to start the execution, the retry is not dropped as a duplicate', async () => {
		// n8n 2.x starts the execution, then reads the answer; if starting fails it answers an
		// error, never reads the answer and saves no static data (each request loads its own copy)
		const raw = body({ event: 'data_ready', client_id: `aa_failed_start_${Date.now()}` });
		const attempt = async (readAnswer) => {
			const { ctx, response } = webhookContext({ parameters: params, raw, query: { token: SECRET }, nodeId: 'failed-start' });
			ctx.getWorkflowStaticData = () => ({});
			const result = await new FinpassTrigger().webhook.call(ctx);
			if (readAnswer && result.webhookResponse !== undefined) Object.assign(response, { status: 200, body: result.webhookResponse });
			return { started: result.workflowData !== undefined, response };
		};
		const t0 = Date.now();
		const now = jest.spyOn(Date, 'now');
		try {
			now.mockReturnValue(t0);
			expect((await attempt(false)).started).toBe(true); // ... and n8n failed to start it
			// a copy while that start is unconfirmed: "send it again later", not "duplicate"
			now.mockReturnValue(t0 + 5_000);
			const copy = await attempt(true);
			expect(copy.started).toBe(false);
			expect(copy.response).toMatchObject({ status: 409, headers: { 'retry-after': '60' }, body: { started: false, reason: expect.stringMatching(/send it again later/) } });
			// the sender's retry a minute later starts the workflow
			now.mockReturnValue(t0 + 61_000);
			expect((await attempt(true)).started).toBe(true);
			// once n8n read the answer (the execution started), a copy is a duplicate
			now.mockReturnValue(t0 + 62_000);
			expect((await attempt(true)).response).toMatchObject({ status: 200, body: { reason: 'duplicate delivery' } });
		} finally {
			now.mockRestore();
		}
	});
	test('two copies at once in one process: one starts', async () => {
		const raw = body({ event_id: `evt-race-${Date.now()}`, status: 'approved' });
		const results = await Promise.all([1, 2, 3].map(() => call(FinpassTrigger, { parameters: params, raw, query: { token: SECRET }, nodeId: 'race' })));
		expect(results.filter((r) => r.started)).toHaveLength(1);
	});
	test('a credential with a weak secret refuses every delivery (401), even the matching token', async () => {
		for (const secret of ['short-secret', 'REPLACE_WITH_A_LONG_RANDOM_SECRET', 'changeme-changeme-changeme', 'x'.repeat(40)]) {
			const r = await call(FinpassTrigger, { parameters: { ...params, secret }, raw: approved, query: { token: secret } });
			expect([secret, r.response.status, r.started]).toEqual([secret, 401, false]);
		}
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
	test('the same event with its keys reordered is one delivery; a nested id does not make two deliveries one', async () => {
		const p = { ...params, events: ['*'], splitByAccount: false };
		const send = (o) => {
			const raw = body(o);
			return call(FinProTrigger, { parameters: p, raw, headers: { 'x-finpro-signature': hmac(SECRET, raw) }, nodeId: 'finpro-canonical' });
		};
		const event = { eventType: 'DATA', eventStatus: 'DATA_READY', consentId: 'c-77', data: { id: 'x-1' }, timestamp: '2026-11-01T10:00:00Z' };
		expect((await send(event)).started).toBe(true);
		expect((await send({ timestamp: '2026-11-01T10:00:00Z', data: { id: 'x-1' }, consentId: 'c-77', eventStatus: 'DATA_READY', eventType: 'DATA' })).started).toBe(false);
		expect((await send({ ...event, consentId: 'c-78' })).started).toBe(true);
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
	const hookContext = (credentials) => ({
		getCredentials: async () => {
			if (credentials === undefined) throw new Error('Node "Trigger" does not have any credentials set');
			return credentials;
		},
		getNode: () => ({ id: 'n', name: 'Trigger', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
	});
	test.each([
		['Finpass', FinpassTrigger],
		['FinPro', FinProTrigger],
	])('%s: activates with a secret, refuses to without one', async (_name, NodeClass) => {
		const methods = new NodeClass().webhookMethods.default;
		await expect(methods.checkExists.call(hookContext({ secret: SECRET }))).resolves.toBe(true);
		await expect(methods.checkExists.call(hookContext({ secret: '' }))).rejects.toThrow('The webhook credential has no secret');
		await expect(methods.checkExists.call(hookContext(undefined))).rejects.toThrow(/webhook credential could not be read/);
		for (const [secret, message] of [
			['too-short-secret', /is 16 characters long; at least 24/],
			['REPLACE_WITH_A_LONG_RANDOM_SECRET', /placeholder/],
			['changeme', /placeholder/],
			['secret', /placeholder/],
			['<your webhook secret goes here>', /placeholder/],
			['abababababababababababababab', /repeats too few characters/],
		]) {
			const error = await methods.checkExists.call(hookContext({ secret })).catch((e) => e);
			expect(error.message).toMatch(message);
			// says what to do, with a fresh strong suggestion (different each time)
			expect(error.description).toMatch(/Open the webhook credential and set a random secret of at least 24 characters \(for example this freshly generated one: [A-Za-z0-9_-]{43}\)/);
		}
		// an absurd timestamp tolerance is refused at activation too
		const tolerance = await methods.checkExists.call(hookContext({ secret: SECRET, verification: 'hmacSha256', signatureHeader: 'x-sig', timestampHeader: 'x-ts', timestampToleranceSeconds: 1e12 })).catch((e) => e);
		expect(tolerance.message).toMatch(/Timestamp Tolerance must be between 1 and 3600 seconds/);
		await expect(methods.create.call(hookContext({}))).resolves.toBe(true);
		await expect(methods.delete.call(hookContext({}))).resolves.toBe(true);
	});
	test.each([
		['Finpass', FinpassTrigger, 'finpassTrigger'],
		['FinPro', FinProTrigger, 'finProTrigger'],
	])('%s: a trigger with no inputs and one POST webhook', (_name, NodeClass, name) => {
		const d = new NodeClass().description;
		expect(d).toMatchObject({ name, group: ['trigger'], inputs: [] });
		// responseData '' so n8n answers with the node's webhookResponse, not "firstEntryJson"
		expect(d.webhooks).toEqual([expect.objectContaining({ name: 'default', httpMethod: 'POST', isFullPath: true, responseData: '' })]);
		// no secret, mode or header among the node's parameters: they live in the credential
		expect(d.properties.map((p) => p.name)).not.toEqual(expect.arrayContaining(['secret']));
		expect(d.properties.map((p) => p.name).filter((n) => /secret|verification|header|token/i.test(n))).toEqual([]);
		expect(d.credentials).toEqual([expect.objectContaining({ required: true, testedBy: expect.any(String) })]);
		expect(d.triggerPanel.header).toMatch(/production URL/);
	});
});

test('the Finpass Trigger offers every event kind its normaliser tells apart (FINPASS_EVENTS), paused and pending included', () => {
	const events = new FinpassTrigger().description.properties.find((q) => q.name === 'events');
	const values = events.options.map((o) => o.value);
	expect(values.filter((v) => v !== '*').sort()).toEqual([...hooks.FINPASS_EVENTS].sort());
	expect(events.options).toEqual(expect.arrayContaining([{ name: 'Consent Paused', value: 'consent_paused' }, { name: 'Consent Pending', value: 'consent_pending' }]));
	expect(events.options.map((o) => o.name)).toEqual([...events.options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
});

describe('webhook credentials', () => {
	const { FinpassWebhookApi } = require(`${DIST}/credentials/FinpassWebhookApi.credentials.js`);
	const { FinProWebhookApi } = require(`${DIST}/credentials/FinProWebhookApi.credentials.js`);
	test.each([
		['Finpass', FinpassWebhookApi, FinpassTrigger],
		['FinPro', FinProWebhookApi, FinProTrigger],
	])('%s: a password secret with a freshly generated suggestion, tested by the trigger without sending anything', async (_name, Credential, NodeClass) => {
		const credential = new Credential();
		const secret = credential.properties.find((p) => p.name === 'secret');
		expect(secret).toMatchObject({ type: 'string', typeOptions: { password: true }, required: true, default: '' });
		expect(secret.placeholder).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(hooks.secretProblem(secret.placeholder)).toBeUndefined();
		const node = new NodeClass();
		expect(node.description.credentials[0].name).toBe(credential.name);
		const test = node.methods.credentialTest[node.description.credentials[0].testedBy];
		await expect(test.call({}, { data: { secret: SECRET } })).resolves.toMatchObject({ status: 'OK' });
		const weak = await test.call({}, { data: { secret: 'REPLACE_WITH_YOUR_SECRET' } });
		expect(weak).toMatchObject({ status: 'Error', message: expect.stringMatching(/placeholder.*freshly generated one: [A-Za-z0-9_-]{43}/) });
	});
	test('suggestions are never repeated and always pass', () => {
		const seen = new Set(Array.from({ length: 200 }, () => hooks.suggestSecret()));
		expect(seen.size).toBe(200);
		for (const s of seen) expect(hooks.secretProblem(s)).toBeUndefined();
	});
	test('a timestamp tolerance outside 1 s to 1 hour fails the credential test', async () => {
		const node = new FinProTrigger();
		const test = node.methods.credentialTest[node.description.credentials[0].testedBy];
		const base = { secret: SECRET, signatureHeader: 'x-sig', timestampHeader: 'x-ts' };
		expect(await test.call({}, { data: { ...base, timestampToleranceSeconds: 1e12 } })).toMatchObject({ status: 'Error', message: expect.stringMatching(/between 1 and 3600/) });
		expect(await test.call({}, { data: { ...base, timestampToleranceSeconds: 600 } })).toMatchObject({ status: 'OK' });
		// without a timestamp header the tolerance is not used
		expect(await test.call({}, { data: { ...base, timestampHeader: '', timestampToleranceSeconds: 1e12 } })).toMatchObject({ status: 'OK' });
		const field = new (require(`${DIST}/credentials/FinProWebhookApi.credentials.js`).FinProWebhookApi)().properties.find((q) => q.name === 'timestampToleranceSeconds');
		expect(field.typeOptions).toEqual({ minValue: 1, maxValue: 3600 });
	});
	test('verificationFrom: Finpass modes; FinPro (no mode field) is HMAC', () => {
		expect(hooks.verificationFrom({ verification: 'queryToken', secret: 's', queryParameterName: 'key' })).toMatchObject({ mode: 'queryToken', queryParameter: 'key' });
		expect(hooks.verificationFrom({ verification: 'headerToken', secret: 's', headerName: 'x-h', signatureHeader: 'x-sig' })).toMatchObject({ mode: 'headerToken', headerName: 'x-h' });
		expect(hooks.verificationFrom({ secret: 's', signatureHeader: 'x-sig', signatureEncoding: 'base64', timestampHeader: 'x-ts', timestampToleranceSeconds: 60 })).toEqual({
			mode: 'hmacSha256', secret: 's', queryParameter: 'token', headerName: 'x-sig', encoding: 'base64', timestampHeader: 'x-ts', toleranceSeconds: 60,
		});
	});
});

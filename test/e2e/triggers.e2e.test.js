'use strict';
// The Finpass and FinPro triggers in a real n8n under `n8n start` (one boot for all the published
// workflows in test/e2e/workflows/trigger-*.json), their verification settings in webhook
// credentials (test/e2e/webhook-credentials.js): signed, unsigned, badly signed, stale,
// replayed, malformed, oversized and filtered-out deliveries, and which of them started an
// execution (and what it output); exported workflows hold no secret. Finpass deliveries come from
// the simulator where it can send them (a borrower approving a consent), the rest are posted
// directly. Every case's HTTP answers and executions started are printed at the end
// ("finpass trigger cases").
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const harness = require('./harness');
const { WEBHOOK_CREDENTIALS: CRED, WEBHOOK_SECRETS } = require('./webhook-credentials');
const { listExamples, loadExample, ciCopy } = require('./examples');

const WF = {
	query: { id: 'e2eTrigFpQuery01', path: 'e2e-trigger-finpass-query', secret: CRED.query.data.secret },
	header: { id: 'e2eTrigFpHeader1', path: 'e2e-trigger-finpass-header', secret: CRED.header.data.secret },
	hmac: { id: 'e2eTrigFpHmac001', path: 'e2e-trigger-finpass-hmac', secret: CRED.hmac.data.secret },
	finproSplit: { id: 'e2eTrigFinProSp1', path: 'e2e-trigger-finpro-split', secret: CRED.finpro.data.secret },
	finproAny: { id: 'e2eTrigFinProAny', path: 'e2e-trigger-finpro-any', secret: CRED.finpro.data.secret },
	// published too, but the placeholder secret in its credential must keep it from activating
	weak: { id: 'e2eTrigFpNoSecrt', path: 'e2e-trigger-finpass-nosecret', secret: null },
};

/** Each case with the HTTP statuses it got and the executions it started, printed at the end. */
const CASES = [];
function record(name, statuses, started) {
	CASES.push({ case: name, http: [].concat(statuses).join(', '), executions: started });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowSeconds = () => String(Math.floor(Date.now() / 1000));
const hmac = (secret, text, encoding) => crypto.createHmac('sha256', secret).update(text).digest(encoding);
/** Finpass HMAC workflow: base64 over "<timestamp>.<raw body>". */
const finpassSigned = (raw, ts = nowSeconds(), secret = WF.hmac.secret) => ({
	'x-finpass-signature': hmac(secret, `${ts}.${raw}`, 'base64'),
	'x-finpass-timestamp': ts,
});
/** FinPro workflows: hex over the raw body. */
const finproSigned = (raw, secret = WF.finproSplit.secret) => ({ 'x-finpro-signature': hmac(secret, raw, 'hex') });
const statuses = (answers) => Object.values(answers).map((a) => a.status);
const JSON_TYPE = { 'content-type': 'application/json' };

let n8n;

beforeAll(async () => {
	await harness.sim('/reset', {});
	n8n = await harness.startN8n({ publish: Object.values(WF).map((w) => w.id) });
	// n8n 2.x answers /healthz/readiness before it has registered every published webhook: wait
	// until each trigger answers (an unsigned probe gets 401 and starts nothing)
	for (const w of Object.values(WF).filter((x) => x.secret)) {
		const probe = await post(w.path, '{}', {}, { retryMs: 60000 });
		if (probe.status !== 401) throw new Error(`probe of ${w.path}: ${probe.status} ${JSON.stringify(probe.body)}`);
	}
});

afterAll(async () => {
	process.stderr.write(`finpass trigger cases (HTTP answers, executions started):\n${CASES.map((c) => `  ${c.case} | ${c.http} | ${c.executions}`).join('\n')}\n`);
	if (n8n) await n8n.stop();
	await harness.sim('/reset', {}).catch(() => {});
});

/** POSTs a raw body (string) to a trigger's production URL. */
function post(p, raw, headers = {}, opts = {}) {
	return n8n.postWebhook(p, raw, { raw: true, headers: { ...JSON_TYPE, ...headers }, ...opts });
}

/**
 * Runs `send`, then checks that exactly `expected` executions of the workflow were added (waiting
 * a moment for any that should not have started) and returns them, finished, oldest first.
 */
async function expectNewExecutions(workflowId, expected, send) {
	const before = (await n8n.executions(workflowId)).length;
	await send();
	if (expected > 0) await n8n.waitForExecutions(workflowId, { count: before + expected, status: 'success' });
	await sleep(2000);
	const after = await n8n.executions(workflowId);
	expect(after.length - before).toBe(expected);
	return after.slice(before);
}

/** The simulator's deliveries of a client's consent webhook, once at least one finished. */
async function simDeliveries(clientId, { timeoutMs = 20000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = (await harness.sim('/webhooks')).filter((d) => d.client_id === clientId && (d.status || d.error));
		if (list.length) return list;
		if (Date.now() > deadline) throw new Error(`the simulator sent no webhook for ${clientId}`);
		await sleep(250);
	}
}

/** Starts a consent in the simulator with this webhook_url; the borrower approves or rejects it. */
async function simConsent(webhookUrl, { mobile = '9876543210', outcome = 'approve' } = {}) {
	const { simUrl } = harness.info();
	const { apiKey, apiSecret } = harness.SIM_CREDENTIALS.finpass;
	const res = await fetch(`${simUrl}/api/v1/services/account-aggregator/init`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-api-secret': apiSecret },
		body: JSON.stringify({ mobile_number: mobile, consent_type: 'loan_underwriting', webhook_url: webhookUrl }),
	});
	const answer = await res.json();
	const clientId = answer.data?.client_id;
	if (!clientId) throw new Error(`simulator init failed: ${res.status} ${JSON.stringify(answer)}`);
	const page = await fetch(`${simUrl}/sim/consent/${clientId}/${outcome}`, { method: 'POST' });
	expect(page.status).toBe(200);
	return clientId;
}

describe('Finpass Trigger, secret token in the URL', () => {
	test('the borrower approves in the simulator: its webhook to URL?token=… starts the workflow with the normalized event', async () => {
		await harness.sim('/config', { consentDelayMs: -1, webhookSigning: null });
		let clientId;
		const [execution] = await expectNewExecutions(WF.query.id, 1, async () => {
			clientId = await simConsent(`${n8n.webhookUrl(WF.query.path)}?token=${WF.query.secret}`);
			const deliveries = await simDeliveries(clientId);
			expect(deliveries.map((d) => d.status)).toEqual([200]);
		});
		record('query token: valid delivery (the simulator, borrower approves)', 200, 1);

		const [item] = harness.nodeOutput(execution, 'Finpass Trigger');
		expect(item.json).toMatchObject({
			event: 'consent_approved',
			event_type: 'consent_status',
			status: 'approved',
			consent_status: 'ACTIVE',
			client_id: clientId,
			request_id: null,
			raw: { event: 'consent_status', client_id: clientId, consent_status: 'ACTIVE', status: 'approved' },
		});
		expect(Date.parse(item.json.received_at)).not.toBeNaN();
		expect(harness.nodeOutput(execution, 'Received')).toHaveLength(1);
		// the secret never reaches the output
		expect(JSON.stringify(execution.data.resultData.runData)).not.toContain(WF.query.secret);
	});

	test('no token, a wrong token or the token in a header: 401 and no execution', async () => {
		const raw = JSON.stringify({ event: 'consent_status', client_id: 'aa_attacker', status: 'approved' });
		const answers = {};
		await expectNewExecutions(WF.query.id, 0, async () => {
			answers.noToken = await post(WF.query.path, raw);
			answers.wrongToken = await post(`${WF.query.path}?token=not-the-secret`, raw);
			answers.emptyToken = await post(`${WF.query.path}?token=`, raw);
			answers.tokenInHeader = await post(WF.query.path, raw, { 'x-finpass-token': WF.query.secret, authorization: `Bearer ${WF.query.secret}` });
			for (const a of Object.values(answers)) expect(a).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
		});
		record('query token: no token', answers.noToken.status, 0);
		record('query token: wrong token', answers.wrongToken.status, 0);
		record('query token: empty token', answers.emptyToken.status, 0);
		record('query token configured, token sent in a header instead', answers.tokenInHeader.status, 0);
	});

	test('replayed deliveries (same event id, or same body) are answered 200 and start nothing', async () => {
		const withId = JSON.stringify({ event_id: `evt-${Date.now()}`, event: 'DATA_READY', client_id: 'aa_replay', request_id: 'req-1' });
		const withoutId = JSON.stringify({ event: 'consent_status', client_id: 'aa_replay_2', consent_status: 'REVOKED', at: Date.now() });
		const url = `${WF.query.path}?token=${WF.query.secret}`;
		const started = await expectNewExecutions(WF.query.id, 2, async () => {
			const answers = [await post(url, withId), await post(url, withId), await post(url, withoutId), await post(url, withoutId)];
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
			expect(answers.map((a) => a.body.started)).toEqual([true, false, true, false]);
			expect(answers[1].body.reason).toBe('duplicate delivery');
		});
		record('query token: valid delivery with an event id, then the same again', '200, 200 (duplicate)', '1, then 0');
		record('query token: valid delivery without an id, then the same body again', '200, 200 (duplicate)', '1, then 0');
		const events = started.map((e) => harness.nodeOutput(e, 'Finpass Trigger')[0].json);
		expect(events.map((e) => e.event).sort()).toEqual(['consent_revoked', 'data_ready']);
		expect(events.find((e) => e.event === 'data_ready')).toMatchObject({ client_id: 'aa_replay', request_id: 'req-1' });
	});

	test('a published trigger whose credential holds a placeholder secret does not activate: its URL is not registered and nothing starts', async () => {
		// n8n logs the activation error (and retries activating it later, with the same outcome)
		const deadline = Date.now() + 60000;
		while (!/The webhook secret is a placeholder/.test(n8n.log()) && Date.now() < deadline) await sleep(250);
		expect(n8n.log()).toMatch(/The webhook secret is a placeholder, not a secret/);
		const secret = CRED.weak.data.secret;
		let a;
		await expectNewExecutions(WF.weak.id, 0, async () => {
			a = await post(`${WF.weak.path}?token=${secret}`, JSON.stringify({ status: 'approved' }), {}, { retryMs: 0 });
			expect(a.status).toBe(404);
		});
		record('placeholder secret in the credential: workflow does not activate, delivery with that token', a.status, 0);
	});
});

describe('Finpass Trigger, secret header, only consent approved and data ready', () => {
	test('the simulator signs with the header: an approval starts, a rejection is answered 200 and filtered out', async () => {
		await harness.sim('/config', {
			consentDelayMs: -1,
			webhookSigning: { mode: 'header', name: 'x-finpass-token', value: WF.header.secret },
		});
		let approvedId;
		const [execution] = await expectNewExecutions(WF.header.id, 1, async () => {
			approvedId = await simConsent(n8n.webhookUrl(WF.header.path));
			const rejectedId = await simConsent(n8n.webhookUrl(WF.header.path), { mobile: '9876500011', outcome: 'reject' });
			expect((await simDeliveries(approvedId)).map((d) => d.status)).toEqual([200]);
			expect((await simDeliveries(rejectedId)).map((d) => d.status)).toEqual([200]);
		});
		expect(harness.nodeOutput(execution, 'Finpass Trigger')[0].json).toMatchObject({ event: 'consent_approved', client_id: approvedId });
	});

	test('wrong header value, header missing, token in the URL instead: 401 and no execution', async () => {
		const raw = JSON.stringify({ type: 'DATA_READY', clientId: 'aa_x' });
		const answers = {};
		await expectNewExecutions(WF.header.id, 0, async () => {
			answers.wrong = await post(WF.header.path, raw, { 'x-finpass-token': 'guess' });
			answers.missing = await post(WF.header.path, raw);
			answers.inUrl = await post(`${WF.header.path}?token=${WF.header.secret}`, raw);
			expect(statuses(answers)).toEqual([401, 401, 401]);
		});
		record('secret header: wrong value', answers.wrong.status, 0);
		record('secret header: missing', answers.missing.status, 0);
		record('secret header configured, token sent in the URL instead', answers.inUrl.status, 0);
	});

	test('a data-ready event in camelCase under "data" starts; an unrecognised one is filtered out', async () => {
		const headers = { 'X-Finpass-Token': WF.header.secret };
		const [execution] = await expectNewExecutions(WF.header.id, 1, async () => {
			const ready = await post(WF.header.path, JSON.stringify({ type: 'data.ready', data: { clientId: 'aa_cc', requestId: 'r-7' } }), headers);
			const other = await post(WF.header.path, JSON.stringify({ hello: 'world' }), headers);
			expect(ready.body).toEqual({ received: true, started: true });
			expect(other).toMatchObject({ status: 200, body: { started: false, reason: 'event unknown is not selected' } });
		});
		expect(harness.nodeOutput(execution, 'Finpass Trigger')[0].json).toMatchObject({ event: 'data_ready', client_id: 'aa_cc', request_id: 'r-7' });
	});
});

describe('Finpass Trigger, HMAC-SHA256 (base64, timestamp header, 300 s window)', () => {
	test('the simulator signs "<timestamp>.<raw body>": its webhook starts the workflow', async () => {
		await harness.sim('/config', {
			consentDelayMs: -1,
			webhookSigning: { mode: 'hmac', header: 'x-finpass-signature', secret: WF.hmac.secret, encoding: 'base64', timestampHeader: 'x-finpass-timestamp' },
		});
		let clientId;
		const [execution] = await expectNewExecutions(WF.hmac.id, 1, async () => {
			clientId = await simConsent(n8n.webhookUrl(WF.hmac.path));
			expect((await simDeliveries(clientId)).map((d) => d.status)).toEqual([200]);
		});
		expect(harness.nodeOutput(execution, 'Finpass Trigger')[0].json).toMatchObject({ event: 'consent_approved', client_id: clientId });
		record('HMAC: valid signed delivery (the simulator)', 200, 1);
	});

	test('a valid signed delivery starts once; the same body again, re-signed with a new timestamp, starts nothing', async () => {
		const raw = JSON.stringify({ event: 'DATA_READY', client_id: `aa_hmac_${Date.now()}`, request_id: 'req-h' });
		const answers = [];
		await expectNewExecutions(WF.hmac.id, 1, async () => {
			answers.push(await post(WF.hmac.path, raw, finpassSigned(raw)));
			await sleep(1100); // a later second, so the copy carries another timestamp and signature
			answers.push(await post(WF.hmac.path, raw, finpassSigned(raw)));
		});
		expect(answers.map((a) => a.body)).toEqual([
			{ received: true, started: true },
			{ received: true, started: false, reason: 'duplicate delivery' },
		]);
		record('HMAC: valid delivery', answers[0].status, 1);
		record('HMAC: the same delivery again (re-signed, new timestamp)', answers[1].status, 0);
	});

	test('bad, missing, stale, future or replayed-with-new-timestamp signatures: 401 and no execution', async () => {
		const raw = JSON.stringify({ event: 'consent_status', client_id: 'aa_sig', consent_status: 'ACTIVE' });
		const old = String(Number(nowSeconds()) - 400);
		const ahead = String(Number(nowSeconds()) + 400);
		await expectNewExecutions(WF.hmac.id, 0, async () => {
			const answers = {
				wrongKey: await post(WF.hmac.path, raw, finpassSigned(raw, nowSeconds(), 'not-the-secret')),
				tampered: await post(WF.hmac.path, raw.replace('aa_sig', 'aa_evil'), finpassSigned(raw)),
				unsigned: await post(WF.hmac.path, raw),
				noTimestamp: await post(WF.hmac.path, raw, { 'x-finpass-signature': finpassSigned(raw)['x-finpass-signature'] }),
				stale: await post(WF.hmac.path, raw, finpassSigned(raw, old)),
				future: await post(WF.hmac.path, raw, finpassSigned(raw, ahead)),
				replayedNewTs: await post(WF.hmac.path, raw, { ...finpassSigned(raw, old), 'x-finpass-timestamp': nowSeconds() }),
			};
			for (const [name, a] of Object.entries(answers)) expect([name, a.status]).toEqual([name, 401]);
			// one body for every refusal: nothing tells a caller which header or window was expected
			for (const [name, a] of Object.entries(answers)) expect([name, a.body]).toEqual([name, { error: 'unauthorized', message: 'Unauthorized' }]);
			record('HMAC: wrong key', answers.wrongKey.status, 0);
			record('HMAC: tampered body', answers.tampered.status, 0);
			record('HMAC: no signature', answers.unsigned.status, 0);
			record('HMAC: missing timestamp (timestamp header configured)', answers.noTimestamp.status, 0);
			record('HMAC: stale timestamp (400 s old)', answers.stale.status, 0);
			record('HMAC: timestamp 400 s in the future', answers.future.status, 0);
			record('HMAC: old signature replayed with a fresh timestamp', answers.replayedNewTs.status, 0);
		});
	});

	test('malformed JSON, an oversized body and a GET: 4xx at once and no execution', async () => {
		const bad = '{"event": "consent_status", ';
		const big = JSON.stringify({ event: 'consent_status', pad: 'x'.repeat(1100 * 1024) });
		await expectNewExecutions(WF.hmac.id, 0, async () => {
			// sent as text/plain, n8n leaves the body to the node: its own 400
			const asText = await post(WF.hmac.path, bad, { 'content-type': 'text/plain', ...finpassSigned(bad) });
			expect(asText).toMatchObject({ status: 400, body: { message: 'The body is not valid JSON' } });
			// sent as application/json, n8n's body parser refuses it before the node runs (422)
			const asJson = await post(WF.hmac.path, bad, finpassSigned(bad));
			expect(asJson.status).toBe(422);
			// over the default 1 MB limit, correctly signed
			const oversized = await post(WF.hmac.path, big, finpassSigned(big));
			expect(oversized.status).toBe(413);
			// a GET: n8n itself answers 404 "not registered for GET requests" (the node only has POST)
			const get = await n8n.postWebhook(WF.hmac.path, undefined, { method: 'GET', retryMs: 0 });
			expect(get.status).toBe(404);
			expect(JSON.stringify(get.body)).toMatch(/not registered for GET requests/);
			record('HMAC: signed malformed JSON, sent as text/plain', asText.status, 0);
			record('HMAC: signed malformed JSON, sent as application/json (n8n\'s parser)', asJson.status, 0);
			record('HMAC: signed body over the 1 MB limit', oversized.status, 0);
			record('GET on the trigger URL', get.status, 0);
		});
	});
});

describe('FinPro Trigger, DATA_READY split into one item per ready account', () => {
	const accounts = [
		{ linkRefNumber: '0b6d9f8e-1111-4c3a-9d1e-5a7b9c0d1e2f', fiStatus: 'READY', fipId: 'HDFC-FIP', fipName: 'HDFC Bank', maskedAccountNumber: 'XXXXXX4321' },
		{ linkRefNumber: '0b6d9f8e-2222-4c3a-9d1e-5a7b9c0d1e2f', fiStatus: 'DENIED', fipId: 'ICICI-FIP', fipName: 'ICICI Bank', maskedAccountNumber: 'XXXXXX8765' },
		{ linkRefNumber: '0b6d9f8e-3333-4c3a-9d1e-5a7b9c0d1e2f', fiStatus: 'READY', fipId: 'SBI-FIP', fipName: 'State Bank of India', maskedAccountNumber: 'XXXXXX1357' },
	];
	const dataReady = JSON.stringify({
		timestamp: new Date().toISOString(),
		consentHandle: '5d6e7f80-aaaa-4bbb-8ccc-0d1e2f3a4b5c',
		eventType: 'DATA',
		eventStatus: 'DATA_READY',
		consentId: '9f8e7d6c-bbbb-4ccc-8ddd-1e2f3a4b5c6d',
		vua: '9876543210@onemoney',
		eventMessage: 'FI data is ready',
		linkRefNumbers: accounts,
	});

	test('a signed DATA_READY starts one execution with one item per READY account; its re-delivery starts nothing', async () => {
		const [execution] = await expectNewExecutions(WF.finproSplit.id, 1, async () => {
			const first = await post(WF.finproSplit.path, dataReady, finproSigned(dataReady));
			const again = await post(WF.finproSplit.path, dataReady, finproSigned(dataReady));
			expect(first.body).toEqual({ received: true, started: true });
			expect(again).toMatchObject({ status: 200, body: { started: false, reason: 'duplicate delivery' } });
			record('FinPro: valid signed DATA_READY, then the same delivery again', `${first.status}, ${again.status} (duplicate)`, '1, then 0');
		});
		const items = harness.nodeOutput(execution, 'FinPro Trigger').map((i) => i.json);
		expect(items.map((i) => i.linkRefNumber)).toEqual([accounts[0].linkRefNumber, accounts[2].linkRefNumber]);
		expect(items[1]).toMatchObject({
			eventType: 'DATA',
			eventStatus: 'DATA_READY',
			consentId: '9f8e7d6c-bbbb-4ccc-8ddd-1e2f3a4b5c6d',
			consentHandle: '5d6e7f80-aaaa-4bbb-8ccc-0d1e2f3a4b5c',
			fiStatus: 'READY',
			fipId: 'SBI-FIP',
			fipName: 'State Bank of India',
			maskedAccountNumber: 'XXXXXX1357',
		});
		expect(harness.nodeOutput(execution, 'Received')).toHaveLength(2);
	});

	test('unsigned, badly signed and filtered-out statuses start nothing', async () => {
		const rejected = JSON.stringify({ eventType: 'CONSENT', eventStatus: 'CONSENT_REJECTED', consentId: '<NULL>', consentHandle: 'h' });
		const other = JSON.stringify({ ...JSON.parse(dataReady), consentId: 'other-consent' });
		const answers = {};
		await expectNewExecutions(WF.finproSplit.id, 0, async () => {
			answers.unsigned = await post(WF.finproSplit.path, other);
			answers.wrongKey = await post(WF.finproSplit.path, other, finproSigned(other, 'a-different-portal-secret'));
			answers.wrongEncoding = await post(WF.finproSplit.path, other, { 'x-finpro-signature': hmac(WF.finproSplit.secret, other, 'base64') });
			answers.tampered = await post(WF.finproSplit.path, other, finproSigned(dataReady));
			expect(statuses(answers)).toEqual([401, 401, 401, 401]);
			answers.filtered = await post(WF.finproSplit.path, rejected, finproSigned(rejected));
			expect(answers.filtered).toMatchObject({ status: 200, body: { started: false, reason: 'event CONSENT_REJECTED is not selected' } });
		});
		record('FinPro: no signature', answers.unsigned.status, 0);
		record('FinPro: wrong key', answers.wrongKey.status, 0);
		record('FinPro: signature in base64 where hex is configured', answers.wrongEncoding.status, 0);
		record('FinPro: tampered body (signature of another body)', answers.tampered.status, 0);
		record('FinPro: signed, event not selected', answers.filtered.status, 0);
	});
});

describe('FinPro Trigger, any event', () => {
	test('a rejected consent ("<NULL>" consent id) and an unsplit DATA_READY each start one execution', async () => {
		const rejected = JSON.stringify({ timestamp: '2026-11-01T10:00:00.000Z', consentHandle: 'h-rej', eventType: 'CONSENT', eventStatus: 'CONSENT_REJECTED', consentId: '<NULL>', vua: '9876543210@onemoney', eventMessage: 'Consent rejected by user' });
		const ready = JSON.stringify({ eventType: 'DATA', eventStatus: 'DATA_READY', consentId: 'c-any', linkRefNumbers: [{ linkRefNumber: 'l-1', fiStatus: 'READY' }, { linkRefNumber: 'l-2', fiStatus: 'TIMEOUT' }] });
		const executions = await expectNewExecutions(WF.finproAny.id, 2, async () => {
			expect((await post(WF.finproAny.path, rejected, finproSigned(rejected))).status).toBe(200);
			await sleep(300); // keep the two executions in a known order
			expect((await post(WF.finproAny.path, ready, finproSigned(ready))).status).toBe(200);
		});
		const [first, second] = executions.map((e) => harness.nodeOutput(e, 'FinPro Trigger'));
		expect(first).toHaveLength(1);
		expect(first[0].json).toMatchObject({ eventType: 'CONSENT', eventStatus: 'CONSENT_REJECTED', consentId: null, consentHandle: 'h-rej', linkRefNumbers: [] });
		expect(second).toHaveLength(1);
		expect(second[0].json).toMatchObject({ eventStatus: 'DATA_READY', consentId: 'c-any', linkRefNumbers: JSON.parse(ready).linkRefNumbers });
	});
});

describe('Initialize Consent and Wait: the callback is bound to its consent', () => {
	const WAIT_WF = 'e2eTrigConsentW1';
	const INIT = '/api/v1/services/account-aggregator/init';
	const callback = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const waitingStatus = async () => (await n8n.executions(WAIT_WF)).map((e) => e.status);

	test('a callback naming another client is refused and the execution keeps waiting; two callbacks at once resume it once', async () => {
		await harness.sim('/config', { consentDelayMs: -1, webhookSigning: null });
		const started = await harness.executeWorkflow(WAIT_WF);
		if (started.code !== 0) throw new Error(`starting failed (exit ${started.code})\n${started.stdout.slice(-2000)}`);
		const [waiting] = await n8n.waitForExecutions(WAIT_WF, { status: 'waiting' });
		const sent = (await harness.sim(`/requests?path=${encodeURIComponent(INIT)}`)).filter((r) => r.json && r.json.mobile_number === '9876500077');
		const resumeUrl = sent[sent.length - 1].json.webhook_url;
		const ours = (await harness.sim('/aa/clients')).find((c) => c.webhook_url === resumeUrl).client_id;

		// another borrower's consent, approved: its client_id in our callback must not resume us
		const other = await simConsent('http://127.0.0.1:9/unused', { mobile: '9876500088' });
		const forged = await callback(resumeUrl, { event: 'consent_status', client_id: other, consent_status: 'ACTIVE' });
		expect(forged.status).toBe(403);
		await sleep(2000);
		expect(await waitingStatus()).toEqual(['waiting']);
		record('consent callback naming another client_id (resume URL and token right)', forged.status, '0 resumes, still waiting');

		// the borrower approves: the simulator calls back at once (no retries), and so do we, twice
		await harness.sim('/config', { webhookRetries: 0 });
		const [, ...both] = await Promise.all([
			fetch(`${harness.info().simUrl}/sim/consent/${ours}/approve`, { method: 'POST' }),
			callback(resumeUrl, { client_id: ours }),
			callback(resumeUrl, { client_id: ours }),
		]);
		const fromSim = (await simDeliveries(ours)).map((d) => d.status);
		const statuses = [...fromSim, ...both.map((r) => r.status)];
		// exactly one of the three resumed it; the others were refused (409: being handled,
		// running already or finished already)
		expect(statuses.filter((x) => x === 200)).toHaveLength(1);
		expect(statuses.filter((x) => x !== 200).every((x) => x === 409)).toBe(true);
		const [done] = await n8n.waitForExecutions(WAIT_WF, { status: 'success', timeoutMs: 90000 });
		expect(done.id).toBe(waiting.id);
		await sleep(2000);
		const all = await n8n.executions(WAIT_WF);
		expect(all.map((e) => [e.id, e.status])).toEqual([[waiting.id, 'success']]);
		const runData = done.data.resultData.runData;
		// resumed once: one Consent run (n8n replaces the waiting run), one item through
		expect(runData.Consent).toHaveLength(1);
		expect(runData.Resumed).toHaveLength(1);
		const [item] = harness.nodeOutput(done, 'Consent');
		expect(item.json).toMatchObject({ client_id: ours, consent_status: 'ACTIVE', data_status: expect.stringMatching(/^(READY|FETCHING)$/), consent_type: 'loan_underwriting', request_id: null });
		expect(JSON.stringify(runData)).not.toMatch(/fp_token|signature=|"callback"/);
		record('three concurrent consent callbacks (the simulator\'s and two more)', statuses.join(', '), '1 resume');
	});
});

describe('exported workflows hold no secret', () => {
	const SIM_SECRETS = [harness.SIM_CREDENTIALS.finpass.apiKey, harness.SIM_CREDENTIALS.finpass.apiSecret, harness.SIM_CREDENTIALS.finpro.clientSecret];
	const FORBIDDEN = [...WEBHOOK_SECRETS, ...SIM_SECRETS];
	const exportDir = () => fs.mkdtempSync(path.join(harness.info().runDir, 'export-'));

	/** `n8n export:workflow` (all, or one id) into a file; returns its text. */
	async function exportWorkflows(args) {
		const file = path.join(exportDir(), 'workflows.json');
		const res = await harness.runCli(['export:workflow', ...args, `--output=${file}`]);
		if (res.code !== 0) throw new Error(`export failed\n${res.stdout.slice(-2000)}\n${res.stderr.slice(-2000)}`);
		return fs.readFileSync(file, 'utf8');
	}

	const leaks = (text) => FORBIDDEN.filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
	/** Node parameters that look like a secret lives there (none should: they moved to credentials). */
	const secretParameters = (workflows) =>
		[].concat(workflows).flatMap((wf) =>
			wf.nodes.flatMap((n) =>
				Object.entries(n.parameters || {})
					.filter(([k, v]) => /secret|token|password/i.test(k) && typeof v === 'string' && v !== '')
					.map(([k]) => `${wf.id}/${n.name}.${k}`),
			),
		);

	test('every trigger workflow of this run, exported with `n8n export:workflow --all`: no webhook or API secret, only credential references', async () => {
		const text = await exportWorkflows(['--all']);
		const workflows = JSON.parse(text);
		const triggers = workflows.filter((w) => Object.values(WF).some((x) => x.id === w.id));
		expect(triggers).toHaveLength(Object.keys(WF).length);
		expect(leaks(text)).toEqual([]);
		expect(secretParameters(triggers)).toEqual([]);
		for (const wf of triggers) {
			const trigger = wf.nodes.find((n) => /Trigger$/.test(n.type));
			expect(Object.keys(trigger.credentials)).toEqual([expect.stringMatching(/^(finpassWebhookApi|finProWebhookApi)$/)]);
		}
		record('`n8n export:workflow --all`: no webhook or API secret in any trigger workflow', '-', '-');
	});

	test.each(listExamples())('example %s, imported with credentials that hold real secrets and exported: no secret in it', async (name) => {
		const wf = ciCopy(loadExample(name));
		await harness.importWorkflow(wf);
		const text = await exportWorkflows([`--id=${wf.id}`]);
		expect(leaks(text)).toEqual([]);
		expect(secretParameters(JSON.parse(text))).toEqual([]);
		const references = JSON.parse(text)[0].nodes.flatMap((n) => Object.keys(n.credentials || {}));
		record(`example ${name}: \`n8n export:workflow --id\`: no secret in it (credentials referenced: ${[...new Set(references)].join(', ') || 'none'})`, '-', '-');
	});
});

// Initialize Consent and Wait, bound to its consent (nodes/FinpassAccountAggregator/actions/
// consentCallback.ts): the waiting execution keeps the client_id it created (in the stack entry
// n8n passes on at the deadline, never in the input item), a callback naming another client is
// refused, read-back failures keep waiting, unknown states are UNKNOWN, the output is what the API
// said, concurrent callbacks resume once, loan monitoring consents come back with a request_id.
const { runNode, createContext, recordingResponse, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { FinpassAccountAggregator } = require(`${DIST}/nodes/FinpassAccountAggregator/FinpassAccountAggregator.node.js`);
const { consentToken, consentStateFrom, TOKEN_PARAM, WAIT_TIMEOUT } = require(`${DIST}/nodes/FinpassAccountAggregator/actions/consentCallback.js`);

const sim = useSimulator({ consentDelayMs: -1, dataDelayMs: 0, resetEachTest: true });
const FETCH = '/api/v1/services/account-aggregator/fetch-json-report';
const REFRESH = '/api/v1/services/account-aggregator/refresh-data';
const vendorRequests = (path) => sim.requests.filter((r) => r.path.endsWith(path));
let executionCounter = 0;

/** Starts a consent and wait; returns what a waiting execution holds. */
async function startWaiting({ consentType = 'loan_underwriting', input = { json: { lead: 'L-1', nested: { a: 1 } } } } = {}) {
	const executionId = `exec-${++executionCounter}`;
	const items = [input];
	const before = JSON.stringify(items);
	const { output, ctx } = await runNode(FinpassAccountAggregator, {
		parameters: { resource: 'accountAggregator', operation: 'initConsentAndWait', mobileNumber: '9876543210', consentType, additionalFields: {}, maxWaitHours: 1 },
		credentials: sim.credentials,
		items,
		executionId,
	});
	return { executionId, output, ctx, items, before, clientId: output[0][0].json.client_id, stackItem: ctx.executeData.data.main[0][0] };
}

/** A stand-in for the IWebhookFunctions n8n gives the resumed execution's webhook(). */
function callbackContext(waiting, { body = {}, token = consentToken('sim_secret', waiting.executionId) } = {}) {
	const ctx = createContext({ credentials: sim.credentials, executionId: waiting.executionId });
	const { res, response } = recordingResponse();
	Object.assign(ctx, {
		getBodyData: () => body,
		getQueryData: () => ({ signature: 'n8n-signature', [TOKEN_PARAM]: token }),
		getResponseObject: () => res,
		// n8n evaluates $json against the waiting execution's stack entry (the item kept there)
		evaluateExpression(expression) {
			const field = /\$json\.(\w+)/.exec(expression)[1];
			return waiting.stackItem.json[field];
		},
	});
	return { ctx, response };
}

async function callback(waiting, opts) {
	const { ctx, response } = callbackContext(waiting, opts);
	const result = await new FinpassAccountAggregator().webhook.call(ctx);
	const resumed = result.workflowData !== undefined;
	return { resumed, status: resumed ? 200 : response.status, body: resumed ? result.webhookResponse : response.body, json: resumed ? result.workflowData[0][0].json : undefined, result };
}
const approve = (clientId) => sim.control(`/__sim/aa/clients/${clientId}`, { consent: 'approved' });

describe('waiting: the input item is not modified, the consent is kept with the execution', () => {
	test('the input item (shared with the previous node) is unchanged; the stack entry holds a new item with the client_id', async () => {
		const w = await startWaiting();
		expect(JSON.stringify(w.items)).toBe(w.before);
		expect(w.stackItem).toEqual({
			json: { lead: 'L-1', nested: { a: 1 }, client_id: w.clientId, redirect_url: expect.stringContaining('/sim/consent/'), consent_type: 'loan_underwriting', consent_status: WAIT_TIMEOUT },
			pairedItem: { item: 0 },
		});
		expect(w.stackItem.json).not.toBe(w.items[0].json);
		expect(w.ctx.waitTill).toBeInstanceOf(Date);
	});
});

describe('the callback', () => {
	test('wrong or missing token: 401, nothing read, still waiting', async () => {
		const w = await startWaiting();
		for (const token of ['A'.repeat(43), '']) {
			const r = await callback(w, { token, body: { client_id: w.clientId } });
			expect([r.status, r.resumed]).toEqual([401, false]);
		}
		expect(vendorRequests(FETCH)).toHaveLength(0);
	});

	test('a callback naming another client is refused (403) and the execution keeps waiting; nothing is read', async () => {
		const w = await startWaiting();
		const other = await startWaiting();
		await approve(other.clientId);
		for (const body of [{ client_id: other.clientId }, { clientId: other.clientId }, { data: { client_id: other.clientId } }]) {
			const r = await callback(w, { body });
			expect([r.status, r.resumed]).toEqual([403, false]);
			expect(r.body.message).toMatch(/another consent/);
		}
		expect(vendorRequests(FETCH)).toHaveLength(0);
	});

	test('resumes with the client_id it created (the body may omit it) and what the API said, never the raw body', async () => {
		const w = await startWaiting();
		await approve(w.clientId);
		const r = await callback(w, { body: { consent_status: 'ACTIVE', injected: '<script>', client_id: w.clientId } });
		expect(r.resumed).toBe(true);
		expect(r.json).toEqual({
			client_id: w.clientId,
			consent_type: 'loan_underwriting',
			consent_status: 'ACTIVE',
			data_status: 'READY',
			request_id: null,
			status_code: 200,
			message_code: expect.any(String),
			message: expect.any(String),
			checked_at: expect.any(String),
		});
		expect(JSON.stringify(r.result)).not.toMatch(/injected|script|signature|fp_token/);
		expect(vendorRequests(FETCH).map((q) => q.json.client_id)).toEqual([w.clientId]);
		// a body without any client_id is fine: the kept one is used
		const w2 = await startWaiting();
		await approve(w2.clientId);
		expect((await callback(w2, { body: {} })).json.client_id).toBe(w2.clientId);
	});

	test('a lying body ("ACTIVE") while the API says pending: 202, still waiting', async () => {
		const w = await startWaiting();
		const r = await callback(w, { body: { client_id: w.clientId, consent_status: 'ACTIVE' } });
		expect([r.status, r.resumed]).toEqual([202, false]);
	});

	test('read-back failures keep it waiting (503) rather than resuming with an error; a later callback resumes', async () => {
		const w = await startWaiting();
		await approve(w.clientId);
		// a failure the transport does not retry (keys rotated meanwhile): the read-back throws
		await sim.control('faults', { kind: 'status', status: 401, count: 1, path: FETCH });
		const r = await callback(w, { body: { client_id: w.clientId } });
		expect([r.status, r.resumed]).toEqual([503, false]);
		expect(r.body.message).toMatch(/still waiting/);
		sim.faults.splice(0);
		const again = await callback(w, { body: {} });
		expect(again.resumed).toBe(true);
	});

	test('an unrecognised 422 comes out as UNKNOWN, never ACTIVE', async () => {
		const w = await startWaiting();
		await approve(w.clientId);
		await sim.control('faults', { kind: 'status', status: 422, count: 1, path: FETCH, body: { success: false, status_code: 422, message: 'Something new', message_code: 'brand_new_state' } });
		const r = await callback(w, { body: {} });
		expect(r.resumed).toBe(true);
		expect(r.json).toMatchObject({ consent_status: 'UNKNOWN', data_status: 'BRAND_NEW_STATE', status_code: 422, message_code: 'brand_new_state', message: 'Something new' });
	});

	test('two callbacks at once resume it once (the other gets 409)', async () => {
		const w = await startWaiting();
		await approve(w.clientId);
		const results = await Promise.all([callback(w, { body: {} }), callback(w, { body: {} })]);
		expect(results.filter((r) => r.resumed)).toHaveLength(1);
		expect(results.filter((r) => !r.resumed).map((r) => r.status)).toEqual([409]);
		// and a late one in this process too
		expect((await callback(w, { body: {} })).status).toBe(409);
	});

	test('loan monitoring: read back with a request_id from Refresh Data (asked once), which the output carries', async () => {
		const w = await startWaiting({ consentType: 'loan_monitoring' });
		await approve(w.clientId);
		const r = await callback(w, { body: {} });
		expect(r.resumed).toBe(true);
		expect(r.json).toMatchObject({ client_id: w.clientId, consent_type: 'loan_monitoring', consent_status: 'ACTIVE', data_status: expect.stringMatching(/^(READY|FETCHING)$/), request_id: expect.stringMatching(/^account_aggregator_v2_/) });
		expect(vendorRequests(REFRESH).map((q) => q.json)).toEqual([{ client_id: w.clientId }]);
		// read back with the request_id, as the API requires for loan monitoring
		expect(vendorRequests(FETCH).map((q) => q.json)).toEqual([{ client_id: w.clientId, request_id: r.json.request_id }]);
	});

	test('a second consent wait in the same execution is not refused because the first one resumed', async () => {
		const first = await startWaiting();
		await approve(first.clientId);
		expect((await callback(first, { body: {} })).resumed).toBe(true);
		// later in the same execution, Initialize Consent and Wait runs again for another borrower
		const second = await startWaiting();
		const sameExecution = { ...second, executionId: first.executionId };
		await approve(second.clientId);
		const r = await callback(sameExecution, { body: {} });
		expect([r.status, r.resumed]).toEqual([200, true]);
		expect(r.json.client_id).toBe(second.clientId);
		// while the first wait's consent stays resumed once
		expect((await callback(first, { body: {} })).status).toBe(409);
	});

	test('the 401 answer is the same whatever was wrong, and names no parameter', async () => {
		const w = await startWaiting();
		const bodies = [];
		for (const token of ['A'.repeat(43), '']) bodies.push((await callback(w, { token, body: {} })).body);
		expect(bodies).toEqual([
			{ error: 'unauthorized', message: 'Unauthorized' },
			{ error: 'unauthorized', message: 'Unauthorized' },
		]);
		expect(JSON.stringify(bodies)).not.toMatch(new RegExp(TOKEN_PARAM));
	});

	test('an accepted callback is answered with the node\'s JSON: the consent webhook is the shared inbound description (responseData "")', () => {
		const node = new FinpassAccountAggregator();
		const triggerHooks = new (require(`${DIST}/nodes/FinpassTrigger/FinpassTrigger.node.js`).FinpassTrigger)().description.webhooks;
		expect(node.description.webhooks).toEqual([{ ...triggerHooks[0], path: '', restartWebhook: true }]);
		expect(node.description.webhooks[0].responseData).toBe('');
	});

	test('an execution that is not waiting for a consent (no kept client_id) refuses with 409', async () => {
		const w = await startWaiting();
		const r = await callback({ ...w, stackItem: { json: { client_id: w.clientId } } }, { body: {} });
		expect([r.status, r.resumed]).toEqual([409, false]);
	});
});

describe('consentStateFrom', () => {
	const state = (statusCode, code, message, type = 'loan_underwriting') => consentStateFrom({ statusCode, code, message }, type);
	test.each([
		[200, 'success', '', 'ACTIVE', 'READY'],
		[202, 'data_fetch_in_progress', '', 'ACTIVE', 'FETCHING'],
		[422, 'consent_pending', 'Consent status pending', 'PENDING', 'NONE'],
		[422, 'consent_rejected', 'Consent status rejected', 'REJECTED', 'NONE'],
		[422, 'consent_revoked', '', 'REVOKED', 'NONE'],
		[422, 'consent_expired', '', 'EXPIRED', 'NONE'],
		[422, 'account_data_not_found', '', 'ACTIVE', 'NOT_FOUND'],
		[422, 'account_data_fetch_error', '', 'ACTIVE', 'ERROR'],
		[422, 'no_fi_request_found', '', 'UNKNOWN', 'NO_FI_REQUEST_FOUND'],
		[422, 'brand_new', 'whatever', 'UNKNOWN', 'BRAND_NEW'],
		[422, undefined, undefined, 'UNKNOWN', 'UNKNOWN'],
		[404, 'client_not_found', '', 'UNKNOWN', 'CLIENT_NOT_FOUND'],
		// codes that name Object.prototype members are unknown states, never a data state
		[422, 'constructor', '', 'UNKNOWN', 'CONSTRUCTOR'],
		[422, 'toString', '', 'UNKNOWN', 'TOSTRING'],
		[422, '__proto__', '', 'UNKNOWN', '__PROTO__'],
		[422, 'hasOwnProperty', '', 'UNKNOWN', 'HASOWNPROPERTY'],
	])('%s %s (%p) → %s / %s', (statusCode, code, message, consent, data) => {
		expect(state(statusCode, code, message)).toEqual({ consent, data });
	});
	test('no_fi_request_found on a loan monitoring consent: the consent is active, no data request yet', () => {
		expect(state(422, 'no_fi_request_found', '', 'loan_monitoring')).toEqual({ consent: 'ACTIVE', data: 'NO_REQUEST' });
	});
});

describe('Initialize Consent: the Finpass Trigger token added from its credential, never stored in the workflow', () => {
	const TRIGGER_SECRET = 'trigger-token-Zr8Kq2Lw5Nx7Pv3Hc9Td';
	const webhookCredential = (data) => ({ ...sim.credentials, finpassWebhookApi: { verification: 'queryToken', queryParameterName: 'token', secret: TRIGGER_SECRET, ...data } });
	const init = (parameters, credentials) =>
		runNode(FinpassAccountAggregator, {
			parameters: { resource: 'accountAggregator', operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_underwriting', ...parameters },
			credentials,
		});
	const INIT = '/api/v1/services/account-aggregator/init';

	test('the URL sent to Finpass carries the token (encoded, any existing query kept); the output does not', async () => {
		const secret = 'tok+en/with=odd&chars-0123456789ab';
		const { output } = await init(
			{ additionalFields: { webhookUrl: 'https://n8n.example/webhook/finpass-consent?src=crm' }, appendTriggerToken: true },
			webhookCredential({ secret, queryParameterName: 'key' }),
		);
		const sent = vendorRequests(INIT)[0].json.webhook_url;
		expect(new URL(sent).searchParams.get('key')).toBe(secret);
		expect(new URL(sent).searchParams.get('src')).toBe('crm');
		expect(JSON.stringify(output)).not.toContain(secret);
		expect(JSON.stringify(output)).not.toContain(encodeURIComponent(secret));
	});
	test("every spelling of the token this node writes is masked where the URL is echoed (URLSearchParams: ~ ( ) ! ' as %7E %28 %29 %21 %27)", async () => {
		const secret = "tok~en(with)odd!chars'0123456789 ab";
		const url = 'https://n8n.example/webhook/finpass-consent';
		const encoded = new URLSearchParams([['t', secret]]).toString().slice(2);
		expect(encoded).toMatch(/%7E.*%28.*%29.*%21.*%27/);
		const echo = (status, extra) => sim.control('faults', { kind: 'status', status, count: 1, path: INIT, body: { success: status === 200, status_code: status, ...extra } });
		// an API that echoes the URL it was given, in a success...
		await echo(200, { message_code: 'success', message: 'ok', data: { client_id: 'aa_echo', webhook_url: `${url}?token=${encoded}`, note: `token ${encoded.toLowerCase()}` } });
		const { output } = await init({ additionalFields: { webhookUrl: url }, appendTriggerToken: true }, webhookCredential({ secret }));
		const text = JSON.stringify(output);
		for (const form of [secret, encoded, encoded.toLowerCase(), encodeURIComponent(secret)]) expect(text).not.toContain(form);
		expect(output[0][0].json.webhook_url).toBe(`${url}?token=***`);
		// ... and in an error
		await echo(400, { message_code: 'invalid_webhook_url', message: `webhook_url ${url}?token=${encoded} is not reachable` });
		const error = await init({ additionalFields: { webhookUrl: url }, appendTriggerToken: true }, webhookCredential({ secret })).catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		const all = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		for (const form of [secret, encoded, encoded.toLowerCase()]) expect(all).not.toContain(form);
	});
	test('the token goes only to an https Webhook URL (plain http only on this machine), checked before anything is sent', async () => {
		for (const webhookUrl of ['http://n8n.example/webhook/finpass-consent', 'http://10.0.0.5/webhook/x', 'ftp://n8n.example/x', 'not a url']) {
			const error = await init({ additionalFields: { webhookUrl }, appendTriggerToken: true }, webhookCredential({})).catch((e) => e);
			expect([webhookUrl, error.message]).toEqual([webhookUrl, expect.stringMatching(/https|not valid/)]);
			expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(TRIGGER_SECRET);
		}
		expect(vendorRequests(INIT)).toHaveLength(0);
		// loopback over http is how the simulator and tests run
		await init({ additionalFields: { webhookUrl: 'http://127.0.0.1:5678/webhook/finpass-consent' }, appendTriggerToken: true }, webhookCredential({}));
		expect(new URL(vendorRequests(INIT)[0].json.webhook_url).searchParams.get('token')).toBe(TRIGGER_SECRET);
	});
	test('loopback hosts, as a pure function', () => {
		const { isLoopbackHost } = require(`${DIST}/nodes/shared/transport/address.js`);
		for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1', 'a.localhost']) expect([host, isLoopbackHost(host)]).toEqual([host, true]);
		for (const host of ['10.0.0.5', '192.168.1.1', '169.254.169.254', 'n8n.example', '127.0.0.1.example', 'localhost.example', '[::2]']) expect([host, isLoopbackHost(host)]).toEqual([host, false]);
	});
	test('off by default: the Webhook URL is sent as typed', async () => {
		await init({ additionalFields: { webhookUrl: 'https://n8n.example/webhook/x' } }, sim.credentials);
		expect(vendorRequests(INIT)[0].json.webhook_url).toBe('https://n8n.example/webhook/x');
	});
	test('without a Webhook URL, or with a header/HMAC credential, nothing is sent', async () => {
		const noUrl = await init({ additionalFields: {}, appendTriggerToken: true }, webhookCredential({})).catch((e) => e);
		expect(noUrl.message).toMatch(/needs a Webhook URL/);
		const header = await init({ additionalFields: { webhookUrl: 'https://n8n.example/webhook/x' }, appendTriggerToken: true }, webhookCredential({ verification: 'headerToken' })).catch((e) => e);
		expect(header.message).toMatch(/does not use a token in the URL/);
		expect(vendorRequests(INIT)).toHaveLength(0);
	});
	test('the AA node offers the webhook credential only for this option, tested like the trigger\'s', () => {
		const node = new FinpassAccountAggregator();
		expect(node.description.credentials).toContainEqual(
			expect.objectContaining({ name: 'finpassWebhookApi', testedBy: 'finpassWebhookSecret', displayOptions: { show: { operation: ['initConsent'], appendTriggerToken: [true] } } }),
		);
		expect(typeof node.methods.credentialTest.finpassWebhookSecret).toBe('function');
	});
});

// The Account Aggregator node inside a real n8n, loaded as a community package, against the
// simulator (credential finpass-e2e points at it).
const h = require('./harness');

const INIT = '/api/v1/services/account-aggregator/init';
/** Exit 0, or a failure that shows what n8n printed. */
function expectOk(r) {
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}: ${JSON.stringify(r.result && h.executionError(r))}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
}
const vendorRequests = async (path) => (await h.sim(`/requests?path=${encodeURIComponent(path)}`));

beforeEach(async () => {
	await h.sim('/reset', {});
	await h.sim('/config', { consentDelayMs: 1500, dataDelayMs: 1000 });
});

describe('Initialize consent', () => {
	test('creates a consent and outputs client_id and redirect_url', async () => {
		const r = await h.executeWorkflow('aa-init-consent');
		expectOk(r);
		const [item] = h.nodeOutput(r, 'Init');
		expect(item.json.client_id).toMatch(/^aa_/);
		expect(item.json.redirect_url).toContain('/sim/consent/');
		const [sent] = await vendorRequests(INIT);
		expect(sent.json).toMatchObject({ mobile_number: '9876543210', pan_number: 'ABCDE1234F', email: 'borrower@example.com' });
		expect(sent.headers['x-api-key']).toBe('sim_key');
	});
	test('a bad PAN fails the node naming the item, and nothing is sent', async () => {
		const r = await h.executeWorkflow('aa-bad-pan');
		expect(r.code).toBe(1);
		expect(h.nodeError(r, 'Init').message).toMatch(/PAN "ABCD1234F" is not valid/);
		expect(await vendorRequests(INIT)).toHaveLength(0);
	});
	test('Continue On Fail: the bad row becomes an error item, the others are created, pairing kept', async () => {
		const r = await h.executeWorkflow('aa-continue-on-fail');
		expectOk(r);
		const out = h.nodeOutput(r, 'Init');
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem.item ?? o.pairedItem[0]?.item)).toEqual([0, 1, 2]);
		expect(out[0].json.client_id).toMatch(/^aa_/);
		expect(out[1].json.error).toMatch(/Mobile Number "12345" is not valid/);
		expect(out[2].json.mobile_number).toBe('9123456789');
		expect(await vendorRequests(INIT)).toHaveLength(2);
	});
	test('a 429 is retried after Retry-After; the consent is created once', async () => {
		await h.sim('/faults', { kind: '429', count: 1, path: INIT });
		const r = await h.executeWorkflow('aa-init-consent');
		expectOk(r);
		expect((await vendorRequests(INIT)).map((q) => q.status)).toEqual([429, 200]);
	});
});

describe('Fetch JSON report', () => {
	test('waits through pending consent and 202, then outputs every transaction with its account', async () => {
		const r = await h.executeWorkflow('aa-fetch-json-transactions');
		expectOk(r);
		const out = h.nodeOutput(r, 'Fetch');
		expect(out.length).toBeGreaterThan(6);
		expect(out.filter((o) => o.json.transaction_id === 'T000001').length).toBeGreaterThan(1);
		expect(out[0].json).toMatchObject({ account_id: expect.any(String), masked_account_number: expect.any(String) });
		expect(typeof out[0].json.amount).toBe('number');
		expect(typeof out[0].json.transactional_balance).toBe('string');
		const statuses = (await vendorRequests('/api/v1/services/account-aggregator/fetch-json-report')).map((q) => q.status);
		expect(statuses[0]).toBe(422);
		expect(statuses[statuses.length - 1]).toBe(200);
	});
});

describe('Fetch PDF report', () => {
	test('the PDFs arrive as n8n binary data', async () => {
		const r = await h.executeWorkflow('aa-fetch-pdf');
		expectOk(r);
		const withFile = h.nodeOutput(r, 'Fetch PDF').filter((o) => o.binary && o.binary.data);
		expect(withFile.length).toBeGreaterThanOrEqual(2);
		for (const item of withFile) {
			expect(item.binary.data.mimeType).toBe('application/pdf');
			expect(item.binary.data.fileName).toMatch(/\.pdf$/);
			const bytes = h.binaryBuffer(item, 'data');
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		}
	});
});

describe('Refresh data', () => {
	test('monitoring: refresh gives a request_id that the next fetch uses', async () => {
		await h.sim('/config', { consentDelayMs: 0, dataDelayMs: 500 });
		const r = await h.executeWorkflow('aa-refresh-monitoring');
		expectOk(r);
		const [refresh] = h.nodeOutput(r, 'Refresh');
		expect(refresh.json.request_id).toMatch(/^account_aggregator_v2_/);
		expect(h.nodeOutput(r, 'Fetch Refreshed').length).toBeGreaterThan(0);
		const fetches = await vendorRequests('/api/v1/services/account-aggregator/fetch-json-report');
		expect(fetches[fetches.length - 1].json.request_id).toBe(refresh.json.request_id);
	});
});

describe('Initialize consent and wait', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());

	test('start → waiting execution → consent webhook → resumed with the state read from the API → fetched', async () => {
		await h.sim('/config', { consentDelayMs: -1, dataDelayMs: 500 });
		const r = await h.executeWorkflow('aa-consent-wait');
		expectOk(r);
		const [init] = await vendorRequests(INIT);
		const webhookUrl = init.json.webhook_url;
		// n8n 1.x's $execution.resumeUrl carries no signature of its own: there our fp_token alone guards it
		expect(webhookUrl).toMatch(
			h.info().n8nMajor >= 2 ? /\/webhook-waiting\/\d+\?signature=[^&]+&fp_token=[\w-]{43}$/ : /\/webhook-waiting\/\d+\?fp_token=[\w-]{43}$/,
		);
		const clientId = (await h.sim('/aa/clients')).find((c) => c.mobile_number === '9876543210').client_id;

		n8n = await h.startN8n({ publish: ['aa-consent-wait-timeout'] });
		// the deadline case runs meanwhile (n8n checks waiting executions about once a minute)
		const timeoutRun = h.executeWorkflow('aa-consent-wait-timeout');
		const waiting = await n8n.waitForExecutions('aa-consent-wait', { status: 'waiting' });
		expect(waiting).toHaveLength(1);

		// wrong token: 401, nothing resumes
		const forged = webhookUrl.replace(/fp_token=[\w-]+/, 'fp_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
		const bad = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: clientId, consent_status: 'ACTIVE' }) });
		expect(bad.status).toBe(401);
		expect((await n8n.executions('aa-consent-wait'))[0].status).toBe('waiting');

		// a lying body ("ACTIVE") while the API says pending: still waiting
		const early = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: clientId, consent_status: 'ACTIVE' }) });
		expect(early.status).toBe(202);
		expect((await n8n.executions('aa-consent-wait'))[0].status).toBe('waiting');

		// the borrower approves; the simulator calls the resume URL as Finpass would
		await fetch(`${h.info().simUrl}/sim/consent/${clientId}/approve`, { method: 'POST' });
		await h.sim(`/aa/clients/${clientId}/notify`, {});
		const [done] = await n8n.waitForExecutions('aa-consent-wait', { status: 'success', timeoutMs: 90000 });
		const resumed = done.data.resultData.runData;
		expect(resumed.Consent[resumed.Consent.length - 1].data.main[0][0].json).toMatchObject({ client_id: clientId, consent_status: 'ACTIVE' });
		expect(JSON.stringify(resumed.Consent)).not.toMatch(/fp_token|signature=/);
		expect(resumed.Fetch[0].data.main[0].length).toBeGreaterThan(0);

		// the deadline passes: the workflow goes on with WAIT_TIMEOUT and the client_id
		const t = await timeoutRun;
		expectOk(t);
		const [finished] = await n8n.waitForExecutions('aa-consent-wait-timeout', { status: 'success', timeoutMs: 150000 });
		const after = finished.data.resultData.runData.After[0].data.main[0][0].json;
		expect(after).toMatchObject({ consent_status: 'WAIT_TIMEOUT', client_id: expect.stringMatching(/^aa_/) });
	}, 280000);
});

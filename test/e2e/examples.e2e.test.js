// Every example (packages/simulator/examples/) runs in a real n8n against the simulator (CI copies: see examples.js).
const h = require('./harness');
const { loadExample, listExamples, ciCopy, UPLOAD_CREDENTIAL } = require('./examples');
const { WEBHOOK_CREDENTIALS } = require('./webhook-credentials');

// FINPASS_EXAMPLE_SAMPLES=<folder>: each run also writes its nodes' output there (<example>.json),
// the source of the examples' pinned sample output (trimmed and pinned by hand, see docs/examples.md).
function keepSample(example, runData) {
	const dir = process.env.FINPASS_EXAMPLE_SAMPLES;
	if (!dir) return;
	const out = Object.fromEntries(Object.entries(runData).map(([node, runs]) => [node, (runs.at(-1).data?.main?.[0] ?? []).map((i) => ({ json: i.json }))]));
	require('fs').writeFileSync(require('path').join(dir, `${example}.json`), JSON.stringify(out, null, 2));
}

function expectOk(r) {
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}: ${JSON.stringify(r.result && h.executionError(r))}\n${r.stderr.slice(-2000)}`);
}

async function simPost(path, body, headers = {}) {
	const res = await fetch(`${h.info().simUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret', ...headers }, body: JSON.stringify(body) });
	return res.json();
}

beforeEach(async () => {
	await h.sim('/reset', {});
	await h.sim('/config', { consentDelayMs: 1000, dataDelayMs: 500 });
});

describe('examples', () => {
	test('quickstart: consent → wait until ready → one item per account', async () => {
		const id = await h.importWorkflow(ciCopy(loadExample('loan-underwriting-quickstart')));
		const r = await h.executeWorkflow(id);
		expectOk(r);
		keepSample('loan-underwriting-quickstart', r.result.data.resultData.runData);
		const accounts = h.nodeOutput(r, 'Fetch Bank Data');
		expect(accounts.length).toBeGreaterThanOrEqual(2);
		expect(accounts[0].json.summary_details.current_balance).toMatch(/^\d+\.\d{2}$/);
		// Underwriting Insights (summary) → approve: the sample borrower has a salary, no bounce, one EMI
		const [summary] = h.nodeOutput(r, 'Underwriting Insights');
		expect(summary.json).toMatchObject({ accounts: accounts.length, bounces: 0, monthly_income_basis: 'salary' });
		expect(h.nodeOutput(r, 'Approve or Refer', 0)).toHaveLength(1); // approve
		expect(h.nodeOutput(r, 'Approve or Refer', 1)).toHaveLength(0); // refer
	});

	test('loan monitoring: refresh → fetch with request_id → alert for the low balance', async () => {
		const created = await simPost('/api/v1/services/account-aggregator/init', { mobile_number: '9876543210', consent_type: 'loan_monitoring' });
		const clientId = created.data.client_id;
		await h.sim(`/aa/clients/${clientId}`, { consent: 'approved' });
		const id = await h.importWorkflow(
			ciCopy(loadExample('loan-monitoring'), {
				patch(wf) {
					const loans = wf.nodes.find((n) => n.name === 'Loans to monitor (fill in)');
					loans.parameters.jsonOutput = JSON.stringify({ loans: [{ loan_id: 'LN-1', client_id: clientId, min_balance: '99999999.00' }] });
				},
			}),
		);
		const r = await h.executeWorkflow(id);
		expectOk(r);
		keepSample('loan-monitoring', r.result.data.resultData.runData);
		const refreshed = h.nodeOutput(r, 'Refresh Data')[0].json.request_id;
		const fetches = await h.sim('/requests?path=/api/v1/services/account-aggregator/fetch-json-report');
		expect(fetches.every((q) => q.json.request_id === refreshed)).toBe(true);
		expect(h.nodeOutput(r, 'CI stand-in: Alert the Collections Team').length).toBeGreaterThanOrEqual(1);
	});

	describe('under n8n start', () => {
		let n8n;
		afterAll(async () => n8n && n8n.stop());

		test('loan underwriting: consent and wait → approved by webhook → transactions to the CRM stand-in', async () => {
			await h.sim('/config', { consentDelayMs: -1, dataDelayMs: 500 });
			const id = await h.importWorkflow(ciCopy(loadExample('loan-underwriting')));
			const r = await h.executeWorkflow(id);
			expectOk(r);
			const clientId = (await h.sim('/aa/clients'))[0].client_id;
			n8n = await h.startN8n();
			await n8n.waitForExecutions(id, { status: 'waiting' });
			await fetch(`${h.info().simUrl}/sim/consent/${clientId}/approve`, { method: 'POST' });
			await h.sim(`/aa/clients/${clientId}/notify`, {});
			const [done] = await n8n.waitForExecutions(id, { status: 'success', timeoutMs: 90000 });
			const runData = done.data.resultData.runData;
			keepSample('loan-underwriting', runData);
			const crm = runData['CI stand-in: Send to CRM'][0].data.main[0];
			expect(crm.length).toBeGreaterThan(6);
			expect(crm[0].json).toMatchObject({ client_id: clientId, transaction_id: expect.any(String) });
			expect(runData['Underwriting Insights'][0].data.main[0][0].json).toMatchObject({ borrower: clientId, transactions: crm.length, bounces: 0 });
			expect(runData['Approve or Refer'][0].data.main[0]).toHaveLength(1); // the approve branch
		}, 200000);
	});
});

describe('more examples', () => {
	test('business verification: PAN lookup → CIN lookup → EPFO → summary', async () => {
		const id = await h.importWorkflow(ciCopy(loadExample('business-verification')));
		const r = await h.executeWorkflow(id);
		expectOk(r);
		keepSample('business-verification', r.result.data.resultData.runData);
		const [summary] = h.nodeOutput(r, 'Verification Summary');
		expect(summary.json).toMatchObject({ pan: 'AABCU9603R', entity: expect.any(String), cin: expect.stringMatching(/^[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6}$/), company_status: expect.any(String) });
		expect(summary.json.epfo).toBeDefined();
	});

	describe('trigger variant under n8n start', () => {
		let n8n;
		afterAll(async () => n8n && n8n.stop());
		test('loan underwriting 1/2 + 2/2: consent with the trigger URL → approved webhook → transactions to the CRM stand-in', async () => {
			// the trigger's credential is the e2e query-token webhook credential (examples.js maps it);
			// Initialize Consent adds its token to the webhook URL from the same credential
			const onConsent = ciCopy(loadExample('loan-underwriting-on-consent'));
			const onConsentId = await h.importWorkflow(onConsent);
			const path = onConsent.nodes.find((n) => n.name === 'Finpass Trigger').parameters.path;
			const startId = await h.importWorkflow(
				ciCopy(loadExample('loan-underwriting-start'), {
					patch(wf) {
						wf.nodes.find((n) => n.name === 'Initialize Consent').parameters.additionalFields.webhookUrl = `${h.info().baseUrl}/webhook/${path}`;
					},
				}),
			);
			n8n = await h.startN8n({ publish: [onConsentId] });
			// readiness can come before published webhooks are registered: wait for the 401
			for (let i = 0; i < 60; i++) {
				const probe = await fetch(`${h.info().baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				if (probe.status === 401) break;
				await new Promise((r) => setTimeout(r, 500));
			}
			await h.sim('/config', { consentDelayMs: 1000, dataDelayMs: 500 });
			const r = await h.executeWorkflow(startId);
			expectOk(r);
			keepSample('loan-underwriting-start', r.result.data.resultData.runData);
			const [done] = await n8n.waitForExecutions(onConsentId, { status: 'success', timeoutMs: 90000 });
			keepSample('loan-underwriting-on-consent', done.data.resultData.runData);
			const crm = done.data.resultData.runData['CI stand-in: Send to CRM'][0].data.main[0];
			expect(crm.length).toBeGreaterThan(6);
			expect(crm[0].json.transaction_id).toBeDefined();
			// the URL Finpass was given carries the token; the start workflow itself never held it
			const sent = (await h.sim(`/requests?path=${encodeURIComponent('/api/v1/services/account-aggregator/init')}`)).at(-1);
			expect(new URL(sent.json.webhook_url).searchParams.get('token')).toBe(WEBHOOK_CREDENTIALS.query.data.secret);
			expect(JSON.stringify(r.result)).not.toContain(WEBHOOK_CREDENTIALS.query.data.secret);
			expect(done.data.resultData.runData['Approve or Refer'][0].data.main[0]).toHaveLength(1); // approve
		}, 200000);
	});
});

describe('statement upload example', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());
	test('only a caller with the key gets in; it is answered 202 at once; the PDF is uploaded byte for byte and the analysis goes on', async () => {
		// the analysis finishes well after the answer: the caller is not held while it runs
		await h.sim('/jobs/bsa/config', { doneAfterMs: 3000 });
		await h.importCredentials([UPLOAD_CREDENTIAL]);
		const id = await h.importWorkflow(ciCopy(loadExample('statement-upload'), { patch: (wf) => { wf.nodes.find((n) => n.name === 'Upload and Analyse').parameters.pollIntervalSeconds = 0.5; } }));
		n8n = await h.startN8n({ publish: [id] });
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);
		const post = (headers) => {
			const form = new FormData();
			form.append('statement', new Blob([pdf], { type: 'application/pdf' }), 'april-statement.pdf');
			return fetch(n8n.webhookUrl('bank-statement'), { method: 'POST', body: form, headers });
		};
		const key = { [UPLOAD_CREDENTIAL.data.name]: UPLOAD_CREDENTIAL.data.value };
		let res;
		for (let i = 0; i < 60; i++) {
			res = await post({});
			if (res.status !== 404) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		// without the key, or with a wrong one: refused (n8n's Header Auth answers 403), nothing started, nothing uploaded
		expect(res.status).toBe(403);
		expect((await post({ [UPLOAD_CREDENTIAL.data.name]: 'not-the-key' })).status).toBe(403);
		expect(await n8n.executions(id)).toHaveLength(0);
		expect(await h.sim('/jobs/bsa/uploads')).toHaveLength(0);

		res = await post(key);
		const body = await res.json();
		expect(res.status).toBe(202);
		expect(body).toMatchObject({ status: 'accepted', execution_id: expect.any(String), file: 'april-statement.pdf' });
		const [done] = await n8n.waitForExecutions(id, { status: 'success', timeoutMs: 90000 });
		expect(String(done.id)).toBe(body.execution_id);
		keepSample('statement-upload', done.data.resultData.runData);
		const delivered = done.data.resultData.runData['CI stand-in: Send Result to Your System'][0].data.main[0];
		expect(delivered[0].json.client_id).toEqual(expect.any(String));
		const uploads = await h.sim('/jobs/bsa/uploads');
		expect(uploads).toHaveLength(1);
		expect(uploads[0].filename).toBe('april-statement.pdf');
		expect(Buffer.from(uploads[0].base64, 'base64').equals(pdf)).toBe(true);
	}, 200000);
});

describe('FinPro example', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());
	test('a signed DATA_READY webhook → one fetch per ready account → reconciled → saved', async () => {
		const crypto = require('crypto');
		const secret = WEBHOOK_CREDENTIALS.finpro.data.secret;
		const wf = ciCopy(loadExample('finpro-data-ready'));
		const id = await h.importWorkflow(wf);
		n8n = await h.startN8n({ publish: [id] });
		const body = JSON.stringify({
			timestamp: new Date().toISOString(), consentHandle: 'h-1', eventType: 'DATA', eventStatus: 'DATA_READY', consentId: '3c92001e-57ea-4320-bbb8-66d524bfb435', vua: '9876543210@onemoney', eventMessage: 'ready',
			linkRefNumbers: [
				{ linkRefNumber: '7f8227f1-697f-40d3-a4af-0508f5d0a1dd', fiStatus: 'READY', fipName: 'FinShareBankServer', fipId: 'finsharebank', maskedAccountNumber: 'XXXXXXXX3900' },
				{ linkRefNumber: 'c0ffee00-1b2c-4d3e-8f90-a1b2c3d4e5f6', fiStatus: 'READY', fipName: 'Paise Bank', fipId: 'paisebank-fip', maskedAccountNumber: 'XXXXXX7781' },
				{ linkRefNumber: '00000000-0000-4000-8000-000000000009', fiStatus: 'DENIED', fipName: 'Other', fipId: 'other', maskedAccountNumber: 'XXXX0009' },
			],
		});
		const signature = crypto.createHmac('sha256', secret).update(body).digest('hex');
		let res;
		for (let i = 0; i < 60; i++) {
			res = await fetch(n8n.webhookUrl('finpro-events'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-finpro-signature': signature }, body });
			if (res.status !== 404) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		expect(res.status).toBe(200);
		const [done] = await n8n.waitForExecutions(id, { status: 'success', timeoutMs: 60000 });
		keepSample('finpro-data-ready', done.data.resultData.runData);
		const fetched = done.data.resultData.runData['Get FI Data'][0].data.main[0];
		expect(fetched).toHaveLength(2);
		for (const account of fetched) expect(account.json.reconciliation).toMatchObject({ checked: expect.any(Number), mismatches: expect.any(Number) });
		const saved = done.data.resultData.runData['CI stand-in: Save to Loan System']?.[0].data.main[0] ?? [];
		const flagged = done.data.resultData.runData['CI stand-in: Flag for Credit Review']?.[0].data.main[0] ?? [];
		expect(saved.length + flagged.length).toBe(2);
	}, 200000);
});

// Examples a user starts by hand hold the borrower (or business, or loans) in one "(fill in)" node;
// left unfilled they stop at "Stop: Fill In the Details" before any request leaves n8n.
const FILL_IN = listExamples().filter((name) => loadExample(name).nodes.some((n) => n.name.endsWith('(fill in)')));

describe('examples run unchanged stop before any Finpass call', () => {
	test('the examples with a details node are the ones a user starts by hand', () => {
		expect(FILL_IN.sort()).toEqual(['business-verification', 'loan-monitoring', 'loan-underwriting', 'loan-underwriting-quickstart', 'loan-underwriting-start']);
	});

	test.each(FILL_IN)('%s: stops with what to fill, and the simulator saw no request', async (name) => {
		const id = await h.importWorkflow(ciCopy(loadExample(name), { fill: false }));
		const r = await h.executeWorkflow(id);
		expect(r.code).not.toBe(0);
		const error = h.nodeError(r, 'Stop: Fill In the Details');
		expect(error.message).toMatch(/^Fill in the .* first: open '.* \(fill in\)' and replace every FILL IN value/);
		const apiCalls = (await h.sim('/requests')).filter((q) => !q.path.startsWith('/__sim'));
		expect(apiCalls).toEqual([]);
	});
});

// What a user sees before having keys: pinned simulator output on the key nodes, small, with nothing
// secret in it; and sticky notes that say what to fill and where credentials go.
describe('examples explain themselves', () => {
	test.each(listExamples())('%s: sticky notes and pinned sample output', (name) => {
		const wf = loadExample(name);
		const notes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => n.parameters.content);
		expect(notes[0]).toMatch(/^## /);
		expect(notes.join('\n')).toMatch(/Credentials\*\*/);
		expect(notes.join('\n')).toMatch(/What to fill|Fill in/);
		const pinned = Object.keys(wf.pinData || {});
		// the chat example shows its sample in a note: a pin on a tool or the chat trigger would replace
		// what the tool answers or what the user types in the editor's chat
		if (name === 'kyb-assistant') expect(notes.join('\n')).toMatch(/### Sample output \(simulator\)\n[^]*"entity_name"/);
		else expect(pinned.length).toBeGreaterThan(0);
		for (const node of pinned) expect(wf.nodes.some((n) => n.name === node)).toBe(true);
		const text = JSON.stringify(wf.pinData);
		expect(text.length).toBeLessThan(20000);
		expect(text).not.toMatch(/sim_key|sim_secret|e2e-[a-z-]+-[A-Za-z0-9]{10,}|"(api_?key|api_?secret|secret|token|password)"\s*:/i);
	});
});

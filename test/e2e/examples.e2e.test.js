// Every example in examples/ runs in a real n8n against the simulator (CI copies: see examples.js).
const h = require('./harness');
const { loadExample, ciCopy } = require('./examples');
const { WEBHOOK_CREDENTIALS } = require('./webhook-credentials');

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
					const loans = wf.nodes.find((n) => n.name === 'Monitored Loans');
					loans.parameters.jsonOutput = JSON.stringify({ loans: [{ loan_id: 'LN-1', client_id: clientId, min_balance: '99999999.00' }] });
				},
			}),
		);
		const r = await h.executeWorkflow(id);
		expectOk(r);
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
			const [done] = await n8n.waitForExecutions(onConsentId, { status: 'success', timeoutMs: 90000 });
			const crm = done.data.resultData.runData['CI stand-in: Send to CRM'][0].data.main[0];
			expect(crm.length).toBeGreaterThan(6);
			expect(crm[0].json.transaction_id).toBeDefined();
			expect(done.data.resultData.runData['Approve or Refer'][0].data.main[0]).toHaveLength(1); // approve
			// the URL Finpass was given carries the token; the start workflow itself never held it
			const sent = (await h.sim(`/requests?path=${encodeURIComponent('/api/v1/services/account-aggregator/init')}`)).at(-1);
			expect(new URL(sent.json.webhook_url).searchParams.get('token')).toBe(WEBHOOK_CREDENTIALS.query.data.secret);
			expect(JSON.stringify(r.result)).not.toContain(WEBHOOK_CREDENTIALS.query.data.secret);
		}, 200000);
	});
});

describe('statement upload example', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());
	test('a PDF posted to the webhook is uploaded byte for byte and the analysis comes back to the caller', async () => {
		await h.sim('/jobs/bsa/config', { doneAfterMs: 800 });
		const id = await h.importWorkflow(ciCopy(loadExample('statement-upload'), { patch: (wf) => { wf.nodes.find((n) => n.name === 'Upload and Analyse').parameters.pollIntervalSeconds = 0.5; } }));
		n8n = await h.startN8n({ publish: [id] });
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);
		const form = new FormData();
		form.append('statement', new Blob([pdf], { type: 'application/pdf' }), 'april-statement.pdf');
		let res;
		for (let i = 0; i < 60; i++) {
			res = await fetch(n8n.webhookUrl('bank-statement'), { method: 'POST', body: form });
			if (res.status !== 404) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		const body = await res.json();
		expect(res.status).toBe(200);
		expect(JSON.stringify(body)).toMatch(/client_id/);
		const uploads = await h.sim('/jobs/bsa/uploads');
		const upload = uploads[uploads.length - 1];
		expect(upload.filename).toBe('april-statement.pdf');
		expect(Buffer.from(upload.base64, 'base64').equals(pdf)).toBe(true);
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
		const fetched = done.data.resultData.runData['Get FI Data'][0].data.main[0];
		expect(fetched).toHaveLength(2);
		for (const account of fetched) expect(account.json.reconciliation).toMatchObject({ checked: expect.any(Number), mismatches: expect.any(Number) });
		const saved = done.data.resultData.runData['CI stand-in: Save to Loan System']?.[0].data.main[0] ?? [];
		const flagged = done.data.resultData.runData['CI stand-in: Flag for Credit Review']?.[0].data.main[0] ?? [];
		expect(saved.length + flagged.length).toBe(2);
	}, 200000);
});

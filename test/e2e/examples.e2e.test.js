// Every example (packages/simulator/examples/) runs in a real n8n against the simulator, imported
// the way docs/examples.md tells a user: n8n's Import → From URL with the simulator's
// /examples/<name>.json (the editor's REST call, GET /rest/workflows/from-url), filled in as the
// docs say (CI copies: see examples.js), then run. Nothing is pinned: the asserted output is real.
const http = require('http');
const h = require('./harness');
const { listExamples, loadExample, ciCopy, fromUrl, UPLOAD_CREDENTIAL, SMTP_CREDENTIAL } = require('./examples');
const { WEBHOOK_CREDENTIALS } = require('./webhook-credentials');
const { smtpRecorder, smtpCredential, mailText } = require('./smtp-recorder');

// the data table the underwriting examples write to (docs/examples.md: create it once)
const DECISION_COLUMNS = ['application', 'decision', 'reason', 'abb', 'monthly_income', 'bounces', 'obligations_to_income', 'message'];
// examples as n8n imported them from the simulator's URL, by name
const imported = {};

/** The example as the editor's Import → From URL gave it. */
function example(name) {
	if (!imported[name]) throw new Error(`${name} was not imported from the simulator's /examples/`);
	return imported[name];
}

/** A CRM on 127.0.0.1 that records what it is sent (JSON bodies) and answers 200. */
async function crmRecorder() {
	const got = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			got.push({ method: req.method, url: req.url, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${server.address().port}/api/loan-applications/underwriting-summary`, got, close: () => new Promise((r) => server.close(r)) };
}

let smtp;
afterAll(async () => smtp && smtp.close());

// The loan_decisions table's id. The examples name their table, as n8n 2.x's Data Table node
// allows; n8n 1.x's picks it from a list (stored by id), as docs/examples.md tells 1.x users.
let decisionsTable;
const onN8n1 = () => /^1\./.test(h.info().n8nVersion || '');
function copy(example, options) {
	const wf = ciCopy(example, options);
	if (onN8n1()) {
		for (const node of wf.nodes) {
			if (node.type === 'n8n-nodes-base.dataTable') node.parameters.dataTableId = { __rl: true, mode: 'id', value: decisionsTable };
		}
	}
	return wf;
}

beforeAll(async () => {
	smtp = await smtpRecorder();
	await h.importCredentials([smtpCredential(smtp, SMTP_CREDENTIAL)]);
	const n8n = await h.startN8n();
	try {
		const cookie = await h.ensureOwner(n8n.baseUrl);
		const personal = await (await fetch(`${n8n.baseUrl}/rest/projects/personal`, { headers: { cookie } })).json();
		const projectId = personal.data.id;
		for (const name of listExamples()) imported[name] = await fromUrl(n8n.baseUrl, cookie, projectId, `${h.info().simUrl}/examples/${name}.json`);
		const res = await fetch(`${n8n.baseUrl}/rest/projects/${projectId}/data-tables`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'loan_decisions', columns: DECISION_COLUMNS.map((name) => ({ name, type: 'string' })) }),
		});
		const text = await res.text();
		if (res.ok) decisionsTable = JSON.parse(text).data.id;
		else throw new Error(`creating the loan_decisions data table: ${res.status} ${text}`);
	} finally {
		await n8n.stop();
	}
}, 300000);

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

describe('import from URL', () => {
	test("every example comes through n8n's Import → From URL from the simulator, with no pinned data", () => {
		expect(Object.keys(imported).sort()).toEqual(listExamples().sort());
		for (const [name, wf] of Object.entries(imported)) {
			expect(Array.isArray(wf.nodes)).toBe(true);
			expect(Object.keys(wf.pinData || {})).toEqual([]);
		}
	});
});

describe('examples', () => {
	test('quickstart: consent → wait until ready → one item per account → one summary → approve, recorded in the data table, message in rupees', async () => {
		const mailsBefore = smtp.got.length;
		// `n8n execute` has no data tables (n8n loads that module only in its server): the row is a
		// stand-in here and real in the runs under n8n start below
		const id = await h.importWorkflow(copy(example('loan-underwriting-quickstart'), { real: ['Email the Analyst'] }));
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
		// the decision as a person reads it: Indian-grouped rupees; the exact strings stay in the row
		const [decision] = h.nodeOutput(r, 'Approve');
		expect(decision.json).toMatchObject({ application: summary.json.borrower, decision: 'approve', abb: summary.json.abb });
		expect(decision.json.message).toMatch(/^Approve application aa_\S+: ABB ₹\d{1,2}(,\d\d)*,\d{3}\.\d\d, monthly income ₹/);
		expect(h.nodeOutput(r, 'CI stand-in: Record Decision')).toHaveLength(1);
		// the analyst's email went to the SMTP server (a recorder on 127.0.0.1), with the rupees
		const mails = smtp.got.slice(mailsBefore);
		expect(mails).toHaveLength(1);
		expect(mails[0].to).toEqual(['<credit-analyst@your-lender.example>']);
		expect(mails[0].data).toMatch(new RegExp(`Subject: Loan application ${summary.json.borrower}: approve`));
		expect(mailText(mails[0].data)).toContain(decision.json.message);
	});



	describe('under n8n start', () => {
		let n8n;
		afterAll(async () => n8n && n8n.stop());

		let crm;
		afterAll(async () => crm && crm.close());
		test('loan underwriting: consent and wait → approved by webhook → one summary per application to the CRM → decision recorded', async () => {
			await h.sim('/config', { consentDelayMs: -1, dataDelayMs: 500 });
			crm = await crmRecorder();
			const id = await h.importWorkflow(copy(example('loan-underwriting'), { loopback: { 'Send to CRM': crm.url }, real: ['Record Decision', 'Email the Analyst'] }));
			const r = await h.executeWorkflow(id);
			expectOk(r);
			const clientId = (await h.sim('/aa/clients'))[0].client_id;
			n8n = await h.startN8n();
			await n8n.waitForExecutions(id, { status: 'waiting' });
			await fetch(`${h.info().simUrl}/sim/consent/${clientId}/approve`, { method: 'POST' });
			await h.sim(`/aa/clients/${clientId}/notify`, {});
			const [done] = await n8n.waitForExecutions(id, { status: 'success', timeoutMs: 90000 });
			const runData = done.data.resultData.runData;
			const transactions = runData['Fetch Transactions'][0].data.main[0];
			expect(transactions.length).toBeGreaterThan(6);
			const summary = runData['Underwriting Insights'][0].data.main[0];
			expect(summary).toHaveLength(1);
			expect(summary[0].json).toMatchObject({ borrower: clientId, transactions: transactions.length, bounces: 0 });
			// one request per application, carrying the summary (not one per transaction)
			expect(crm.got).toHaveLength(1);
			expect(crm.got[0]).toMatchObject({ method: 'POST', json: { borrower: clientId, abb: summary[0].json.abb } });
			expect(runData['Approve or Refer'][0].data.main[0]).toHaveLength(1); // the approve branch
			expect(runData['Record Decision'][0].data.main[0][0].json).toMatchObject({ application: clientId, decision: 'approve' });
		}, 200000);

		test('loan underwriting: the borrower rejects the consent → Not Approved → data table row and the analyst\'s email, no transactions fetched', async () => {
			await h.sim('/config', { consentDelayMs: -1, dataDelayMs: 500 });
			const mailsBefore = smtp.got.length;
			const id = await h.importWorkflow(
				copy(example('loan-underwriting'), {
					real: ['Record Decision', 'Email the Analyst'],
					patch(wf) {
						wf.id = 'ci-loan-underwriting-rejected';
						// the simulator's rejecting borrower (a mobile ending 0001)
						wf.nodes.find((n) => n.name === 'Borrower details (fill in)').parameters.jsonOutput = JSON.stringify({ mobile: '9876500001', pan: 'ABCDE1234F' });
					},
				}),
			);
			expectOk(await h.executeWorkflow(id));
			const clientId = (await h.sim('/aa/clients'))[0].client_id;
			if (!n8n) n8n = await h.startN8n();
			await n8n.waitForExecutions(id, { status: 'waiting' });
			await fetch(`${h.info().simUrl}/sim/consent/${clientId}/reject`, { method: 'POST' });
			await h.sim(`/aa/clients/${clientId}/notify`, {});
			const [done] = await n8n.waitForExecutions(id, { status: 'success', timeoutMs: 90000 });
			const runData = done.data.resultData.runData;
			expect(runData['Fetch Transactions']).toBeUndefined();
			const [row] = runData['Record Decision'][0].data.main[0];
			expect(row.json).toMatchObject({ application: clientId, decision: 'not approved', reason: 'Consent REJECTED: no bank data was shared.' });
			const mails = smtp.got.slice(mailsBefore);
			expect(mails).toHaveLength(1);
			expect(mails[0].data).toMatch(new RegExp(`Subject: Loan application ${clientId}: not approved`));
			expect(mailText(mails[0].data)).toContain(`Not approved: application ${clientId}, the borrower's consent is REJECTED`);
		}, 200000);
	});
});

describe('error workflow under n8n start', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());
	test('a production run that fails (the data fetch error borrower) emails the team through error-alert, chosen in Settings → Error workflow', async () => {
		const mailsBefore = smtp.got.length;
		const alertId = await h.importWorkflow(copy(example('error-alert'), { real: ['Email the Team'] }));
		// 2/2 with error-alert as its error workflow (docs/examples.md: Settings → Error workflow)
		const onConsent = copy(example('loan-underwriting-on-consent'), {
			real: ['Record Decision', 'Email the Analyst'],
			patch(wf) {
				wf.id = 'ci-on-consent-error-alert';
				wf.settings = { ...wf.settings, errorWorkflow: alertId };
				const trigger = wf.nodes.find((n) => n.name === 'Finpass Trigger');
				trigger.parameters.path = 'finpass-consent-error-alert';
				trigger.webhookId = '5d0c2f4e-1b7a-4c39-9e58-3a6b2f1d0e77';
			},
		});
		const onConsentId = await h.importWorkflow(onConsent);
		const path = onConsent.nodes.find((n) => n.name === 'Finpass Trigger').parameters.path;
		const startId = await h.importWorkflow(
			copy(example('loan-underwriting-start'), {
				patch(wf) {
					wf.id = 'ci-start-error-alert';
					// the simulator's data fetch error borrower (a mobile ending 0003), and 2/2's URL
					wf.nodes.find((n) => n.name === 'Borrower details (fill in)').parameters.jsonOutput = JSON.stringify({ mobile: '9876500003', pan: 'ABCDE1234F', webhook_url: `${h.info().baseUrl}/webhook/${path}` });
				},
			}),
		);
		// n8n 2.x runs an error workflow's published version only: error-alert is published too (docs/examples.md)
		n8n = await h.startN8n({ publish: [onConsentId, alertId] });
		for (let i = 0; i < 60; i++) {
			const probe = await fetch(`${h.info().baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			if (probe.status === 401) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		expectOk(await h.executeWorkflow(startId));
		const [failed] = await n8n.waitForExecutions(onConsentId, { status: 'error', timeoutMs: 120000 });
		expect(failed.data.resultData.lastNodeExecuted).toBe('Fetch Transactions');
		const [alerted] = await n8n.waitForExecutions(alertId, { status: 'success', timeoutMs: 60000 });
		const text = alerted.data.resultData.runData['Alert Text'][0].data.main[0][0].json;
		expect(text).toMatchObject({ workflow: onConsent.name, failed_node: 'Fetch Transactions', error: expect.any(String) });
		const mails = smtp.got.slice(mailsBefore);
		expect(mails).toHaveLength(1);
		expect(mails[0].to).toEqual(['<credit-ops@your-lender.example>']);
		expect(mailText(mails[0].data)).toContain(`The workflow "${onConsent.name}" failed at the node "Fetch Transactions"`);
	}, 300000);
});

describe('more examples', () => {
	test('business verification: PAN lookup → CIN lookup → EPFO → summary', async () => {
		const id = await h.importWorkflow(copy(example('business-verification')));
		const r = await h.executeWorkflow(id);
		expectOk(r);
		const [summary] = h.nodeOutput(r, 'Verification Summary');
		expect(summary.json).toMatchObject({ pan: 'AABCU9603R', entity: expect.any(String), cin: expect.stringMatching(/^[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6}$/), company_status: expect.any(String) });
		expect(summary.json.epfo).toBeDefined();
	});

	describe('trigger variant under n8n start', () => {
		let n8n;
		afterAll(async () => n8n && n8n.stop());
		let crm;
		afterAll(async () => crm && crm.close());
		test('loan underwriting 1/2 + 2/2: consent with the trigger URL → approved webhook → one summary to the CRM', async () => {
			crm = await crmRecorder();
			// the trigger's credential is the e2e query-token webhook credential (examples.js maps it);
			// Initialize Consent adds its token to the webhook URL from the same credential
			const onConsent = copy(example('loan-underwriting-on-consent'), { loopback: { 'Send to CRM': crm.url }, real: ['Record Decision', 'Email the Analyst'] });
			const onConsentId = await h.importWorkflow(onConsent);
			const path = onConsent.nodes.find((n) => n.name === 'Finpass Trigger').parameters.path;
			const startId = await h.importWorkflow(
				copy(example('loan-underwriting-start'), {
					// docs/examples.md: the borrower, and 2/2's production URL, in the one details node
					patch(wf) {
						const details = wf.nodes.find((n) => n.name === 'Borrower details (fill in)');
						details.parameters.jsonOutput = JSON.stringify({ ...JSON.parse(details.parameters.jsonOutput), webhook_url: `${h.info().baseUrl}/webhook/${path}` });
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
			expect(crm.got).toHaveLength(1);
			expect(crm.got[0].json).toMatchObject({ borrower: expect.stringMatching(/^aa_/), transactions: done.data.resultData.runData['Fetch Transactions'][0].data.main[0].length });
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
		const id = await h.importWorkflow(copy(example('statement-upload'), { patch: (wf) => { wf.nodes.find((n) => n.name === 'Upload and Analyse').parameters.pollIntervalSeconds = 0.5; } }));
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
		const wf = copy(example('finpro-data-ready'));
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

// Examples a user starts by hand hold the borrower (or business, or loans) in one "(fill in)" node;
// left unfilled they stop at "Stop: Fill In the Details" before any request leaves n8n.
const FILL_IN = listExamples().filter((name) => loadExample(name).nodes.some((n) => n.name.endsWith('(fill in)')));

describe('examples run unchanged stop before any Finpass call', () => {
	test('the examples with a details node are the ones a user starts by hand', () => {
		expect(FILL_IN.sort()).toEqual(['business-verification', 'loan-underwriting', 'loan-underwriting-quickstart', 'loan-underwriting-start']);
	});

	test('loan-underwriting-start: the borrower filled in but not the webhook URL of 2/2 still stops before any call', async () => {
		const start = loadExample('loan-underwriting-start');
		const id = await h.importWorkflow(
			copy(example('loan-underwriting-start'), {
				patch(wf) {
					const original = JSON.parse(start.nodes.find((n) => n.name === 'Borrower details (fill in)').parameters.jsonOutput);
					const details = wf.nodes.find((n) => n.name === 'Borrower details (fill in)');
					details.parameters.jsonOutput = JSON.stringify({ ...JSON.parse(details.parameters.jsonOutput), webhook_url: original.webhook_url });
				},
			}),
		);
		const r = await h.executeWorkflow(id);
		expect(r.code).not.toBe(0);
		expect(h.nodeError(r, 'Stop: Fill In the Details').message).toMatch(/the webhook URL of 2\/2/);
		expect((await h.sim('/requests')).filter((q) => !q.path.startsWith('/__sim'))).toEqual([]);
	});

	test.each(FILL_IN)('%s: stops with what to fill, and the simulator saw no request', async (name) => {
		const id = await h.importWorkflow(copy(example(name), { fill: false }));
		const r = await h.executeWorkflow(id);
		expect(r.code).not.toBe(0);
		const error = h.nodeError(r, 'Stop: Fill In the Details');
		expect(error.message).toMatch(/^Fill in the .* first: open '.* \(fill in\)' and replace every FILL IN value/);
		const apiCalls = (await h.sim('/requests')).filter((q) => !q.path.startsWith('/__sim'));
		expect(apiCalls).toEqual([]);
	});
});

// What a user sees: sticky notes that say what to fill, where credentials go and that nothing is
// sample data; the sample output lives in docs/examples.md and the screenshots, never in a pin
// (a manual run after filling in must act on real data only).
describe('examples explain themselves', () => {
	test.each(listExamples())('%s: sticky notes, and no pinned data', (name) => {
		const wf = loadExample(name);
		const notes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => n.parameters.content);
		expect(notes[0]).toMatch(/^## /);
		expect(notes.join('\n')).toMatch(/Credentials\*\*/);
		expect(notes.join('\n')).toMatch(/What to fill|Fill in/);
		expect(wf.pinData).toBeUndefined();
		expect(notes.join('\n')).not.toMatch(/\bpin icon\b|\bunpin\b/i);
		if (name !== 'kyb-assistant') expect(notes.join('\n')).toMatch(/Nothing here is sample data/);
	});

	test('the docs describe every example and name its import URL', () => {
		const docs = require('fs').readFileSync(require('path').join(h.ROOT, 'docs', 'examples.md'), 'utf8');
		for (const name of listExamples()) expect(docs).toContain(`http://127.0.0.1:4010/examples/${name}.json`);
		expect(docs).toContain('Import → From URL');
	});
});

// The loan-monitoring example (packages/simulator/examples/loan-monitoring.json) run again and again in a real n8n under
// `n8n start`, against the simulator's monitoring scenario (packages/simulator/lib/routes/monitoring.js):
//   run 1: four clean months → no alert;
//   run 2: a fifth month with the salary missing, an EMI bounce with its charge and a new loan
//          credit → exactly those three signals, alerted once, saved in the signals Data Table;
//          tried first with the signals table broken: that run fails before any alert, and the
//          three signals alert on the next run (nothing was marked);
//   run 3: the refresh quota is used up (same data) → no new alert, and the loan's status says so.
//   run 4: the data fetch fails → the run fails and the workflow's own Error Trigger alerts.
// The Schedule Trigger becomes a Webhook (so each run is a production execution we start), Slack
// and email become No-Op stand-ins (their input is what would have been sent), and the Data
// Table nodes point at tables the test creates over n8n's REST API.
const crypto = require('crypto');
const h = require('./harness');
const { loadExample } = require('./examples');

const HOOK = `loan-monitoring-${crypto.randomBytes(4).toString('hex')}`;
const STAND_INS = new Set(['n8n-nodes-base.slack', 'n8n-nodes-base.emailSend']);
const LOAN_BOOK_COLUMNS = [
	['loan_id', 'string'],
	['client_id', 'string'],
	['borrower', 'string'],
	['loan_officer_email', 'string'],
	['loan_officer_slack', 'string'],
	['grace_days', 'number'],
	['salary_drop_percent', 'number'],
	['last_request_id', 'string'],
	['data_as_of', 'string'],
	['refresh_status', 'string'],
	['checked_at', 'string'],
];
const SIGNALS_COLUMNS = ['signal_id', 'loan_id', 'kind', 'severity', 'period', 'figure', 'baseline', 'message', 'data_as_of'].map((c) => [c, 'string']);

/** The example as CI runs it: a webhook start, stand-ins for Slack and email, the test's tables and credentials. */
function ciCopy(tables) {
	const wf = JSON.parse(JSON.stringify(loadExample('loan-monitoring')));
	wf.id = `ci-loan-monitoring-${crypto.randomBytes(3).toString('hex')}`;
	wf.name = 'CI copy: loan monitoring';
	// its own error workflow, as the example's note tells a user to set it
	wf.settings = { ...wf.settings, errorWorkflow: wf.id };
	const renamed = {};
	for (const node of wf.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			Object.assign(node, { type: 'n8n-nodes-base.webhook', typeVersion: 2, parameters: { httpMethod: 'POST', path: HOOK, responseMode: 'onReceived', options: {} }, webhookId: crypto.randomUUID() });
		} else if (STAND_INS.has(node.type)) {
			renamed[node.name] = `CI stand-in: ${node.name}`;
			Object.assign(node, { name: renamed[node.name], type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {}, credentials: undefined });
		} else if (node.type === 'n8n-nodes-base.dataTable') {
			node.parameters.dataTableId = { __rl: true, mode: 'id', value: tables[node.parameters.dataTableId.value] };
		}
	}
	h.useSimulatorCredentials(wf);
	const rename = (n) => renamed[n] || n;
	wf.connections = Object.fromEntries(
		Object.entries(wf.connections).map(([from, outputs]) => [
			rename(from),
			Object.fromEntries(Object.entries(outputs).map(([kind, lists]) => [kind, lists.map((list) => (list || []).map((c) => ({ ...c, node: rename(c.node) })))])),
		]),
	);
	return wf;
}

let cookie; // one login: n8n rate-limits logins
async function rest(n8n, method, route, body) {
	cookie = cookie || (await n8n.ownerCookie());
	const res = await fetch(`${n8n.baseUrl}/rest${route}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /rest${route}: ${res.status} ${text}`);
	return JSON.parse(text).data;
}

async function simPost(path, body) {
	const res = await fetch(`${h.info().simUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' }, body: JSON.stringify(body) });
	return res.json();
}

/** Every item a node put out in an execution, over all its runs (a node fed by two branches runs once per branch). */
const items = (runData, node) => (runData[node] ?? []).flatMap((r) => r.data?.main?.flatMap((output) => output ?? []) ?? []);

describe('loan monitoring example under n8n start', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());

	test('run 1 no alert; run 2 exactly the three signals, once (again after a failed try); run 3 (no refresh left) no new alert and a per-loan quota status; a failed run 4 alerts through the error trigger', async () => {
		await h.sim('/reset', {});
		await h.sim('/config', { consentDelayMs: 0, dataDelayMs: 300 });
		const created = await simPost('/api/v1/services/account-aggregator/init', { mobile_number: '9876543210', consent_type: 'loan_monitoring' });
		const clientId = created.data.client_id;
		await h.sim(`/aa/clients/${clientId}`, { consent: 'approved', monitoring: true, refreshLimit: 3 });

		n8n = await h.startN8n();
		const { id: projectId } = await rest(n8n, 'GET', '/projects/personal');
		const table = async (name, columns) => (await rest(n8n, 'POST', `/projects/${projectId}/data-tables`, { name, columns: columns.map(([c, type]) => ({ name: c, type })) })).id;
		const tables = { loan_book: await table('loan_book', LOAN_BOOK_COLUMNS), signals: await table('signals', SIGNALS_COLUMNS) };
		await rest(n8n, 'POST', `/projects/${projectId}/data-tables/${tables.loan_book}/insert`, {
			returnType: 'count',
			data: [{ loan_id: 'LN-1001', client_id: clientId, borrower: 'Asha Verma', loan_officer_email: 'officer@lender.example', loan_officer_slack: '@officer', grace_days: 5, salary_drop_percent: 20 }],
		});
		const rows = async (name) => (await rest(n8n, 'GET', `/projects/${projectId}/data-tables/${tables[name]}/rows?take=100`)).data;

		const id = await h.importWorkflow(ciCopy(tables));
		const key = await h.ensureApiKey(n8n.baseUrl);
		const activated = await fetch(`${n8n.baseUrl}/api/v1/workflows/${id}/activate`, { method: 'POST', headers: { 'X-N8N-API-KEY': key } });
		expect(activated.status).toBe(200);

		const finished = async (n) => {
			// n8n 1.x lists an execution while it still runs: wait until the nth has finished
			const deadline = Date.now() + 120000;
			let execution;
			for (;;) {
				execution = (await n8n.waitForExecutions(id, { count: n, timeoutMs: 120000 }))[n - 1];
				if (!['new', 'running'].includes(execution.status) || Date.now() > deadline) break;
				await new Promise((r) => setTimeout(r, 500));
			}
			return execution;
		};
		const run = async (n) => {
			const res = await n8n.postWebhook(HOOK, {});
			expect(res.status).toBe(200);
			const execution = await finished(n);
			if (execution.status !== 'success') throw new Error(`run ${n} ended ${execution.status}: ${JSON.stringify(execution.data?.resultData?.error)}`);
			return execution.data.resultData.runData;
		};

		// Run 1: four clean months.
		const first = await run(1);
		expect(items(first, 'Early-Warning Signals').map((i) => i.json)).toEqual([expect.objectContaining({ borrower: clientId, as_of: '2026-04-30', signals_count: 0, new_signals_count: 0 })]);
		expect(items(first, 'CI stand-in: Email the Loan Officer')).toHaveLength(0);
		expect(await rows('signals')).toHaveLength(0);
		let [loan] = await rows('loan_book');
		expect(loan).toMatchObject({ data_as_of: '2026-04-30', refresh_status: 'refreshed; signals on data as of 2026-04-30', last_request_id: expect.stringMatching(/^account_aggregator_v2_/) });

		// Run 2, first try: the fifth month, but saving the signals fails (a column is missing), so
		// nothing is sent or marked; the error trigger alerts.
		const columns = await rest(n8n, 'GET', `/projects/${projectId}/data-tables/${tables.signals}/columns`);
		await rest(n8n, 'DELETE', `/projects/${projectId}/data-tables/${tables.signals}/columns/${columns.find((c) => c.name === 'message').id}`);
		expect((await n8n.postWebhook(HOOK, {})).status).toBe(200);
		const failedTry = await finished(2);
		expect(failedTry.status).toBe('error');
		expect(items(failedTry.data.resultData.runData, 'One Item per New Signal')).toHaveLength(3);
		expect(items(failedTry.data.resultData.runData, 'CI stand-in: Email the Loan Officer')).toHaveLength(0);
		expect((await finished(3)).status).toBe('success'); // the error workflow's execution
		await rest(n8n, 'POST', `/projects/${projectId}/data-tables/${tables.signals}/columns`, { name: 'message', type: 'string' });

		// Run 2 again (the quota allows a third refresh; same five months): the three signals were never
		// marked, so they alert now, once.
		const second = await run(4);
		const emailed = items(second, 'CI stand-in: Email the Loan Officer');
		expect(emailed).toHaveLength(3);
		const alerted = items(second, 'One Item per New Signal').map((i) => i.json);
		expect(alerted.map((s) => s.kind).sort()).toEqual(['emi_bounced', 'new_loan_credit', 'salary_missing']);
		expect(alerted.find((s) => s.kind === 'emi_bounced').message).toBe(
			'Instalment or mandate of ₹12,500.00 returned unpaid on 2026-05-06 and ₹590.00 in charges: "ACH RTN/HDFC BANK LOAN EMI/INSUFFICIENT FUNDS".',
		);
		// Slack only for the high ones (salary missing, the bounce); every one marked alerted after the sends.
		expect(items(second, 'CI stand-in: Slack the Loan Officer')).toHaveLength(2);
		expect(items(second, 'Mark Signals Alerted').map((i) => i.json.alerted)).toEqual([true, true, true]);
		const saved = await rows('signals');
		expect(saved.map((r) => r.kind).sort()).toEqual(['emi_bounced', 'new_loan_credit', 'salary_missing']);
		expect(saved.every((r) => r.loan_id === 'LN-1001' && r.data_as_of === '2026-05-31')).toBe(true);
		[loan] = await rows('loan_book');
		expect(loan).toMatchObject({ data_as_of: '2026-05-31', refresh_status: 'refreshed; signals on data as of 2026-05-31' });
		const secondRequest = loan.last_request_id;

		// Run 3: the quota is used up; the same (latest) data is fetched again with the last request_id.
		const third = await run(5);
		expect(items(third, 'Refresh Data')[0].json.error).toMatch(/limit exceeded for this month/);
		expect(items(third, 'Early-Warning Signals')[0].json).toMatchObject({ signals_count: 3, new_signals_count: 0 });
		expect(items(third, 'CI stand-in: Email the Loan Officer')).toHaveLength(0);
		expect(items(third, 'Mark Signals Alerted')).toHaveLength(0);
		expect(await rows('signals')).toHaveLength(3);
		[loan] = await rows('loan_book');
		expect(loan).toMatchObject({ data_as_of: '2026-05-31', refresh_status: 'no refresh left this month; signals on data as of 2026-05-31', last_request_id: secondRequest });
		const fetches = await h.sim(`/requests?path=${encodeURIComponent('/api/v1/services/account-aggregator/fetch-json-report')}`);
		expect(fetches.at(-1).json.request_id).toBe(secondRequest);
		const refreshes = await h.sim(`/requests?path=${encodeURIComponent('/api/v1/services/account-aggregator/refresh-data')}`);
		expect(refreshes).toHaveLength(4); // one per run, never repeated

		// Run 4 fails (the bank's data fetch errors): the workflow's Error Trigger alerts.
		await h.sim(`/aa/clients/${clientId}`, { data: 'error' });
		expect((await n8n.postWebhook(HOOK, {})).status).toBe(200);
		expect((await finished(6)).status).toBe('error');
		const alert = await finished(7); // the error workflow's own execution
		expect(alert.status).toBe('success');
		const [failed] = items(alert.data.resultData.runData, 'CI stand-in: Alert: Monitoring Run Failed');
		expect(failed.json.execution).toMatchObject({ lastNodeExecuted: 'Get JSON Report', error: { message: expect.stringMatching(/Account data fetch error/) } });
	}, 300000);
});

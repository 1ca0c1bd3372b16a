// Finpass AA-BSA Analyzer against the simulator (packages/simulator/lib/routes/aa-bsa.js), in-process.
const { createContext, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner, failure, calls, wait } = require('../helpers/node');
const { FinpassAaBsa } = require(`${DIST}/nodes/FinpassAaBsa/FinpassAaBsa.node.js`);

const simulator = useSimulator();
const control = (route, body) => simulator.control(route, body);
beforeEach(() => control('/__sim/jobs/aa-bsa/config', {}));

const params = (operation, extra = {}) => ({ resource: 'aaBsaJourney', operation, ...extra });
const start = (extra = {}) =>
	params('startJourney', {
		mobileNumber: '+91 98765 43210',
		consentType: 'loan_underwriting',
		redirectUrl: 'https://lender.example/thanks',
		webhookUrl: 'https://n8n.example/webhook/finpass',
		...extra,
	});
const run = nodeRunner(FinpassAaBsa, { nodeType: 'n8n-nodes-finpass.finpassAaBsa', credentials: () => simulator.credentials });

async function journey(config) {
	if (config) await control('/__sim/jobs/aa-bsa/config', config);
	const { output } = await run(start());
	return output[0][0].json.client_id;
}

describe('Start journey', () => {
	test('returns client_id and the journey_url to send to the borrower; the mobile number is normalised', async () => {
		const { output, ctx } = await run(start());
		const json = output[0][0].json;
		expect(json).toMatchObject({
			client_id: expect.stringMatching(/^aa_bsa_/),
			journey_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/aa-bsa\/journey\/aa_bsa_/),
			status: 'initiated',
			expires_at: expect.any(String),
			consent_type: 'loan_underwriting',
		});
		expect(calls(ctx, '/aa-bsa-journey/init')).toHaveLength(1);
		const sent = (await control('/__sim/jobs/aa-bsa')).find((j) => j.id === json.client_id).received;
		expect(sent).toEqual({
			mobile_number: '9876543210',
			consent_type: 'loan_underwriting',
			redirect_url: 'https://lender.example/thanks',
			webhook_url: 'https://n8n.example/webhook/finpass',
		});
	});

	test('empty redirect and webhook URLs are left out of the request', async () => {
		const { output } = await run(start({ redirectUrl: '', webhookUrl: '' }));
		const sent = (await control('/__sim/jobs/aa-bsa')).find((j) => j.id === output[0][0].json.client_id).received;
		expect(sent).toEqual({ mobile_number: '9876543210', consent_type: 'loan_underwriting' });
	});

	test('a bad mobile number or URL stops the run before anything is sent', async () => {
		const ctx = createContext({ nodeType: 'n8n-nodes-finpass.finpassAaBsa', parameters: start({ mobileNumber: '12345' }), credentials: simulator.credentials });
		const error = await failure(new FinpassAaBsa().execute.call(ctx));
		expect(error.message).toMatch(/^Mobile Number "12345" is not valid: expected 10 digits starting with 6, 7, 8 or 9/);
		expect(ctx.httpLog).toHaveLength(0);
		const url = await failure(run(start({ webhookUrl: 'ftp://x.example' })));
		expect(url.message).toBe('Webhook URL "ftp://x.example" is not valid: expected an http:// or https:// URL');
	});

	test('with Wait for Completion it follows the journey and returns the analysis with the journey_url', async () => {
		const T = 1500;
		await control('/__sim/jobs/aa-bsa/config', {
			steps: [['initiated', 0], ['consent_pending', 100], ['consent_granted', 400], ['data_fetch_in_progress', 700], ['analysis_in_progress', 1000], ['analysis_complete', T]],
		});
		const { output, ctx } = await run(start(wait()));
		// checks at 0.2, 0.5, 0.95, 1.625 s: it stops at the first check after T (no time is asserted: counts are)
		expect(calls(ctx, '/aa-bsa-journey/status').length).toBeLessThanOrEqual(5);
		expect(calls(ctx, '/aa-bsa-journey/analysis-json')).toHaveLength(1);
		expect(output[0][0].json).toMatchObject({
			client_id: expect.any(String),
			journey_url: expect.stringContaining('/aa-bsa/journey/'),
			status: 'analysis_complete',
			income: { monthly_salary: '68750.00' },
			obligations: { monthly_emi: '23450.50' },
		});
	});

	test('waiting: a rejected consent stops at once with the vendor message', async () => {
		await control('/__sim/jobs/aa-bsa/config', { outcome: 'failed', doneAfterMs: 300 });
		const seen = simulator.sim.requests.length;
		const error = await failure(run(start(wait())));
		// checks at 0.2 and 0.5 s: the second sees the rejection, and nothing is asked after it
		expect(simulator.sim.requests.slice(seen).filter((r) => r.path === '/api/v1/aa-bsa-journey/status').length).toBeLessThanOrEqual(3);
		expect(error.message).toBe('Finpass: The borrower rejected the consent request [consent_rejected]');
		expect(error.description).toMatch(/AA-BSA journey aa_bsa_\w+ ended in state "consent_rejected"/);
	});

	test('waiting: a failure state no document names (matched by its wording) also stops at once', async () => {
		await control('/__sim/jobs/aa-bsa/config', { outcome: 'failed', failState: 'FIP_Timeout-Error', failMessage: 'The bank did not answer', doneAfterMs: 300 });
		const error = await failure(run(start(wait())));
		expect(error.message).toBe('Finpass: The bank did not answer [fip_timeout_error]');
	});

	test('waiting: on timeout Return Job State outputs client_id, journey_url and the last state', async () => {
		await control('/__sim/jobs/aa-bsa/config', { doneAfterMs: 60000 });
		const { output } = await run(start(wait({ maxWaitSeconds: 1, onTimeout: 'returnState' })));
		expect(output[0][0].json).toEqual({
			client_id: expect.any(String),
			journey_url: expect.any(String),
			consent_type: 'loan_underwriting',
			status: 'consent_granted',
			wait_timed_out: true,
			waited_seconds: 1,
		});
	});
});

describe('Get status', () => {
	test('returns the journey state as it is now, case kept as the vendor sent it', async () => {
		const clientId = await journey({ doneAfterMs: 60000 });
		await control('/__sim/jobs/aa-bsa/state', { id: clientId, state: 'CONSENT_PENDING' });
		const { output, ctx } = await run(params('getStatus', { clientId }));
		expect(output[0][0].json).toEqual({ client_id: clientId, status: 'CONSENT_PENDING' });
		expect(ctx.httpLog[0]).toMatchObject({ method: 'GET' });
	});

	test('an unknown client gives the vendor 404', async () => {
		const error = await failure(run(params('getStatus', { clientId: 'aa_bsa_missing' })));
		expect(error.message).toBe('Finpass: Client aa_bsa_missing not found [client_not_found]');
	});
});

describe('Get statement result', () => {
	test('before the analysis is complete, without waiting: the vendor says so', async () => {
		const clientId = await journey({ doneAfterMs: 60000 });
		const error = await failure(run(params('getStatementResult', { clientId, output: 'account' })));
		expect(error.message).toMatch(/not complete yet \(\w+\) \[analysis_not_complete\]/);
	});

	test('one item per account, per transaction (every row kept), or the whole result', async () => {
		const clientId = await journey({ doneAfterMs: 0 });
		const accounts = await run(params('getStatementResult', { clientId, output: 'account' }));
		expect(accounts.output[0].map((i) => i.json.account_id)).toEqual(['acc_1', 'acc_2']);
		const txns = await run(params('getStatementResult', { clientId, output: 'transaction' }));
		expect(txns.output[0]).toHaveLength(3);
		expect(txns.output[0][1].json).toMatchObject({ client_id: clientId, account_index: 0, account_id: 'acc_1', transaction_index: 1, txn_id: 'T000001', amount: 23450.5 });
		expect(txns.output[0].every((i) => i.pairedItem.item === 0)).toBe(true);
		const whole = await run(params('getStatementResult', { clientId, output: 'result' }));
		expect(whole.output[0]).toHaveLength(1);
		expect(whole.output[0][0].json.accounts).toHaveLength(2);
	});

	test('with Wait for Completion it waits on the status first', async () => {
		const clientId = await journey({ doneAfterMs: 600 });
		const { output, ctx } = await run(params('getStatementResult', { clientId, output: 'account', ...wait() }));
		expect(output[0]).toHaveLength(2);
		expect(calls(ctx, '/status').length).toBeGreaterThanOrEqual(2);
		expect(calls(ctx, '/statement-result')).toHaveLength(1);
	});
});

describe('Get analysis', () => {
	test('with Wait for Completion: a job finishing at T returns within one poll step after T', async () => {
		const T = 1200;
		const clientId = await journey({ doneAfterMs: T });
		const { output, ctx } = await run(params('getAnalysis', { clientId, ...wait() }));
		expect(calls(ctx, '/status').length).toBeLessThanOrEqual(6);
		expect(output[0][0].json).toMatchObject({ client_id: clientId, summary: { accounts: 2 }, risk_flags: expect.any(Array) });
	});

	test('waiting: a failed journey gives the vendor message; a timeout names the last state', async () => {
		const failed = await journey({ doneAfterMs: 60000 });
		await control('/__sim/jobs/aa-bsa/state', { id: failed, state: 'data_fetch_failed', message: 'FIP did not respond' });
		const error = await failure(run(params('getAnalysis', { clientId: failed, ...wait() })));
		expect(error.message).toBe('Finpass: FIP did not respond [data_fetch_failed]');

		const slow = await journey({ doneAfterMs: 60000 });
		const timeout = await failure(run(params('getAnalysis', { clientId: slow, ...wait({ maxWaitSeconds: 1 }) })));
		expect(timeout.message).toMatch(/^Stopped waiting after 1 s \(Max Wait\): AA-BSA journey aa_bsa_\w+ was still "consent_\w+"$/);
		expect(timeout.description).toMatch(/Get Analysis with Client ID aa_bsa_/);
	});

	test('Request Options → Custom Path applies to the read, not to the status checks', async () => {
		const clientId = await journey({ doneAfterMs: 0 });
		const parameters = params('getAnalysis', { clientId, ...wait(), requestOptions: { path: 'api/v2/aa-bsa/analysis' } });
		const ctx = createContext({ nodeType: 'n8n-nodes-finpass.finpassAaBsa', parameters, credentials: simulator.credentials });
		const error = await failure(new FinpassAaBsa().execute.call(ctx));
		expect(error.httpCode).toBe('404');
		expect(ctx.httpLog.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/aa-bsa-journey/status', '/api/v2/aa-bsa/analysis']);
		// Off the documented paths on purpose: the simulator records it.
		expect(simulator.takeViolations().map((v) => v.rule)).toEqual(['path']);
	});
});

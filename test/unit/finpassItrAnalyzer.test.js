// Finpass ITR Analyzer against the simulator (packages/simulator/lib/routes/itr.js), in-process.
const { createContext, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner, failure, calls, wait } = require('../helpers/node');
const { FinpassItrAnalyzer } = require(`${DIST}/nodes/FinpassItrAnalyzer/FinpassItrAnalyzer.node.js`);

const PAN = 'ABCDE1234F';
const PASSWORD = 'Portal#Secret-2025';

const simulator = useSimulator();
const control = (route, body) => simulator.control(route, body);
beforeEach(() => control('/__sim/jobs/itr/config', {}));

const params = (operation, extra = {}) => ({ resource: 'itrAnalysis', operation, ...extra });
const run = nodeRunner(FinpassItrAnalyzer, { nodeType: 'n8n-nodes-finpass.finpassItrAnalyzer', credentials: () => simulator.credentials });
const startParams = (extra = {}) => params('startAnalysis', { pan: PAN, password: PASSWORD, ...extra });

/** Every field of an error n8n may store or show, as one string. */
const everything = (error) =>
	JSON.stringify(Object.getOwnPropertyNames(error).filter((k) => k !== 'node').map((k) => error[k])) + String(error.stack);

/** Check times of the shared poller (growth 1.5, cap 10 s) after a start, from First Check After. */
function schedule(firstSeconds, untilMs) {
	const times = [];
	let t = 0;
	let interval = firstSeconds * 1000;
	while (t < untilMs) {
		t += interval;
		times.push({ at: t, step: interval });
		interval = Math.min(10000, interval * 1.5);
	}
	return times;
}

describe('Start analysis', () => {
	test('returns the job_id and state at once without waiting, and sends PAN as username', async () => {
		const { output, ctx } = await run(startParams({ pan: ' abcde1234f ' }));
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json).toMatchObject({ job_id: expect.stringMatching(/^itr_/), status: 'initiated', pan: PAN });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(calls(ctx, '/itr-analyzer/')).toHaveLength(1);
		const job = (await control('/__sim/jobs/itr')).find((j) => j.id === output[0][0].json.job_id);
		expect(job.received).toEqual({ username: PAN, password: PASSWORD });
	});

	test('an invalid PAN or an empty password stops the run before anything is sent', async () => {
		const bad = await failure(run(startParams({ pan: 'ABCD1234F' })));
		expect(bad.message).toMatch(/PAN "ABCD1234F" is not valid: expected 10 characters/);
		const empty = await failure(run(startParams({ password: '' })));
		expect(empty.message).toBe('Password is empty: it is required');
		const { output, ctx } = await run(startParams({ pan: (i) => (i === 1 ? 'nope' : PAN) }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output[0][1].json.error).toMatch(/PAN "nope" is not valid/);
		expect(calls(ctx, '/analyze')).toHaveLength(1);
	});

	test('waiting: a job finishing at T returns within one poll step after T, with a bounded number of status calls', async () => {
		const T = 1500;
		await control('/__sim/jobs/itr/config', { steps: [['initiated', 0], ['processing', 100], ['completed', T]] });
		const t0 = Date.now();
		const { output, ctx } = await run(startParams(wait({ pollIntervalSeconds: 0.2 })));
		const elapsed = Date.now() - t0;
		const checks = schedule(0.2, T);
		// it waited for the job (a lower bound, not a speed target) and stopped at the first check after T
		expect(elapsed).toBeGreaterThanOrEqual(T);
		const statusCalls = calls(ctx, '/itr-analyzer/status').length;
		expect(statusCalls).toBeGreaterThanOrEqual(checks.length - 1);
		expect(statusCalls).toBeLessThanOrEqual(checks.length + 1);
		expect(calls(ctx, '/itr-analyzer/data')).toHaveLength(1);
		expect(output[0][0].json).toMatchObject({ job_id: expect.any(String), pan: PAN, status: 'completed', name: 'ASHA VERMA' });
		expect(output[0][0].json.returns[0]).toMatchObject({ assessment_year: '2024-25', gross_total_income: '1245000.00' });
	});

	test('waiting: a failed job stops at the first check that sees it, with the vendor message', async () => {
		await control('/__sim/jobs/itr/config', { steps: [['initiated', 0], ['processing', 100], ['failed', 400]], outcome: 'failed', failMessage: 'Portal account is locked' });
		const seen = simulator.sim.requests.length;
		const error = await failure(run(startParams(wait({ pollIntervalSeconds: 0.2 }))));
		// checks at 0.2, 0.5 s: the second sees the failure, and nothing is asked after it
		expect(simulator.sim.requests.slice(seen).filter((r) => r.path === '/api/v1/itr-analyzer/status').length).toBeLessThanOrEqual(schedule(0.2, 400).length + 1);
		expect(simulator.sim.requests.slice(seen).filter((r) => r.path === '/api/v1/itr-analyzer/data')).toHaveLength(0);
		expect(error.message).toMatch(/^Finpass: Portal account is locked \[failed\]$/);
		expect(error.description).toMatch(/ITR analysis job itr_\w+ ended in state "failed"/);
	});

	test('waiting: on timeout it fails naming the last state', async () => {
		await control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const seen = simulator.sim.requests.length;
		const error = await failure(run(startParams(wait({ maxWaitSeconds: 1, pollIntervalSeconds: 0.2 }))));
		// no check after the 1 s Max Wait
		expect(simulator.sim.requests.slice(seen).filter((r) => r.path === '/api/v1/itr-analyzer/status').length).toBeLessThanOrEqual(schedule(0.2, 1000).length + 1);
		expect(error.message).toMatch(/^Stopped waiting after 1 s \(Max Wait\): ITR analysis job itr_\w+ was still "processing"$/);
		expect(error.description).toMatch(/set On Timeout to "Return Job State"/);
	});

	test('waiting: On Timeout → Return Job State outputs the job id and last state', async () => {
		await control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const { output } = await run(startParams(wait({ maxWaitSeconds: 1, onTimeout: 'returnState' })));
		expect(output[0][0].json).toEqual({
			job_id: expect.stringMatching(/^itr_/),
			pan: PAN,
			status: 'processing',
			wait_timed_out: true,
			waited_seconds: 1,
		});
	});

	test('waiting stops promptly when the execution is cancelled', async () => {
		await control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const ctx = createContext({ nodeType: 'n8n-nodes-finpass.finpassItrAnalyzer', parameters: startParams(wait({ pollIntervalSeconds: 5 })), credentials: simulator.credentials });
		setTimeout(() => ctx.cancel(), 300);
		const error = await failure(new FinpassItrAnalyzer().execute.call(ctx));
		expect(error.message).toMatch(/cancelled/);
		// it ended inside its first 5 s pause: the second check was never sent
		expect(calls(ctx, '/itr-analyzer/status').length).toBeLessThanOrEqual(1);
	});

	test('the password never appears in errors, error items or output, even when the vendor echoes it', async () => {
		const wrong = 'wrong-Portal#Secret';
		const error = await failure(run(startParams({ password: wrong })));
		expect(error.message).toMatch(/^Finpass: Login failed for ABCDE1234F: the portal rejected password "\*\*\*" \[INVALID_CREDENTIALS\]$/);
		expect(everything(error)).not.toContain(wrong);
		expect(everything(error)).not.toContain('Portal#Secret');

		const { output } = await run(startParams({ password: wrong }), { continueOnFail: true });
		expect(JSON.stringify(output)).not.toContain(wrong);
		expect(output[0][0].json.error).toMatch(/rejected password "\*\*\*"/);

		await control('/__sim/jobs/itr/config', { doneAfterMs: 300 });
		const ok = await run(startParams(wait({ pollIntervalSeconds: 0.2 })));
		expect(JSON.stringify(ok.output)).not.toContain(PASSWORD);
	});
});

describe('Get status', () => {
	test('returns the job state as it is now, by GET ?job_id= (the vendor navigation says GET)', async () => {
		const { output: started } = await run(startParams());
		const jobId = started[0][0].json.job_id;
		const { output, ctx } = await run(params('getStatus', { jobId }));
		expect(output[0][0].json).toEqual({ job_id: jobId, status: 'initiated' });
		expect(ctx.httpLog[0]).toMatchObject({ method: 'GET', url: `${simulator.sim.url}/api/v1/itr-analyzer/status` });
		expect(simulator.sim.requests.at(-1)).toMatchObject({ method: 'GET', query: { job_id: jobId }, json: undefined });
	});

	test('an older workflow\'s HTTP Method override POST is ignored: the documented GET is sent', async () => {
		const { output: started } = await run(startParams());
		const jobId = started[0][0].json.job_id;
		const { output, ctx } = await run(params('getStatus', { jobId, requestOptions: { method: 'POST' } }));
		expect(output[0][0].json.status).toBe('initiated');
		expect(ctx.httpLog[0].method).toBe('GET');
	});

	test('an unknown job gives the vendor error with its error_code', async () => {
		const error = await failure(run(params('getStatus', { jobId: 'itr_missing' })));
		expect(error.message).toBe('Finpass: Job itr_missing not found [JOB_NOT_FOUND]');
		expect(error.httpCode).toBe('404');
	});
});

describe('Get full data', () => {
	test('before completion without waiting: the vendor says it is not complete', async () => {
		const { output: started } = await run(startParams());
		const error = await failure(run(params('getFullData', { jobId: started[0][0].json.job_id })));
		expect(error.message).toMatch(/not complete yet \(initiated\) \[JOB_NOT_COMPLETED\]/);
	});

	test('with Wait for Completion it waits on the status and then returns the data', async () => {
		await control('/__sim/jobs/itr/config', { doneAfterMs: 800 });
		const { output: started } = await run(startParams());
		const jobId = started[0][0].json.job_id;
		const { output, ctx } = await run(params('getFullData', { jobId, ...wait() }));
		expect(output[0][0].json).toMatchObject({ job_id: jobId, pan: PAN, name: 'ASHA VERMA' });
		expect(calls(ctx, '/status').length).toBeGreaterThanOrEqual(1);
		expect(calls(ctx, '/data')).toHaveLength(1);
	});

	test('the wait uses the same documented GET as Get Status for its checks, then GET for the data', async () => {
		const { output: started } = await run(startParams());
		const jobId = started[0][0].json.job_id;
		await control('/__sim/jobs/itr/state', { id: jobId, state: 'completed' });
		const { output, ctx } = await run(params('getFullData', { jobId, ...wait() }));
		expect(output[0][0].json.returns).toHaveLength(2);
		expect(ctx.httpLog.map((r) => r.method)).toEqual(['GET', 'GET']);
	});

	test('a job forced to failed while waiting ends with the vendor message', async () => {
		await control('/__sim/jobs/itr/config', { doneAfterMs: 60000 });
		const { output: started } = await run(startParams());
		const jobId = started[0][0].json.job_id;
		await control('/__sim/jobs/itr/state', { id: jobId, state: 'failed', message: 'Portal is under maintenance' });
		const error = await failure(run(params('getFullData', { jobId, ...wait() })));
		expect(error.message).toBe('Finpass: Portal is under maintenance [failed]');
	});
});

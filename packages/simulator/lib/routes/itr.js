'use strict';
// Finpass ITR analyzer (asynchronous), as the public pages describe it (docs/api-contract.md#endpoints):
//   POST /api/v1/itr-analyzer/analyze {username: <PAN>, password} → data{job_id, status: "initiated"}
//   GET  /api/v1/itr-analyzer/status?job_id= → initiated | processing | completed | failed
//   GET  /api/v1/itr-analyzer/data?job_id=   → the full analysis
// Both are GET per the vendor's navigation (docs/api-contract.md#assumptions): a POST gets 405 and is
// recorded as a contract violation.
// Errors come as {success: false, message, error_code}.
//
// This file also holds the job clock the three analyzer route files share (bsa.js, aa-bsa.js).
// A job follows a timeline of [state, atMs] steps measured from its creation; the test controls
// the timeline (before a job starts: config; while it runs: force a state). Control API, per
// product (itr, bsa, aa-bsa):
//   POST /__sim/jobs/<product>/config {steps?, outcome?: 'completed'|'failed', failState?, failMessage?, doneAfterMs?}
//        (the config applies to jobs created afterwards; {} restores the defaults)
//   POST /__sim/jobs/<product>/state  {id, state, message?}   force a job's state now
//   GET  /__sim/jobs/<product>                                 jobs with their current state, status-check
//        count and what their start request carried (`received`)
// In-process tests reach the same stores as sim.finpassJobs[product].

const crypto = require('crypto');

const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

/**
 * A product's jobs on a clock the test controls. `defaults` is {steps: [[state, atMs], ...],
 * failState, failMessage}; the last step is the outcome.
 */
function jobStore(sim, product, defaults) {
	sim.finpassJobs = sim.finpassJobs || {};
	if (sim.finpassJobs[product]) return sim.finpassJobs[product];
	const now = () => (typeof sim.now === 'function' ? sim.now() : Date.now());
	const store = {
		product,
		jobs: new Map(),
		config: {},
		configure(config = {}) {
			store.config = { ...config };
			return store.timeline();
		},
		/** The steps a new job gets: defaults, or the configured steps / outcome / done time. */
		timeline() {
			const c = store.config;
			let steps = (c.steps || defaults.steps).map(([state, at]) => [state, at]);
			// doneAfterMs moves the outcome; earlier steps keep their times (none later than it)
			if (c.doneAfterMs !== undefined) {
				steps = steps.map(([state, at], i) => [state, i === steps.length - 1 ? c.doneAfterMs : Math.min(at, c.doneAfterMs)]);
			}
			if (c.outcome === 'failed') steps[steps.length - 1][0] = c.failState || defaults.failState;
			return steps;
		},
		/** `fields` are kept on the job; `received` (what the request carried) is listed by the control API. */
		create(fields = {}) {
			const id = fields.id || `${product.replace(/-/g, '_')}_${crypto.randomBytes(6).toString('hex')}`;
			const job = {
				id,
				createdAt: now(),
				steps: store.timeline(),
				failMessage: store.config.failMessage || defaults.failMessage,
				forced: null,
				checks: 0,
				...fields,
			};
			store.jobs.set(id, job);
			return job;
		},
		get: (id) => store.jobs.get(String(id)),
		/** The job's state now; `message` is set for a failure. */
		state(job) {
			if (job.forced) return job.forced;
			const elapsed = now() - job.createdAt;
			let state = job.steps[0][0];
			for (const [name, at] of job.steps) if (elapsed >= at) state = name;
			return { state, message: isFailure(state) ? job.failMessage : null, elapsed };
		},
		/** 0-100 along the timeline, for the bank statement analyser's `progress`. */
		progress(job) {
			const done = job.steps[job.steps.length - 1][1];
			const elapsed = now() - job.createdAt;
			return done <= 0 ? 100 : Math.max(0, Math.min(100, Math.floor((elapsed / done) * 100)));
		},
		force(id, state, message) {
			const job = store.get(id);
			if (!job) return null;
			job.forced = { state, message: message || (isFailure(state) ? job.failMessage : null) };
			return job;
		},
		reset() {
			store.jobs.clear();
			store.config = {};
		},
		list() {
			return [...store.jobs.values()].map((job) => ({
				id: job.id,
				...store.state(job),
				checks: job.checks,
				steps: job.steps,
				received: job.received,
			}));
		},
	};
	sim.finpassJobs[product] = store;

	// Control answers are plain JSON (no vendor envelope), like the core's own /__sim/ routes.
	const plain = (body, status = 200) => ({ status, body });
	sim.route('POST', `/__sim/jobs/${product}/config`, (ctx) => plain({ product, steps: store.configure(ctx.json || {}) }));
	sim.route('POST', `/__sim/jobs/${product}/state`, (ctx) => {
		const body = ctx.json || {};
		const job = store.force(body.id, body.state, body.message);
		return job ? plain({ id: job.id, ...store.state(job) }) : plain({ error: `No ${product} job ${body.id}` }, 404);
	});
	sim.route('GET', `/__sim/jobs/${product}`, () => plain(store.list()));
	if (typeof sim.onReset === 'function') sim.onReset(() => store.reset());
	if (typeof sim.addStateView === 'function') sim.addStateView(`jobs:${product}`, () => store.list());
	return store;
}

const isFailure = (state) => /fail|error|reject|revok|expire|denied/i.test(state);

/** The job id from ?job_id= (GET: the query is the only place for it). */
const jobIdOf = (ctx) => (ctx.query && ctx.query.job_id) || '';

/** ITR errors use the newer envelope with error_code. */
const itrError = (status, message, code) => ({ status, body: { success: false, message, error_code: code } });

function register(sim) {
	const jobs = jobStore(sim, 'itr', {
		steps: [
			['initiated', 0],
			['processing', 500],
			['completed', 3000],
		],
		failState: 'failed',
		failMessage: 'Could not log in to the income-tax portal: the account is locked',
	});

	sim.route(
		'POST',
		'/api/v1/itr-analyzer/analyze',
		(ctx) => {
			const body = ctx.json || {};
			const pan = typeof body.username === 'string' ? body.username : '';
			if (!PAN.test(pan)) return itrError(400, 'username must be a valid PAN', 'INVALID_PAN');
			if (typeof body.password !== 'string' || body.password === '') {
				return itrError(400, 'password is required', 'PASSWORD_REQUIRED');
			}
			// A careless vendor: the rejection quotes the password back. The node must hide it.
			if (body.password.startsWith('wrong')) {
				return itrError(401, `Login failed for ${pan}: the portal rejected password "${body.password}"`, 'INVALID_CREDENTIALS');
			}
			const job = jobs.create({ pan, received: { username: pan, password: body.password } });
			return { status: 200, body: { success: true, message: 'ITR analysis initiated', data: { job_id: job.id, status: 'initiated' } } };
		},
		{ vendor: 'finpass' },
	);

	const status = (ctx) => {
		const job = jobs.get(jobIdOf(ctx));
		if (!job) return itrError(404, `Job ${jobIdOf(ctx) || '(none)'} not found`, 'JOB_NOT_FOUND');
		job.checks++;
		const { state, message } = jobs.state(job);
		const data = { job_id: job.id, status: state };
		if (message) data.error_message = message;
		return { status: 200, body: { success: true, message: 'Job status', data } };
	};
	const data = (ctx) => {
		const job = jobs.get(jobIdOf(ctx));
		if (!job) return itrError(404, `Job ${jobIdOf(ctx) || '(none)'} not found`, 'JOB_NOT_FOUND');
		const { state, message } = jobs.state(job);
		if (state === 'failed' || message) return itrError(422, message || 'The analysis failed', 'JOB_FAILED');
		if (state !== 'completed') return itrError(409, `The analysis is not complete yet (${state})`, 'JOB_NOT_COMPLETED');
		return { status: 200, body: { success: true, message: 'ITR data', data: itrReport(job) } };
	};
	sim.route('GET', '/api/v1/itr-analyzer/status', status, { vendor: 'finpass' });
	sim.route('GET', '/api/v1/itr-analyzer/data', data, { vendor: 'finpass' });
}

function itrReport(job) {
	return {
		job_id: job.id,
		pan: job.pan,
		name: 'ASHA VERMA',
		returns: [
			{
				assessment_year: '2024-25',
				itr_form: 'ITR-1',
				filing_date: '2024-07-21',
				gross_total_income: '1245000.00',
				total_deductions: '150000.00',
				taxable_income: '1095000.00',
				tax_paid: '121680.00',
				refund: '0.00',
			},
			{
				assessment_year: '2023-24',
				itr_form: 'ITR-1',
				filing_date: '2023-07-28',
				gross_total_income: '1120000.00',
				total_deductions: '150000.00',
				taxable_income: '970000.00',
				tax_paid: '98800.00',
				refund: '1250.00',
			},
		],
		income_sources: ['salary', 'interest'],
	};
}

module.exports = { register, jobStore };

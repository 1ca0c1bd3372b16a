'use strict';
// Watching a loan book at scale: 1,000 monitored loans, each with 6 months of about 150
// transactions a month (the simulator's monitoring scenario, routes/monitoring.js), checked inside
// a real n8n (`n8n execute`) the way the loan-monitoring example does it: Refresh Data → Get JSON
// Report (that request) → Get Early-Warning Signals (only new, remembered at once: no alert step
// here), in three batches (334, 334 and 332 loans), one sub-workflow execution per batch (Loop
// Over Items → Execute Workflow), so the parent only keeps each loan's small signals item.
//
// Simulator: 100 ms per request, 10 in flight, 429 beyond (as the lookups row). Two calls per loan
// (the refresh, then its report, ready at once), so the vendor-bound limit is
// 1,000 × 2 × 100 ms ÷ 10 = 20 s.
// Targets: every loan answered (a summary with the data's date); the run's time within 1.2× that
// limit; n8n's peak memory (the process's peak resident set, VmHWM) for 1,000 loans at most 1.5×
// that for 100 loans.

const fs = require('fs');
const path = require('path');

const LOANS = 1000;
const SMALL = 100;
// a third of the book: fewer batches mean fewer pauses between calls (each batch's calls drain
// before its signals run), more mean a smaller peak; batches of 250 measured 0.5–0.9 s slower
const BATCH = 334;
const MONTHS = 6;
const PER_MONTH = 150;
const LATENCY_MS = 100;
const MAX_IN_FLIGHT = 10;
const CALLS_PER_LOAN = 2;
const LIMIT_MS = (LOANS * CALLS_PER_LOAN * LATENCY_MS) / MAX_IN_FLIGHT;
const TIME_TARGET = 1.2;
const MEMORY_TARGET = 1.5;
const CREDENTIALS = { finpassApi: { id: 'finpass-e2e', name: 'Finpass (simulator)' } };
// The monitoring scenario's clean month has 5 rows of its own; the rest are small UPI payments.
const SCENARIO = { cleanMonths: MONTHS, eventMonth: false, from: '2026-01', extraPerMonth: PER_MONTH - 5 };
const DATA_TO = '2026-06-30';

const seconds = (ms) => (ms / 1000).toFixed(1);
const mb = (bytes) => (bytes / 1048576).toFixed(0);

/** A preload script for the n8n process: its peak resident set (VmHWM) written at exit, one file per process. */
function peakProbe(dir) {
	const file = path.join(dir, 'peak-memory-probe.js');
	fs.writeFileSync(
		file,
		`'use strict';
const fs = require('fs');
const out = process.env.FINPASS_BENCH_PEAK_FILE;
process.on('exit', () => {
	try {
		const status = fs.readFileSync('/proc/self/status', 'utf8');
		const kb = Number((/VmHWM:\\s+(\\d+)/.exec(status) || [])[1]);
		fs.writeFileSync(out + '.' + process.pid, String(kb * 1024));
	} catch {}
});
`,
	);
	return file;
}

/** The peak of the main n8n process (the largest of the processes that wrote one). */
function readPeak(prefix) {
	const dir = path.dirname(prefix);
	const base = path.basename(prefix);
	const values = fs
		.readdirSync(dir)
		.filter((f) => f.startsWith(`${base}.`))
		.map((f) => Number(fs.readFileSync(path.join(dir, f), 'utf8')));
	return values.length ? Math.max(...values) : NaN;
}

const SAVE_NOTHING = { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveManualExecutions: false, saveExecutionProgress: false };

function batchWorkflow(id) {
	const node = (name, type, typeVersion, position, parameters, extra = {}) => ({ id: `${id}-${name.replace(/\W+/g, '-').toLowerCase()}`, name, type, typeVersion, position, parameters, ...extra });
	return {
		id,
		name: 'bench: monitoring batch',
		settings: SAVE_NOTHING,
		nodes: [
			node('Batch', 'n8n-nodes-base.executeWorkflowTrigger', 1.1, [0, 0], { inputSource: 'passthrough' }),
			node('Refresh Data', 'n8n-nodes-finpass.finpassAccountAggregator', 1, [220, 0], {
				resource: 'accountAggregator', operation: 'refreshData', clientId: '={{ $json.client_id }}', requestOptions: { concurrency: MAX_IN_FLIGHT },
			}, { credentials: CREDENTIALS, onError: 'continueRegularOutput' }),
			node('Get JSON Report', 'n8n-nodes-finpass.finpassAccountAggregator', 1, [440, 0], {
				resource: 'accountAggregator', operation: 'fetchJsonReport', clientId: '={{ $json.client_id }}', requestId: '={{ $json.request_id }}',
				output: 'report', waitForCompletion: true, maxWaitSeconds: 300, pollIntervalSeconds: 1, requestOptions: { concurrency: MAX_IN_FLIGHT },
			}, { credentials: CREDENTIALS }),
			node('Signals', 'n8n-nodes-finpass.finpassInsights', 1, [660, 0], { resource: 'bankTransactions', operation: 'getSignals', onlyNew: true, remember: 'now', output: 'borrower' }),
		],
		connections: {
			Batch: { main: [[{ node: 'Refresh Data', type: 'main', index: 0 }]] },
			'Refresh Data': { main: [[{ node: 'Get JSON Report', type: 'main', index: 0 }]] },
			'Get JSON Report': { main: [[{ node: 'Signals', type: 'main', index: 0 }]] },
		},
	};
}

function bookWorkflow(id, batch, clientIds) {
	const node = (name, type, typeVersion, position, parameters) => ({ id: `${id}-${name.replace(/\W+/g, '-').toLowerCase()}`, name, type, typeVersion, position, parameters });
	return {
		id,
		name: `bench: monitoring book of ${clientIds.length}`,
		settings: SAVE_NOTHING,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('Loan Book', 'n8n-nodes-base.set', 3.4, [220, 0], { mode: 'raw', jsonOutput: JSON.stringify({ loans: clientIds.map((client_id) => ({ client_id })) }), options: {} }),
			node('One Item per Loan', 'n8n-nodes-base.splitOut', 1, [440, 0], { fieldToSplitOut: 'loans', options: {} }),
			node('Batches', 'n8n-nodes-base.splitInBatches', 3, [660, 0], { batchSize: BATCH, options: {} }),
			node('Check Batch', 'n8n-nodes-base.executeWorkflow', 1.2, [880, 100], {
				source: 'database', workflowId: { __rl: true, value: batch.id, mode: 'id' }, mode: 'once', options: { waitForSubWorkflow: true },
			}),
			node('Done', 'n8n-nodes-base.noOp', 1, [880, -100], {}),
		],
		connections: {
			Start: { main: [[{ node: 'Loan Book', type: 'main', index: 0 }]] },
			'Loan Book': { main: [[{ node: 'One Item per Loan', type: 'main', index: 0 }]] },
			'One Item per Loan': { main: [[{ node: 'Batches', type: 'main', index: 0 }]] },
			Batches: { main: [[{ node: 'Done', type: 'main', index: 0 }], [{ node: 'Check Batch', type: 'main', index: 0 }]] },
			'Check Batch': { main: [[{ node: 'Batches', type: 'main', index: 0 }]] },
		},
	};
}

async function post(url, body) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' }, body: JSON.stringify(body) });
	return res.json();
}

/** The loan book: LOANS approved loan_monitoring consents under the monitoring scenario (made with no latency). */
async function makeBook(sim) {
	sim.setConfig({ latencyMs: 0, maxInFlight: null });
	const ids = [];
	for (let i = 0; i < LOANS; i += 50) {
		const chunk = await Promise.all(
			Array.from({ length: Math.min(50, LOANS - i) }, async (_, k) => {
				const mobile = `9${String(100000000 + i + k).slice(-9)}`;
				const created = await post(`${sim.url}/api/v1/services/account-aggregator/init`, { mobile_number: mobile, consent_type: 'loan_monitoring' });
				const clientId = created.data.client_id;
				await post(`${sim.url}/__sim/aa/clients/${clientId}`, { consent: 'approved', data: 'ready', monitoring: SCENARIO, refreshLimit: 100 });
				return clientId;
			}),
		);
		ids.push(...chunk);
	}
	sim.setConfig({ latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, retryAfterSeconds: 1 });
	return ids;
}

/** The run's time: every parent node's execution time added up (the batches' sub-workflows inside Check Batch). */
function runTime(runData) {
	let ms = 0;
	for (const runs of Object.values(runData)) for (const r of runs) ms += r.executionTime || 0;
	return ms;
}

async function run({ h, sim, resetSimulator, log }) {
	resetSimulator();
	sim.setConfig({ dataDelayMs: 0, consentDelayMs: 0 });
	log(`  making ${LOANS} monitored loans in the simulator ...`);
	const ids = await makeBook(sim);
	const runDir = h.info().runDir;
	const probe = peakProbe(runDir);
	const batch = batchWorkflow('bench-monitoring-batch');
	await h.importWorkflow([
		batch,
		bookWorkflow('bench-monitoring-small', batch, ids.slice(0, SMALL)),
		bookWorkflow('bench-monitoring-book', batch, ids),
	]);
	// a stored sub-workflow runs (outside manual runs) only once published (n8n 2.x) or active (1.x)
	await h.publishWorkflow(batch.id);

	const measure = async (id, loans) => {
		const before = sim.requests.length;
		const peakFile = path.join(runDir, `peak-${id}-${Date.now()}`);
		log(`  running ${loans} loans ...`);
		// N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false: `n8n execute` alone has no server to fill n8n 2.x's
		// published-workflow store, so the published sub-workflow is read from its workflow row instead
		const execution = await h.executeWorkflow(id, { timeoutMs: 900000, env: { NODE_OPTIONS: `--require ${probe}`, FINPASS_BENCH_PEAK_FILE: peakFile, N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' } });
		const runData = execution.result?.data?.resultData?.runData ?? {};
		const done = runData.Done?.[0]?.data?.main?.[0] ?? [];
		const requests = sim.requests.slice(before).filter((r) => r.vendor);
		return {
			loans,
			answered: new Set(done.filter((i) => i.json.data_to === DATA_TO && typeof i.json.signals_count === 'number').map((i) => i.json.borrower)).size,
			requests: requests.length,
			rejected: requests.filter((r) => r.status === 429).length,
			ms: runTime(runData),
			peak: readPeak(peakFile),
			outcome: execution.code === 0 ? 'ok' : `failed: ${(execution.result?.data?.resultData?.error?.message || `exit ${execution.code}`).slice(0, 80)}`,
		};
	};
	const small = await measure('bench-monitoring-small', SMALL);
	const book = await measure('bench-monitoring-book', LOANS);
	const profileNotes = [];
	if (process.env.FINPASS_BENCH_PROFILE) {
		// the 100-loan book once more under --cpu-prof, not timed (as lookups.js does)
		const dir = path.join(process.env.FINPASS_BENCH_PROFILE, 'bench-monitoring-small');
		log('  profiling 100 loans (--cpu-prof, not timed) ...');
		const execution = await h.executeWorkflow('bench-monitoring-small', { timeoutMs: 900000, env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`, N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' } });
		profileNotes.push(`profiled 100 loans (exit ${execution.code}), in ${dir}`);
	}
	const rows = [small, book].map((m) => [`${m.loans} loans, batches of ${BATCH}`, `${m.answered}/${m.loans}`, m.requests, m.rejected, seconds(m.ms), `${mb(m.peak)} MB`, m.outcome]);
	const memoryRatio = book.peak / small.peak;
	return {
		columns: ['book', 'loans answered', 'requests', '429s', 'time (s)', 'n8n peak memory', 'workflow'],
		rows,
		targets: [
			{ label: `${LOANS}/${LOANS} loans answered`, pass: book.answered === LOANS && book.outcome === 'ok', detail: `${book.answered} answered` },
			{
				label: `time within ${TIME_TARGET}× the vendor-bound limit (${seconds(LIMIT_MS)} s)`,
				pass: book.outcome === 'ok' && book.ms <= LIMIT_MS * TIME_TARGET,
				detail: `${seconds(book.ms)} s (${(book.ms / LIMIT_MS).toFixed(2)}×)`,
			},
			{
				label: `n8n peak memory for ${LOANS} loans at most ${MEMORY_TARGET}× that for ${SMALL}`,
				pass: small.outcome === 'ok' && book.outcome === 'ok' && memoryRatio <= MEMORY_TARGET,
				detail: `${mb(book.peak)} MB vs ${mb(small.peak)} MB (${memoryRatio.toFixed(2)}×)`,
			},
		],
		notes: [
			`simulator: ${LATENCY_MS} ms per request, ${MAX_IN_FLIGHT} in flight, 429 beyond; ${CALLS_PER_LOAN} calls per loan → ${seconds(LIMIT_MS)} s vendor-bound for ${LOANS} loans`,
			`each loan: ${MONTHS} months × ~${PER_MONTH} transactions (${MONTHS * PER_MONTH} rows); Refresh Data and Get JSON Report at Concurrency ${MAX_IN_FLIGHT}`,
			'"time" = the parent execution\'s node times added up (each batch\'s sub-workflow inside Check Batch); "peak memory" = the n8n process\'s peak resident set (VmHWM)',
			...profileNotes,
		],
	};
}

module.exports = {
	name: 'monitoring',
	title: `Loan-book monitoring: ${LOANS.toLocaleString('en')} loans × ${MONTHS} months × ~${PER_MONTH} transactions (simulator ${LATENCY_MS} ms, ${MAX_IN_FLIGHT} in flight)`,
	simulator: { latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, retryAfterSeconds: 1 },
	run,
};

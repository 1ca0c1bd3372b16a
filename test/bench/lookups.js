'use strict';
const { lookupWorkflow } = require('./workflow');
const http = require('http');
const path = require('path');
// Bulk enrichment: 1,000 Corporate PAN lookups inside a real n8n, against a vendor that
// serves 10 requests at a time with 100 ms latency and answers 429 + Retry-After: 1 beyond that.
// Physical limit: 1,000 × 100 ms ÷ 10 in flight = 10 s.
// Ours (Finpass Corporate → PAN Lookup) with default settings, Concurrency 10 and Concurrency 50,
// then the same 1,000 calls through n8n's HTTP Request node (auth headers set by hand): default,
// batching 10 per 100 ms, and, for the record, its node-level Retry On Fail; last, a reference row:
// a bare Node client 10 at a time with no n8n, the floor this machine allows at that moment.
// Each run is one workflow: Manual Trigger → Set (1,000 PANs as one JSON array) → Split Out →
// the node under test. Counts come from the simulator's request log; the time is the node's own
// execution time as n8n records it.

const ITEMS = 1000;
const LATENCY_MS = 100;
const MAX_IN_FLIGHT = 10;
const PHYSICAL_LIMIT_MS = (ITEMS * LATENCY_MS) / MAX_IN_FLIGHT;
const PATH = '/api/v1/corporate/pan-lookup';
const CREDENTIALS = { finpassApi: { id: 'finpass-e2e', name: 'Finpass (simulator)' } };

/** 1,000 distinct company PANs (4th letter C), none of them a simulated "not found". */
const PANS = Array.from({ length: ITEMS }, (_, i) => {
	const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
	return `AA${letters[i % 23]}C${letters[Math.floor(i / 23) % 23]}${String(1000 + (i % 9000))}${letters[Math.floor(i / 529) % 23]}`;
});

const workflow = (id, target) => lookupWorkflow({ id, field: 'pan', values: PANS, listName: 'Applicants', idBase: 'b3c1a000-0000-4000-8000-', target });

const ours = (requestOptions) => ({
	type: 'n8n-nodes-finpass.finpassCorporate',
	typeVersion: 1,
	parameters: { resource: 'company', operation: 'panLookup', pan: '={{ $json.pan }}', requestOptions },
	extra: { credentials: CREDENTIALS },
});

const httpRequest = (simUrl, options, extra = {}) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'POST',
		url: `${simUrl}${PATH}`,
		sendHeaders: true,
		headerParameters: {
			parameters: [
				{ name: 'x-api-key', value: 'sim_key' },
				{ name: 'x-api-secret', value: 'sim_secret' },
			],
		},
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: { parameters: [{ name: 'pan', value: '={{ $json.pan }}' }] },
		options,
	},
	extra,
});

/** Items that carry a lookup answer, in input order (ours: flat; HTTP Request: the envelope). */
function answeredInOrder(items) {
	let count = 0;
	items.forEach((item, i) => {
		const json = item.json || {};
		const entity = json.entity_name ? json : json.data || {};
		if (entity.entity_name && entity.pan === PANS[i]) count++;
	});
	return count;
}

const seconds = (ms) => (ms / 1000).toFixed(1);

/** One POST with a fresh connection (as n8n sends them), answered status. */
function post(url, body) {
	return new Promise((resolve, reject) => {
		const data = JSON.stringify(body);
		const req = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' },
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			},
		);
		req.on('error', reject);
		req.end(data);
	});
}

/**
 * The floor on this machine: a bare Node client in this process, 10 requests at a time, no n8n.
 * Separates what the machine costs (CPU shared with the simulator and anything else running) from
 * what n8n and the node add.
 */
async function plainClient(simUrl) {
	let next = 0;
	const started = Date.now();
	await Promise.all(
		Array.from({ length: MAX_IN_FLIGHT }, async () => {
			while (next < ITEMS) {
				const pan = PANS[next++];
				await post(`${simUrl}${PATH}`, { pan });
			}
		}),
	);
	return Date.now() - started;
}

async function run({ h, sim, resetSimulator, log }) {
	const settings = [
		{ id: 'bench-ours-default', label: 'Finpass node, default settings (Concurrency 5)', ours: true, target: ours({}) },
		{ id: 'bench-ours-c10', label: 'Finpass node, Concurrency 10', ours: true, target: ours({ concurrency: 10 }) },
		{ id: 'bench-ours-c50', label: 'Finpass node, Concurrency 50', ours: true, target: ours({ concurrency: 50 }) },
		{ id: 'bench-http-default', label: 'HTTP Request, default', target: httpRequest(sim.url, {}) },
		{
			id: 'bench-http-batch10',
			label: 'HTTP Request, batching 10 per 100 ms',
			target: httpRequest(sim.url, { batching: { batch: { batchSize: 10, batchInterval: 100 } } }),
		},
		{
			id: 'bench-http-retry',
			label: 'HTTP Request, Retry On Fail (5 tries, 1 s apart)',
			target: httpRequest(sim.url, {}, { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 }),
		},
	];
	// FINPASS_BENCH_ROWS=bench-ours-c10,… runs only those rows (ids above), e.g. to profile one
	const only = (process.env.FINPASS_BENCH_ROWS || '').split(',').filter(Boolean);
	if (only.length > 0) settings.splice(0, settings.length, ...settings.filter((s) => only.includes(s.id)));
	await h.importWorkflow(settings.map((s) => workflow(s.id, s.target)));

	const measured = {};
	const rows = [];
	for (const setting of settings) {
		resetSimulator();
		log(`  running ${setting.label} ...`);
		const execution = await h.executeWorkflow(setting.id, { timeoutMs: 600000 });
		const runs = execution.result?.data?.resultData?.runData?.Lookup;
		const lookup = runs ? runs[runs.length - 1] : undefined;
		const items = lookup?.data?.main?.[0] ?? [];
		const requests = sim.requestsFor(PATH);
		const served = new Set(requests.filter((r) => r.status === 200).map((r) => r.json && r.json.pan));
		const m = {
			answered: answeredInOrder(items),
			pairedInOrder: items.length === ITEMS && items.every((item, i) => item.pairedItem?.item === i || item.pairedItem?.[0]?.item === i),
			served: served.size,
			requests: requests.length,
			rejected: requests.filter((r) => r.status === 429).length,
			ms: lookup?.executionTime ?? execution.ms,
			// first request's arrival to the last answer (arrival + latency): the time spent sending
			firstToLastMs: requests.length
				? Math.max(...requests.map((r) => Date.parse(r.time) + (r.status === 200 ? LATENCY_MS : 0))) - Date.parse(requests[0].time)
				: 0,
			outcome: execution.code === 0 ? 'ok' : `failed: ${(lookup?.error?.message || execution.result?.data?.resultData?.error?.message || `exit ${execution.code}`).slice(0, 60)}`,
		};
		measured[setting.id] = m;
		rows.push([setting.label, `${m.answered}/${ITEMS}`, m.served, m.requests, m.rejected, seconds(m.ms), seconds(m.firstToLastMs), m.outcome]);
	}

	const profileDir = process.env.FINPASS_BENCH_PROFILE;
	const profileNotes = [];
	if (profileDir) {
		// the Concurrency 10 row once more under --cpu-prof, not timed (see fastLookups.js)
		resetSimulator();
		const dir = path.join(profileDir, 'bench-ours-c10');
		log('  profiling Finpass node, Concurrency 10 (--cpu-prof, not timed) ...');
		const execution = await h.executeWorkflow('bench-ours-c10', { timeoutMs: 600000, env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } });
		profileNotes.push(`profiled Finpass node, Concurrency 10 (exit ${execution.code}), in ${dir}`);
	}

	resetSimulator();
	log('  running the reference client ...');
	const floorMs = await plainClient(sim.url);
	const floor = sim.requestsFor(PATH);
	rows.push([
		'reference: plain Node client, 10 at a time, no n8n',
		'-',
		floor.filter((r) => r.status === 200).length,
		floor.length,
		floor.filter((r) => r.status === 429).length,
		seconds(floorMs),
		seconds(floorMs),
		'-',
	]);

	const targets = [];
	for (const id of ['bench-ours-default', 'bench-ours-c10', 'bench-ours-c50'].filter((row) => measured[row])) {
		const m = measured[id];
		const label = settings.find((s) => s.id === id).label;
		targets.push({
			label: `${label}: ${ITEMS}/${ITEMS} answered, in input order`,
			pass: m.answered === ITEMS && m.pairedInOrder && m.outcome === 'ok',
			detail: `${m.answered} answered${m.pairedInOrder ? '' : ', pairing out of order'}`,
		});
	}
	const c10 = measured['bench-ours-c10'];
	const c50 = measured['bench-ours-c50'];
	const extra = (m) => (m.requests - ITEMS) / ITEMS;
	if (c10) targets.push(
		{
			label: 'Concurrency 10: at most 2% extra requests',
			pass: extra(c10) <= 0.02,
			detail: `${c10.requests} requests (${(extra(c10) * 100).toFixed(1)}% extra)`,
		},
		{
			label: `Concurrency 10: time within 10% of the physical limit (${seconds(PHYSICAL_LIMIT_MS)} s)`,
			pass: Math.abs(c10.ms - PHYSICAL_LIMIT_MS) <= PHYSICAL_LIMIT_MS * 0.1,
			detail: `${seconds(c10.ms)} s`,
		},
	);
	if (c50) targets.push(
		{
			label: 'Concurrency 50: at most 30% extra requests',
			pass: extra(c50) <= 0.3,
			detail: `${c50.requests} requests (${(extra(c50) * 100).toFixed(1)}% extra)`,
		},
		{
			label: `Concurrency 50: under 2× the physical limit (${seconds(2 * PHYSICAL_LIMIT_MS)} s)`,
			pass: c50.ms < 2 * PHYSICAL_LIMIT_MS,
			detail: `${seconds(c50.ms)} s`,
		},
	);
	return {
		columns: ['setting', 'items answered', 'server 200s', 'requests sent', '429s', 'time (s)', 'sending (s)', 'workflow'],
		rows,
		targets,
		notes: [
			`simulator: ${LATENCY_MS} ms per request, ${MAX_IN_FLIGHT} in flight, 429 + Retry-After: ${sim.config.retryAfterSeconds} beyond`,
			`the reference row is the floor on this machine right now: ${seconds(floorMs)} s for what is physically ${seconds(PHYSICAL_LIMIT_MS)} s`,
			'"items answered" = node output items carrying the right PAN\'s answer in input order; "server 200s" = distinct PANs the simulator answered 200',
			'"time" = the node\'s execution time as n8n records it (the targets use it); "sending" = first request\'s arrival to the last answer',
			...profileNotes,
		],
	};
}

module.exports = {
	name: 'lookups',
	title: `Bulk enrichment: ${ITEMS.toLocaleString('en')} Corporate PAN lookups (simulator ${LATENCY_MS} ms, ${MAX_IN_FLIGHT} in flight)`,
	simulator: { latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, retryAfterSeconds: 1 },
	run,
};

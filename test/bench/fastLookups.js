'use strict';
// Per-item cost: 2,000 Corporate CIN lookups inside a real n8n against a vendor that
// answers in 20 ms and never rate limits, three nodes side by side in one run:
//   - n8n's HTTP Request node with the keys typed into its headers (no credential: the floor n8n
//     itself allows for one request per item),
//   - n8n's HTTP Request node with a credential (Custom Auth carrying both headers), the way n8n
//     tells users to keep keys out of workflows,
//   - Finpass Corporate → CIN Lookup at Concurrency 50.
// The machine is shared, so absolute times move from run to run; the ratios between the three
// rows of one run are what the targets use. Each workflow: Manual Trigger → Set (2,000 CINs as
// one array) → Split Out → the node under test; the time is the node's own execution time as n8n
// records it. The three rows run three times, interleaved (FINPASS_BENCH_ROUNDS=n changes it),
// and the targets compare each node's median: one round is a few seconds, short enough for a
// burst of load from elsewhere on the machine to swing it.
//
// Profiling: FINPASS_BENCH_PROFILE=<dir> runs each row once more under `node --cpu-prof` (not
// timed) and writes each n8n process's .cpuprofile to <dir>/<row id>/; summarize one with
// `node test/bench/profile-summary.js <file>.cpuprofile` (profile-summary.js explains the options).

const { lookupWorkflow } = require('./workflow');
const path = require('path');

const ITEMS = 2000;
const LATENCY_MS = 20;
const CONCURRENCY = 50;
const PATH = '/api/v1/corporate/cin-lookup';
const FINPASS_CREDENTIALS = { finpassApi: { id: 'finpass-e2e', name: 'Finpass (simulator)' } };
const CUSTOM_AUTH = { id: 'bench-custom-auth', name: 'Finpass keys (Custom Auth)' };
const ROUNDS = Math.max(1, Number(process.env.FINPASS_BENCH_ROUNDS) || 3);

/** 2,000 distinct valid CINs, none of them a simulated "not found" (those end in 000000). */
const CINS = Array.from({ length: ITEMS }, (_, i) => `U72900KA2015PTC${String(100001 + i)}`);

const workflow = (id, target) => lookupWorkflow({ id, field: 'cin', values: CINS, listName: 'Companies', idBase: 'b3c1a000-0000-4000-9000-', target });

const finpassNode = {
	type: 'n8n-nodes-finpass.finpassCorporate',
	typeVersion: 1,
	parameters: { resource: 'company', operation: 'cinLookup', cin: '={{ $json.cin }}', requestOptions: { concurrency: CONCURRENCY } },
	extra: { credentials: FINPASS_CREDENTIALS },
};

/** n8n's HTTP Request node, POST {cin}; `auth` adds its authentication parameters. */
const httpNode = (simUrl, { headers = [], auth = {}, extra = {} } = {}) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'POST',
		url: `${simUrl}${PATH}`,
		...auth,
		sendHeaders: headers.length > 0,
		headerParameters: { parameters: headers },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: { parameters: [{ name: 'cin', value: '={{ $json.cin }}' }] },
		options: {},
	},
	extra,
});

/** Items that carry the right CIN's answer, in input order (ours: flat; HTTP Request: the envelope). */
function answeredInOrder(items) {
	let count = 0;
	items.forEach((item, i) => {
		const json = item.json || {};
		const company = json.company_name ? json : json.data || {};
		if (company.company_name && company.cin === CINS[i]) count++;
	});
	return count;
}

const seconds = (ms) => (ms / 1000).toFixed(2);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];

async function measure(h, sim, resetSimulator, setting, env) {
	resetSimulator();
	const execution = await h.executeWorkflow(setting.id, { timeoutMs: 600000, env });
	const runs = execution.result?.data?.resultData?.runData?.Lookup;
	const lookup = runs ? runs[runs.length - 1] : undefined;
	const items = lookup?.data?.main?.[0] ?? [];
	const requests = sim.requestsFor(PATH);
	const times = requests.map((r) => Date.parse(r.time));
	return {
		answered: answeredInOrder(items),
		requests: requests.length,
		ok: requests.filter((r) => r.status === 200).length,
		ms: lookup?.executionTime ?? execution.ms,
		sendingMs: times.length ? Math.max(...times) + LATENCY_MS - Math.min(...times) : 0,
		outcome:
			execution.code === 0
				? 'ok'
				: `failed: ${(lookup?.error?.message || execution.result?.data?.resultData?.error?.message || `exit ${execution.code}`).slice(0, 60)}`,
	};
}

async function run({ h, sim, resetSimulator, log }) {
	await h.importCredentials({
		...CUSTOM_AUTH,
		type: 'httpCustomAuth',
		data: { json: JSON.stringify({ headers: { 'x-api-key': sim.config.apiKey, 'x-api-secret': sim.config.apiSecret } }) },
	});
	const settings = [
		{
			id: 'bench-fast-http-headers',
			label: 'HTTP Request, keys typed into its headers',
			target: httpNode(sim.url, {
				headers: [
					{ name: 'x-api-key', value: sim.config.apiKey },
					{ name: 'x-api-secret', value: sim.config.apiSecret },
				],
			}),
		},
		{
			id: 'bench-fast-http-credential',
			label: 'HTTP Request, Custom Auth credential',
			target: httpNode(sim.url, {
				auth: { authentication: 'genericCredentialType', genericAuthType: 'httpCustomAuth' },
				extra: { credentials: { httpCustomAuth: CUSTOM_AUTH } },
			}),
		},
		{ id: 'bench-fast-finpass', label: `Finpass Corporate, CIN Lookup, Concurrency ${CONCURRENCY}`, target: finpassNode },
	];
	await h.importWorkflow(settings.map((s) => workflow(s.id, s.target)));

	const rows = [];
	const measured = Object.fromEntries(settings.map((s) => [s.id, []]));
	for (let round = 1; round <= ROUNDS; round++) {
		for (const setting of settings) {
			log(`  running ${setting.label}${ROUNDS > 1 ? ` (round ${round})` : ''} ...`);
			const m = await measure(h, sim, resetSimulator, setting, {});
			measured[setting.id].push(m);
			rows.push([
				ROUNDS > 1 ? `${setting.label} #${round}` : setting.label,
				`${m.answered}/${ITEMS}`,
				m.requests,
				seconds(m.ms),
				`${((m.ms * 1000) / ITEMS).toFixed(0)} µs`,
				seconds(m.sendingMs),
				m.outcome,
			]);
		}
	}

	const notes = [];
	const profileDir = process.env.FINPASS_BENCH_PROFILE;
	if (profileDir) {
		for (const setting of settings) {
			log(`  profiling ${setting.label} (--cpu-prof, not timed) ...`);
			const env = { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(profileDir, setting.id)}` };
			const m = await measure(h, sim, resetSimulator, setting, env);
			notes.push(`profiled ${setting.label}: ${seconds(m.ms)} s under --cpu-prof (${m.outcome}), in ${path.join(profileDir, setting.id)}`);
		}
	}

	const time = (id) => median(measured[id].map((m) => m.ms));
	const headers = time('bench-fast-http-headers');
	const credential = time('bench-fast-http-credential');
	const ours = time('bench-fast-finpass');
	const ratios = (id) => measured['bench-fast-finpass'].map((m, r) => `${(m.ms / measured[id][r].ms).toFixed(2)}×`).join(', ');
	const targets = settings.map((s) => ({
		label: `${s.label}: ${ITEMS}/${ITEMS} answered, in input order`,
		pass: measured[s.id].every((m) => m.answered === ITEMS && m.outcome === 'ok'),
		detail: measured[s.id].map((m) => `${m.answered} answered, ${m.requests} requests`).join('; '),
	}));
	targets.push(
		{
			label: 'Finpass node at most 1.3× the HTTP Request node with keys in its headers',
			pass: ours <= 1.3 * headers,
			detail: `${seconds(ours)} s vs ${seconds(headers)} s = ${(ours / headers).toFixed(2)}×`,
		},
		{
			label: 'Finpass node faster than the HTTP Request node with a credential',
			pass: ours < credential,
			detail: `${seconds(ours)} s vs ${seconds(credential)} s = ${(ours / credential).toFixed(2)}×`,
		},
	);
	notes.push(
		`simulator: ${LATENCY_MS} ms per request, no in-flight limit; physical floor at Concurrency ${CONCURRENCY}: ${seconds((ITEMS * LATENCY_MS) / CONCURRENCY)} s`,
		'the HTTP Request node sends every item at once (no batching set); ours keeps Concurrency in flight',
		'"time" = the node\'s execution time as n8n records it (the targets use it); "per item" = time ÷ items; "sending" = first request\'s arrival to the last answer',
	);
	if (ROUNDS > 1) {
		notes.push(
			`${ROUNDS} rounds, interleaved; the targets compare each node's median: ${settings.map((s) => `${s.label} ${seconds(time(s.id))} s`).join('; ')}`,
			`per round, Finpass ÷ HTTP with keys in headers: ${ratios('bench-fast-http-headers')}; Finpass ÷ HTTP with a credential: ${ratios('bench-fast-http-credential')}`,
		);
	}
	return {
		columns: ['node', 'items answered', 'requests', 'time (s)', 'per item', 'sending (s)', 'workflow'],
		rows,
		targets,
		notes,
	};
}

module.exports = {
	name: 'fast',
	title: `Per-item cost: ${ITEMS.toLocaleString('en')} Corporate CIN lookups (simulator ${LATENCY_MS} ms, no rate limit), three nodes side by side`,
	simulator: { latencyMs: LATENCY_MS },
	run,
};

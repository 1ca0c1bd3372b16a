// Bulk enrichment through the shared limiter (nodes/shared/transport/limiter.ts), shown with
// Corporate → PAN Lookup over many items against the simulator: Concurrency keeps order and
// pairing whatever order the answers come back in; Max Requests per Second caps starts in every
// 1-second window; on 429 the whole batch waits as asked and only the rejected items are re-sent.
const { createContext, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { FinpassCorporate } = require(`${DIST}/nodes/FinpassCorporate/FinpassCorporate.node.js`);

const sim = useSimulator({ resetEachTest: true });

/** n distinct company PANs (4th letter C); `notFound` indexes get digits 0000 (the simulator's 404). */
function pans(n, notFound = []) {
	return Array.from({ length: n }, (_, i) => {
		const digits = notFound.includes(i) ? '0000' : String(1000 + i);
		return `AA${'ABCDEFGHJK'[i % 10]}C${'KLMNPRSTUV'[Math.floor(i / 10) % 10]}${digits}Z`;
	});
}

/** Runs PAN Lookup over the PANs; also records the order in which answers arrived. */
async function lookUp(list, { requestOptions = {}, continueOnFail = false } = {}) {
	const ctx = createContext({
		nodeType: 'n8n-nodes-finpass.finpassCorporate',
		parameters: { resource: 'company', operation: 'panLookup', pan: (i) => list[i], requestOptions },
		items: list.map((pan, i) => ({ json: { row: i } })),
		continueOnFail,
		credentials: sim.credentials,
	});
	const answered = [];
	let credentialReads = 0;
	const getCredentials = ctx.getCredentials;
	ctx.getCredentials = async (type) => {
		credentialReads++;
		return getCredentials(type);
	};
	const send = ctx.helpers.httpRequestWithAuthentication;
	ctx.helpers.httpRequestWithAuthentication = async function (type, options) {
		const response = await send.call(this, type, options);
		if (response.statusCode === 200) answered.push(options.body.pan);
		return response;
	};
	const started = Date.now();
	const output = await new FinpassCorporate().execute.call(ctx);
	return { items: output[0], answered, credentialReads, ms: Date.now() - started };
}

describe('PAN lookup over many items', () => {
	test('Concurrency 10 with shuffled server latencies: output order and pairedItem are the input order', async () => {
		sim.setConfig({ latencyMs: 5, latencyJitterMs: 60 });
		const list = pans(120);
		const { items, answered, credentialReads } = await lookUp(list, { requestOptions: { concurrency: 10 } });

		// the node reads its credential once for the run, not once per item (the auth helper, like
		// n8n's, reads it once per request on its own)
		expect(credentialReads - sim.requests.length).toBe(1);
		// the answers really came back out of order...
		expect(answered).toHaveLength(120);
		expect(answered).not.toEqual(list);
		expect(new Set(answered)).toEqual(new Set(list));
		// ...and the output is in input order, each item paired with its input
		expect(items).toHaveLength(120);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.pan).toBe(list[i]);
			expect(item.json.entity_type).toBe('Company');
		});
		expect(sim.requests).toHaveLength(120);
	});

	test('with Continue On Fail, failed items keep their place and the others are answered', async () => {
		sim.setConfig({ latencyMs: 5, latencyJitterMs: 40 });
		const bad = [3, 57, 58, 101];
		const list = pans(110, bad);
		const { items } = await lookUp(list, { requestOptions: { concurrency: 10 }, continueOnFail: true });
		expect(items).toHaveLength(110);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			if (bad.includes(i)) expect(item.json).toMatchObject({ http_code: '404', message_code: 'not_found' });
			else expect(item.json.pan).toBe(list[i]);
		});
	});

	test('Max Requests per Second N: no 1-second window holds more than N request starts (+1)', async () => {
		const N = 10;
		const list = pans(35);
		const { items, ms } = await lookUp(list, { requestOptions: { concurrency: 10, maxRequestsPerSecond: N } });
		expect(items).toHaveLength(35);
		const times = sim.requests.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
		expect(times).toHaveLength(35);
		let busiest = 0;
		for (const start of times) busiest = Math.max(busiest, times.filter((t) => t >= start && t < start + 1000).length);
		expect(busiest).toBeLessThanOrEqual(N + 1);
		// the cap holds over the whole run too: 35 starts at 10/s cannot take less than 3.4 s (how
		// close to it the run comes is a speed figure: npm run bench)
		expect(ms).toBeGreaterThan(3000);
	}, 20000);

	test('429: the whole batch waits for Retry-After and only the rejected items are sent again', async () => {
		sim.setConfig({ latencyMs: 50, maxInFlight: 4, retryAfterSeconds: 1 });
		const list = pans(40);
		const { items } = await lookUp(list, { requestOptions: { concurrency: 10 } });

		expect(items.map((item) => item.json.pan)).toEqual(list);
		const rejected = sim.requests.filter((r) => r.status === 429);
		const answered = sim.requests.filter((r) => r.status === 200);
		expect(rejected.length).toBeGreaterThan(0);
		// every item answered exactly once; the only extra requests are the rejected ones
		expect(answered.map((r) => r.json.pan).sort()).toEqual([...list].sort());
		expect(sim.requests).toHaveLength(list.length + rejected.length);
		// each rejected item was re-sent (and answered) after the rejection
		for (const r of rejected) expect(answered.some((a) => a.json.pan === r.json.pan && a.seq > r.seq)).toBe(true);
		// the first wave over the limit is the only one: the ceiling came down to what the server accepts
		expect(rejected.length).toBeLessThanOrEqual(10 - 4);
		// nobody started during the pause: after the first wave, the next arrival is >= Retry-After later
		const firstRejection = Date.parse(rejected[0].time);
		const later = sim.requests.filter((r) => r.seq > 10).map((r) => Date.parse(r.time));
		expect(Math.min(...later) - firstRejection).toBeGreaterThanOrEqual(950);
	}, 20000);
});

// The credential is read and decrypted once per run and handed to n8n with every request
// (`credentialsDecrypted`), so n8n does not read it again per request; a changed key is picked up
// by the next run (nothing is kept on the node between runs). The fake helper below behaves like
// n8n-core's httpRequestWithAuthentication: it uses `credentialsDecrypted.data` when given and
// reads the credential itself otherwise, then applies the credential's `authenticate`.
const { createContext, DIST } = require('../helpers/context');
const { startSimulator } = require('../../packages/simulator/lib/server');
const { FinpassCorporate } = require(`${DIST}/nodes/FinpassCorporate/FinpassCorporate.node.js`);
const { FinpassApi } = require(`${DIST}/credentials/FinpassApi.credentials.js`);

const CINS = Array.from({ length: 20 }, (_, i) => `U72900KA2015PTC${String(100001 + i)}`);
const STORED = { id: 'cred-7', name: 'Finpass production' };

let sim;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());


/** One node run the way n8n starts it: a fresh context over the credential store as it is now. */
async function run(node, store, { concurrency = 5 } = {}) {
	const ctx = createContext({
		nodeType: 'n8n-nodes-finpass.finpassCorporate',
		parameters: { resource: 'company', operation: 'cinLookup', cin: (i) => CINS[i], requestOptions: { concurrency } },
		items: CINS.map(() => ({ json: {} })),
		credentials: store,
	});
	ctx.getNode().credentials = { finpassApi: STORED };
	const reads = [];
	const passed = [];
	const readCredentials = ctx.getCredentials;
	ctx.getCredentials = async (type) => {
		reads.push(type);
		return readCredentials(type);
	};
	ctx.helpers.httpRequestWithAuthentication = async function (type, options, additional) {
		passed.push(additional?.credentialsDecrypted);
		const data = additional?.credentialsDecrypted ? additional.credentialsDecrypted.data : await ctx.getCredentials(type);
		return ctx.helpers.httpRequest(await new FinpassApi().authenticate(data, options));
	};
	const output = await node.execute.call(ctx);
	return { output, reads, passed };
}

test('20 items: the credential is read once, and every request hands it to n8n with the node\'s credential id', async () => {
	const store = { finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl: sim.url } };
	const { output, reads, passed } = await run(new FinpassCorporate(), store);
	expect(reads).toEqual(['finpassApi']);
	expect(sim.requests).toHaveLength(CINS.length);
	expect(passed).toHaveLength(CINS.length);
	for (const decrypted of passed) {
		expect(decrypted).toEqual({ ...STORED, type: 'finpassApi', data: store.finpassApi });
	}
	expect(new Set(passed).size).toBe(1);
	expect(sim.requests.every((r) => r.headers['x-api-key'] === 'sim_key' && r.headers['x-api-secret'] === 'sim_secret')).toBe(true);
	expect(output[0].map((item) => item.json.cin)).toEqual(CINS);
	// the decrypted credential travels to n8n's helper only: never into the items
	expect(JSON.stringify(output)).not.toContain('sim_secret');
});

test('a key changed between two runs of the same node is used by the next run', async () => {
	const node = new FinpassCorporate();
	const store = { finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl: sim.url } };
	const first = await run(node, store);
	expect(first.output[0]).toHaveLength(CINS.length);
	expect(sim.requests.every((r) => r.headers['x-api-key'] === 'sim_key')).toBe(true);

	// the vendor rotates the key pair and the user updates the credential
	sim.reset();
	sim.setConfig({ apiKey: 'rotated_key', apiSecret: 'rotated_secret' });
	store.finpassApi = { ...store.finpassApi, apiKey: 'rotated_key', apiSecret: 'rotated_secret' };
	const second = await run(node, store);
	expect(second.reads).toEqual(['finpassApi']);
	expect(sim.requests).toHaveLength(CINS.length);
	expect(sim.requests.every((r) => r.headers['x-api-key'] === 'rotated_key' && r.headers['x-api-secret'] === 'rotated_secret')).toBe(true);
	expect(second.output[0].map((item) => item.json.cin)).toEqual(CINS);
	expect(second.output[0].every((item) => item.json.error === undefined)).toBe(true);
});

test('an n8n that ignores the option (reads the credential itself) gets the same requests', async () => {
	const store = { finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl: sim.url } };
	const ctx = createContext({
		nodeType: 'n8n-nodes-finpass.finpassCorporate',
		parameters: { resource: 'company', operation: 'cinLookup', cin: (i) => CINS[i] },
		items: CINS.map(() => ({ json: {} })),
		credentials: store,
	});
	// createContext's helper takes two arguments and reads the credential per request, as an n8n
	// without `credentialsDecrypted` would
	const output = await new FinpassCorporate().execute.call(ctx);
	expect(output[0].map((item) => item.json.cin)).toEqual(CINS);
	expect(sim.requests.every((r) => r.headers['x-api-key'] === 'sim_key')).toBe(true);
});

test('the credential adds its headers to a copy of the request and keeps the request\'s own headers', async () => {
	const options = { method: 'POST', url: 'http://127.0.0.1/x', headers: { accept: 'application/json' } };
	const out = await new FinpassApi().authenticate({ apiKey: 'k_1234', apiSecret: 's_5678', baseUrl: 'http://127.0.0.1' }, options);
	expect(out.headers).toEqual({ accept: 'application/json', 'x-api-key': 'k_1234', 'x-api-secret': 's_5678' });
	expect(options.headers).toEqual({ accept: 'application/json' });
	expect(out.url).toBe(options.url);
});

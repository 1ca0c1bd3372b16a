// The one simulator setup for unit test files: useSimulator() starts a simulator before the file's
// tests and closes it after them. What it returns works as the simulator itself (sim.url,
// sim.requests, sim.reset(), ...: read once it has started, i.e. inside tests and hooks) plus:
//   credentials      finpassApi and finProApi credentials pointing at it (for runNode)
//   control(route)   its control API: GET without a body, POST with one; 'faults' is short for
//                    '/__sim/faults'; resolves with the JSON answer, throws on a non-2xx answer
//   sim              the simulator object itself
// Options: everything startSimulator takes (consentDelayMs, dataDelayMs, latency, faults, ...),
// plus `resetEachTest: true` (sim.reset() before every test) and `credentials` (per-type fields
// merged over the defaults below). Call it twice for two simulators. After every test, the
// contract violations the simulator recorded fail that test (take them first to expect them).
const { startSimulator } = require('../../packages/simulator/lib/server');

const FINPASS_KEYS = { apiKey: 'sim_key', apiSecret: 'sim_secret' };
const FINPRO_KEYS = { clientId: 'sim_client', clientSecret: 'sim_client_secret', organisationId: 'sim_org', appIdentifier: 'sim_app' };

function useSimulator(options = {}) {
	const { resetEachTest = false, credentials: custom = {}, ...simOptions } = options;
	const env = {
		sim: undefined,
		credentials: undefined,
		async control(route, body) {
			const path = route.startsWith('/') ? route : `/__sim/${route}`;
			const res = await fetch(`${env.sim.url}${path}`, body === undefined ? {} : {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const json = await res.json();
			if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
			return json;
		},
	};
	beforeAll(async () => {
		env.sim = await startSimulator({ port: 0, ...simOptions });
		const baseUrl = env.sim.url;
		env.credentials = {
			finpassApi: { ...FINPASS_KEYS, baseUrl, ...custom.finpassApi },
			finProApi: { ...FINPRO_KEYS, baseUrl, ...custom.finProApi },
		};
	});
	afterAll(async () => env.sim && env.sim.close());
	if (resetEachTest) beforeEach(() => env.sim.reset());
	// A request that breaks the vendor documents' contract fails the test that sent it: the
	// simulator records violations (packages/simulator/lib/contract.js); a test that means to break the
	// contract (an Advanced override) takes and checks them first with sim.takeViolations().
	afterEach(() => {
		const violations = env.sim ? env.sim.takeViolations() : [];
		if (violations.length > 0) {
			throw new Error(`requests broke the documented contract:\n${violations.map((v) => `  #${v.seq} ${v.method} ${v.path}: [${v.rule}] ${v.detail}`).join('\n')}`);
		}
	});
	// Anything env does not have is read from (and written to) the running simulator.
	const started = (key) => {
		if (!env.sim) throw new Error(`simulator not started yet: use sim.${String(key)} inside a test or hook`);
		return env.sim;
	};
	return new Proxy(env, {
		get: (target, key) => (key in target ? target[key] : started(key)[key]),
		set(target, key, value) {
			if (key in target) target[key] = value;
			else started(key)[key] = value;
			return true;
		},
	});
}

module.exports = { useSimulator, FINPASS_KEYS, FINPRO_KEYS };

// One simulator per test file: started before its tests, closed after them, with the credentials
// that point at it and a caller for its control API (/__sim/...).
const { startSimulator } = require('../simulator/server');

function useSimulator(options = {}) {
	const env = {
		sim: undefined,
		credentials: undefined,
		/** GET without a body, POST with one; returns the answer's `data` when it has one. */
		async control(route, body) {
			const res = await fetch(`${env.sim.url}${route}`, body === undefined ? {} : {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const json = await res.json();
			if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
			return json && json.data !== undefined ? json.data : json;
		},
	};
	beforeAll(async () => {
		env.sim = await startSimulator({ port: 0, ...options });
		env.credentials = { finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl: env.sim.url } };
	});
	afterAll(async () => env.sim && env.sim.close());
	return env;
}

module.exports = { useSimulator };

'use strict';
// jest globalSetup for the e2e project: starts the vendor simulator in this (the jest parent)
// process and prepares one real n8n instance for the whole run (see harness.js). The tests read
// the run's info from the JSON file named by FINPASS_E2E_INFO.
const path = require('path');
const harness = require('./harness');

module.exports = async function globalSetup() {
	const t0 = Date.now();
	const { startSimulator } = require(path.join(harness.ROOT, 'packages', 'simulator', 'lib', 'server.js'));
	const sim = await startSimulator({ port: 0 });
	// globalSetup and globalTeardown share globalThis (the tests do not)
	globalThis.__FINPASS_E2E__ = { sim };
	try {
		const run = await harness.setupRun({ simUrl: sim.url });
		process.stderr.write(
			`\nfinpass e2e: n8n ${run.n8nVersion} (${run.nodePath}), ` +
				`simulator ${sim.url}, run folder ${run.runDir}, setup ${Date.now() - t0} ms\n`,
		);
	} catch (e) {
		await sim.close();
		throw e;
	}
};

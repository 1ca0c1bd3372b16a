'use strict';
// jest globalTeardown for the e2e project: stops any n8n a test left running, closes the
// simulator and removes the run folder (kept when FINPASS_E2E_KEEP=1).
const harness = require('./harness');

module.exports = async function globalTeardown() {
	await harness.teardownRun();
	const state = globalThis.__FINPASS_E2E__;
	if (state?.sim) await state.sim.close();
};

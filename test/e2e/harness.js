'use strict';
// Drives a real n8n for the end-to-end tests, scripts/demo.sh and scripts/screenshots.js. The parts
// live in harness/ by concern; this file is the one entry (jest loads it as a setup file) and
// re-exports them all:
//   constants.js  folders, versions, the simulator's keys, the owner account
//   process.js    free ports, commands in their own process group, output tails
//   info.js       the current run's info (FINPASS_E2E_INFO)
//   setup.js      setupRun/teardownRun: n8n installed, the package packed in, credentials, workflows
//   cli.js        the n8n CLI: environment, imports, `n8n execute`, publish, export:nodes
//   results.js    reading an execution's output, errors and binary data
//   simulator.js  the simulator credentials and its control API (sim())
//   api.js        the owner account, an API key, executions over the public API
//   n8n-start.js  `n8n start` for webhooks, triggers and the editor
//   demo.js       the demo run
//
// The n8n CLI comes from scripts/install-n8n.sh (a cache outside the repo); this package is
// `npm pack`ed and unpacked into <user folder>/.n8n/nodes/node_modules/n8n-nodes-finpass, the way
// a community install lays it out, so node types are `n8n-nodes-finpass.<nodeName>`.
// Every setup function is a plain async function, usable outside jest: jest's global setup calls
// setupRun() and hands the result to the test files through a JSON file named by the
// FINPASS_E2E_INFO environment variable (global setup and the tests run in different contexts).
// Traps met on the way are written down beside the code that avoids them, in harness/.

const constants = require('./harness/constants');
const { freePort } = require('./harness/process');
const { info } = require('./harness/info');
const setup = require('./harness/setup');
const cli = require('./harness/cli');
const results = require('./harness/results');
const simulator = require('./harness/simulator');
const api = require('./harness/api');
const { startN8n } = require('./harness/n8n-start');
const { demo, executionSummary } = require('./harness/demo');

const E2E_TEST_TIMEOUT_MS = 300000;

// jest 30's circus runner ignores a project-level `testTimeout` (it reads only the top-level one),
// so the e2e project loads this file as a setup file and the timeout is set here.
if (typeof jest !== 'undefined' && typeof jest.setTimeout === 'function') jest.setTimeout(E2E_TEST_TIMEOUT_MS);

// A request that breaks the vendor documents' contract fails the test that sent it: the
// simulator records violations (packages/simulator/lib/contract.js); each test takes its own. A test that
// means to break the contract (an Advanced override) takes and checks them itself first.
if (typeof afterEach === 'function' && process.env[constants.INFO_ENV]) {
	afterEach(async () => {
		const violations = await simulator.sim('/violations/take', {});
		if (violations.length > 0) {
			throw new Error(`requests broke the documented contract:\n${violations.map((v) => `  #${v.seq} ${v.method} ${v.path}: [${v.rule}] ${v.detail}`).join('\n')}`);
		}
	});
}

if (require.main === module) {
	const [command, ...args] = process.argv.slice(2);
	if (command === 'demo') {
		demo({ serve: !args.includes('--no-serve') }).then(
			(code) => process.exit(code),
			(e) => {
				process.stderr.write(`${e.stack || e}\n`);
				process.exit(1);
			},
		);
	} else {
		process.stderr.write('usage: node test/e2e/harness.js demo [--no-serve]\n');
		process.exit(2);
	}
}

module.exports = {
	ROOT: constants.ROOT,
	INFO_ENV: constants.INFO_ENV,
	DEFAULT_N8N_VERSION: constants.DEFAULT_N8N_VERSION,
	PACKAGE_NAME: constants.PACKAGE_NAME,
	SIM_CREDENTIALS: constants.SIM_CREDENTIALS,
	CREDENTIAL_IDS: constants.CREDENTIAL_IDS,
	OWNER: constants.OWNER,
	info,
	freePort,
	setupRun: setup.setupRun,
	teardownRun: setup.teardownRun,
	resolveN8n: setup.resolveN8n,
	installPackage: setup.installPackage,
	simulatorCredentials: simulator.simulatorCredentials,
	n8nEnv: cli.n8nEnv,
	runCli: cli.runCli,
	importCredentials: cli.importCredentials,
	importWorkflow: cli.importWorkflow,
	publishWorkflow: cli.publishWorkflow,
	executeWorkflow: cli.executeWorkflow,
	executeFinished: cli.executeFinished,
	parseRawOutput: cli.parseRawOutput,
	nodeOutput: results.nodeOutput,
	nodeJson: results.nodeJson,
	nodeError: results.nodeError,
	executionError: results.executionError,
	binaryBuffer: results.binaryBuffer,
	sim: simulator.sim,
	startN8n,
	ensureOwner: api.ensureOwner,
	ensureApiKey: api.ensureApiKey,
	executionsReader: api.executionsReader,
	exportedNodeTypes: cli.exportedNodeTypes,
	executionSummary,
	useSimulatorCredentials: simulator.useSimulatorCredentials,
	demo,
};

'use strict';
// The current run's info (written by setupRun, read by the tests through FINPASS_E2E_INFO: jest's
// global setup and the test files run in different contexts).
const fs = require('fs');
const { INFO_ENV } = require('./constants');

let cachedInfo = null;

/** The current run's info: ports, folders, CLI and Node paths, simulator URL. */
function info() {
	if (cachedInfo) return cachedInfo;
	const file = process.env[INFO_ENV];
	if (!file) {
		throw new Error(
			`${INFO_ENV} is not set: run the e2e tests through jest (\`npm run test:e2e\`, whose global ` +
				'setup prepares n8n) or call setupRun() first.',
		);
	}
	cachedInfo = JSON.parse(fs.readFileSync(file, 'utf8'));
	return cachedInfo;
}

/** Makes `run` the current run (null: none). */
function setInfo(run) {
	cachedInfo = run;
}

module.exports = { info, setInfo };

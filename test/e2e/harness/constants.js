'use strict';
// Names and fixed values of an e2e run: folders, versions, the simulator's keys, the owner account.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKFLOWS_DIR = path.join(__dirname, '..', 'workflows');
const INFO_ENV = 'FINPASS_E2E_INFO';
const DEFAULT_N8N_VERSION = '2.41.1';
// install-n8n.sh runs every 1.x under this Node (1.x's expression engine needs Node 22+ and its
// native modules are built per Node version); keep the two in step.
const NODE_FOR_N8N_1 = '22.23.3';
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;

// The simulator's built-in keys (packages/simulator/lib/server.js).
const SIM_CREDENTIALS = {
	finpass: { apiKey: 'sim_key', apiSecret: 'sim_secret' },
	finpro: {
		clientId: 'sim_client',
		clientSecret: 'sim_client_secret',
		organisationId: 'sim_org',
		appIdentifier: 'sim_app',
	},
};
const CREDENTIAL_IDS = { finpass: 'finpass-e2e', finpro: 'finpro-e2e' };
// The owner account that startN8n() creates to read executions through the public API.
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Pass-1',
};

module.exports = { ROOT, WORKFLOWS_DIR, INFO_ENV, DEFAULT_N8N_VERSION, NODE_FOR_N8N_1, PACKAGE_NAME, SIM_CREDENTIALS, CREDENTIAL_IDS, OWNER };

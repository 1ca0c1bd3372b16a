#!/usr/bin/env node
'use strict';
// `npx n8n-nodes-finpass-simulator [--port 4010]`: starts the local Finpass / FinPro simulator
// on 127.0.0.1 and prints what to enter in n8n's Finpass API and FinPro API credentials, so the
// n8n-nodes-finpass nodes and example workflows can be tried without vendor keys.
// The simulator itself is this package's lib/ (the repository's tests use the same files).

const fs = require('node:fs');
const path = require('node:path');

const CANDIDATES = [path.join(__dirname, '..', 'lib', 'server.js')];

const USAGE = `Usage: n8n-nodes-finpass-simulator [options]

Starts a local Finpass / FinPro API simulator on 127.0.0.1 for trying n8n-nodes-finpass without keys.

Options:
  --port <n>              port to listen on (default 4010; 0 picks a free one)
  --consent-delay-ms <n>  a consent is approved this long after it is requested (default 2000)
  --data-delay-ms <n>     its data is ready this long after the approval (default 1000)
  --latency-ms <n>        extra delay on every answer (default 0)
  -v, --version           print the version
  -h, --help              print this help
`;

const NUMERIC = { port: 'port', 'consent-delay-ms': 'consentDelayMs', 'data-delay-ms': 'dataDelayMs', 'latency-ms': 'latencyMs' };

/** argv → {options, help, version}; throws a usage error for anything unknown. */
function parseArgs(argv) {
	const options = { port: 4010 };
	let help = false;
	let version = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '-h' || arg === '--help') help = true;
		else if (arg === '-v' || arg === '--version') version = true;
		else {
			const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
			if (!m || !NUMERIC[m[1]]) throw new Error(`unknown option ${arg}`);
			const raw = m[2] !== undefined ? m[2] : argv[++i];
			const value = Number(raw);
			if (raw === undefined || raw === '' || !Number.isInteger(value) || value < 0) throw new Error(`--${m[1]} needs a whole number (got ${raw})`);
			options[NUMERIC[m[1]]] = value;
		}
	}
	return { options, help, version };
}

function serverFile() {
	const file = CANDIDATES.find((f) => fs.existsSync(f));
	if (!file) throw new Error(`the simulator is missing (looked for ${CANDIDATES.join(', ')})`);
	return file;
}

function serverModule() {
	return require(serverFile());
}

/** What a user types into n8n, for this simulator's URL and keys. */
function banner(sim) {
	const c = sim.config;
	const examples = require(path.join(path.dirname(serverFile()), 'routes', 'examples.js')).listExamples();
	return [
		`Finpass / FinPro simulator listening on ${sim.url}  (Ctrl-C stops it)`,
		'',
		'1. In n8n, create these credentials (Overview → the arrow next to Create workflow → Create credential):',
		`  Finpass API   API Key ${c.apiKey}   API Secret ${c.apiSecret}   Base URL ${sim.url}`,
		`  FinPro API    Client ID ${c.finpro.clientId}   Client Secret ${c.finpro.clientSecret}`,
		`                Organisation ID ${c.finpro.organisationId}   App Identifier ${c.finpro.appIdentifier}   Base URL ${sim.url}`,
		'',
		'2. Import an example: Overview → Create workflow, then the workflow\'s "..." menu (top right) → Import → From URL,',
		'   paste one of these URLs and click Import:',
		...examples.map((e) => `  ${sim.url}/examples/${e.file}`),
		`  (the list with titles: ${sim.url}/examples/)`,
		'',
		'3. Fill in the node whose name ends in "(fill in)", pick the credentials above in the Finpass/FinPro nodes, run it.',
		'',
		'Test borrowers (Account Aggregator consents, by the mobile number you fill in):',
		'  9876543210 (PAN ABCDE1234F), or any mobile not ending 0001-0003: consent approved, data ready',
		'  a mobile ending 0001, e.g. 9876500001: consent rejected',
		'  a mobile ending 0002, e.g. 9876500002: consent revoked',
		'  a mobile ending 0003, e.g. 9876500003: consent approved, data fetch error',
		`A consent is approved ${c.consentDelayMs} ms after it is requested, its data is ready ${c.dataDelayMs} ms later.`,
		'Businesses: PAN AABCU9603R, director mobile 9876543210. Nothing is sent to Finpass or FinPro.',
		'n8n must run on this machine (the simulator listens on 127.0.0.1 only); with n8n in Docker,',
		'run this command inside the container: docker exec -it <n8n container> npx n8n-nodes-finpass-simulator',
		'',
	].join('\n');
}

async function main(argv) {
	let parsed;
	try {
		parsed = parseArgs(argv);
	} catch (e) {
		process.stderr.write(`n8n-nodes-finpass-simulator: ${e.message}\n\n${USAGE}`);
		return 2;
	}
	if (parsed.help) {
		process.stdout.write(USAGE);
		return 0;
	}
	if (parsed.version) {
		process.stdout.write(`${require('../package.json').version}\n`);
		return 0;
	}
	const { startSimulator } = serverModule();
	let sim;
	try {
		sim = await startSimulator(parsed.options);
	} catch (e) {
		if (e.code === 'EADDRINUSE') {
			process.stderr.write(`n8n-nodes-finpass-simulator: port ${parsed.options.port} is in use: pick another with --port\n`);
			return 1;
		}
		throw e;
	}
	process.stdout.write(banner(sim));
	await new Promise((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await sim.close();
	return 0;
}

module.exports = { parseArgs, banner };

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(e) => {
			process.stderr.write(`n8n-nodes-finpass-simulator: ${e.stack || e}\n`);
			process.exit(1);
		},
	);
}

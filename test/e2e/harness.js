'use strict';
// Drives a real n8n for the end-to-end tests and for scripts/demo.sh.
//
// The n8n CLI comes from scripts/install-n8n.sh (a cache outside the repo); this package is
// `npm pack`ed and unpacked into <user folder>/.n8n/nodes/node_modules/n8n-nodes-finpass, the way
// a community install lays it out, so node types are `n8n-nodes-finpass.<nodeName>`.
// Every setup function is a plain async function, usable outside jest: jest's global setup calls
// setupRun() and hands the result to the test files through a JSON file named by the
// FINPASS_E2E_INFO environment variable (global setup and the tests run in different contexts).
// Traps met on the way are in /work/shared/notes/real-n8n.md.

const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
const INFO_ENV = 'FINPASS_E2E_INFO';
const DEFAULT_N8N_VERSION = '2.41.1';
// install-n8n.sh runs every 1.x under this Node (1.x's expression engine needs Node 22+ and its
// native modules are built per Node version); keep the two in step.
const NODE_FOR_N8N_1 = '22.23.3';
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
const E2E_TEST_TIMEOUT_MS = 300000;

// jest 30's circus runner ignores a project-level `testTimeout` (it reads only the top-level one),
// so the e2e project loads this file as a setup file and the timeout is set here.
if (typeof jest !== 'undefined' && typeof jest.setTimeout === 'function') jest.setTimeout(E2E_TEST_TIMEOUT_MS);

// The simulator's built-in keys (test/simulator/server.js).
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

// ---------------------------------------------------------------------------------------------
// Small process and network helpers

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kills a whole process group, ignoring groups that are gone already. */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

// Process groups this module started and that still run: killed if the process exits early.
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

/**
 * Runs a command in its own process group; resolves with {code, signal, stdout, stderr}.
 * On timeout the group is killed and the promise rejects with the output so far.
 */
function run(cmd, args, { cwd = ROOT, env = process.env, timeoutMs = 600000, stderrTo } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveGroups.add(child.pid);
		const out = [];
		const err = [];
		child.stdout.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => {
			err.push(c);
			if (stderrTo) stderrTo.write(c);
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			liveGroups.delete(child.pid);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			liveGroups.delete(child.pid);
			// stragglers (n8n's task runner) share the group
			killGroup(child.pid, 'SIGKILL');
			const res = {
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			};
			if (timedOut) {
				const e = new Error(`${cmd} ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(res)}`);
				Object.assign(e, res);
				reject(e);
			} else resolve(res);
		});
	});
}

function tail({ stdout = '', stderr = '' }, n = 40) {
	const last = (s) => s.split('\n').slice(-n).join('\n');
	return `--- stdout (end) ---\n${last(stdout)}\n--- stderr (end) ---\n${last(stderr)}`;
}

async function runOrThrow(cmd, args, opts) {
	const res = await run(cmd, args, opts);
	if (res.code !== 0) {
		const e = new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${res.code}\n${tail(res)}`);
		Object.assign(e, res);
		throw e;
	}
	return res;
}

const lastLine = (s) => s.trim().split('\n').pop().trim();

const isN8n1 = (version) => /^1\./.test(version);

// ---------------------------------------------------------------------------------------------
// Run info (written by setupRun, read by the tests)

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

// ---------------------------------------------------------------------------------------------
// Setup

/** Installs (or reuses) n8n and the Node it runs on; returns {cliPath, nodeBin}. */
async function resolveN8n(version, { log = process.stderr } = {}) {
	const scripts = path.join(ROOT, 'scripts');
	// install-n8n.sh prints progress on stderr (a cold install takes ~3-4 min) and the CLI path last.
	const installed = await runOrThrow('bash', [path.join(scripts, 'install-n8n.sh'), version], {
		stderrTo: log,
		timeoutMs: 30 * 60000,
	});
	const env = isN8n1(version) ? { ...process.env, NODE24_VERSION: NODE_FOR_N8N_1 } : process.env;
	const node = await runOrThrow('bash', [path.join(scripts, 'bootstrap-node.sh')], { env, stderrTo: log });
	return { cliPath: lastLine(installed.stdout), nodeBin: lastLine(node.stdout) };
}

/**
 * Packs the project with `npm pack` and unpacks it as
 * <userFolder>/.n8n/nodes/node_modules/<package> (no node_modules of its own: n8n-workflow then
 * resolves to n8n's copy). Needs `npm run build` first.
 */
async function installPackage(userFolder, workDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		throw new Error(`${ROOT}/dist is missing: run \`npm run build\` before the e2e tests.`);
	}
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = listed.filter((f) => !fs.existsSync(path.join(ROOT, f)));
	if (missing.length) {
		throw new Error(
			`package.json "n8n" lists files that the build did not produce: ${missing.join(', ')}. ` +
				'Run `npm run build` (and check the lists).',
		);
	}
	const packed = await runOrThrow(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', workDir],
		{ cwd: ROOT, timeoutMs: 120000 },
	);
	const tarball = path.join(workDir, JSON.parse(packed.stdout)[0].filename);
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
	fs.mkdirSync(target, { recursive: true });
	await runOrThrow('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	fs.rmSync(tarball);
	return target;
}

/** The credentials every run has, pointed at the simulator. */
function simulatorCredentials(simUrl) {
	return [
		{
			id: CREDENTIAL_IDS.finpass,
			name: 'Finpass (simulator)',
			type: 'finpassApi',
			data: { ...SIM_CREDENTIALS.finpass, baseUrl: simUrl },
		},
		{
			id: CREDENTIAL_IDS.finpro,
			name: 'FinPro (simulator)',
			type: 'finProApi',
			data: { ...SIM_CREDENTIALS.finpro, baseUrl: simUrl },
		},
	];
}

/**
 * Prepares one n8n instance: a fresh user folder under os.tmpdir(), the packed package,
 * the simulator credentials and every workflow in test/e2e/workflows/. Writes the run info to
 * <runDir>/info.json and points FINPASS_E2E_INFO at it (for this process and its children).
 * Options: simUrl (required), n8nVersion (default env N8N_VERSION or 2.41.1),
 * workflowsDir (default test/e2e/workflows; null for none), log (stream for progress),
 * port (for `n8n start`; default a free one), prefix (of the run folder's name).
 */
async function setupRun({
	simUrl,
	n8nVersion,
	workflowsDir = WORKFLOWS_DIR,
	log = process.stderr,
	prefix = 'finpass-e2e-',
	port,
} = {}) {
	if (!simUrl) throw new Error('setupRun needs the simulator URL (simUrl)');
	const started = Date.now();
	const version = n8nVersion || process.env.N8N_VERSION || DEFAULT_N8N_VERSION;
	const { cliPath, nodeBin } = await resolveN8n(version, { log });
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const userFolder = path.join(runDir, 'user');
	fs.mkdirSync(userFolder);
	port = port || (await freePort());
	const run = {
		n8nVersion: version,
		n8nMajor: Number(version.split('.')[0]),
		cliPath,
		nodeBin,
		nodePath: path.join(nodeBin, 'node'),
		runDir,
		userFolder,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		simUrl: simUrl.replace(/\/$/, ''),
		encryptionKey: crypto.randomBytes(24).toString('hex'),
		packageName: PACKAGE_NAME,
		credentialIds: CREDENTIAL_IDS,
		owner: OWNER,
		infoFile: path.join(runDir, 'info.json'),
	};
	fs.writeFileSync(run.infoFile, JSON.stringify(run, null, 2));
	cachedInfo = run;
	process.env[INFO_ENV] = run.infoFile;

	run.packageDir = await installPackage(userFolder, runDir);
	// the first CLI call also runs the database migrations (~4.5 s)
	await importCredentials(simulatorCredentials(run.simUrl));
	if (workflowsDir && fs.existsSync(workflowsDir)) {
		const files = fs.readdirSync(workflowsDir).filter((f) => f.endsWith('.json'));
		if (files.length) await runCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`]);
		run.workflows = files.map((f) => JSON.parse(fs.readFileSync(path.join(workflowsDir, f), 'utf8')).id);
	}
	run.setupMs = Date.now() - started;
	fs.writeFileSync(run.infoFile, JSON.stringify(run, null, 2));
	return run;
}

/** Stops what a run left behind (n8n processes) and removes its folder unless keep is set. */
async function teardownRun({ keep = process.env.FINPASS_E2E_KEEP === '1' } = {}) {
	let inf;
	try {
		inf = info();
	} catch {
		return;
	}
	const pidFile = path.join(inf.runDir, 'pids');
	if (fs.existsSync(pidFile)) {
		for (const pid of fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number)) {
			killGroup(pid, 'SIGKILL');
		}
	}
	if (keep) process.stderr.write(`\nfinpass e2e: kept the run folder ${inf.runDir}\n`);
	else fs.rmSync(inf.runDir, { recursive: true, force: true });
	cachedInfo = null;
}

// ---------------------------------------------------------------------------------------------
// The n8n CLI

/** The environment for a quiet, local n8n on this run's user folder (real-n8n.md). */
function n8nEnv(extra = {}) {
	const inf = info();
	const env = { ...process.env };
	// jest's variables change n8n's behaviour (NODE_ENV=test) and N8N_VERSION is ours, not n8n's
	for (const k of ['NODE_ENV', 'JEST_WORKER_ID', 'N8N_VERSION', 'NODE_OPTIONS', INFO_ENV]) delete env[k];
	Object.assign(env, {
		PATH: `${inf.nodeBin}${path.delimiter}${process.env.PATH}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: inf.userFolder,
		N8N_ENCRYPTION_KEY: inf.encryptionKey,
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(inf.port),
		N8N_WEBHOOK_URL: `${inf.baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${inf.baseUrl}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		GENERIC_TIMEZONE: 'UTC',
		// `--rawOutput` prints the result through n8n's logger: warn or quieter prints nothing
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
	});
	// 1.x exits on an unknown module name; 2.x's mcp-registry reaches out to the internet
	if (inf.n8nMajor >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
	return Object.assign(env, extra);
}

/**
 * Runs `n8n <args>` on this run's instance; resolves with {code, stdout, stderr}.
 * Every call gets its own free task-broker port, so CLI calls can run beside `n8n start`.
 */
async function runCli(args, { env = {}, timeoutMs = 180000 } = {}) {
	const inf = info();
	const brokerPort = await freePort();
	return run(inf.nodePath, [inf.cliPath, ...args], {
		cwd: inf.userFolder,
		env: n8nEnv({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
		timeoutMs,
	});
}

async function runCliOrThrow(args, opts) {
	const res = await runCli(args, opts);
	if (res.code !== 0) {
		const e = new Error(`n8n ${args.join(' ')} exited with ${res.code}\n${tail(res)}`);
		Object.assign(e, res);
		throw e;
	}
	return res;
}

let importCounter = 0;
function writeImportFile(kind, data) {
	const file = path.join(info().runDir, `import-${kind}-${process.pid}-${++importCounter}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** Imports credentials ({id, name, type, data} with plain data; n8n encrypts it). */
async function importCredentials(list) {
	const file = writeImportFile('credentials', Array.isArray(list) ? list : [list]);
	await runCliOrThrow(['import:credentials', `--input=${file}`]);
}

/**
 * Imports a workflow object (or an array of them) built on the fly; returns the id(s).
 * A workflow without an id gets a random one.
 */
async function importWorkflow(workflow) {
	const list = (Array.isArray(workflow) ? workflow : [workflow]).map((w) => ({
		active: false,
		settings: {},
		connections: {},
		...w,
		id: w.id || crypto.randomBytes(8).toString('hex'),
	}));
	const file = writeImportFile('workflow', list);
	await runCliOrThrow(['import:workflow', `--input=${file}`]);
	return Array.isArray(workflow) ? list.map((w) => w.id) : list[0].id;
}

/** Cuts n8n's result JSON from the CLI output: from the first line that is exactly "{" to the
 * first line after it that is exactly "}" (log lines come before and after). */
function parseRawOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return null;
	const end = lines.indexOf('}', start + 1);
	if (end < 0) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

/**
 * Runs a stored workflow with `n8n execute --id=<id> --rawOutput`. Exit code 0 on success,
 * 1 when a node failed (the result JSON is printed in both cases).
 * Returns {code, result, stdout, stderr, ms}; result is null when no JSON was printed.
 */
async function executeWorkflow(id, { env = {}, timeoutMs = 240000 } = {}) {
	const t0 = Date.now();
	const res = await runCli(['execute', `--id=${id}`, '--rawOutput'], { env, timeoutMs });
	return { code: res.code, result: parseRawOutput(res.stdout), stdout: res.stdout, stderr: res.stderr, ms: Date.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Reading results (from `executeWorkflow` or from an execution read back over the public API)

function unwrapResult(result) {
	// accept the whole executeWorkflow() answer as well as its .result
	if (result && 'stdout' in result && 'result' in result) {
		if (!result.result) throw new Error(`the execution printed no result JSON (exit ${result.code})\n${tail(result)}`);
		return result.result;
	}
	if (!result) throw new Error('no execution result');
	return result;
}

function lastRun(result, nodeName) {
	const runData = unwrapResult(result).data?.resultData?.runData ?? {};
	const runs = runData[nodeName];
	if (!runs || !runs.length) {
		throw new Error(`node "${nodeName}" did not run; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`);
	}
	return runs[runs.length - 1];
}

/** Items ({json, binary, pairedItem}) of a node's last run on one output (default the first). */
function nodeOutput(result, nodeName, outputIndex = 0) {
	const items = lastRun(result, nodeName).data?.main?.[outputIndex] ?? [];
	return items.map(({ json, binary, pairedItem }) => ({ json, binary, pairedItem }));
}

/** The error of a node's last run (message, description, httpCode, ...), or null. */
function nodeError(result, nodeName) {
	return lastRun(result, nodeName).error ?? null;
}

/** The workflow-level error of an execution, or null. */
function executionError(result) {
	return unwrapResult(result).data?.resultData?.error ?? null;
}

/**
 * The bytes of a binary property of an output item. n8n 2.x keeps binary data on disk by default
 * (mode "filesystem"): the item only holds an id "filesystem-v2:<path under storage>".
 */
function binaryBuffer(item, key = 'data') {
	const bin = item.binary?.[key];
	if (!bin) throw new Error(`item has no binary property "${key}"`);
	if (!bin.id) return Buffer.from(bin.data, 'base64');
	const [mode, rel] = bin.id.split(/:(.*)/s);
	const n8nDir = path.join(info().userFolder, '.n8n');
	const candidates =
		mode === 'filesystem-v2'
			? [path.join(n8nDir, 'storage', rel), path.join(n8nDir, 'binaryData', rel)]
			: [path.join(n8nDir, 'binaryData', rel), path.join(n8nDir, 'storage', rel)];
	const file = candidates.find((f) => fs.existsSync(f));
	if (!file) throw new Error(`binary data ${bin.id} not found under ${n8nDir}`);
	return fs.readFileSync(file);
}

// ---------------------------------------------------------------------------------------------
// The simulator's control API

/**
 * Calls the simulator's control API: sim('/requests') GETs ${simUrl}/__sim/requests;
 * a body (even {}) makes it a POST: sim('/reset', {}), sim('/config', {...}).
 * A method prefix overrides: sim('DELETE /something'). The /__sim prefix is optional.
 */
async function sim(route, body) {
	let method = body === undefined ? 'GET' : 'POST';
	const m = /^(GET|POST|PUT|PATCH|DELETE)\s+(.*)$/.exec(route);
	if (m) [, method, route] = m;
	if (!route.startsWith('/')) route = `/${route}`;
	if (!route.startsWith('/__sim')) route = `/__sim${route}`;
	const res = await fetch(`${info().simUrl}${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`simulator ${method} ${route}: ${res.status} ${text}`);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

// ---------------------------------------------------------------------------------------------
// `n8n start` (webhooks, triggers, the editor)

/** Makes a workflow active before `n8n start`: 2.x publishes it, 1.x sets it active. */
async function publishWorkflow(id) {
	const args =
		info().n8nMajor >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
	await runCliOrThrow(args);
}

function authCookie(res) {
	const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
	const auth = cookies.find((c) => c.startsWith('n8n-auth='));
	return auth ? auth.split(';')[0] : null;
}

/**
 * Creates the instance owner over REST (or logs in when it exists); returns the session cookie.
 * Send no `browser-id` header: the session then is not tied to one browser.
 */
async function ensureOwner(baseUrl, owner = OWNER) {
	const post = (route, body) =>
		fetch(`${baseUrl}${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	let res = await post('/rest/owner/setup', owner);
	if (!res.ok) {
		res = await post('/rest/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
	}
	const cookie = authCookie(res);
	if (!res.ok || !cookie) throw new Error(`owner setup / login failed: ${res.status} ${await res.text()}`);
	return cookie;
}

/**
 * A public-API key for the owner, made once per run and kept in <runDir>/api-key.json
 * (the key lives in the database, so it outlives `n8n start` restarts).
 */
async function ensureApiKey(baseUrl) {
	const file = path.join(info().runDir, 'api-key.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).key;
	const cookie = await ensureOwner(baseUrl);
	const headers = { cookie, 'content-type': 'application/json' };
	// 2.x keys carry scopes (the owner may have them all); older 1.x has no scopes endpoint
	let scopes;
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers });
	if (scopesRes.ok) scopes = (await scopesRes.json()).data;
	const res = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ label: `e2e-${Date.now()}`, expiresAt: null, ...(scopes ? { scopes } : {}) }),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`creating an API key failed: ${res.status} ${text}`);
	const data = JSON.parse(text).data;
	const key = data.rawApiKey || data.apiKey;
	fs.writeFileSync(file, JSON.stringify({ key }));
	return key;
}

async function waitForReady(baseUrl, child, { timeoutMs, logTail }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n start exited (${child.exitCode ?? child.signalCode}) before it was ready\n${logTail()}`);
		}
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			// n8n 1.x answers readiness ~3 s before its REST and public API routes exist (404 until
			// then): wait for those too (2.x has them already)
			if (res.status === 200) {
				const rest = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(2000) });
				if (rest.status === 200) return;
			}
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n start was not ready after ${timeoutMs} ms\n${logTail()}`);
}

/**
 * Publishes the given workflows, runs `n8n start` and waits for /healthz/readiness.
 * Returns {baseUrl, webhookUrl(path), postWebhook(path, body, opts), executions(workflowId),
 *          waitForExecutions(workflowId, opts), log(), stop(), readyMs}.
 * Executions are read through the public API (owner set up over REST, an API key, then
 * GET /api/v1/executions?includeData=true): the same for 1.x and 2.x, and it returns the
 * execution data already parsed, unlike the database's flatted `execution_data` rows.
 * One `n8n start` at a time per run (it listens on the run's port): run the e2e tests in band.
 */
async function startN8n({ publish = [], env = {}, readyTimeoutMs = 120000, owner = OWNER } = {}) {
	const inf = info();
	for (const id of publish) await publishWorkflow(id);
	const t0 = Date.now();
	const logFile = path.join(inf.runDir, `n8n-start-${Date.now()}.log`);
	const logFd = fs.openSync(logFile, 'a');
	const brokerPort = await freePort();
	const child = spawn(inf.nodePath, [inf.cliPath, 'start'], {
		cwd: inf.userFolder,
		env: n8nEnv({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
		detached: true,
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	liveGroups.add(child.pid);
	fs.appendFileSync(path.join(inf.runDir, 'pids'), `${child.pid}\n`);
	const exited = new Promise((resolve) => child.on('exit', resolve));
	const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
	const logTail = () => `--- n8n log (end) ---\n${log().split('\n').slice(-60).join('\n')}`;

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			killGroup(child.pid, 'SIGTERM');
			let timer;
			const gone = await Promise.race([
				exited.then(() => true),
				new Promise((r) => (timer = setTimeout(() => r(false), 20000))),
			]);
			clearTimeout(timer);
			if (!gone) {
				killGroup(child.pid, 'SIGKILL');
				await exited;
			}
		}
		killGroup(child.pid, 'SIGKILL'); // the task runner, if it outlived the main process
		liveGroups.delete(child.pid);
	};

	try {
		await waitForReady(inf.baseUrl, child, { timeoutMs: readyTimeoutMs, logTail });
	} catch (e) {
		await stop();
		throw e;
	}
	const readyMs = Date.now() - t0;

	const webhookUrl = (p) => `${inf.baseUrl}/webhook/${p.replace(/^\//, '')}`;

	/** POSTs (or `method`) to a production webhook; retries 404 for a while (retryMs), because
	 * n8n (1.x, and 2.x with several published workflows) answers readiness before it has
	 * registered every published webhook. Returns {status, headers, body}. */
	const postWebhook = async (p, body, { method = 'POST', headers = {}, retryMs = 30000, raw = false } = {}) => {
		const deadline = Date.now() + retryMs;
		for (;;) {
			const res = await fetch(webhookUrl(p), {
				method,
				headers: raw ? headers : { 'content-type': 'application/json', ...headers },
				body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
			});
			const text = await res.text();
			if (res.status !== 404 || Date.now() > deadline) {
				let parsed = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					// not JSON
				}
				return { status: res.status, headers: res.headers, body: parsed };
			}
			await sleep(500);
		}
	};

	const { executions, waitForExecutions } = executionsReader(inf.baseUrl, () => ensureApiKey(inf.baseUrl));

	return {
		baseUrl: inf.baseUrl,
		readyMs,
		pid: child.pid,
		webhookUrl,
		postWebhook,
		executions,
		waitForExecutions,
		ownerCookie: () => ensureOwner(inf.baseUrl, owner),
		log,
		stop,
	};
}

/**
 * Reads executions over n8n's public API (GET /api/v1/executions?includeData=true, every page):
 * `executions(workflowId)` → oldest first, with their data; `waitForExecutions(workflowId,
 * {count, status, timeoutMs})` polls until enough exist. `describe()` adds context (a log tail)
 * to the timeout error. Used by startN8n() and by queue mode (test/e2e/queue.js).
 */
function executionsReader(baseUrl, getApiKey, { timeoutMs: defaultTimeoutMs = 60000, describe = () => '' } = {}) {
	const executions = async (workflowId) => {
		const key = await getApiKey();
		const all = [];
		let cursor;
		do {
			const q = new URLSearchParams({ includeData: 'true', limit: '100' });
			if (workflowId) q.set('workflowId', workflowId);
			if (cursor) q.set('cursor', cursor);
			const res = await fetch(`${baseUrl}/api/v1/executions?${q}`, { headers: { 'X-N8N-API-KEY': key } });
			const text = await res.text();
			if (!res.ok) throw new Error(`GET /api/v1/executions: ${res.status} ${text}`);
			const page = JSON.parse(text);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	};
	const waitForExecutions = async (workflowId, { count = 1, status, timeoutMs = defaultTimeoutMs } = {}) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await executions(workflowId);
			const list = all.filter((e) => !status || e.status === status);
			if (list.length >= count) return list;
			if (Date.now() > deadline) {
				const seen = all.map((e) => `${e.id}:${e.status}`).join(', ') || 'none';
				const detail = describe();
				throw new Error(`expected ${count} execution(s) of ${workflowId}${status ? ` (${status})` : ''}; executions: ${seen}${detail ? `\n${detail}` : ''}`);
			}
			await sleep(500);
		}
	};
	return { executions, waitForExecutions };
}

// ---------------------------------------------------------------------------------------------
// Exported list of node types n8n loaded (proves the community package loaded)

/** Runs `n8n export:nodes` and returns the node type names it lists. */
async function exportedNodeTypes() {
	const file = path.join(info().runDir, `nodes-${Date.now()}.json`);
	await runCliOrThrow(['export:nodes', `--output=${file}`]);
	const list = JSON.parse(fs.readFileSync(file, 'utf8'));
	return [...new Set(list.map((n) => n.name))];
}

// ---------------------------------------------------------------------------------------------
// The demo (scripts/demo.sh): simulator, n8n set up as in the e2e run, the quickstart example
// executed once, then the editor until Ctrl-C.

const DEMO_EXAMPLE = path.join(ROOT, 'examples', 'loan-underwriting-quickstart.json');

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Points a workflow's Finpass and FinPro credential references at the simulator credentials. */
function useSimulatorCredentials(workflow) {
	const names = Object.fromEntries(simulatorCredentials('').map((c) => [c.type, { id: c.id, name: c.name }]));
	for (const node of workflow.nodes ?? []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (names[type]) node.credentials[type] = names[type];
		}
	}
	return workflow;
}

/** A few lines saying what an execution did: every node's item counts, then the last output. */
function executionSummary(result, { maxLines = 60 } = {}) {
	const resultData = result.data?.resultData ?? {};
	const lines = [`status: ${result.status ?? (result.finished ? 'success' : 'not finished')}`];
	for (const [name, runs] of Object.entries(resultData.runData ?? {})) {
		const last = runs[runs.length - 1];
		const counts = (last.data?.main ?? []).map((items) => items?.length ?? 0);
		const what = last.error ? `error: ${last.error.message}` : `${counts.join(' / ') || 0} item(s) out`;
		lines.push(`  ${name}: ${what} (${last.executionTime ?? '?'} ms)`);
	}
	if (resultData.error) {
		lines.push(`error: ${resultData.error.message}${resultData.error.description ? ` (${resultData.error.description})` : ''}`);
	}
	const lastNode = resultData.lastNodeExecuted;
	if (lastNode && !resultData.error) {
		const first = nodeOutput(result, lastNode)[0];
		if (first) {
			const json = JSON.stringify(compact(first.json, 2), null, 2).split('\n');
			lines.push(`first item out of "${lastNode}" (nested values shortened):`);
			lines.push(...json.slice(0, maxLines));
			if (json.length > maxLines) lines.push(`  ... (${json.length - maxLines} more lines)`);
		}
	}
	return lines.join('\n');
}

/** A value cut to `depth` levels: deeper arrays and objects become "[N items]" / "{N fields}". */
function compact(value, depth) {
	if (Array.isArray(value)) {
		if (depth <= 0) return `[${value.length} items]`;
		const shown = value.slice(0, 3).map((v) => compact(v, depth - 1));
		return value.length > 3 ? [...shown, `... ${value.length - 3} more`] : shown;
	}
	if (value && typeof value === 'object') {
		if (depth <= 0) return `{${Object.keys(value).length} fields}`;
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v, depth - 1)]));
	}
	return value;
}

/** Runs the demo; resolves with the process exit code. */
async function demo({ serve = true, out = process.stdout } = {}) {
	const say = (line = '') => out.write(`${line}\n`);
	const simModule = path.join(ROOT, 'test', 'simulator', 'server.js');
	if (!fs.existsSync(simModule)) throw new Error(`${simModule} is missing`);
	const { startSimulator } = require(simModule);
	const simulator = await startSimulator({ port: 0 });
	let n8n;
	const cleanup = async () => {
		if (n8n) await n8n.stop();
		await teardownRun();
		await simulator.close();
	};
	try {
		say(`Finpass/FinPro simulator: ${simulator.url}`);
		const preferred = Number(process.env.FINPASS_DEMO_PORT || 5678);
		const run = await setupRun({
			simUrl: simulator.url,
			workflowsDir: null,
			prefix: 'finpass-demo-',
			port: (await portIsFree(preferred)) ? preferred : undefined,
		});
		say(`n8n ${run.n8nVersion} prepared in ${run.setupMs} ms (data in ${run.userFolder}/.n8n)`);

		let code = 0;
		let workflowId;
		if (fs.existsSync(DEMO_EXAMPLE)) {
			const workflow = useSimulatorCredentials(JSON.parse(fs.readFileSync(DEMO_EXAMPLE, 'utf8')));
			workflowId = await importWorkflow(workflow);
			say(`\nRunning ${path.relative(ROOT, DEMO_EXAMPLE)} ("${workflow.name}") with n8n execute ...`);
			const res = await executeWorkflow(workflowId);
			if (res.result) say(executionSummary(res.result));
			else say(`no result printed (exit ${res.code})\n${tail(res)}`);
			say(`(${res.ms} ms)`);
			code = res.code === 0 && res.result ? 0 : 1;
		} else {
			say(`\n${path.relative(ROOT, DEMO_EXAMPLE)} does not exist yet: skipping the example run.`);
		}

		if (!serve) {
			await cleanup();
			return code;
		}
		n8n = await startN8n();
		await ensureOwner(n8n.baseUrl, OWNER);
		say(`\nn8n is running: ${n8n.baseUrl}/${workflowId ? `workflow/${workflowId}` : ''}`);
		say(`  email:    ${OWNER.email}`);
		say(`  password: ${OWNER.password}`);
		say('Press Ctrl-C to stop (set FINPASS_E2E_KEEP=1 to keep the data folder).');
		await new Promise((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		say('\nstopping ...');
		await cleanup();
		return code;
	} catch (e) {
		await cleanup().catch(() => {});
		throw e;
	}
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
	ROOT,
	INFO_ENV,
	DEFAULT_N8N_VERSION,
	PACKAGE_NAME,
	SIM_CREDENTIALS,
	CREDENTIAL_IDS,
	OWNER,
	info,
	freePort,
	setupRun,
	teardownRun,
	resolveN8n,
	installPackage,
	simulatorCredentials,
	n8nEnv,
	runCli,
	importCredentials,
	importWorkflow,
	publishWorkflow,
	executeWorkflow,
	parseRawOutput,
	nodeOutput,
	nodeError,
	executionError,
	binaryBuffer,
	sim,
	startN8n,
	ensureOwner,
	ensureApiKey,
	executionsReader,
	exportedNodeTypes,
	executionSummary,
	useSimulatorCredentials,
	demo,
};

'use strict';
// The n8n CLI on this run's instance: its environment, imports, `n8n execute`, `n8n publish`,
// `n8n export:nodes`.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { INFO_ENV } = require('./constants');
const { freePort, run, tail } = require('./process');
const { info } = require('./info');

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

/**
 * Runs a stored workflow that is expected to finish (a node set to "On Error: Continue" may still
 * fail inside it) and returns its result; throws with the output's tails otherwise.
 */
async function executeFinished(id, options) {
	const res = await executeWorkflow(id, options);
	if (res.code !== 0 || !res.result || res.result.finished !== true) {
		throw new Error(`workflow ${id} did not finish (exit ${res.code})\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
	}
	return res.result;
}

/** Makes a workflow active before `n8n start`: 2.x publishes it, 1.x sets it active. */
async function publishWorkflow(id) {
	const args =
		info().n8nMajor >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
	await runCliOrThrow(args);
}

/** Runs `n8n export:nodes` and returns the node type names it lists. */
async function exportedNodeTypes() {
	const file = path.join(info().runDir, `nodes-${Date.now()}.json`);
	await runCliOrThrow(['export:nodes', `--output=${file}`]);
	const list = JSON.parse(fs.readFileSync(file, 'utf8'));
	return [...new Set(list.map((n) => n.name))];
}

module.exports = {
	n8nEnv,
	runCli,
	runCliOrThrow,
	importCredentials,
	importWorkflow,
	parseRawOutput,
	executeWorkflow,
	executeFinished,
	publishWorkflow,
	exportedNodeTypes,
};

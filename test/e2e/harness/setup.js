'use strict';
// Setting up one n8n instance for a run (install, the packed package, credentials, workflows) and
// removing it again. Plain async functions, usable outside jest.
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { ROOT, WORKFLOWS_DIR, INFO_ENV, DEFAULT_N8N_VERSION, NODE_FOR_N8N_1, PACKAGE_NAME, CREDENTIAL_IDS, OWNER } = require('./constants');
const { freePort, killGroup, runOrThrow, lastLine } = require('./process');
const { info, setInfo } = require('./info');
const { importCredentials, runCliOrThrow } = require('./cli');
const { simulatorCredentials } = require('./simulator');

const isN8n1 = (version) => /^1\./.test(version);

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
	setInfo(run);
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
	setInfo(null);
}

module.exports = { resolveN8n, installPackage, setupRun, teardownRun };

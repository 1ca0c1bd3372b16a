'use strict';
// n8n in queue mode (scale-out) for the end-to-end tests: Redis and PostgreSQL of its own on
// 127.0.0.1, then `n8n start` (main: editor, REST, production webhooks, waiting-webhook resumes,
// enqueues executions) and `n8n worker` (takes executions off the Redis queue and runs them).
//
// Builds on the e2e run that jest's global setup prepared (harness.info(): the n8n CLI, the Node
// it runs on, the simulator URL, the encryption key) but has folders, ports and a database of its
// own: main and worker each get a user folder with the package installed as a community package.
// The Debian packages come from scripts/install-system-deps.sh (redis-server, postgresql).
//
// Everything it starts runs in process groups of its own and is stopped by stop() (also on
// process exit); its temp folders are removed unless FINPASS_E2E_KEEP=1.

const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn, execFileSync } = require('child_process');
const harness = require('./harness');
const { killGroup, sleep } = require('./harness/process');

// ---------------------------------------------------------------------------------------------
// Processes

// Process groups started here that still run, and run folders not yet removed: cleaned up on exit
// and on Ctrl-C / SIGTERM too (Redis and PostgreSQL run in groups of their own and would outlive
// the test process otherwise). SIGKILL of the test process cannot be caught.
const liveGroups = new Set();
const liveDirs = new Set();
function cleanupNow() {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	liveGroups.clear();
	if (process.env.FINPASS_E2E_KEEP !== '1') for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
	liveDirs.clear();
}
process.on('exit', cleanupNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
	const onSignal = () => {
		cleanupNow();
		process.removeListener(signal, onSignal);
		// nobody else handles it: end the way the signal would have
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	};
	process.on(signal, onSignal);
}

/**
 * Starts a long-running command in its own process group, output appended to logFile.
 * Returns {pid, child, exited, log(), tail(n), stop({signal, graceMs})}.
 */
function startProcess(cmd, args, { env = process.env, cwd, logFile, uid, gid }) {
	const fd = fs.openSync(logFile, 'a');
	const opts = { env, cwd, detached: true, stdio: ['ignore', fd, fd] };
	if (uid !== undefined) Object.assign(opts, { uid, gid });
	const child = spawn(cmd, args, opts);
	fs.closeSync(fd);
	liveGroups.add(child.pid);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
	const tail = (n = 60) => `--- ${path.basename(logFile)} (end) ---\n${log().split('\n').slice(-n).join('\n')}`;
	const running = () => child.exitCode === null && child.signalCode === null;
	const stop = async ({ signal = 'SIGTERM', graceMs = 20000 } = {}) => {
		if (running()) {
			killGroup(child.pid, signal);
			let timer;
			const gone = await Promise.race([exited.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), graceMs)))]);
			clearTimeout(timer);
			if (!gone) {
				killGroup(child.pid, 'SIGKILL');
				await exited;
			}
		}
		killGroup(child.pid, 'SIGKILL'); // children that outlived their parent (n8n's task runner)
		liveGroups.delete(child.pid);
	};
	return { pid: child.pid, child, exited, log, tail, running, stop };
}

/** Runs a short command to its end; throws with its output when it fails. */
function runSync(cmd, args, { uid, gid, env } = {}) {
	try {
		return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], uid, gid, env, timeout: 120000 });
	} catch (e) {
		throw new Error(`${cmd} ${args.join(' ')} failed (${e.status ?? e.signal}):\n${e.stdout || ''}${e.stderr || ''}`);
	}
}

async function waitFor(what, check, { timeoutMs, proc, intervalMs = 200 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (proc && !proc.running()) throw new Error(`${what}: the process exited before it was ready\n${proc.tail()}`);
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms${proc ? `\n${proc.tail()}` : ''}`);
		await sleep(intervalMs);
	}
}

// ---------------------------------------------------------------------------------------------
// Redis

function findExecutable(name, extraDirs = []) {
	for (const dir of [...extraDirs, ...(process.env.PATH || '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin']) {
		const file = path.join(dir, name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// next
		}
	}
	return null;
}

const MISSING_HINT = 'run scripts/install-system-deps.sh (apt-get installs redis-server, postgresql and chromium when missing)';

/** Answers true when a Redis server on 127.0.0.1:port replies +PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (c) => {
			data += c;
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

async function startRedis(dir) {
	const bin = findExecutable('redis-server');
	if (!bin) throw new Error(`redis-server is not installed: ${MISSING_HINT}`);
	const port = await harness.freePort();
	fs.mkdirSync(dir, { recursive: true });
	const proc = startProcess(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''],
		{ cwd: dir, logFile: path.join(dir, 'redis.log') },
	);
	await waitFor('redis-server', () => redisPing(port), { timeoutMs: 20000, proc });
	return { port, proc, stop: () => proc.stop({ graceMs: 5000 }) };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a throwaway cluster (initdb into a temp folder). PostgreSQL refuses to run as root,
// so as root its programs run as the `postgres` user the Debian package creates.

function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const majors = fs
			.readdirSync(base)
			.filter((d) => fs.existsSync(path.join(base, d, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return path.join(base, majors[0], 'bin');
	}
	const initdb = findExecutable('initdb');
	if (initdb) return path.dirname(fs.realpathSync(initdb));
	throw new Error(`PostgreSQL (initdb) is not installed: ${MISSING_HINT}`);
}

function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error(`running as root, but there is no "postgres" user to run PostgreSQL as: ${MISSING_HINT}`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

async function startPostgres(dir) {
	const bin = postgresBinDir();
	const user = postgresUser();
	const port = await harness.freePort();
	fs.mkdirSync(dir, { recursive: true });
	if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
	const data = path.join(dir, 'data');
	// the environment without jest's and the locale's surprises (initdb checks LC_*)
	const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C', LC_ALL: 'C' };
	runSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
		...user,
		env,
	});
	const proc = startProcess(
		path.join(bin, 'postgres'),
		[
			'-D', data,
			'-p', String(port),
			'-k', dir,
			'-c', 'listen_addresses=127.0.0.1',
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=60',
		],
		{ env, cwd: dir, logFile: path.join(dir, 'postgres.log'), ...user },
	);
	const isReady = path.join(bin, 'pg_isready');
	await waitFor(
		'postgres',
		() => {
			execFileSync(isReady, ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'], { stdio: 'ignore', env });
			return true;
		},
		{ timeoutMs: 30000, proc },
	);
	// SIGINT: PostgreSQL's "fast" shutdown (SIGTERM waits for clients to leave)
	return { port, proc, database: 'postgres', user: 'postgres', stop: () => proc.stop({ signal: 'SIGINT', graceMs: 10000 }) };
}

// ---------------------------------------------------------------------------------------------
// Reading executions: which ones exist comes from the database, their data from the public API

/**
 * The executions rows of a workflow, straight from PostgreSQL: [{id, status, mode}], oldest first.
 * This is what n8n saved, whichever process saved it.
 */
function savedExecutionRows(pg, workflowId) {
	const bin = postgresBinDir();
	const sql = `SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' AND "deletedAt" IS NULL ORDER BY id`;
	const out = runSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-X', '-A', '-t', '-F', '\t', '-c', sql], {
		env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', PGCONNECT_TIMEOUT: '10' },
	});
	return out
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => {
			const [id, status, mode] = line.split('\t');
			return { id, status, mode };
		});
}

/**
 * Why not GET /api/v1/executions on main: in queue mode main lists only executions it does not
 * count as running itself (the handler leaves out the ids in its ActiveExecutions), and on n8n
 * 1.x an execution it enqueued stays there until Bull's `job.finished()` resolves. With
 * `removeOnComplete`, a job the worker finished before main asked is gone from Redis, and
 * `job.finished()` then waits for a completion event that has already passed: a short execution
 * (the replay test's, which fails at its first API call) can stay hidden from that list for
 * good, although it ran and was saved. So which executions exist is read from the database, and
 * each one's data over the public API by id (GET /api/v1/executions/:id leaves nothing out).
 */
function executionsFromDatabase({ mainUrl, ensureKey, pg, describe }) {
	const FINAL = new Set(['success', 'error', 'crashed', 'canceled', 'waiting']);
	const byId = async (id) => {
		const key = await ensureKey();
		const res = await fetch(`${mainUrl}/api/v1/executions/${id}?includeData=true`, { headers: { 'X-N8N-API-KEY': key } });
		const text = await res.text();
		if (!res.ok) throw new Error(`GET /api/v1/executions/${id}: ${res.status} ${text}`);
		return JSON.parse(text);
	};
	/** Saved executions of the workflow with their data, oldest first. */
	const executions = async (workflowId) => {
		const rows = savedExecutionRows(pg, workflowId);
		return await Promise.all(rows.map((row) => byId(row.id)));
	};
	/** The rows only (id, status, mode): what was saved, no API involved. */
	const savedExecutions = async (workflowId) => savedExecutionRows(pg, workflowId);
	/**
	 * Polls until `count` executions (with `status`, when given) are saved, then returns them with
	 * their data. Without a status, it also waits for those to reach a final state (or wait).
	 */
	const waitForExecutions = async (workflowId, { count = 1, status, timeoutMs = 90000 } = {}) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const rows = savedExecutionRows(pg, workflowId);
			const list = rows.filter((r) => (status ? r.status === status : FINAL.has(r.status)));
			if (list.length >= count) return await Promise.all(list.map((r) => byId(r.id)));
			if (Date.now() > deadline) {
				const seen = rows.map((e) => `${e.id}:${e.status}`).join(', ') || 'none saved';
				throw new Error(`expected ${count} execution(s) of ${workflowId}${status ? ` (${status})` : ' (finished)'}; in the database: ${seen}\n${describe()}`);
			}
			await sleep(500);
		}
	};
	// main's own list (GET /api/v1/executions), for comparison only
	const listed = harness.executionsReader(mainUrl, ensureKey, { timeoutMs: 1000 }).executions;
	const listedByMain = async (workflowId) => (await listed(workflowId)).map((e) => String(e.id));
	return { executions, waitForExecutions, savedExecutions, listedByMain };
}

// ---------------------------------------------------------------------------------------------
// n8n main + worker

/**
 * Starts the whole queue-mode stack. Options:
 *   credentials  list for `n8n import:credentials` (default: the simulator credentials)
 *   workflows    workflow objects to import ({id, ...}, imported in one call)
 *   publish      ids to publish before main starts (webhook triggers)
 *   concurrency  of the worker (default 5)
 *   webhookProcess  also start `n8n webhook` (a second process receiving production webhooks,
 *                as behind a load balancer); its URLs come from webhookProcessUrl(p)
 * Returns {mainUrl, webhookUrl(p), webhookProcessUrl(p), cliEnv, executeWorkflow(id),
 *          executions(workflowId), waitForExecutions(workflowId, {count, status, timeoutMs}),
 *          savedExecutions(workflowId) (rows only, see executionsFromDatabase),
 *          mainLog(), workerLog(), webhookLog(), timings, stop()}.
 */
async function startQueueMode({ credentials, workflows = [], publish = [], concurrency = 5, webhookProcess = false, log = () => {} } = {}) {
	const inf = harness.info();
	const t0 = Date.now();
	const timings = {};
	const mark = (name, since) => (timings[name] = Date.now() - since);
	const keep = process.env.FINPASS_E2E_KEEP === '1';
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-queue-'));
	liveDirs.add(runDir);
	// PostgreSQL (as `postgres`) must reach its folder through this one
	fs.chmodSync(runDir, 0o755);
	const stack = [];
	const stop = async () => {
		for (const s of stack.reverse()) await s().catch(() => {});
		stack.length = 0;
		if (keep) process.stderr.write(`\nfinpass queue mode: kept ${runDir}\n`);
		else fs.rmSync(runDir, { recursive: true, force: true });
		liveDirs.delete(runDir);
	};

	try {
		// the two services start side by side
		let t = Date.now();
		const services = await Promise.allSettled([startRedis(path.join(runDir, 'redis')), startPostgres(path.join(runDir, 'pg'))]);
		for (const s of services) if (s.status === 'fulfilled') stack.push(s.value.stop);
		const failed = services.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;
		const [redis, pg] = services.map((s) => s.value);
		mark('redisAndPostgres', t);
		log(`redis :${redis.port}, postgres :${pg.port} (${timings.redisAndPostgres} ms)`);

		const mainPort = await harness.freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const mainFolder = path.join(runDir, 'main');
		const workerFolder = path.join(runDir, 'worker');
		fs.mkdirSync(mainFolder);
		fs.mkdirSync(workerFolder);
		// what main, worker and every CLI call share: the database, the queue, the key, the URLs
		const shared = {
			N8N_ENCRYPTION_KEY: inf.encryptionKey,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: 'trust-auth-ignores-it',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_PORT: String(mainPort),
			N8N_WEBHOOK_URL: `${mainUrl}/`,
			N8N_EDITOR_BASE_URL: `${mainUrl}/`,
		};
		const cliEnv = { ...shared, N8N_USER_FOLDER: mainFolder };

		// the package, as a community install, in both user folders (they share nothing on disk)
		t = Date.now();
		const mainPackage = await harness.installPackage(mainFolder, runDir);
		fs.cpSync(mainPackage, path.join(workerFolder, path.relative(mainFolder, mainPackage)), { recursive: true });
		const webhookFolder = path.join(runDir, 'webhook');
		if (webhookProcess) fs.cpSync(mainPackage, path.join(webhookFolder, path.relative(mainFolder, mainPackage)), { recursive: true });
		mark('installPackage', t);

		const cli = async (args) => {
			const res = await harness.runCli(args, { env: cliEnv });
			if (res.code !== 0) {
				throw new Error(`n8n ${args.join(' ')} (queue mode) exited with ${res.code}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-3000)}`);
			}
			return res;
		};
		const importFile = (name, data) => {
			const file = path.join(runDir, name);
			fs.writeFileSync(file, JSON.stringify(data, null, 2));
			return file;
		};
		// the first call also runs the migrations on the empty database
		t = Date.now();
		await cli(['import:credentials', `--input=${importFile('credentials.json', credentials || harness.simulatorCredentials(inf.simUrl))}`]);
		mark('migrateAndImportCredentials', t);
		t = Date.now();
		if (workflows.length) {
			const list = workflows.map((w) => ({ active: false, settings: {}, connections: {}, ...w }));
			await cli(['import:workflow', `--input=${importFile('workflows.json', list)}`]);
		}
		// 2.x publishes; 1.x (no publish:workflow) sets the workflow active
		for (const id of publish) {
			await cli(inf.n8nMajor >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true']);
		}
		mark('importAndPublishWorkflows', t);

		// main and worker start side by side
		t = Date.now();
		const [mainBroker, workerBroker, workerHealthPort] = [await harness.freePort(), await harness.freePort(), await harness.freePort()];
		const main = startProcess(inf.nodePath, [inf.cliPath, 'start'], {
			cwd: mainFolder,
			env: harness.n8nEnv({ ...cliEnv, N8N_RUNNERS_BROKER_PORT: String(mainBroker) }),
			logFile: path.join(runDir, 'main.log'),
		});
		stack.push(() => main.stop());
		const worker = startProcess(inf.nodePath, [inf.cliPath, 'worker', `--concurrency=${concurrency}`], {
			cwd: workerFolder,
			env: harness.n8nEnv({
				...shared,
				N8N_USER_FOLDER: workerFolder,
				N8N_RUNNERS_BROKER_PORT: String(workerBroker),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(workerHealthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			}),
			logFile: path.join(runDir, 'worker.log'),
		});
		stack.push(() => worker.stop());
		// the webhook process: production webhooks only, same database and queue, its own port
		let webhook;
		const webhookPort = webhookProcess ? await harness.freePort() : undefined;
		if (webhookProcess) {
			webhook = startProcess(inf.nodePath, [inf.cliPath, 'webhook'], {
				cwd: webhookFolder,
				env: harness.n8nEnv({
					...shared,
					N8N_USER_FOLDER: webhookFolder,
					N8N_PORT: String(webhookPort),
					N8N_RUNNERS_BROKER_PORT: String(await harness.freePort()),
				}),
				logFile: path.join(runDir, 'webhook.log'),
			});
			stack.push(() => webhook.stop());
		}
		const httpOk = async (url) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === 200;
		await Promise.all([
			// 1.x answers readiness a few seconds before its REST routes exist: wait for both
			waitFor('n8n main', async () => (await httpOk(`${mainUrl}/healthz/readiness`)) && httpOk(`${mainUrl}/rest/settings`), {
				timeoutMs: 120000,
				proc: main,
				intervalMs: 250,
			}),
			// the worker's readiness checks its database and Redis connections
			waitFor('n8n worker', () => httpOk(`http://127.0.0.1:${workerHealthPort}/healthz/readiness`), {
				timeoutMs: 120000,
				proc: worker,
				intervalMs: 250,
			}),
			...(webhook
				? [waitFor('n8n webhook', () => httpOk(`http://127.0.0.1:${webhookPort}/healthz/readiness`), { timeoutMs: 120000, proc: webhook, intervalMs: 250 })]
				: []),
		]);
		mark('mainAndWorkerReady', t);
		timings.total = Date.now() - t0;
		log(`main ${mainUrl} and worker ready; setup ${timings.total} ms ${JSON.stringify(timings)}`);

		// ------------------------------------------------------------------ reading executions
		let apiKey;
		const ensureKey = async () => {
			if (apiKey) return apiKey;
			const cookie = await harness.ensureOwner(mainUrl);
			const headers = { cookie, 'content-type': 'application/json' };
			const scopesRes = await fetch(`${mainUrl}/rest/api-keys/scopes`, { headers });
			const scopes = scopesRes.ok ? (await scopesRes.json()).data : undefined;
			const res = await fetch(`${mainUrl}/rest/api-keys`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ label: `queue-e2e-${crypto.randomBytes(3).toString('hex')}`, expiresAt: null, ...(scopes ? { scopes } : {}) }),
			});
			const text = await res.text();
			if (!res.ok) throw new Error(`creating an API key failed: ${res.status} ${text}`);
			const d = JSON.parse(text).data;
			apiKey = d.rawApiKey || d.apiKey;
			return apiKey;
		};
		const { executions, waitForExecutions, savedExecutions, listedByMain } = executionsFromDatabase({
			mainUrl,
			ensureKey,
			pg,
			describe: () => `${worker.tail(30)}\n${main.tail(30)}`,
		});

		return {
			runDir,
			mainUrl,
			workerHealthUrl: `http://127.0.0.1:${workerHealthPort}`,
			redisPort: redis.port,
			postgresPort: pg.port,
			cliEnv,
			timings,
			webhookUrl: (p) => `${mainUrl}/webhook/${p.replace(/^\//, '')}`,
			webhookProcessUrl: (p) => `http://127.0.0.1:${webhookPort}/webhook/${p.replace(/^\//, '')}`,
			webhookLog: () => (webhook ? webhook.log() : ''),
			/** `n8n execute --id` against the queue-mode database (the CLI itself runs it: n8n's
			 * `execute` falls back to regular mode; what it leaves waiting is resumed by main). */
			executeWorkflow: (id) => harness.executeWorkflow(id, { env: cliEnv }),
			executions,
			waitForExecutions,
			savedExecutions,
			listedByMain,
			mainLog: main.log,
			workerLog: worker.log,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}

module.exports = { startQueueMode, startRedis, startPostgres, redisPing };

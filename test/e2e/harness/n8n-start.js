'use strict';
// `n8n start` (webhooks, triggers, the editor): started, waited for, stopped.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { OWNER } = require('./constants');
const { freePort, sleep, killGroup, liveGroups } = require('./process');
const { info } = require('./info');
const { n8nEnv, publishWorkflow } = require('./cli');
const { ensureOwner, ensureApiKey, executionsReader } = require('./api');

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

module.exports = { startN8n };

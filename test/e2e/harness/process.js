'use strict';
// Small process and network helpers: free ports, commands in their own process group (killed with
// the group when this process exits), output tails for error messages.
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const { ROOT } = require('./constants');

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

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

module.exports = { freePort, portIsFree, sleep, killGroup, liveGroups, run, tail, runOrThrow, lastLine };

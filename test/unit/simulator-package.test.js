'use strict';
// The second package of this repository, n8n-nodes-finpass-simulator (packages/simulator), as a
// user gets it: packed with `npm pack` (the simulator is its lib/; prepack copies the LICENSE in), installed from the
// tarball into an empty folder (offline: it has no dependencies), then started through the bin
// npm links, as `npx n8n-nodes-finpass-simulator --port <n>` does. It must start on the port it
// is given, print the credential values for n8n, answer the Finpass and FinPro APIs with those
// keys (401 without), and stop on SIGTERM. scripts/check-pack.js checks its file list.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawn } = require('child_process');
const { packSimulator } = require('../../scripts/check-pack');

let work;
let bin;

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-simulator-package-'));
	const { tarball } = packSimulator(work);
	const prefix = path.join(work, 'user');
	fs.mkdirSync(prefix);
	execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: prefix, stdio: 'pipe' });
	bin = path.join(prefix, 'node_modules', '.bin', 'n8n-nodes-finpass-simulator');
}, 120000);

afterAll(() => {
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Runs the bin; resolves {child, url, banner} once it prints its URL, or rejects with its output. */
function start(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const onData = (chunk) => {
			out += chunk;
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m && /Ctrl-C/.test(out) && out.includes('Base URL')) resolve({ child, url: m[1], banner: () => out });
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (chunk) => (out += chunk));
		child.on('exit', (code) => reject(new Error(`the simulator exited (${code}) before it listened:\n${out}`)));
	});
}

const exited = (child) => new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

test('the installed package links the bin and ships the simulator, not the repository tests', () => {
	expect(fs.existsSync(bin)).toBe(true);
	const installed = path.join(path.dirname(path.dirname(bin)), 'n8n-nodes-finpass-simulator');
	expect(fs.existsSync(path.join(installed, 'lib', 'server.js'))).toBe(true);
	expect(fs.existsSync(path.join(installed, 'scripts'))).toBe(false);
	expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).dependencies).toBeUndefined();
});

test('npx n8n-nodes-finpass-simulator --port <n> starts there and answers both vendors with the printed keys', async () => {
	// a port the test chose (the brief's `--port 3999` form), found free by binding it first
	const net = require('net');
	const port = await new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const p = s.address().port;
			s.close(() => resolve(p));
		});
	});
	const { child, url, banner } = await start(['--port', String(port)]);
	const gone = exited(child);
	try {
		expect(url).toBe(`http://127.0.0.1:${port}`);
		const text = banner();
		expect(text).toContain(`Base URL ${url}`);
		expect(text).toMatch(/API Key sim_key\s+API Secret sim_secret/);

		const init = (headers) =>
			fetch(`${url}/api/v1/services/account-aggregator/init`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify({ mobile_number: '9876543210', consent_type: 'loan_underwriting' }),
			});
		const good = await init({ 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' });
		expect(good.status).toBe(200);
		const body = await good.json();
		expect(body.success).toBe(true);
		expect(body.data.client_id).toEqual(expect.any(String));
		expect((await init({ 'x-api-key': 'sim_key', 'x-api-secret': 'wrong' })).status).toBe(401);

		const finpro = await fetch(`${url}/getfibalance`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', client_id: 'sim_client', client_secret: 'wrong', organisationId: 'sim_org', appIdentifier: 'sim_app' },
			body: JSON.stringify({ consentID: '00000000-0000-0000-0000-000000000000' }),
		});
		expect(finpro.status).toBe(401);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await gone).toEqual({ code: 0, signal: null });
});

test('the installed package serves every example workflow at /examples/<name>.json, and its banner lists them and the test borrowers', async () => {
	const { child, url, banner } = await start(['--port', '0']);
	const gone = exited(child);
	try {
		const text = banner();
		const repoExamples = fs.readdirSync(path.join(__dirname, '..', '..', 'packages', 'simulator', 'examples')).filter((f) => f.endsWith('.json')).sort();
		expect(repoExamples.length).toBeGreaterThan(5);
		// the import path n8n 2.x's editor offers, and one URL per example
		expect(text).toContain('"..." menu (top right) → Import → From URL');
		for (const f of repoExamples) expect(text).toContain(`${url}/examples/${f}`);
		// the Account Aggregator's test borrowers (routes/account-aggregator.js): approve, reject, revoke, fetch error
		expect(text).toMatch(/9876543210 .*consent approved, data ready/);
		expect(text).toMatch(/0001, e\.g\. 9876500001: consent rejected/);
		expect(text).toMatch(/0002, e\.g\. 9876500002: consent revoked/);
		expect(text).toMatch(/0003, e\.g\. 9876500003: consent approved, data fetch error/);

		const list = await (await fetch(`${url}/examples/`, { headers: { accept: 'application/json' } })).json();
		expect(list.map((e) => e.file)).toEqual(repoExamples);
		for (const e of list) {
			const res = await fetch(e.url);
			expect(res.status).toBe(200);
			const wf = await res.json();
			// what n8n's GET /rest/workflows/from-url accepts: nodes (a list) and connections (an object)
			expect(Array.isArray(wf.nodes)).toBe(true);
			expect(typeof wf.connections).toBe('object');
			expect(wf).toEqual(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'packages', 'simulator', 'examples', e.file), 'utf8')));
		}
		const page = await (await fetch(`${url}/examples/`)).text();
		expect(page).toContain(`${url}/examples/loan-underwriting-quickstart.json`);
		expect((await fetch(`${url}/examples/no-such-example.json`)).status).toBe(404);
		expect((await fetch(`${url}/examples/..%2Fpackage.json`)).status).toBe(404);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await gone).toEqual({ code: 0, signal: null });
});

test('--help prints the usage; an unknown option is refused with exit 2', () => {
	expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toMatch(/--port <n>/);
	let failure;
	try {
		execFileSync(bin, ['--prot', '3999'], { encoding: 'utf8', stdio: 'pipe' });
	} catch (e) {
		failure = e;
	}
	expect(failure.status).toBe(2);
	expect(failure.stderr).toMatch(/unknown option --prot/);
});

#!/usr/bin/env node
'use strict';
// Release readiness, run by `npm test` after the build (needs dist/):
//  1. What `npm pack` would publish: dist/ (compiled .js and the icons) plus package.json, README.md,
//     LICENSE and CHANGELOG.md, nothing else: no tests, no TypeScript sources, no source maps, no
//     simulator keys or private keys in any packed file, every file package.json's "n8n" section
//     names, every icon a node or credential refers to.
//  2. package.json as n8n's verification wants it: the community keyword, n8n section (API version
//     1, strict), MIT licence, author, repository (provenance names it), no runtime dependencies,
//     n8n-workflow only as a peer dependency.
//  3. Node versions: every node class says which versions it implements (an integer >= 1, or a
//     list of them), so a later change can add a version and keep saved workflows on the old one.
//  4. n8n's verification scanner rules, run locally: `analyzePackage()` from
//     @n8n/scan-community-package (scanner/scanner.mjs) on the unpacked tarball (compiled .js and
//     package.json, as the scanner does with a published tarball) and on the sources it lints
//     through the package's provenance (package.json, nodes/, credentials/). Any finding fails.
// Exit 0 when all is well, 1 with the problems listed otherwise. Prints what it checked.
// Usage: node scripts/check-pack.js   (FINPASS_KEEP_PACK=1 keeps the unpacked copy)

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..');
const SCANNER_PACKAGE = '@n8n/scan-community-package';
const ALLOWED_TOP_FILES = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);
const ALLOWED_DIST_EXTENSIONS = new Set(['.js', '.svg', '.png', '.json']);
// in any packed file
const SECRET_PATTERNS = [
	[/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
	[/\bsk-[A-Za-z0-9]{20,}/, 'an API key (sk-...)'],
	[/\bnpm_[A-Za-z0-9]{30,}/, 'an npm token'],
	[/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
];

const problems = [];
const problem = (text) => problems.push(text);
const say = (text = '') => process.stdout.write(`${text}\n`);

function npm(args, opts = {}) {
	return execFileSync('npm', args, {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
		...opts,
	});
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// 1. The packed file list

function checkFileList(pkg, files) {
	const paths = files.map((f) => f.path);
	for (const p of paths) {
		const ext = path.extname(p);
		if (p.startsWith('dist/')) {
			if (p.endsWith('.map')) problem(`${p}: source map in the package`);
			else if (ext === '.ts') problem(`${p}: TypeScript in the package`);
			else if (!ALLOWED_DIST_EXTENSIONS.has(ext)) problem(`${p}: unexpected file type in dist/`);
			if (/(^|\/)(test|tests|__tests__|__mocks__|fixtures?)\//.test(p) || /\.(test|spec)\.js$/.test(p)) {
				problem(`${p}: test code in the package`);
			}
		} else if (!ALLOWED_TOP_FILES.has(p)) {
			problem(`${p}: only dist/, package.json, README.md, LICENSE and CHANGELOG.md belong in the package`);
		}
	}
	for (const required of ['package.json', 'README.md', 'LICENSE']) {
		if (!paths.includes(required)) problem(`${required} is missing from the package`);
	}
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	for (const f of listed) if (!paths.includes(f)) problem(`${f} (named in package.json "n8n") is not in the package`);
	if (pkg.main && !paths.includes(pkg.main.replace(/^\.\//, ''))) {
		// n8n loads the files named in "n8n"; a "main" that is not shipped only misleads
		problem(`"main": ${pkg.main} is not in the package (drop "main" or ship the file)`);
	}
	return paths;
}

function checkContents(dir, paths) {
	let icons = 0;
	for (const p of paths) {
		const file = path.join(dir, p);
		if (!fs.existsSync(file)) continue;
		const text = fs.readFileSync(file, 'utf8');
		for (const [re, what] of SECRET_PATTERNS) if (re.test(text)) problem(`${p}: contains ${what}`);
		// the simulator's built-in keys (test/simulator/server.js) may be documented in the README,
		// but no shipped code may carry them (a test default left in a node)
		if (p.startsWith('dist/') && /\bsim_(?:key|secret|client_secret)\b/.test(text)) problem(`${p}: contains a simulator key`);
		if (/\/\/# sourceMappingURL=/.test(text)) problem(`${p}: refers to a source map`);
		if (!p.endsWith('.js')) continue;
		// icons: 'file:<relative path>' in node and credential descriptions
		for (const m of text.matchAll(/['"`]file:([^'"`]+\.(?:svg|png))['"`]/g)) {
			icons++;
			const icon = path.join(path.dirname(file), m[1]);
			if (!fs.existsSync(icon)) problem(`${p}: icon ${m[1]} is not in the package`);
		}
	}
	return icons;
}

// ---------------------------------------------------------------------------------------------
// 2. package.json

function checkPackageJson(pkg) {
	if (!pkg.keywords?.includes('n8n-community-node-package')) problem('package.json: keywords must include "n8n-community-node-package"');
	if (!/^n8n-nodes-|^@[^/]+\/n8n-nodes-/.test(pkg.name)) problem(`package.json: name ${pkg.name} must start with n8n-nodes- (or @scope/n8n-nodes-)`);
	if (pkg.n8n?.n8nNodesApiVersion !== 1) problem('package.json: n8n.n8nNodesApiVersion must be 1');
	if (pkg.n8n?.strict !== true) problem('package.json: n8n.strict must be true');
	if (!pkg.n8n?.nodes?.length) problem('package.json: n8n.nodes lists no node');
	if (pkg.license !== 'MIT') problem(`package.json: license is ${pkg.license}, expected MIT (LICENSE says MIT)`);
	if (!pkg.author?.name && typeof pkg.author !== 'string') problem('package.json: author is missing');
	const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	if (!repo || !/github\.com/.test(repo)) problem('package.json: repository must name the GitHub repository (npm provenance checks it)');
	if (Object.keys(pkg.dependencies ?? {}).length) {
		problem(`package.json: runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}): verified community nodes must have none`);
	}
	const peers = Object.keys(pkg.peerDependencies ?? {});
	if (peers.some((p) => p !== 'n8n-workflow')) problem(`package.json: peer dependencies other than n8n-workflow: ${peers.join(', ')}`);
	if (pkg.overrides) problem('package.json: "overrides" is not allowed in community packages');
	if (pkg.scripts?.postinstall || pkg.scripts?.preinstall || pkg.scripts?.install) {
		problem('package.json: install scripts would run on every n8n that installs the package');
	}
}

// ---------------------------------------------------------------------------------------------
// 3. Node versions (loads the compiled nodes: n8n-workflow comes from the dev dependencies)

function checkNodeVersions(pkg) {
	const rows = [];
	for (const file of pkg.n8n?.nodes ?? []) {
		const full = path.join(ROOT, file);
		if (!fs.existsSync(full)) continue; // reported by the file list check
		let description;
		try {
			const mod = require(full);
			const Cls = Object.values(mod).find((v) => typeof v === 'function');
			description = new Cls().description;
		} catch (e) {
			problem(`${file}: cannot be loaded (${e.message.split('\n')[0]})`);
			continue;
		}
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		if (!versions.length || !versions.every((v) => Number.isInteger(v) && v >= 1)) {
			problem(`${file}: description.version must be an integer >= 1 or a list of them (is ${JSON.stringify(description.version)})`);
		}
		if (description.defaultVersion !== undefined && !versions.includes(description.defaultVersion)) {
			problem(`${file}: defaultVersion ${description.defaultVersion} is not one of its versions`);
		}
		rows.push(`${description.displayName} (${description.name}) v${versions.join(', v')}`);
	}
	return rows;
}

// ---------------------------------------------------------------------------------------------
// 4. The scanner

function scannerModulePath() {
	let pkgJson;
	try {
		pkgJson = require.resolve(`${SCANNER_PACKAGE}/package.json`, { paths: [ROOT] });
	} catch {
		return null;
	}
	return path.join(path.dirname(pkgJson), 'scanner', 'scanner.mjs');
}

async function runScanner(unpacked) {
	const file = scannerModulePath();
	if (!file || !fs.existsSync(file)) {
		problem(`${SCANNER_PACKAGE} is not installed (a dev dependency): run \`npm ci\``);
		return [];
	}
	// the scanner makes a temp folder when it is loaded (tmp.dirSync) and never removes it: point
	// it into our work folder, which is removed at the end
	const tmpdir = process.env.TMPDIR;
	process.env.TMPDIR = path.dirname(unpacked);
	let scanner;
	try {
		scanner = await import(pathToFileURL(file).href);
	} finally {
		if (tmpdir === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = tmpdir;
	}
	if (typeof scanner.analyzePackage !== 'function') {
		problem(`${SCANNER_PACKAGE}: scanner/scanner.mjs has no analyzePackage() (did its API change?)`);
		return [];
	}
	const sourcePatterns = scanner.SOURCE_FILE_PATTERNS ?? ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
	const legs = [
		// what the scanner lints in a published tarball
		['packed tarball (compiled .js, package.json)', unpacked, ['**/*.js', 'package.json']],
		// what it lints in the source its provenance points at
		['sources (package.json, nodes/, credentials/)', ROOT, sourcePatterns],
	];
	const done = [];
	for (const [label, dir, patterns] of legs) {
		const result = await scanner.analyzePackage(dir, patterns);
		if (!result.passed) problem(`scanner, ${label}: ${result.message}\n${result.details ?? ''}`.trim());
		done.push(`${label}: ${result.passed ? 'clean' : 'FINDINGS'}`);
	}
	return done;
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const t0 = Date.now();
	const pkg = readJson(path.join(ROOT, 'package.json'));
	for (const f of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(ROOT, f))) {
			say(`check-pack: ${f} is missing: run \`npm run build\` first`);
			process.exit(1);
		}
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-check-pack-'));
	try {
		// --ignore-scripts: a prepack/prepare script must not rebuild or change what we check
		const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work]));
		const tarball = path.join(work, packed.filename);
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

		const paths = checkFileList(pkg, packed.files);
		const icons = checkContents(unpacked, paths);
		checkPackageJson(pkg);
		const nodes = checkNodeVersions(pkg);
		const scans = await runScanner(unpacked);

		say(`package ${packed.id}: ${paths.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`);
		const top = [...new Set(paths.map((p) => (p.startsWith('dist/') ? 'dist/' : p)))];
		say(`  contents: ${top.join(', ')} (${paths.filter((p) => p.startsWith('dist/')).length} files under dist/, ${icons} icon references)`);
		say(`  nodes: ${nodes.join('; ')}`);
		for (const s of scans) say(`  n8n scanner rules, ${s}`);
		say(`  ${Date.now() - t0} ms`);
	} finally {
		if (process.env.FINPASS_KEEP_PACK === '1') say(`  kept ${work}`);
		else fs.rmSync(work, { recursive: true, force: true });
	}
	if (problems.length) {
		say(`\ncheck-pack: ${problems.length} problem(s):`);
		for (const p of problems) say(`  - ${p.replace(/\n/g, '\n    ')}`);
		process.exit(1);
	}
	say('check-pack: ok');
}

main().catch((e) => {
	process.stderr.write(`check-pack: ${e.stack || e}\n`);
	process.exit(1);
});

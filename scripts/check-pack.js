#!/usr/bin/env node
'use strict';
// Release readiness, run by `npm test` after the build (needs dist/). The repository publishes two
// npm packages; for EACH, what `npm pack` would ship is listed and checked:
//  A. n8n-nodes-finpass (the repository root), the community-node package:
//   1. What `npm pack` would publish: dist/ (compiled .js, the icons and the codex files) plus
//      package.json, README.md, LICENSE and CHANGELOG.md, nothing else: no tests, no TypeScript
//      sources, no source maps, no simulator (n8n's scanner rules: see B), no simulator keys or
//      private keys in any packed file, every file package.json's "n8n" section names, every icon
//      a node or credential refers to, a codex file (<Node>.node.json) next to every node.
//   2. package.json as n8n's verification wants it: the community keyword, n8n section (API version
//      1, strict), MIT licence, author, repository (provenance names it), no runtime dependencies,
//      n8n-workflow only as a peer dependency.
//   3. Node versions: every node class says which versions it implements (an integer >= 1, or a
//      list of them), so a later change can add a version and keep saved workflows on the old one.
//   4. n8n's verification scanner rules, run locally: `analyzePackage()` from
//      @n8n/scan-community-package (scanner/scanner.mjs) on the unpacked tarball (compiled .js and
//      package.json, as the scanner does with a published tarball) and on the sources it lints
//      through the package's provenance (package.json, nodes/, credentials/). Any finding fails.
//   5. Documentation links: every link a credential (documentationUrl), a node (documentationUrl)
//      or a codex file gives points at the README on the repository's page (package.json
//      "homepage") with a #anchor that is a heading of README.md, or at a file of the repository
//      (homepage/blob/main/<path>) that exists; every relative link in README.md and docs/*.md
//      names a file that exists (and its #anchor, when it has one). The README has a section per
//      node (### <display name>) naming each of its operations; docs/job-states.md lists the
//      job-state sets the compiled nodes use; the n8n versions are stated alike in package.json,
//      README and CHANGELOG.
//  B. n8n-nodes-finpass-simulator (packages/simulator), the local simulator for trying the nodes
//     without keys. It is a separate package because the simulator opens a server, reads files
//     and uses `process`, which n8n's scanner rules forbid in a community-node package. The
//     simulator's one copy is its lib/ (the repository's tests use it). Checked: it ships exactly
//     package.json, README.md, LICENSE, its bin, every file of lib/ and the example workflows (examples/*.json, which it serves); no
//     dependencies; a bin with a Node shebang; not marked as an n8n community-node package; the
//     same version as the node package. (test/unit/simulator-package.test.js installs the packed
//     tarball and proves the bin starts and answers.)
// Exit 0 when all is well, 1 with the problems listed otherwise. Prints what it checked.
// Usage: node scripts/check-pack.js   (FINPASS_KEEP_PACK=1 keeps the unpacked copies)
// Also a module: packSimulator(workDir) packs and unpacks package B (used by the unit test).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..');
const SIMULATOR_DIR = path.join(ROOT, 'packages', 'simulator');
const SIMULATOR_SOURCE = path.join(SIMULATOR_DIR, 'lib');
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
		// the simulator's built-in keys (packages/simulator/lib/server.js) may be documented in the README,
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

function checkNodeVersions(pkg, descriptions = new Map()) {
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
		descriptions.set(file, description);
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
// 5. Codex files and documentation links

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
	const text = heading
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[`*_]/g, '')
		.trim()
		.toLowerCase();
	return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

const anchorCache = new Map();
/** The anchors a Markdown file offers: its headings (GitHub's numbering of repeats) and id/name attributes. */
function anchorsOf(file) {
	if (anchorCache.has(file)) return anchorCache.get(file);
	const seen = new Map();
	const anchors = new Set();
	let fenced = false;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (/^\s*```/.test(line)) fenced = !fenced;
		if (fenced) continue;
		const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (m) {
			const base = slug(m[1]);
			const n = seen.get(base) ?? 0;
			seen.set(base, n + 1);
			anchors.add(n ? `${base}-${n}` : base);
		}
		for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1]);
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** Codex files (dist/nodes/<Node>/<Node>.node.json) next to every node, named for it, with categories and links. */
function checkCodex(pkg, unpacked, paths, descriptions) {
	const links = [];
	for (const file of pkg.n8n?.nodes ?? []) {
		const codexPath = file.replace(/\.js$/, '.json');
		const description = descriptions.get(file);
		if (!paths.includes(codexPath)) {
			problem(`${codexPath}: no codex file for ${file} (categories and documentation links in the node panel)`);
			continue;
		}
		let codex;
		try {
			codex = readJson(path.join(unpacked, codexPath));
		} catch (e) {
			problem(`${codexPath}: not JSON (${e.message})`);
			continue;
		}
		if (description && codex.node !== `${pkg.name}.${description.name}`) problem(`${codexPath}: "node" is ${codex.node}, expected ${pkg.name}.${description.name}`);
		for (const key of ['nodeVersion', 'codexVersion']) if (typeof codex[key] !== 'string') problem(`${codexPath}: "${key}" is missing`);
		if (!Array.isArray(codex.categories) || !codex.categories.length) problem(`${codexPath}: no categories`);
		// a node without credentials (computing only) has no credential documentation
		const kinds = description && !description.credentials?.length ? ['primaryDocumentation'] : ['primaryDocumentation', 'credentialDocumentation'];
		for (const kind of kinds) {
			const list = codex.resources?.[kind];
			if (!Array.isArray(list) || !list.length || !list.every((r) => typeof r?.url === 'string')) problem(`${codexPath}: resources.${kind} has no url`);
			else for (const r of list) links.push([`${codexPath} ${kind}`, r.url]);
		}
		if (description?.documentationUrl) links.push([`${file} documentationUrl`, description.documentationUrl]);
	}
	return links;
}

/** Credential classes' documentationUrl (from the compiled files). */
function credentialLinks(pkg) {
	const links = [];
	for (const file of pkg.n8n?.credentials ?? []) {
		try {
			const mod = require(path.join(ROOT, file));
			const Cls = Object.values(mod).find((v) => typeof v === 'function');
			const url = new Cls().documentationUrl;
			if (!url) problem(`${file}: no documentationUrl`);
			else links.push([`${file} documentationUrl`, url]);
		} catch (e) {
			problem(`${file}: cannot be loaded (${e.message.split('\n')[0]})`);
		}
	}
	return links;
}

/**
 * Links that must open the README on the repository's page (homepage#anchor) at an existing
 * heading, or a file of the repository (homepage/blob/main/<path>#anchor) that exists.
 */
function checkReadmeLinks(pkg, links) {
	const home = String(pkg.homepage || '').replace(/#.*$/, '');
	if (!home) problem('package.json: homepage is missing (documentation links point at its README)');
	for (const [where, url] of links) {
		const [base, anchor] = url.split('#');
		let file = null;
		if (base.replace(/\?tab=readme-ov-file$/, '') === home) file = 'README.md';
		else if (base.startsWith(`${home}/blob/main/`)) file = decodeURI(base.slice(`${home}/blob/main/`.length));
		if (!file) problem(`${where}: ${url} is not the README or a file on ${home}`);
		else if (!fs.existsSync(path.join(ROOT, file))) problem(`${where}: ${url}: ${file} does not exist`);
		else if (!anchor && file === 'README.md') problem(`${where}: ${url} names no section (#anchor) of the README`);
		else if (anchor && file.endsWith('.md') && !anchorsOf(path.join(ROOT, file)).has(anchor)) problem(`${where}: ${url}: ${file} has no heading #${anchor}`);
	}
	return links.length;
}

/** Relative links and images in README.md and docs/*.md: the file exists (and the #anchor in it). */
function checkMarkdownLinks() {
	const files = [path.join(ROOT, 'README.md')];
	const docs = path.join(ROOT, 'docs');
	if (fs.existsSync(docs)) files.push(...fs.readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => path.join(docs, f)));
	let count = 0;
	for (const file of files) {
		let fenced = false;
		for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
			if (/^\s*```/.test(line)) fenced = !fenced;
			if (fenced) continue;
			const targets = [...line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...line.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]);
			for (const target of targets) {
				if (/^[a-z]+:/i.test(target)) continue; // http(s), mailto
				count++;
				const [rel, anchor] = target.split('#');
				const dest = rel ? path.resolve(path.dirname(file), decodeURI(rel)) : file;
				const where = `${path.relative(ROOT, file)}: link ${target}`;
				if (!fs.existsSync(dest)) problem(`${where}: ${path.relative(ROOT, dest)} does not exist`);
				else if (anchor && dest.endsWith('.md') && !anchorsOf(dest).has(anchor)) problem(`${where}: no heading #${anchor} in ${path.relative(ROOT, dest)}`);
			}
		}
	}
	return count;
}

/** The README's `### ` sections: heading text → the lines under it (up to the next heading). */
function readmeSections() {
	const sections = new Map();
	let current = null;
	for (const line of fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n')) {
		const m = /^(#{2,3})\s+(.*?)\s*$/.exec(line);
		if (m) {
			current = m[1] === '###' ? m[2] : null;
			if (current) sections.set(current, '');
		} else if (current) sections.set(current, `${sections.get(current)}${line}\n`);
	}
	return sections;
}

/**
 * The README describes the nodes the package ships: a `### <node display name>` section per node
 * (the anchor its codex and documentation links open), naming every operation the node offers in
 * bold. A renamed node or operation makes this fail until the README says the same.
 */
function checkReadmeNodes(descriptions) {
	const sections = readmeSections();
	let operations = 0;
	for (const d of descriptions.values()) {
		const text = sections.get(d.displayName);
		if (text === undefined) {
			problem(`README.md: no "### ${d.displayName}" section for the node ${d.name} (its documentation links open #${slug(d.displayName)})`);
			continue;
		}
		const names = new Set((d.properties ?? []).filter((p) => p.name === 'operation').flatMap((p) => (p.options ?? []).map((o) => o.name)));
		for (const name of names) {
			operations++;
			if (!text.replace(/\s+/g, ' ').includes(`**${name}**`)) problem(`README.md, section "${d.displayName}": the operation **${name}** is not named`);
		}
	}
	return operations;
}

/** docs/job-states.md lists exactly the job-state sets the compiled nodes use (JOB_STATES). */
function checkJobStatesDoc() {
	const doc = path.join(ROOT, 'docs', 'job-states.md');
	if (!fs.existsSync(doc)) return problem('docs/job-states.md is missing (the README links it)');
	const find = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				const hit = find(full);
				if (hit) return hit;
			} else if (entry.name.endsWith('.js') && /exports\.JOB_STATES\s*=/.test(fs.readFileSync(full, 'utf8'))) return full;
		}
		return null;
	};
	const file = find(path.join(ROOT, 'dist', 'nodes'));
	if (!file) return problem('no compiled module exports JOB_STATES: docs/job-states.md cannot be checked');
	const states = require(file).JOB_STATES;
	const rows = fs.readFileSync(doc, 'utf8').split('\n').filter((l) => /^\|/.test(l) && l.includes('`'));
	const products = Object.keys(states);
	if (rows.length !== products.length) return problem(`docs/job-states.md: ${rows.length} table rows, the code has ${products.length} products (${products.join(', ')})`);
	const same = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
	products.forEach((product, i) => {
		const cells = rows[i].split('|').slice(2, 5).map((c) => [...c.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
		['pending', 'completed', 'failed'].forEach((phase, j) => {
			if (!same(cells[j] ?? [], states[product][phase] ?? [])) problem(`docs/job-states.md, row ${i + 1}: the ${phase} states differ from JOB_STATES.${product}.${phase} (${path.relative(ROOT, file)})`);
		});
	});
	return products.length;
}

/**
 * The one statement of the n8n versions ("Tested on n8n A and B; loads on n8n C and newer"):
 * the same versions in package.json's description, README.md and CHANGELOG.md, and the tested
 * ones are those CI installs (.ci/run).
 */
function checkCompatibility(pkg) {
	const re = /Tested on n8n (\d+\.\d+\.\d+) and (\d+\.\d+\.\d+)[^;]*;\s+loads on n8n (\d+\.\d+) and newer/;
	const sources = [
		['package.json description', pkg.description ?? ''],
		['README.md', fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')],
		['CHANGELOG.md', fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')],
	];
	const found = sources.map(([where, text]) => {
		const m = re.exec(text.replace(/\s+/g, ' '));
		if (!m) problem(`${where}: no "Tested on n8n A and B; loads on n8n C and newer" statement`);
		return m ? m.slice(1).join(' / ') : null;
	});
	const statements = [...new Set(found.filter(Boolean))];
	if (statements.length > 1) problem(`the n8n versions differ: ${sources.map(([w], i) => `${w}: ${found[i]}`).join('; ')}`);
	const ci = path.join(ROOT, '.ci', 'run');
	if (statements.length === 1 && fs.existsSync(ci)) {
		const text = fs.readFileSync(ci, 'utf8');
		for (const v of statements[0].split(' / ').slice(0, 2)) if (!text.includes(v)) problem(`.ci/run does not install n8n ${v}, which the compatibility statement says is tested`);
	}
	return statements[0];
}

// ---------------------------------------------------------------------------------------------
// B. The simulator package (packages/simulator)

/**
 * `npm pack` of packages/simulator (its prepack copies the LICENSE in, as `npm publish` does)
 * into workDir, unpacked into workDir/simulator-package. Returns {packed, tarball, unpacked}.
 */
function packSimulator(workDir) {
	const out = npm(['pack', '--json', '--pack-destination', workDir], { cwd: SIMULATOR_DIR });
	// the prepack script's own output comes before the JSON
	const [packed] = JSON.parse(out.slice(out.search(/^\[/m)));
	const tarball = path.join(workDir, packed.filename);
	const unpacked = path.join(workDir, 'simulator-package');
	fs.mkdirSync(unpacked, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	return { packed, tarball, unpacked };
}

function checkSimulatorPackage(work, rootPkg) {
	const pkg = readJson(path.join(SIMULATOR_DIR, 'package.json'));
	const { packed, unpacked } = packSimulator(work);
	const paths = packed.files.map((f) => f.path).sort();
	const bins = Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin ?? {}).map((b) => b.replace(/^\.\//, ''));
	const simulatorFiles = require(path.join(SIMULATOR_DIR, 'scripts', 'stage.js')).filesUnder(SIMULATOR_SOURCE).map((f) => `lib/${f}`);
	const exampleFiles = fs.readdirSync(path.join(SIMULATOR_DIR, 'examples')).filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`);
	const expected = ['package.json', 'README.md', 'LICENSE', ...bins, ...simulatorFiles, ...exampleFiles].sort();
	for (const p of paths) if (!expected.includes(p)) problem(`${pkg.name}: ${p} should not be in the package`);
	for (const p of expected) if (!paths.includes(p)) problem(`${pkg.name}: ${p} is missing from the package`);
	if (!bins.length) problem(`${pkg.name}: package.json has no "bin" (npx ${pkg.name} must start it)`);
	for (const b of bins) {
		const file = path.join(unpacked, b);
		if (fs.existsSync(file) && !fs.readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')) problem(`${pkg.name}: ${b} does not start with #!/usr/bin/env node`);
	}
	for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
		if (Object.keys(pkg[key] ?? {}).length) problem(`${pkg.name}: package.json has ${key}: it runs on Node alone`);
	}
	if (pkg.n8n || pkg.keywords?.includes('n8n-community-node-package')) problem(`${pkg.name}: must not be marked as an n8n community-node package (it is not one)`);
	if (pkg.license !== 'MIT') problem(`${pkg.name}: license is ${pkg.license}, expected MIT`);
	if (pkg.version !== rootPkg.version) problem(`${pkg.name}: version ${pkg.version} differs from ${rootPkg.name} ${rootPkg.version} (released together)`);
	if (pkg.repository?.directory !== 'packages/simulator') problem(`${pkg.name}: repository.directory must be packages/simulator (npm provenance)`);
	for (const p of paths) {
		const text = fs.readFileSync(path.join(unpacked, p), 'utf8');
		for (const [re, what] of SECRET_PATTERNS) if (re.test(text)) problem(`${pkg.name}: ${p} contains ${what}`);
	}
	return { packed, paths };
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
		for (const p of paths) if (/simulator/i.test(p)) problem(`${p}: the simulator belongs in ${path.relative(ROOT, SIMULATOR_DIR)}, not in the node package`);
		const icons = checkContents(unpacked, paths);
		checkPackageJson(pkg);
		const descriptions = new Map();
		const nodes = checkNodeVersions(pkg, descriptions);
		const links = [...credentialLinks(pkg), ...checkCodex(pkg, unpacked, paths, descriptions)];
		const anchored = checkReadmeLinks(pkg, links);
		const relative = checkMarkdownLinks();
		const compatibility = checkCompatibility(pkg);
		const documented = checkReadmeNodes(descriptions);
		const jobProducts = checkJobStatesDoc();
		const scans = await runScanner(unpacked);

		say(`package ${packed.id}: ${paths.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`);
		const top = [...new Set(paths.map((p) => (p.startsWith('dist/') ? 'dist/' : p)))];
		const codexCount = paths.filter((p) => p.endsWith('.node.json')).length;
		say(`  contents: ${top.join(', ')} (${paths.filter((p) => p.startsWith('dist/')).length} files under dist/, ${icons} icon references, ${codexCount} codex files)`);
		say(`  nodes: ${nodes.join('; ')}`);
		for (const s of scans) say(`  n8n scanner rules, ${s}`);
		say(`  n8n versions (package.json, README, CHANGELOG): tested ${compatibility ?? '?'}`.replace(/ \/ ([\d.]+)$/, ', loads from $1'));
		say(`  README: a section per node naming its ${documented} operations; docs/job-states.md matches the code's ${jobProducts ?? 0} job-state sets`);
		say(`  documentation links: ${anchored} from credentials, nodes and codex files to README anchors or repository files, ${relative} relative links in README.md and docs/`);

		const sim = checkSimulatorPackage(work, pkg);
		say(`package ${sim.packed.id}: ${sim.paths.length} files, ${(sim.packed.size / 1024).toFixed(1)} kB packed`);
		say(`  contents: ${sim.paths.join(', ')}`);
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

module.exports = { packSimulator, slug, anchorsOf, SIMULATOR_DIR };

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`check-pack: ${e.stack || e}\n`);
		process.exit(1);
	});
}

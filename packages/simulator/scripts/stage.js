#!/usr/bin/env node
'use strict';
// prepack of n8n-nodes-finpass-simulator: copies the simulator (test/simulator/, the one copy in
// git, which the repository's own tests use) and the repository's LICENSE into this package, so
// `npm pack` / `npm publish` ship them. The copies are git-ignored and replaced on every pack.
// Usage: node packages/simulator/scripts/stage.js   (also exported: stage() → list of copied files)

const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(PACKAGE_DIR, '..', '..');
const SOURCE = path.join(REPO, 'test', 'simulator');
const TARGET = path.join(PACKAGE_DIR, 'simulator');

/** Every file under dir (the simulator's code and any data it reads), relative to it, sorted. */
function filesUnder(dir, prefix = '') {
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.isDirectory()) out.push(...filesUnder(path.join(dir, entry.name), rel));
		else out.push(rel);
	}
	return out.sort();
}

function stage() {
	if (!fs.existsSync(path.join(SOURCE, 'server.js'))) throw new Error(`${SOURCE}/server.js is missing: stage from a clone of the repository`);
	fs.rmSync(TARGET, { recursive: true, force: true });
	const files = filesUnder(SOURCE);
	for (const rel of files) {
		fs.mkdirSync(path.dirname(path.join(TARGET, rel)), { recursive: true });
		fs.copyFileSync(path.join(SOURCE, rel), path.join(TARGET, rel));
	}
	fs.copyFileSync(path.join(REPO, 'LICENSE'), path.join(PACKAGE_DIR, 'LICENSE'));
	return files.map((f) => `simulator/${f}`);
}

module.exports = { stage, filesUnder, SOURCE, TARGET, PACKAGE_DIR };

if (require.main === module) {
	const files = stage();
	process.stdout.write(`staged ${files.length} simulator files from ${path.relative(REPO, SOURCE)}/ into ${path.relative(REPO, TARGET)}/\n`);
}

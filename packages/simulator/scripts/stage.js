#!/usr/bin/env node
'use strict';
// prepack of n8n-nodes-finpass-simulator: copies the repository's LICENSE into this package, so
// `npm pack` / `npm publish` ship it. The simulator itself lives here, in lib/ (the one copy, which
// the repository's own tests use too). The LICENSE copy is git-ignored and replaced on every pack.
// Usage: node packages/simulator/scripts/stage.js   (also exported: stage() → list of copied files)

const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(PACKAGE_DIR, '..', '..');
const SOURCE = path.join(PACKAGE_DIR, 'lib');

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
	fs.copyFileSync(path.join(REPO, 'LICENSE'), path.join(PACKAGE_DIR, 'LICENSE'));
	return ['LICENSE'];
}

module.exports = { stage, filesUnder, SOURCE, PACKAGE_DIR };

if (require.main === module) {
	const files = stage();
	process.stdout.write(`staged ${files.join(", ")} into ${path.relative(REPO, PACKAGE_DIR)}/\n`);
}

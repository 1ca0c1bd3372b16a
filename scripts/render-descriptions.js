#!/usr/bin/env node
// Prints every node's description as n8n loads it (from dist/, so build first), one JSON document
// keyed by node name. Used to check a refactor changes nothing the user sees:
//   node scripts/render-descriptions.js > before.json   (on the old code)
//   node scripts/render-descriptions.js > after.json    (on the new code), then diff them.
const path = require('path');

const root = path.resolve(__dirname, '..');
const { n8n } = require(path.join(root, 'package.json'));

const rendered = {};
for (const file of n8n.nodes) {
	const exports = require(path.join(root, file));
	for (const NodeClass of Object.values(exports)) {
		if (typeof NodeClass !== 'function') continue;
		const { description } = new NodeClass();
		if (description) rendered[description.name] = description;
	}
}
process.stdout.write(`${JSON.stringify(rendered, null, 2)}\n`);

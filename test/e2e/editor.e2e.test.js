'use strict';
// The package in the real n8n editor, in headless Chromium (scripts/screenshots.js does the
// browser work; `npm run screenshots` runs the same checks on its own and writes docs/screenshots).
// Here the PNGs go to the run folder, or to FINPASS_SCREENSHOTS_DIR when it is set.
//   - every example workflow (packages/simulator/examples/) opens and is photographed
//   - the Account Aggregator node's parameter panel opens and is photographed
//   - the quickstart example runs from the editor and its last Finpass node shows output items
//   - the Finpass Trigger shows n8n's production URL for its path
//   - the examples' Finpass credential passes its test, and its "docs" link is the README section
//   - the node creator lists every node of package.json "n8n.nodes" (searched for "Finpass")
//   - every node of the package opens from the canvas without an error
// The README shows every one of these pictures (scripts/check-pack.js checks that each exists).
// Needs Debian chromium and playwright-core (scripts/install-system-deps.sh; a dev dependency).
const fs = require('fs');
const path = require('path');
const harness = require('./harness');
const shots = require('../../scripts/screenshots');

let n8n;
let report;
let nodes;
let exampleList;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
	const b = fs.readFileSync(file);
	if (b.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bytes: b.length };
}

beforeAll(async () => {
	({ exampleList, nodes } = await shots.importForEditor());
	n8n = await harness.startN8n();
	const outDir = process.env.FINPASS_SCREENSHOTS_DIR
		? path.resolve(process.env.FINPASS_SCREENSHOTS_DIR)
		: path.join(harness.info().runDir, 'screenshots');
	report = await shots.runEditorChecks({
		baseUrl: n8n.baseUrl,
		outDir,
		exampleList,
		nodes,
		log: (line) => process.stderr.write(`finpass editor: ${line}\n`),
	});
	process.stderr.write(`finpass editor: browser checks ${report.ms} ms, ${report.screenshots.length} screenshots in ${outDir}\n`);
});

afterAll(async () => {
	if (n8n) await n8n.stop();
});

describe('the package in the n8n editor (headless Chromium)', () => {
	test('every example workflow opens and is photographed, and so is every picture the README shows', () => {
		expect(report.problems.filter((p) => /^(example|panel)/.test(p))).toEqual([]);
		const expected = [
			...exampleList.map((e) => `${e.id}.png`),
			shots.PANEL_FILE,
			shots.SEARCH_FILE,
			shots.CREDENTIAL_FILE,
			shots.EXECUTION_FILE,
			shots.TRIGGER_FILE,
		].sort();
		expect(report.screenshots.map((f) => path.basename(f)).sort()).toEqual(expected);
		for (const file of report.screenshots) {
			const size = pngSize(file);
			expect(size).toMatchObject({ width: 1600, height: 900 });
			// a blank page compresses to a few kB; a drawn canvas is far larger
			expect(size.bytes).toBeGreaterThan(20000);
		}
	});

	test('the README uses every picture this test takes', () => {
		const readme = fs.readFileSync(path.join(harness.ROOT, 'README.md'), 'utf8');
		for (const file of report.screenshots) expect(readme).toContain(`docs/screenshots/${path.basename(file)}`);
	});

	test('the quickstart runs from the editor and its data node shows output items', () => {
		expect(report.problems.filter((p) => p.startsWith('execution'))).toEqual([]);
		expect(report.execution.ok).toBe(true);
		expect(report.execution.items).toBeGreaterThan(0);
	});

	test("the Finpass Trigger shows n8n's production URL", () => {
		expect(report.problems.filter((p) => p.startsWith('trigger'))).toEqual([]);
		expect(report.trigger.url).toMatch(new RegExp(`^${n8n.baseUrl.replace(/[.]/g, '\\.')}/webhook/`));
	});

	test('the Finpass credential passes its test in the editor, and its docs link opens the README', () => {
		expect(report.problems.filter((p) => p.startsWith('credential'))).toEqual([]);
		expect(report.credential.ok).toBe(true);
		const { FinpassApi } = require(path.join(harness.ROOT, 'dist', 'credentials', 'FinpassApi.credentials.js'));
		expect(report.credential.docsUrl).toBe(new FinpassApi().documentationUrl);
	});

	test('the node creator lists every node of the package', () => {
		expect(nodes.length).toBeGreaterThan(0);
		expect(report.creator.missing).toEqual([]);
		for (const n of nodes) expect(Object.keys(report.creator.listed)).toContain(n.type);
	});

	test('every node of the package opens from the canvas without an error', () => {
		expect(report.nodes.map((r) => r.type).sort()).toEqual(nodes.map((n) => n.type).sort());
		const failed = report.nodes.filter((r) => !r.ok).map((r) => `${r.name}: ${r.problems.join('; ')}`);
		expect(failed).toEqual([]);
		for (const r of report.nodes) expect(r.parameters).toBeGreaterThan(0);
		expect(report.problems).toEqual([]);
	});
});

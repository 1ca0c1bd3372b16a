'use strict';
// The package in the real n8n editor, in headless Chromium (scripts/screenshots.js does the
// browser work; `npm run screenshots` runs the same checks on its own and writes docs/screenshots).
// Here the PNGs go to the run folder, or to FINPASS_SCREENSHOTS_DIR when it is set.
//   - every example workflow (packages/simulator/examples/) opens and is photographed
//   - the Account Aggregator node's parameter panel opens and is photographed
//   - the quickstart example runs from the editor to its last node (the decision recorded in a data
//     table, the analyst's email to a mail server on 127.0.0.1); its bank data and its Underwriting
//     Insights summary are photographed
//   - the webhook credential form and the Multi-Bureau node's form are photographed
//   - the Finpass Trigger shows n8n's production URL for its path
//   - the examples' Finpass credential passes its test, and its "docs" link is the README section
//   - the node creator lists every node of package.json "n8n.nodes" (searched for "Finpass")
//   - every node of the package opens from the canvas without an error
// The README or docs/ show every one of these pictures (scripts/check-pack.js checks that each exists).
// Needs Debian chromium and playwright-core (scripts/install-system-deps.sh; a dev dependency).
const fs = require('fs');
const path = require('path');
const harness = require('./harness');
const shots = require('../../scripts/screenshots');

let n8n;
let report;
let nodes;
let exampleList;
let smtp;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
	const b = fs.readFileSync(file);
	if (b.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bytes: b.length };
}

beforeAll(async () => {
	({ exampleList, nodes, smtp } = await shots.importForEditor());
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
	if (smtp) await smtp.close();
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
			shots.INSIGHTS_FILE,
			shots.WEBHOOK_CREDENTIAL_FILE,
			shots.MULTI_BUREAU_FILE,
		].sort();
		expect(report.screenshots.map((f) => path.basename(f)).sort()).toEqual(expected);
		for (const file of report.screenshots) {
			const size = pngSize(file);
			// readable at full README width: at least 1200 px wide
			const viewport = path.basename(file) === shots.SEARCH_FILE ? shots.SEARCH_VIEWPORT : shots.VIEWPORT;
			expect(size).toMatchObject(viewport);
			expect(size.width).toBeGreaterThanOrEqual(1200);
			// a blank page compresses to a few kB; a drawn canvas is far larger
			expect(size.bytes).toBeGreaterThan(20000);
		}
	});

	test('the README or docs/ use every picture this test takes', () => {
		const docsDir = path.join(harness.ROOT, 'docs');
		const text = [path.join(harness.ROOT, 'README.md'), ...fs.readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => path.join(docsDir, f))]
			.map((f) => fs.readFileSync(f, 'utf8'))
			.join('\n');
		for (const file of report.screenshots) expect(text).toMatch(new RegExp(`(docs/)?screenshots/${path.basename(file).replace('.', '\\.')}`));
	});

	test('the quickstart runs from the editor to the analyst\'s email; its data node and its one summary show output', () => {
		expect(report.problems.filter((p) => p.startsWith('execution'))).toEqual([]);
		expect(report.execution.ok).toBe(true);
		expect(report.execution.items).toBeGreaterThan(0);
		expect(report.execution.summaryItems).toBe(1);
		expect(smtp.got.length).toBeGreaterThanOrEqual(1);
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

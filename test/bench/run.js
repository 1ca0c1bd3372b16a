'use strict';
// `npm run bench` (under Node 24: scripts/with-node24.sh): measurements inside a real n8n, not
// tests. One simulator (packages/simulator/lib/server.js) in this process and one n8n instance prepared
// by the e2e harness (the packed package, `n8n execute`) are shared by every section.
//
// A section is a file here exporting {name, title, simulator, run(env)}:
//   simulator  the simulator config the section runs under (applied after every reset)
//   run(env)   env = {h (harness), sim, resetSimulator(), log(line)}; resolves with
//              {columns: [...], rows: [[...], ...], targets: [{label, pass, detail}], notes?: [...]}
// Add a section by adding its file to SECTIONS. `node test/bench/run.js lookups` runs only the
// named sections. Needs `npm run build` first. Exit code 1 when a target is missed.

const path = require('path');
const h = require('../e2e/harness');

const SECTIONS = ['./lookups', './fastLookups', './money', './insights', './monitoring'];

function table(columns, rows) {
	const cells = [columns, ...rows].map((row) => row.map((cell) => String(cell)));
	const widths = columns.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
	const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

async function main() {
	const only = process.argv.slice(2);
	const sections = SECTIONS.map((file) => require(file)).filter((s) => only.length === 0 || only.includes(s.name));
	if (sections.length === 0) throw new Error(`no section named ${only.join(', ')}; sections: ${SECTIONS.map((f) => path.basename(f)).join(', ')}`);

	const log = (line = '') => process.stdout.write(`${line}\n`);
	const { startSimulator } = require('../../packages/simulator/lib/server');
	const sim = await startSimulator({ port: 0 });
	let failed = 0;
	try {
		const run = await h.setupRun({ simUrl: sim.url, workflowsDir: null, prefix: 'finpass-bench-', log: process.stderr });
		log(`n8n ${run.n8nVersion} on Node ${process.version}, simulator ${sim.url}, package ${h.PACKAGE_NAME} (setup ${run.setupMs} ms)`);
		for (const section of sections) {
			const resetSimulator = () => {
				sim.reset();
				sim.setConfig(section.simulator || {});
			};
			resetSimulator();
			log(`\n== ${section.title}`);
			const result = await section.run({ h, sim, resetSimulator, log });
			log('');
			log(table(result.columns, result.rows));
			log('');
			for (const target of result.targets) {
				if (!target.pass) failed++;
				log(`${target.pass ? 'PASS' : 'FAIL'}  ${target.label}${target.detail ? `: ${target.detail}` : ''}`);
			}
			for (const note of result.notes || []) log(`note: ${note}`);
		}
	} finally {
		await h.teardownRun();
		await sim.close();
	}
	log(failed ? `\n${failed} target(s) missed` : '\nall targets met');
	return failed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		process.stderr.write(`${e.stack || e}\n`);
		process.exit(2);
	},
);

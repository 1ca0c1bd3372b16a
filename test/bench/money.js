'use strict';
// Exact money at scale: a 50,000-transaction report through the per-transaction output
// with Reconcile Balances on, against JSON.parse of the same payload. Targets: at most 2× the
// parse time and a peak memory of at most 4× the payload size. Runs in-process on the compiled
// code (dist/): no n8n and no simulator are needed, only `npm run build`.
//
// Two payloads, each the vendor's whole answer as the transport receives it:
//   Finpass AA  Fetch JSON Report: one account of 50,000 generated rows (the simulator's own
//               generator, amounts as JSON numbers, balances as strings) plus its 8-row paise account;
//               mapped by fetchJsonReport's reportItems(data, 'transaction', reconcile = true).
//   FinPro      Get All FI Data: one account of 50,000 rows, newest first, amounts as strings;
//               mapped by the FinPro node's fiItems(accounts, …, {output: 'transaction', reconcile: true}).
//
// Time: median of 7 runs after 2 warm-up runs, in this process. "ours" is the mapping and the
// reconciliation alone (the parse is the transport's and is timed separately).
// Memory: one child process per side (node --expose-gc, this file with --child), so neither side
// sees the other's heap. The child reads the payload from a temporary file, collects garbage,
// notes its heap and RSS, then does its side once under v8.GCProfiler and reports
//   peak heap = the highest used heap during the work − used heap before it: the larger of the
//               used heap just before each garbage collection (GCProfiler records it) and at the
//               end, so garbage not yet collected counts too. This is the target's measure.
//   peak RSS  = process.resourceUsage().maxRSS (the kernel's high-water mark) − RSS before the
//               work. Shown for the record: it also holds V8's young generation, which grows to a
//               fixed 2 × 16 MB under any allocation-heavy work whatever the payload size, so on a
//               12 MB payload it adds ~2.5× by itself (JSON.parse alone already makes it grow).
//   kept      = used heap after a full GC with the results still referenced − used heap before.
// Side "parse" = JSON.parse(payload); side "ours" = JSON.parse + items + reconciliation, i.e. the
// node's whole path from the bytes to the items. The memory target applies to "ours".
//
//   node test/bench/money.js          (standalone; run.js calls the exported function)

const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');
const { execFileSync } = require('child_process');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const TRANSACTIONS = 50000;
const RUNS = 7;
const WARMUP = 2;
const TIME_TARGET = 2;
const MEMORY_TARGET = 4;

// ---------------------------------------------------------------------------------------------
// Payloads and the code under test

function finpassPayload() {
	const { jsonReport } = require('../../packages/simulator/lib/routes/account-aggregator');
	const client = { client_id: 'aa_bench_50000', mobile_number: '9876543210', pan_number: 'ABCDE1234F', email_id: null, transactions: TRANSACTIONS };
	return JSON.stringify({ data: jsonReport(client), status_code: 200, success: true, message: 'Success', message_code: 'success' });
}

function finproPayload() {
	const { buildRows } = require('../../packages/simulator/lib/routes/finpro');
	const account = { link: '7f8227f1-697f-40d3-a4af-0508f5d0a1dd', closing: 10166633, doc: true };
	const rows = buildRows(account, TRANSACTIONS).reverse(); // served newest first, as FinPro does
	const data = [
		{ linkReferenceNumber: account.link, maskedAccountNumber: 'XXXXXXXX3900', balance: '101666.33', fipName: 'FinShareBankServer', fipId: 'finsharebank', fiType: 'DEPOSIT', fiData: rows },
	];
	return JSON.stringify({ ver: '1.21.0', status: 'success', timestamp: '2025-11-14T10:30:00.000Z', data });
}

const VENDORS = {
	finpass: {
		label: 'Finpass AA Fetch JSON Report',
		payload: finpassPayload,
		map(body) {
			const { reportItems } = require(`${DIST}/nodes/FinpassAccountAggregator/actions/fetchJsonReport.operation.js`);
			return reportItems(body.data, 'transaction', true);
		},
	},
	finpro: {
		label: 'FinPro Get All FI Data',
		payload: finproPayload,
		map(body) {
			const { accountsOf, fiItems } = require(`${DIST}/nodes/FinProFiData/actions/fiData.js`);
			return fiItems(accountsOf(body.data), { consentID: '3c92001e-57ea-4320-bbb8-66d524bfb435' }, { output: 'transaction', reconcile: true, paiseFields: false });
		},
	},
};

// ---------------------------------------------------------------------------------------------
// Child: one side, one measurement

function child(vendorName, side, file) {
	const vendor = VENDORS[vendorName];
	const payload = fs.readFileSync(file, 'utf8');
	if (side === 'ours') vendor.map({ data: {} }); // load the modules before the baseline
	global.gc();
	global.gc();
	const before = process.memoryUsage();
	const profiler = new v8.GCProfiler();
	profiler.start();
	const body = JSON.parse(payload);
	const items = side === 'ours' ? vendor.map(body) : null;
	const atEnd = v8.getHeapStatistics().used_heap_size;
	const { statistics } = profiler.stop();
	const peakRss = process.resourceUsage().maxRSS * 1024 - before.rss;
	const peakHeap = Math.max(atEnd, ...statistics.map((gc) => gc.beforeGC.heapStatistics.usedHeapSize)) - before.heapUsed;
	global.gc();
	const kept = process.memoryUsage().heapUsed - before.heapUsed;
	// Keep both alive until measured, and prove the work was done.
	const count = items ? items.length : Array.isArray(body.data) ? body.data.length : 1;
	process.stdout.write(JSON.stringify({ peakHeap, peakRss, kept, collections: statistics.length, count }));
}

function measureMemory(vendorName, side, file) {
	const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--child', vendorName, side, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
	return JSON.parse(out);
}

// ---------------------------------------------------------------------------------------------
// Parent

function median(values) {
	const sorted = values.slice().sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function timeIt(fn) {
	for (let k = 0; k < WARMUP; k++) fn();
	const samples = [];
	for (let k = 0; k < RUNS; k++) {
		const t0 = process.hrtime.bigint();
		fn();
		samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
	}
	return median(samples);
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);

function benchVendor(vendorName) {
	const vendor = VENDORS[vendorName];
	const payload = vendor.payload();
	const bytes = Buffer.byteLength(payload);
	const body = JSON.parse(payload);
	const items = vendor.map(body);
	const flagged = items.filter((item) => item.json.balance_check).length;

	const parseMs = timeIt(() => JSON.parse(payload));
	const oursMs = timeIt(() => vendor.map(body));

	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-money-bench-')), `${vendorName}.json`);
	fs.writeFileSync(file, payload);
	let parseMem;
	let oursMem;
	try {
		parseMem = measureMemory(vendorName, 'parse', file);
		oursMem = measureMemory(vendorName, 'ours', file);
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
	return {
		vendor: vendor.label,
		items: items.length,
		flagged,
		payloadBytes: bytes,
		parseMs,
		oursMs,
		timeRatio: oursMs / parseMs,
		parsePeak: parseMem.peakHeap,
		oursPeak: oursMem.peakHeap,
		oursKept: oursMem.kept,
		parseRss: parseMem.peakRss,
		oursRss: oursMem.peakRss,
		memoryRatio: oursMem.peakHeap / bytes,
	};
}

const COLUMNS = [
	'payload',
	'items',
	'size (MB)',
	'JSON.parse (ms)',
	'items + reconcile (ms)',
	'time ratio',
	'parse peak heap (MB)',
	'parse+items peak heap (MB)',
	'memory ratio',
	'kept (MB)',
	'parse / parse+items peak RSS (MB)',
];

function rowOf(r) {
	return [
		r.vendor,
		r.items,
		mb(r.payloadBytes),
		r.parseMs.toFixed(1),
		r.oursMs.toFixed(1),
		`${r.timeRatio.toFixed(2)}×`,
		mb(r.parsePeak),
		mb(r.oursPeak),
		`${r.memoryRatio.toFixed(2)}×`,
		mb(r.oursKept),
		`${mb(r.parseRss)} / ${mb(r.oursRss)} (${(r.oursRss / r.payloadBytes).toFixed(2)}×)`,
	];
}

function targetsOf(results) {
	return results.flatMap((r) => [
		{ label: `${r.vendor}: items + reconciliation ≤ ${TIME_TARGET}× JSON.parse`, pass: r.timeRatio <= TIME_TARGET, detail: `${r.timeRatio.toFixed(2)}×` },
		{ label: `${r.vendor}: peak memory ≤ ${MEMORY_TARGET}× payload`, pass: r.memoryRatio <= MEMORY_TARGET, detail: `${r.memoryRatio.toFixed(2)}× (peak heap ${mb(r.oursPeak)} MB for ${mb(r.payloadBytes)} MB)` },
		{ label: `${r.vendor}: a consistent series has no gaps`, pass: r.flagged === 0, detail: `${r.flagged} rows flagged` },
	]);
}

const NOTES = [
	'time: median of 7 runs in one process; "items + reconcile" excludes the parse (the transport does that)',
	'memory: a child process per side; peak heap = highest used V8 heap during the work (before each GC and at the end, garbage included) − before; "parse+items" includes the parse',
	'memory ratio = parse+items peak heap ÷ payload bytes; kept = live heap after a full GC with the items referenced',
	"peak RSS (for the record) also holds V8's young generation, a fixed ~32 MB under allocation-heavy work whatever the payload size",
];

function table(columns, rows) {
	const cells = [columns, ...rows].map((row) => row.map(String));
	const widths = columns.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
	const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Runs both payloads, prints the table, the targets and the notes, and returns the rows. */
async function moneyBench({ log = (line = '') => process.stdout.write(`${line}\n`) } = {}) {
	const results = ['finpass', 'finpro'].map(benchVendor);
	const rows = results.map(rowOf);
	log(`Exact money: ${TRANSACTIONS.toLocaleString('en')} transactions, per-transaction output with Reconcile Balances (Node ${process.version})`);
	log('');
	log(table(COLUMNS, rows));
	log('');
	for (const target of targetsOf(results)) log(`${target.pass ? 'PASS' : 'FAIL'}  ${target.label}: ${target.detail}`);
	for (const note of NOTES) log(`note: ${note}`);
	return rows;
}

// Also usable as a run.js section ({name, title, run(env)} → {columns, rows, targets, notes}).
Object.defineProperty(moneyBench, 'name', { value: 'money' });
moneyBench.title = `Exact money: ${TRANSACTIONS.toLocaleString('en')} transactions through the per-transaction output with Reconcile Balances`;
moneyBench.simulator = {};
moneyBench.run = async () => {
	const results = ['finpass', 'finpro'].map(benchVendor);
	return { columns: COLUMNS, rows: results.map(rowOf), targets: targetsOf(results), notes: NOTES };
};

module.exports = moneyBench;

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args[0] === '--child') {
		child(args[1], args[2], args[3]);
	} else {
		moneyBench().then(
			(rows) => process.exit(rows.length ? 0 : 1),
			(e) => {
				process.stderr.write(`${e.stack || e}\n`);
				process.exit(2);
			},
		);
	}
}

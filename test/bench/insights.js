'use strict';
// Underwriting insights at scale: 50,000 transactions over 3 accounts and 24 months,
// as one Finpass AA Fetch JSON Report, through the Finpass Underwriting Insights node's whole
// computation (readBorrowers + computeInsights: every account and all accounts together).
// Targets: at most 2× the time JSON.parse takes on the same payload, and a peak heap of at most
// 3× the payload. Runs in-process on the compiled code (dist/): needs `npm run build` only.
//
// The statement is generated deterministically: per account a monthly salary (first account),
// two EMIs by NACH/ACH, rent, card and UPI spends to ~300 payees, cash, a few NACH bounces with
// their charges, own-account transfers; balances chained exactly in paise.
// Time: 7 rounds after 2 warm-ups, parse and insights timed in turns (ratio = median of the rounds'). Memory: a child process per side (node --expose-gc),
// peak heap as in money.js (the highest used heap before each GC and at the end, minus before).
//
//   node test/bench/insights.js          (standalone; run.js calls it as a section)

const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');
const { execFileSync } = require('child_process');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const TRANSACTIONS = 50000;
const ACCOUNTS = 3;
const MONTHS = 24;
const RUNS = 7;
const WARMUP = 2;
const TIME_TARGET = 2;
const MEMORY_TARGET = 3;

function random(seed) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ist = (ms) => `${new Date(ms + 19800000).toISOString().slice(0, 19)}+05:30`;
// Balances as the vendor writes them, through the package's own exact paise formatter.
const { formatPaise } = require(`${DIST}/nodes/shared/finance/money.js`);
const START = Date.parse('2023-07-01T00:00:00+05:30');
const DAY = 86400000;

/** One account's rows, oldest first, ~perAccount of them over MONTHS months. */
function accountRows(n, perAccount, rnd) {
	const rows = [];
	const payees = Array.from({ length: 300 }, (_, k) => `MERCHANT ${String.fromCharCode(65 + (k % 26))}${String.fromCharCode(65 + (Math.floor(k / 26) % 26))}Q STORE`);
	const spanDays = (Date.UTC(2023, 6 + MONTHS, 1) - Date.UTC(2023, 6, 1)) / DAY;
	const add = (day, type, paise, mode, narration) => rows.push({ day, type, paise, mode, narration });
	for (let m = 0; m < MONTHS; m++) {
		const base = (Date.UTC(2023, 6 + m, 1) - Date.UTC(2023, 6, 1)) / DAY; // the month's first day
		if (n === 0) add(base + 0.4, 'CREDIT', 8500000, 'NEFT', 'NEFT/CR/ACME TECHNOLOGIES/SALARY');
		if (n === 0) add(base + 4.2, 'DEBIT', 2345000, 'ACH', 'ACH/DR/HDFC HOME LOAN EMI');
		if (n === 1) add(base + 6.2, 'DEBIT', 812500, 'NACH', 'NACH/DR/BAJAJ FINANCE');
		if (n === 1) add(base + 1.5, 'CREDIT', 3000000, 'IMPS', 'IMPS/CR/FROM XXXX1111');
		if (n === 0) add(base + 1.4, 'DEBIT', 3000000, 'IMPS', 'IMPS/DR/TO OWN A/C XXXX2222');
		if (n === 2 && m % 6 === 3) {
			add(base + 7.3, 'DEBIT', 812500, 'NACH', 'NACH/DR/TATA CAPITAL');
			add(base + 7.6, 'CREDIT', 812500, 'NACH', 'NACH RTN/TATA CAPITAL/INSUFFICIENT FUNDS');
			add(base + 8.4, 'DEBIT', 59000, 'OTHERS', 'NACH RTN CHGS INCL GST');
		}
	}
	const fixed = rows.length;
	for (let k = fixed; k < perAccount; k++) {
		const day = rnd() * spanDays;
		const r = rnd();
		if (r < 0.05) add(day, 'DEBIT', (1 + Math.floor(rnd() * 20)) * 50000, 'ATM', 'ATM/CASH WDL/MG ROAD');
		else if (r < 0.08) add(day, 'CREDIT', (1 + Math.floor(rnd() * 30)) * 100000, 'OTHERS', 'CASH DEPOSIT/BRANCH');
		else if (r < 0.45) add(day, 'CREDIT', 1 + Math.floor(rnd() * 2000000), 'UPI', `UPI/CR/${payees[Math.floor(rnd() * payees.length)]}`);
		else add(day, 'DEBIT', 1 + Math.floor(rnd() * 1500000), rnd() < 0.5 ? 'UPI' : 'CARD', `UPI/DR/${payees[Math.floor(rnd() * payees.length)]}`);
	}
	rows.sort((a, b) => a.day - b.day);
	let balance = 50000000;
	return rows.map((r, k) => {
		// A savings account: a spend that would overdraw it becomes a refund (the bounces' month aside).
		if (r.type === 'DEBIT' && r.paise > balance && !/ACH/.test(r.narration)) {
			r.type = 'CREDIT';
			r.narration = r.narration.replace('/DR/', '/CR/');
		}
		balance += r.type === 'CREDIT' ? r.paise : -r.paise;
		const ms = START + Math.floor(r.day * DAY);
		return {
			transaction_id: `T${n}${String(k).padStart(7, '0')}`,
			amount: r.paise / 100,
			narration: r.narration,
			type: r.type,
			mode: r.mode,
			transaction_timestamp: ist(ms),
			value_date: `${ist(ms).slice(0, 10)}T00:00:00+05:30`,
			reference: `R${k}`,
			transactional_balance: formatPaise(balance),
		};
	});
}

function payload() {
	const rnd = random(15);
	const per = Math.floor(TRANSACTIONS / ACCOUNTS);
	const accounts = Array.from({ length: ACCOUNTS }, (_, n) => ({
		account_id: `bench-account-${n + 1}`,
		masked_account_number: `XXXXXXXX${n + 1}${n + 1}${n + 1}${n + 1}`,
		fip_id: 'HDFC-FIP',
		transaction_data: { transaction_details: accountRows(n, n === 0 ? TRANSACTIONS - per * (ACCOUNTS - 1) : per, rnd), start_date: '2023-07-01', end_date: '2025-06-30' },
	}));
	return JSON.stringify({ data: { client_id: 'aa_bench_insights', account_aggregator_json: accounts }, status_code: 200, success: true, message: 'Success', message_code: 'success' });
}

function insights(body) {
	const { computeInsights, readBorrowers, withExtensions } = require(`${DIST}/nodes/FinpassInsights/insights/index.js`);
	const { borrowers } = readBorrowers([body.data]);
	const rules = withExtensions();
	return borrowers.flatMap((b) => computeInsights(b, rules));
}

function child(side, file) {
	const text = fs.readFileSync(file, 'utf8');
	if (side === 'ours') insights({ data: {} }); // load the modules before the baseline
	global.gc();
	global.gc();
	const before = process.memoryUsage();
	const profiler = new v8.GCProfiler();
	profiler.start();
	const body = JSON.parse(text);
	const results = side === 'ours' ? insights(body) : null;
	const atEnd = v8.getHeapStatistics().used_heap_size;
	const { statistics } = profiler.stop();
	const peakHeap = Math.max(atEnd, ...statistics.map((gc) => gc.beforeGC.heapStatistics.usedHeapSize)) - before.heapUsed;
	global.gc();
	const kept = process.memoryUsage().heapUsed - before.heapUsed;
	process.stdout.write(JSON.stringify({ peakHeap, kept, count: results ? results.length : body.data.account_aggregator_json.length }));
}

const measure = (side, file) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, '--child', side, file], { encoding: 'utf8' }));

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const elapsed = (fn) => {
	const t0 = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - t0) / 1e6;
};

/**
 * Parse and insights timed in turns, round after round, and the ratio taken per round: on a
 * shared machine the load changes between rounds, and both sides of one round see the same load.
 */
function timeBoth(parse, ours) {
	for (let k = 0; k < WARMUP; k++) parse(), ours();
	const rounds = [];
	for (let k = 0; k < RUNS; k++) {
		const parseMs = elapsed(parse);
		const oursMs = elapsed(ours);
		rounds.push({ parseMs, oursMs, ratio: oursMs / parseMs });
	}
	return { parseMs: median(rounds.map((r) => r.parseMs)), oursMs: median(rounds.map((r) => r.oursMs)), ratio: median(rounds.map((r) => r.ratio)) };
}
const mb = (bytes) => (bytes / 1048576).toFixed(1);

function bench() {
	const text = payload();
	const bytes = Buffer.byteLength(text);
	const body = JSON.parse(text);
	const results = insights(body);
	const all = results[results.length - 1];
	const { parseMs, oursMs, ratio } = timeBoth(() => JSON.parse(text), () => insights(body));
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finpass-insights-bench-'));
	const file = path.join(dir, 'report.json');
	fs.writeFileSync(file, text);
	let parseMem;
	let oursMem;
	try {
		parseMem = measure('parse', file);
		oursMem = measure('ours', file);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return { bytes, parseMs, oursMs, ratio, parseMem, oursMem, all, outputBytes: Buffer.byteLength(JSON.stringify(results)) };
}

const COLUMNS = ['payload', 'transactions', 'size (MB)', 'JSON.parse (ms)', 'insights (ms)', 'time ratio', 'parse peak heap (MB)', 'parse+insights peak heap (MB)', 'memory ratio', 'output (MB)'];

function report(r) {
	const timeRatio = r.ratio;
	const memoryRatio = r.oursMem.peakHeap / r.bytes;
	const row = [
		`AA report, ${ACCOUNTS} accounts, ${MONTHS} months`,
		r.all.transactions,
		mb(r.bytes),
		r.parseMs.toFixed(1),
		r.oursMs.toFixed(1),
		`${timeRatio.toFixed(2)}×`,
		mb(r.parseMem.peakHeap),
		mb(r.oursMem.peakHeap),
		`${memoryRatio.toFixed(2)}×`,
		mb(r.outputBytes),
	];
	const targets = [
		{ label: `insights ≤ ${TIME_TARGET}× JSON.parse`, pass: timeRatio <= TIME_TARGET, detail: `${timeRatio.toFixed(2)}×` },
		{ label: `peak heap ≤ ${MEMORY_TARGET}× payload`, pass: memoryRatio <= MEMORY_TARGET, detail: `${memoryRatio.toFixed(2)}× (peak heap ${mb(r.oursMem.peakHeap)} MB for ${mb(r.bytes)} MB)` },
		{
			label: 'the generated statement is found: 24 salary months, the 3 EMIs and no shop among the obligations, 4 bounces, no balance gaps',
			pass:
				r.all.income.salary?.months_count === MONTHS &&
				r.all.obligations.items.length === 3 &&
				!r.all.obligations.items.some((o) => /MERCHANT/.test(o.counterparty)) &&
				r.all.risk.bounces.count === 4 &&
				r.all.risk.balance_gaps.mismatches === 0 &&
				r.all.transactions === TRANSACTIONS,
			detail: `salary months ${r.all.income.salary?.months_count}, obligations ${r.all.obligations.items.map((o) => o.counterparty).join(', ')}, bounces ${r.all.risk.bounces.count}, gaps ${r.all.risk.balance_gaps.mismatches}`,
		},
	];
	return { columns: COLUMNS, rows: [row], targets };
}

const NOTES = [
	'time: 7 rounds in one process after 2 warm-ups, each timing JSON.parse then the insights; medians shown, the ratio is the median of the per-round ratios. "insights" = reading the rows + every figure of 3 accounts and all accounts (the parse is the transport\'s, timed separately)',
	'memory: a child process per side; peak heap = highest used V8 heap during the work (before each GC and at the end) − before; "parse+insights" includes the parse; ratio = that ÷ payload bytes',
];

module.exports = {
	payload,
	name: 'insights',
	title: `Underwriting insights: ${TRANSACTIONS.toLocaleString('en')} transactions, ${ACCOUNTS} accounts, ${MONTHS} months`,
	simulator: {},
	run: async () => ({ ...report(bench()), notes: NOTES }),
};

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args[0] === '--child') {
		child(args[1], args[2]);
	} else {
		const result = report(bench());
		process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
		process.exit(result.targets.every((t) => t.pass) ? 0 : 1);
	}
}

'use strict';
// Summarizes a V8 .cpuprofile (from `node --cpu-prof`, see fastLookups.js) by self time: per
// area (our package, n8n-core, n8n-workflow, the HTTP client, Node internals, GC, idle ...) and
// per function. By default only the samples between the first and the last one that has a frame
// of our package on its stack are counted: the node's execution window, without n8n's start-up.
//   node test/bench/profile-summary.js <file.cpuprofile> [--all] [--top 30] [--match <text>]
//        [--from <text>] [--inclusive name[@file],name[@file],...]
// --all counts the whole profile; --match sets the text that marks the window (default: our
// package's dist/); --from starts the window at the first sample matching this text instead
// (e.g. runOperation: our node's execute, after n8n loaded the package); --inclusive adds the time of samples that have the named function (in a file
// whose path contains `file`) anywhere on their stack: what a call costs with everything it calls
// synchronously (work after an await shows up under the callback that resumes it).

const fs = require('fs');

function parseArgs(argv) {
	const args = { file: undefined, all: false, top: 30, match: 'n8n-nodes-finpass/dist/', from: undefined, inclusive: [] };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--all') args.all = true;
		else if (argv[i] === '--top') args.top = Number(argv[++i]);
		else if (argv[i] === '--match') args.match = argv[++i];
		else if (argv[i] === '--from') args.from = argv[++i];
		else if (argv[i] === '--inclusive') args.inclusive = argv[++i].split(',').filter(Boolean);
		else args.file = argv[i];
	}
	if (!args.file) throw new Error('usage: profile-summary.js <file.cpuprofile> [--all] [--top 30] [--match <text>]');
	return args;
}

/** Which part of the process a frame belongs to, from its script URL. */
function area(url, name) {
	if (name === '(garbage collector)') return 'GC';
	if (name === '(idle)') return 'idle';
	if (name === '(program)') return 'V8/native (program)';
	if (!url) return 'native/builtin';
	const rules = [
		[/\/n8n-nodes-finpass\/dist\//, 'ours (n8n-nodes-finpass)'],
		[/@n8n\/expression-runtime|isolated-vm/, 'n8n expressions: isolated-vm runtime'],
		[/node_modules\/n8n-workflow\/.*([Ee]xpression|workflow-data-proxy)|@n8n\/tournament|esprima|recast|ast-types/, 'n8n expressions: n8n-workflow side'],
		[/node_modules\/n8n-workflow\//, 'n8n-workflow'],
		[/node_modules\/n8n-core\/.*(request-helpers|request-helper)/, 'n8n-core request helpers'],
		[/node_modules\/n8n-core\//, 'n8n-core (other)'],
		[/node_modules\/@n8n\/backend-network|node_modules\/axios|follow-redirects|proxy-from-env|form-data/, 'HTTP client (axios, backend-network)'],
		[/node_modules\/n8n-nodes-base\//, 'n8n-nodes-base'],
		[/node_modules\/n8n\/dist\/credentials|credentials-helper/, 'n8n credentials helper'],
		[/node_modules\/(typeorm|sqlite3|@n8n\/db)/, 'database (typeorm, sqlite)'],
		[/node_modules\/n8n\//, 'n8n (cli)'],
		[/node_modules\/(lodash|luxon)/, 'lodash/luxon'],
		[/^node:|^internal\//, 'Node internals'],
	];
	for (const [pattern, label] of rules) if (pattern.test(url)) return label;
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	return pkg ? `other: ${pkg[1]}` : 'other';
}

function summarize(profile, { all, match, from: fromText = match, inclusive = [] }) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
	const memo = new Map();
	const stackMatches = (id, text) => {
		const key = `${id} ${text}`;
		if (memo.has(key)) return memo.get(key);
		const n = byId.get(id);
		const p = parent.get(id);
		const value = `${n.callFrame.functionName}@${n.callFrame.url || ''}`.includes(text) || (p !== undefined && stackMatches(p, text));
		memo.set(key, value);
		return value;
	};
	const hasMatch = (id) => stackMatches(id, match);
	const { samples, timeDeltas } = profile;
	const times = [];
	let t = 0;
	for (let i = 0; i < samples.length; i++) {
		t += timeDeltas[i];
		times.push(t);
	}
	let from = 0;
	let to = samples.length - 1;
	if (!all) {
		from = samples.findIndex((id) => stackMatches(id, fromText));
		if (from < 0) throw new Error(`no sample has a frame matching "${fromText}": use --all`);
		while (to > from && !hasMatch(samples[to])) to--;
	}
	const areas = new Map();
	const functions = new Map();
	const wanted = inclusive.map((spec) => {
		const [name, file = ''] = spec.split('@');
		return { spec, name, file };
	});
	const stackHas = new Map();
	const onStack = (id, want) => {
		const key = `${id} ${want.spec}`;
		if (stackHas.has(key)) return stackHas.get(key);
		const { callFrame } = byId.get(id);
		const p = parent.get(id);
		const value =
			(callFrame.functionName === want.name && (callFrame.url || '').includes(want.file)) || (p !== undefined && onStack(p, want));
		stackHas.set(key, value);
		return value;
	};
	const inclusiveMs = new Map(wanted.map((w) => [w.spec, 0]));
	let total = 0;
	for (let i = from; i <= to; i++) {
		// a sample's time is the gap to the next sample
		const dt = (i + 1 < samples.length ? timeDeltas[i + 1] : 0) / 1000;
		const { callFrame } = byId.get(samples[i]);
		const a = area(callFrame.url, callFrame.functionName);
		areas.set(a, (areas.get(a) || 0) + dt);
		const file = (callFrame.url || '').replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
		const key = `${callFrame.functionName || '(anonymous)'}  ${file}${file ? `:${callFrame.lineNumber + 1}` : ''}`;
		functions.set(key, (functions.get(key) || 0) + dt);
		for (const want of wanted) if (onStack(samples[i], want)) inclusiveMs.set(want.spec, inclusiveMs.get(want.spec) + dt);
		total += dt;
	}
	return { windowMs: (times[to] - times[from]) / 1000, total, areas, functions, inclusive: inclusiveMs };
}

function main() {
	const args = parseArgs(process.argv.slice(2));
	const profile = JSON.parse(fs.readFileSync(args.file, 'utf8'));
	const s = summarize(profile, args);
	const pct = (ms) => `${((ms / s.total) * 100).toFixed(1)}%`.padStart(6);
	const line = (ms, label) => `${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${label}`;
	const out = [];
	out.push(`${args.file}`);
	out.push(
		args.all
			? `whole profile: ${s.total.toFixed(0)} ms sampled`
			: `window (first sample with "${args.from ?? args.match}" on the stack to the last with "${args.match}"): ${s.windowMs.toFixed(0)} ms, ${s.total.toFixed(0)} ms sampled`,
	);
	out.push('', 'self time by area:');
	for (const [label, ms] of [...s.areas].sort((a, b) => b[1] - a[1])) out.push(line(ms, label));
	if (s.inclusive.size) {
		out.push('', 'inclusive time (the function anywhere on the stack):');
		for (const [label, ms] of s.inclusive) out.push(line(ms, label));
	}
	out.push('', `self time by function (top ${args.top}):`);
	for (const [label, ms] of [...s.functions].sort((a, b) => b[1] - a[1]).slice(0, args.top)) out.push(line(ms, label));
	process.stdout.write(`${out.join('\n')}\n`);
}

if (require.main === module) main();

module.exports = { summarize, area };

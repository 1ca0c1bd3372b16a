'use strict';
// Turns every JSON request and response example in the five vendor documents into a fixture
// (test/contract/fixtures/<id>.json) that names the document and lines it came from.
//
//   node test/contract/extract-fixtures.js [docs folder]     writes the fixtures
//   const { extract } = require('./extract-fixtures')        the same, in memory (fixtures.test.js)
//
// The docs folder (the client's documents, not part of the repository: docs/api-contract.md#sources)
// is the argument, else $FINPASS_API_DOCS, else a folder shared/api-docs in a folder above the
// repository.
// Each entry below names the line where the example's first `{` is; the extractor reads from
// there to the matching `}` (strings respected), so a fixture is exactly the document's JSON.

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'fixtures');

function docsFolder(arg) {
	const above = [];
	for (let dir = path.dirname(ROOT); ; dir = path.dirname(dir)) {
		above.push(path.join(dir, 'shared', 'api-docs'));
		if (path.dirname(dir) === dir) break;
	}
	const candidates = [arg, process.env.FINPASS_API_DOCS, ...above];
	return candidates.find((c) => c && fs.existsSync(path.join(c, 'finpass-aa-init.txt')));
}

// kind: request | response. outcome: what the node must make of a response (contract tests).
const EXAMPLES = [
	// finpass-aa-init.txt
	{ id: 'aa-init.request', doc: 'finpass-aa-init.txt', line: 114, kind: 'request', endpoint: 'AA Initialize', note: 'field table (line 106) says pan_number, this example says pan' },
	{ id: 'aa-init.response-200', doc: 'finpass-aa-init.txt', line: 141, kind: 'response', endpoint: 'AA Initialize', status: 200, outcome: 'success' },
	{ id: 'aa-init.response-401', doc: 'finpass-aa-init.txt', line: 160, kind: 'response', endpoint: 'AA Initialize', status: 401, outcome: 'error' },
	{ id: 'aa-init.curl-request', doc: 'finpass-aa-init.txt', line: 225, kind: 'request', endpoint: 'AA Initialize', after: "--data-raw '" },
	{ id: 'aa-init.curl-response-200', doc: 'finpass-aa-init.txt', line: 231, kind: 'response', endpoint: 'AA Initialize', status: 200, outcome: 'success' },
	// finpass-aa-fetch-json-report.txt
	{ id: 'aa-fetch-json.request', doc: 'finpass-aa-fetch-json-report.txt', line: 111, kind: 'request', endpoint: 'AA Fetch JSON Report' },
	{ id: 'aa-fetch-json.response-200', doc: 'finpass-aa-fetch-json-report.txt', line: 173, kind: 'response', endpoint: 'AA Fetch JSON Report', status: 200, outcome: 'success' },
	{ id: 'aa-fetch-json.response-401', doc: 'finpass-aa-fetch-json-report.txt', line: 252, kind: 'response', endpoint: 'AA Fetch JSON Report', status: 401, outcome: 'error' },
	{ id: 'aa-fetch-json.curl-request', doc: 'finpass-aa-fetch-json-report.txt', line: 325, kind: 'request', endpoint: 'AA Fetch JSON Report', after: "--data-raw '" },
	{ id: 'aa-fetch-json.curl-response-200', doc: 'finpass-aa-fetch-json-report.txt', line: 330, kind: 'response', endpoint: 'AA Fetch JSON Report', status: 200, outcome: 'success', note: 'transaction_id T000001 repeats on rows that differ' },
	// finpass-aa-fetch-pdf-report.txt (a flattened page: examples share lines with table text)
	{ id: 'aa-fetch-pdf.request', doc: 'finpass-aa-fetch-pdf-report.txt', line: 14, kind: 'request', endpoint: 'AA Fetch PDF Report' },
	{ id: 'aa-fetch-pdf.response-200', doc: 'finpass-aa-fetch-pdf-report.txt', line: 30, kind: 'response', endpoint: 'AA Fetch PDF Report', status: 200, outcome: 'success' },
	{ id: 'aa-fetch-pdf.response-404', doc: 'finpass-aa-fetch-pdf-report.txt', line: 52, kind: 'response', endpoint: 'AA Fetch PDF Report', status: 404, outcome: 'error', after: '}' },
	{ id: 'aa-fetch-pdf.curl-request', doc: 'finpass-aa-fetch-pdf-report.txt', line: 62, kind: 'request', endpoint: 'AA Fetch PDF Report', after: "--data-raw '" },
	{ id: 'aa-fetch-pdf.curl-response-200', doc: 'finpass-aa-fetch-pdf-report.txt', line: 64, kind: 'response', endpoint: 'AA Fetch PDF Report', status: 200, outcome: 'success', after: "}'", note: 'no message_code in this example' },
	// finpass-aa-refresh-data.txt
	{ id: 'aa-refresh.request', doc: 'finpass-aa-refresh-data.txt', line: 110, kind: 'request', endpoint: 'AA Refresh Data' },
	{ id: 'aa-refresh.response-200', doc: 'finpass-aa-refresh-data.txt', line: 128, kind: 'response', endpoint: 'AA Refresh Data', status: 200, outcome: 'success' },
	{ id: 'aa-refresh.response-400', doc: 'finpass-aa-refresh-data.txt', line: 142, kind: 'response', endpoint: 'AA Refresh Data', status: 400, outcome: 'error' },
	{ id: 'aa-refresh.curl-request', doc: 'finpass-aa-refresh-data.txt', line: 201, kind: 'request', endpoint: 'AA Refresh Data', after: "--data-raw '" },
	{ id: 'aa-refresh.curl-response-200', doc: 'finpass-aa-refresh-data.txt', line: 206, kind: 'response', endpoint: 'AA Refresh Data', status: 200, outcome: 'success' },
	// finpro-get-fi-data.txt
	{ id: 'finpro-getfidata.request', doc: 'finpro-get-fi-data.txt', line: 53, kind: 'request', endpoint: 'FinPro Get FI Data' },
	{ id: 'finpro-getfidata.response-200', doc: 'finpro-get-fi-data.txt', line: 90, kind: 'response', endpoint: 'FinPro Get FI Data', status: 200, outcome: 'success' },
	{ id: 'finpro-getfidata.response-error', doc: 'finpro-get-fi-data.txt', line: 153, kind: 'response', endpoint: 'FinPro Get FI Data', status: 400, outcome: 'error', note: 'the document gives no HTTP status for errors: 400 assumed' },
];

/** The balanced JSON object starting at the first `{` on `line` (1-based), after `after` when given. */
function jsonAt(text, line, after) {
	const lines = text.split('\n');
	let offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
	if (after) {
		const at = lines[line - 1].indexOf(after);
		if (at >= 0) offset += at + after.length;
	}
	const start = text.indexOf('{', offset);
	// The example must open right there: only blanks (or the `after` marker) before its `{`.
	if (start < 0 || text.slice(offset, start).trim() !== '') throw new Error(`no example opens on line ${line}`);
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) {
			const raw = text.slice(start, i + 1);
			const endLine = line + (raw.match(/\n/g) || []).length;
			return { raw, json: JSON.parse(raw), endLine };
		}
	}
	throw new Error(`unbalanced JSON from line ${line}`);
}

/** Every example as a fixture object, read from the documents in `folder`. */
function extract(folder) {
	const texts = {};
	return EXAMPLES.map((e) => {
		texts[e.doc] ??= fs.readFileSync(path.join(folder, e.doc), 'utf8');
		const { json, endLine } = jsonAt(texts[e.doc], e.line, e.after);
		const fixture = {
			source: `${e.doc}:${e.line}-${endLine}`,
			endpoint: e.endpoint,
			kind: e.kind,
		};
		if (e.status !== undefined) fixture.http_status = e.status;
		if (e.outcome) fixture.outcome = e.outcome;
		if (e.note) fixture.note = e.note;
		fixture.body = json;
		return { id: e.id, fixture };
	});
}

/** The fixtures as stored (test/contract/fixtures/*.json), by id. */
function loadFixtures() {
	const out = {};
	for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
		out[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
	}
	return out;
}

module.exports = { EXAMPLES, extract, jsonAt, loadFixtures, docsFolder, FIXTURES };

if (require.main === module) {
	const folder = docsFolder(process.argv[2]);
	if (!folder) {
		process.stderr.write('vendor documents not found: pass their folder or set FINPASS_API_DOCS\n');
		process.exit(1);
	}
	fs.mkdirSync(FIXTURES, { recursive: true });
	for (const { id, fixture } of extract(folder)) {
		fs.writeFileSync(path.join(FIXTURES, `${id}.json`), `${JSON.stringify(fixture, null, '\t')}\n`);
	}
	process.stdout.write(`${EXAMPLES.length} fixtures written to ${path.relative(ROOT, FIXTURES)}\n`);
}

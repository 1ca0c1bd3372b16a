'use strict';
// The example workflows, served so a user who runs n8n imports one without a clone: in the n8n
// editor, Overview → Create workflow, then the workflow's "..." menu → Import → From URL, and paste
// http://127.0.0.1:4010/examples/<name>.json (n8n's server fetches it: GET /rest/workflows/from-url).
//   GET /examples/              the list: an HTML page, or JSON with Accept: application/json
//   GET /examples/<name>.json   one workflow, as n8n imports it
// The files are this package's examples/ folder (their one home in the repository). Not part of
// the vendors' APIs: not recorded, no keys.

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** [{name, title, file}] of every example, sorted by name. */
function listExamples(dir = EXAMPLES_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json') && NAME.test(f.slice(0, -5)))
		.sort()
		.map((file) => {
			let title = file;
			try {
				title = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).name || file;
			} catch {
				// listed by file name; GET of the file answers what it holds
			}
			return { name: file.slice(0, -5), title, file };
		});
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function indexPage(sim, list) {
	const rows = list
		.map((e) => {
			const url = `${sim.url}/examples/${e.file}`;
			return `<li><b>${escapeHtml(e.title)}</b><br><a href="${escapeHtml(url)}"><code>${escapeHtml(url)}</code></a></li>`;
		})
		.join('\n');
	return `<!doctype html><meta charset="utf-8"><title>Finpass example workflows</title>
<h1>Finpass example workflows</h1>
<p>In n8n: <b>Overview</b> → <b>Create workflow</b>, then the workflow's <b>…</b> menu (top right) → <b>Import</b> → <b>From URL</b>, paste one of these URLs and click <b>Import</b>.
Then fill in the node whose name ends in <i>(fill in)</i>, pick your Finpass credential, and run it.</p>
<ul>
${rows}
</ul>`;
}

function register(sim) {
	const opts = { vendor: null, recorded: false };
	const index = (ctx) => {
		const list = listExamples().map((e) => ({ ...e, url: `${sim.url}/examples/${e.file}` }));
		if (/application\/json/.test(String(ctx.headers.accept || ''))) return { status: 200, body: list };
		return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: indexPage(sim, list) };
	};
	sim.route('GET', '/examples', index, opts);
	sim.route('GET', '/examples/', index, opts);
	sim.route(
		'GET',
		'/examples/:file',
		(ctx) => {
			const file = ctx.params.file;
			const name = file.endsWith('.json') ? file.slice(0, -5) : file;
			const full = path.join(EXAMPLES_DIR, `${name}.json`);
			if (!NAME.test(name) || !fs.existsSync(full)) {
				return { status: 404, body: { error: `no example ${file}: the list is at ${sim.url}/examples/` } };
			}
			return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: fs.readFileSync(full) };
		},
		opts,
	);
}

module.exports = { register, listExamples, EXAMPLES_DIR };

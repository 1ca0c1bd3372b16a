// Turns an example workflow into its CI copy: the test credentials, a manual trigger in place of
// a schedule, every third-party step that would leave the machine (Slack, an AI model...) replaced
// by a No-Op named "CI stand-in: <name>", and the "(fill in)" details node filled with the
// simulator's sample borrower, as a user trying the simulator would (docs/examples.md): so the
// example runs end to end against the simulator only. A test may keep nodes real: `real` names
// Data Table nodes (n8n's own store) and Send Email nodes (their SMTP credential is the e2e one,
// SMTP_CREDENTIAL, pointed by the test at a recorder on 127.0.0.1); `loopback` names HTTP Request
// nodes and the recorder URL they post to instead
// (ciCopy(example, { loopback: { 'Send to CRM': url }, real: ['Record Decision', 'Email the Analyst'] })).
// The examples carry no pinned data: every node runs.
// fromUrl(name) imports an example as a user does, through n8n's Import → From URL (the REST call
// the editor makes: GET /rest/workflows/from-url) against the simulator's /examples/ URL.
const fs = require('fs');
const path = require('path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'packages', 'simulator', 'examples');
const CREDENTIALS = {
	finpassApi: { id: 'finpass-e2e', name: 'Finpass (simulator)' },
	finProApi: { id: 'finpro-e2e', name: 'FinPro (simulator)' },
	finpassWebhookApi: { id: 'fp-webhook-query-e2e', name: 'Finpass webhook, query token (e2e)' },
	finProWebhookApi: { id: 'finpro-webhook-e2e', name: 'FinPro webhook (e2e)' },
	httpHeaderAuth: { id: 'statement-upload-e2e', name: 'Statement upload caller (e2e)' },
	smtp: { id: 'smtp-e2e', name: 'SMTP recorder (e2e)' },
};
// The statement-upload webhook's Header Auth credential, as n8n's import:credentials wants it.
const UPLOAD_CREDENTIAL = {
	...CREDENTIALS.httpHeaderAuth,
	type: 'httpHeaderAuth',
	data: { name: 'X-Upload-Key', value: 'e2e-upload-key-Rk4Wz9Pq2Lm7Xv3Bt6' },
};
// What a user fills in the examples' "(fill in)" node to try them with the simulator: the one place
// CI fills them. An unfilled example stops before any Finpass call (ciCopy(example, { fill: false })).
const SIMULATOR_DETAILS = {
	'Borrower details (fill in)': { mobile: '9876543210', pan: 'ABCDE1234F' },
	// loan-underwriting-start also names where Finpass calls back: the test sets 2/2's production URL
	'Business details (fill in)': { business_pan: 'AABCU9603R', director_mobile: '9876543210' },
};
// Core nodes that need nothing outside the machine run as they are.
const LOCAL_TYPES = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.set',
	'n8n-nodes-base.if',
	'n8n-nodes-base.splitOut',
	'n8n-nodes-base.noOp',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.respondToWebhook',
	'n8n-nodes-base.merge',
	'n8n-nodes-base.filter',
	'n8n-nodes-base.aggregate',
	'n8n-nodes-base.readWriteFile',
	'n8n-nodes-base.convertToFile',
	'n8n-nodes-base.extractFromFile',
	'n8n-nodes-base.stopAndError',
	'n8n-nodes-base.errorTrigger',
]);
// node types a test may keep real (`real`): they reach nothing outside the machine then
const REAL_ON_REQUEST = new Set(['n8n-nodes-base.dataTable', 'n8n-nodes-base.emailSend']);
// The Send Email nodes' SMTP credential: a recorder on 127.0.0.1 (the test sets the port).
const SMTP_CREDENTIAL = { id: 'smtp-e2e', name: 'SMTP recorder (e2e)' };
const REPLACED_TRIGGERS = new Set(['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.cron']);

function loadExample(id) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, `${id}.json`), 'utf8'));
}

function listExamples() {
	return fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
}

/** A copy of an example with its "(fill in)" node holding the simulator's sample borrower (or business). */
function fillForSimulator(example) {
	const wf = JSON.parse(JSON.stringify(example));
	for (const node of wf.nodes) {
		if (SIMULATOR_DETAILS[node.name]) node.parameters = { ...node.parameters, jsonOutput: JSON.stringify(SIMULATOR_DETAILS[node.name], null, 2) };
	}
	return wf;
}

/**
 * The example as n8n's editor imports it (…menu → Import → From URL): GET /rest/workflows/from-url
 * with the simulator's URL, through a running n8n (baseUrl) and the owner's session cookie.
 */
async function fromUrl(baseUrl, cookie, projectId, url) {
	const q = new URLSearchParams({ url, projectId });
	const res = await fetch(`${baseUrl}/rest/workflows/from-url?${q}`, { headers: { cookie } });
	const text = await res.text();
	if (!res.ok) throw new Error(`GET /rest/workflows/from-url?url=${url}: ${res.status} ${text}`);
	return JSON.parse(text).data;
}

function ciCopy(example, { patch = () => {}, fill = true, loopback = {}, real = [] } = {}) {
	const wf = fill ? fillForSimulator(example) : JSON.parse(JSON.stringify(example));
	wf.id = `ci-${example.id}`.slice(0, 36);
	wf.name = `CI copy: ${example.name}`;
	const renamed = {};
	for (const node of wf.nodes) {
		for (const type of Object.keys(node.credentials || {})) {
			if (CREDENTIALS[type]) node.credentials[type] = CREDENTIALS[type];
		}
		if (node.type.startsWith('n8n-nodes-finpass.') || LOCAL_TYPES.has(node.type)) continue;
		if (REAL_ON_REQUEST.has(node.type) && real.includes(node.name)) continue;
		if (loopback[node.name]) {
			if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(loopback[node.name])) throw new Error(`${node.name}: loopback URLs only (${loopback[node.name]})`);
			node.parameters = { ...node.parameters, url: loopback[node.name] };
			continue;
		}
		if (REPLACED_TRIGGERS.has(node.type)) {
			Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
			continue;
		}
		const name = `CI stand-in: ${node.name}`;
		renamed[node.name] = name;
		Object.assign(node, { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {}, credentials: undefined, notes: `stands in for ${node.type} in CI` });
	}
	const rename = (n) => renamed[n] || n;
	const connections = {};
	for (const [from, outputs] of Object.entries(wf.connections)) {
		connections[rename(from)] = Object.fromEntries(
			Object.entries(outputs).map(([kind, lists]) => [kind, lists.map((list) => (list || []).map((c) => ({ ...c, node: rename(c.node) })))]),
		);
	}
	wf.connections = connections;
	patch(wf);
	return wf;
}

module.exports = { loadExample, listExamples, ciCopy, fillForSimulator, fromUrl, SMTP_CREDENTIAL, EXAMPLES_DIR, SIMULATOR_DETAILS, UPLOAD_CREDENTIAL };

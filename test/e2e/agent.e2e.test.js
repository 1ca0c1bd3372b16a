// Finpass action nodes as AI-agent tools in a real n8n: the AI Agent node with the OpenAI Chat
// Model node pointed at a local model mock (model-mock.js), the Finpass tool nodes calling the
// simulator. The mock answers from the conversation it is sent, as a model would; its request log
// shows exactly what n8n gave the model: the tool names, their descriptions, and every tool
// result with its size. That record is written to <run folder>/agent-tools.json (and to
// $FINPASS_AGENT_REPORT when set) and printed. examples/kyb-assistant.json runs here too (it needs the mock).
const fs = require('fs');
const path = require('path');
const h = require('./harness');
const { loadExample } = require('./examples');
const { startModelMock, summarize, call, say } = require('./model-mock');

const ROOT = path.resolve(__dirname, '../..');
const MOCK_CREDENTIAL = { id: 'openai-mock-e2e', name: 'OpenAI (model mock)' };
const FINPASS_CREDENTIAL = { id: 'finpass-e2e', name: 'Finpass (simulator)' };
const GOOD_PAN = 'AABCU9603R';
const WRONG_PAN = 'AABCU9603'; // one character short: what a model might send
const MOBILE = '9876543210';
const MAX_TOOL_RESULT_BYTES = 20 * 1024;

/** A tool result as the model got it: JSON text of the tool node's output items (an array). */
function parsed(result) {
	if (!result) return undefined;
	if ('json' in result) return result.json;
	try {
		return JSON.parse(result.content);
	} catch {
		return result.content;
	}
}
const firstItem = (result) => {
	const value = parsed(result);
	return (Array.isArray(value) ? value[0] : value) || {};
};
const errorOf = (result) => (typeof firstItem(result).error === 'string' ? firstItem(result).error : null);

/**
 * The description n8n gives the model for a Finpass node used as a tool: "<action> in <node
 * name>" (n8n-workflow's makeDescription), from the built node's operation list. n8n falls back to
 * the node's long description when it cannot match the operation to the node's resource, e.g. when
 * the hidden Resource parameter is missing from what it resolves.
 */
function toolDescription(nodeDir, operation) {
	const exports = require(path.join(ROOT, 'dist', 'nodes', nodeDir, `${nodeDir}.node.js`));
	const { description } = new (Object.values(exports).find((c) => typeof c === 'function'))();
	const option = description.properties.find((p) => p.name === 'operation').options.find((o) => o.value === operation);
	return `${option.action} in ${description.defaults.name}`;
}

// ---------------------------------------------------------------------------------------------
// What the model does, per scenario (picked by the model id set in the workflow)

const scenarios = {
	// PAN lookup, then a CIN lookup with the CIN the first answer holds, then an answer quoting both
	'mock-corporate-lookups': (conv) => {
		const byPan = conv.toolResults.find((r) => r.name === conv.tool('PAN').name);
		const byCin = conv.toolResults.find((r) => r.name === conv.tool('CIN').name);
		if (!byPan) return call(conv.tool('PAN').name, { pan: GOOD_PAN });
		if (!byCin) return call(conv.tool('CIN').name, { cin: firstItem(byPan).cin });
		const entity = firstItem(byPan);
		const company = firstItem(byCin);
		return say(
			`PAN ${entity.pan} belongs to ${entity.entity_name} (${entity.entity_type}, ${entity.status}), CIN ${entity.cin}. ` +
				`The registry lists ${company.company_name} as ${company.status}, ${company.company_type}, incorporated ${company.date_of_incorporation}, ` +
				`paid-up capital ${company.paid_up_capital}.`,
		);
	},
	// a wrong PAN first; after the tool's error, the corrected one; then the answer
	'mock-corporate-retry': (conv) => {
		const tool = conv.tool('PAN').name;
		const last = conv.last();
		if (!last) return call(tool, { pan: WRONG_PAN });
		const error = errorOf(last);
		if (error) {
			// a model corrects the value only when the error says what is wrong with which field
			if (/PAN/.test(error) && /10 characters/.test(error) && conv.toolResults.length < 3) return call(tool, { pan: GOOD_PAN });
			return say(`I could not look the PAN up: ${error}`);
		}
		const entity = firstItem(last);
		return say(`PAN ${entity.pan} is held by ${entity.entity_name}, status ${entity.status}. (First try: ${errorOf(conv.toolResults[0])})`);
	},
	// the client_id from the user's message, Get JSON Report as summary, balances in the answer
	'mock-aa-summary': (conv) => {
		const tool = conv.tool('Bank').name;
		if (!conv.last()) {
			const clientId = /aa_[0-9a-f]+_[0-9a-f]+/.exec(conv.userText)?.[0];
			return clientId ? call(tool, { client_id: clientId }) : say('Which consent client_id?');
		}
		const accounts = Array.isArray(parsed(conv.last())) ? parsed(conv.last()) : [];
		return say(
			accounts
				.map(
					(a) =>
						`${a.masked_account_number} (${a.ifsc}): balance ${a.current_balance} ${a.currency}, ${a.transaction_count} transactions ` +
						`${a.first_transaction_date}..${a.last_transaction_date}, credits ${a.total_credits}, debits ${a.total_debits}`,
				)
				.join('; ') || `No accounts: ${conv.last().content}`,
		);
	},
	// the KYB example: PAN → CIN, then EPFO when the user gave a mobile number, then an answer
	'mock-kyb': (conv) => {
		const done = (word) => conv.toolResults.find((r) => r.name === conv.tool(word).name);
		const pan = /[A-Z]{5}[0-9]{4}[A-Z]/.exec(conv.userText)?.[0];
		const mobile = /\b[6-9][0-9]{9}\b/.exec(conv.userText)?.[0];
		if (pan && !done('PAN')) return call(conv.tool('PAN').name, { pan });
		if (pan && !done('CIN') && firstItem(done('PAN')).cin) return call(conv.tool('CIN').name, { cin: firstItem(done('PAN')).cin });
		// the example's EPFO tool asks the model whether the person consented (its Borrower Consented)
		if (mobile && !done('EPFO')) return call(conv.tool('EPFO').name, { mobile_number: mobile, borrower_consented: /\bconsented\b/.test(conv.userText) });
		const entity = firstItem(done('PAN'));
		const company = firstItem(done('CIN'));
		const jobs = Array.isArray(parsed(done('EPFO'))) ? parsed(done('EPFO')) : [];
		return say(
			`${entity.entity_name} (PAN ${entity.pan}, CIN ${company.cin}) is ${company.status} on the registry (Company by PAN, Company by CIN). ` +
				`EPFO lists ${jobs.length} employer(s) for ${mobile}: ${jobs.map((j) => j.establishment_name).join(', ')} (EPFO Employment History).`,
		);
	},
};

// ---------------------------------------------------------------------------------------------
// Setup

let mock;
// the AA scenario's sizes, for the record: the summary the model got vs. the full report
const aaSizes = {};
beforeAll(async () => {
	mock = await startModelMock({ scenarios });
	await h.importCredentials([{ ...MOCK_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'mock-key', url: mock.url } }]);
});

afterAll(async () => {
	if (!mock) return;
	const inf = h.info();
	const report = { n8nVersion: inf.n8nVersion, ...summarize(mock.requests), aaSummaryVersusFullReport: aaSizes, byScenario: {} };
	for (const name of Object.keys(scenarios)) {
		const mine = mock.requests.filter((r) => r.scenario === name);
		if (!mine.length) continue;
		const sizes = mine.flatMap((r) => r.toolResults.map((t) => t.bytes));
		report.byScenario[name] = {
			requests: mine.length,
			endpoints: [...new Set(mine.map((r) => `${r.endpoint}${r.stream ? ' (stream)' : ''}`))],
			toolCalls: mine.filter((r) => r.reply.toolCalls).flatMap((r) => r.reply.toolCalls),
			largestToolResultBytes: sizes.length ? Math.max(...sizes) : 0,
			finalAnswer: mine[mine.length - 1].reply.text ?? null,
		};
	}
	const file = path.join(inf.runDir, 'agent-tools.json');
	fs.writeFileSync(file, JSON.stringify(report, null, 2));
	fs.writeFileSync(path.join(inf.runDir, 'model-mock-requests.json'), JSON.stringify(mock.requests, null, 2));
	// the run folder is removed after the run: FINPASS_AGENT_REPORT=<file> keeps a copy
	if (process.env.FINPASS_AGENT_REPORT) fs.writeFileSync(process.env.FINPASS_AGENT_REPORT, JSON.stringify(report, null, 2));
	const lines = [
		`\nfinpass e2e (n8n ${inf.n8nVersion}): what n8n sent the model (${file})`,
		...report.tools.map((t) => `  tool ${t.name}: ${t.description}`),
		`  largest tool result: ${report.largestToolResult ? `${report.largestToolResult.bytes} bytes (${report.largestToolResult.tool}, ${report.largestToolResult.scenario})` : 'none'}`,
		...(aaSizes.transactions ? [`  AA summary for ${aaSizes.transactions} transactions: ${aaSizes.toolResultBytes} bytes (the full report: ${aaSizes.fullReportBytes} bytes)`] : []),
		`  endpoints: ${report.endpoints.join(', ')}`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	await mock.close();
});

/** The agent node's typeVersion: 3.1 in n8n 2.x; 1.x has only 3 (same parameters). */
function forThisN8n(workflow) {
	for (const node of workflow.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.agent' && h.info().n8nMajor < 2) node.typeVersion = 3;
	}
	return workflow;
}

/** Loads test/e2e/workflows/<id>.json, applies `patch`, imports it (same id: replaces the copy from setup). */
async function importTestWorkflow(id, patch = () => {}) {
	const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, 'workflows', `${id}.json`), 'utf8'));
	patch(workflow);
	return h.importWorkflow(forThisN8n(workflow));
}

/** The mock's log for a scenario, from request number `from` on (earlier runs of it left out). */
const requestsOf = (scenario, from = 0) => mock.requests.slice(from).filter((r) => r.scenario === scenario);
const agentOutput = (r) => h.nodeOutput(r, 'AI Agent')[0]?.json.output;

function expectSuccess(r) {
	if (r.code !== 0 || !r.result) {
		throw new Error(`n8n execute exited ${r.code}: ${JSON.stringify(r.result && h.executionError(r))}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
	}
	expect(h.executionError(r)).toBeNull();
}

beforeEach(async () => {
	await h.sim('/reset', {});
});

// ---------------------------------------------------------------------------------------------

describe('Finpass Corporate as agent tools', () => {
	test('PAN lookup, then CIN lookup, as two tool calls; both results in the final answer', async () => {
		const id = await importTestWorkflow('agent-corporate-lookups');
		const r = await h.executeWorkflow(id);
		expectSuccess(r);

		const log = requestsOf('mock-corporate-lookups');
		expect(log.map((q) => q.reply.toolCalls?.[0].name ?? 'answer')).toEqual(['Company_by_PAN', 'Company_by_CIN', 'answer']);
		// the tools n8n offered: named after the nodes, described by the operations' action texts.
		// The workflow stores no `resource` (the editor saves none: it is hidden, at its default),
		// so this also shows n8n resolving the hidden parameter's default for the tool description.
		const tools = Object.fromEntries(log[0].tools.map((t) => [t.name, t]));
		expect(Object.keys(tools).sort()).toEqual(['Company_by_CIN', 'Company_by_PAN']);
		expect(tools.Company_by_PAN.description).toBe(toolDescription('FinpassCorporate', 'panLookup'));
		expect(tools.Company_by_PAN.description).toBe('Get company or LLP by PAN in Finpass Corporate');
		expect(tools.Company_by_CIN.description).toBe(toolDescription('FinpassCorporate', 'cinLookup'));
		expect(tools.Company_by_PAN.parameters.properties.pan).toMatchObject({ type: 'string', description: expect.stringMatching(/10 characters/) });
		expect(tools.Company_by_CIN.parameters.required).toEqual(['cin']);

		const [byPan, byCin] = log[2].toolResults;
		const entity = firstItem(byPan);
		const company = firstItem(byCin);
		expect(entity).toMatchObject({ pan: GOOD_PAN, cin: expect.stringMatching(/^[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6}$/) });
		expect(company.cin).toBe(entity.cin);
		const output = agentOutput(r);
		expect(output).toContain(entity.entity_name);
		expect(output).toContain(entity.cin);
		expect(output).toContain(company.status);
		expect(output).toContain(company.paid_up_capital);

		// the calls reached Finpass with the model's values
		const sent = await h.sim('/requests');
		expect(sent.filter((q) => /corporate/.test(q.path)).map((q) => [q.path, q.json])).toEqual([
			['/api/v1/corporate/pan-lookup', { pan: GOOD_PAN }],
			['/api/v1/corporate/cin-lookup', { cin: entity.cin }],
		]);
	});

	const WRONG_PAN_ERROR = `PAN "${WRONG_PAN}" is not valid: expected 10 characters: 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)`;

	/** The retry scenario's checks once the workflow has succeeded; returns what the model got for the wrong PAN. */
	async function expectCorrected(r, { endpoint, from }) {
		expectSuccess(r);
		const log = requestsOf('mock-corporate-retry', from);
		expect(log.map((q) => q.reply.toolCalls?.[0].args.pan ?? 'answer')).toEqual([WRONG_PAN, GOOD_PAN, 'answer']);
		const [rejected, accepted] = log[2].toolResults;
		expect(errorOf(rejected)).toBe(WRONG_PAN_ERROR);
		expect(firstItem(accepted)).toMatchObject({ pan: GOOD_PAN, entity_name: expect.any(String) });
		expect(agentOutput(r)).toContain(firstItem(accepted).entity_name);
		// nothing was sent to Finpass for the wrong PAN
		const sent = (await h.sim('/requests')).filter((q) => /pan-lookup/.test(q.path));
		expect(sent.map((q) => q.json.pan)).toEqual([GOOD_PAN]);
		expect(new Set(log.map((q) => q.endpoint))).toEqual(new Set([endpoint]));
		return firstItem(rejected);
	}

	test('a wrong PAN from the model, tool with default settings: 2.x hands the model the error and the model retries; 1.x stops the workflow', async () => {
		const from = mock.requests.length;
		const id = await importTestWorkflow('agent-corporate-retry');
		const r = await h.executeWorkflow(id);
		if (h.info().n8nMajor >= 2) {
			// n8n 2.x turns a failing tool into {error: <message>} for the model (the message only)
			const received = await expectCorrected(r, { endpoint: 'responses', from });
			expect(received).toEqual({ error: WRONG_PAN_ERROR });
		} else {
			// n8n 1.x has no such default: the tool's error is the workflow's error (hence the
			// example's "On Error: Continue" on every tool, next test)
			expect(r.code).toBe(1);
			expect(h.nodeError(r, 'Company by PAN').message).toBe(WRONG_PAN_ERROR);
			expect(requestsOf('mock-corporate-retry', from)).toHaveLength(1);
		}
	});

	test('a wrong PAN from the model, tool set to On Error → Continue: the model gets the message and its description, retries, the workflow succeeds (1.x and 2.x)', async () => {
		const from = mock.requests.length;
		const id = await importTestWorkflow('agent-corporate-retry', (wf) => {
			wf.nodes.find((n) => n.name === 'Company by PAN').onError = 'continueRegularOutput';
		});
		const r = await h.executeWorkflow(id);
		const received = await expectCorrected(r, { endpoint: 'responses', from });
		expect(received).toEqual({ error: WRONG_PAN_ERROR, description: 'Nothing was sent to the API for this item.' });
	});
});

describe('Finpass Account Aggregator as an agent tool', () => {
	test('Get JSON Report with the summary output: 50,000 transactions reach the model as a small summary', async () => {
		const res = await fetch(`${h.info().simUrl}/api/v1/services/account-aggregator/init`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' },
			body: JSON.stringify({ mobile_number: MOBILE, consent_type: 'loan_underwriting' }),
		});
		const clientId = (await res.json()).data.client_id;
		await h.sim(`/aa/clients/${clientId}`, { consent: 'approved', data: 'ready', transactions: 50000 });
		const id = await importTestWorkflow('agent-aa-summary', (wf) => {
			const agent = wf.nodes.find((n) => n.name === 'AI Agent');
			agent.parameters.text = agent.parameters.text.replace('CLIENT_ID', clientId);
		});
		const r = await h.executeWorkflow(id);
		expectSuccess(r);

		const log = requestsOf('mock-aa-summary');
		expect(log[0].reply.toolCalls).toEqual([{ name: 'Bank_Data_Summary', args: { client_id: clientId } }]);
		expect(log[0].tools[0].description).toBe(toolDescription('FinpassAccountAggregator', 'fetchJsonReport'));
		const [result] = log[1].toolResults;
		expect(result.bytes).toBeLessThan(MAX_TOOL_RESULT_BYTES);
		const accounts = parsed(result);
		expect(accounts).toHaveLength(2);
		expect(accounts[0]).toMatchObject({ client_id: clientId, transaction_count: 50000, currency: 'INR', total_credits: expect.stringMatching(/^\d+\.\d{2}$/) });
		expect(accounts[0].closing_balance).toBe(accounts[0].current_balance);
		expect(agentOutput(r)).toContain(`${accounts[0].current_balance} INR, 50000 transactions`);

		// for the record: what the model would have got without the summary
		const full = await fetch(`${h.info().simUrl}/api/v1/services/account-aggregator/fetch-json-report`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': 'sim_key', 'x-api-secret': 'sim_secret' },
			body: JSON.stringify({ client_id: clientId }),
		});
		Object.assign(aaSizes, { transactions: 50000, toolResultBytes: result.bytes, fullReportBytes: Buffer.byteLength(await full.text()) });
	});
});

// ---------------------------------------------------------------------------------------------
// examples/kyb-assistant.json: a Chat Trigger cannot start `n8n execute` ("Missing node to start
// execution"), so the CI copy runs under `n8n start` and is chatted with over its webhook.

/**
 * The CI copy: test credentials, the mock's model, the chat made reachable over its webhook.
 * `streaming` sets the trigger's Streaming response mode; `api` picks the model node's API
 * (the example keeps the node's default, the Responses API).
 */
function kybCiCopy({ id, webhookId, streaming, api }) {
	const wf = loadExample('kyb-assistant');
	wf.id = id;
	wf.name = `CI copy: ${wf.name} (${api}${streaming ? ', streaming' : ''})`;
	for (const node of wf.nodes) {
		if (node.credentials?.finpassApi) node.credentials.finpassApi = FINPASS_CREDENTIAL;
		if (node.credentials?.openAiApi) node.credentials.openAiApi = MOCK_CREDENTIAL;
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') {
			node.parameters.model = { __rl: true, mode: 'id', value: 'mock-kyb' };
			if (api === 'chat.completions') node.parameters.responsesApiEnabled = false;
		}
		if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger') {
			node.webhookId = webhookId;
			node.parameters = { ...node.parameters, public: true, mode: 'webhook', options: streaming ? { responseMode: 'streaming' } : {} };
		}
	}
	return forThisN8n(wf);
}

/** The reply text of a chat webhook answer: {output} (last node), or the streamed JSON lines joined. */
function chatReply(res) {
	if (res.body && typeof res.body === 'object' && 'output' in res.body) return res.body.output;
	return String(typeof res.body === 'string' ? res.body : JSON.stringify(res.body))
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l))
		.filter((c) => c.type === 'item')
		.map((c) => c.content ?? '')
		.join('');
}

describe('KYB assistant example', () => {
	let n8n;
	afterAll(async () => n8n && n8n.stop());

	test('chat → agent → Finpass tools (PAN, CIN, EPFO) → an answer quoting them; as exported, and streaming over both APIs', async () => {
		const variants = [
			{ id: 'ci-kyb-assistant', streaming: false, api: 'responses', endpoint: 'responses' },
			{ id: 'ci-kyb-assistant-stream', streaming: true, api: 'responses', endpoint: 'responses (stream)' },
			{ id: 'ci-kyb-assistant-stream-cc', streaming: true, api: 'chat.completions', endpoint: 'chat.completions (stream)' },
		].map((v, k) => ({ ...v, webhookId: `c1b0a5e1-0000-4000-8000-00000000c00${k + 1}` }));
		for (const v of variants) await h.importWorkflow(kybCiCopy(v));
		n8n = await h.startN8n({ publish: variants.map((v) => v.id) });
		const chatInput = `Check the company with PAN ${GOOD_PAN}; the director's mobile is ${MOBILE} and he consented to an EPFO check.`;

		for (const [k, v] of variants.entries()) {
			const from = mock.requests.length;
			const res = await n8n.postWebhook(`${v.webhookId}/chat`, { action: 'sendMessage', sessionId: `ci-kyb-${k}`, chatInput });
			expect(res.status).toBe(200);
			const log = requestsOf('mock-kyb', from);
			expect(log.map((q) => q.reply.toolCalls?.[0].name ?? 'answer')).toEqual(['Company_by_PAN', 'Company_by_CIN', 'EPFO_Employment_History', 'answer']);
			expect(new Set(log.map((q) => `${q.endpoint}${q.stream ? ' (stream)' : ''}`))).toEqual(new Set([v.endpoint]));
			expect(log[0].tools.map((t) => t.name).sort()).toEqual(['Company_Search', 'Company_by_CIN', 'Company_by_PAN', 'EPFO_Employment_History', 'LLP_by_LLPIN']);
			// the example stores `resource` explicitly: the same action texts
			expect(Object.fromEntries(log[0].tools.map((t) => [t.name, t.description]))).toEqual({
				Company_Search: toolDescription('FinpassCorporate', 'companyAutocomplete'),
				Company_by_CIN: toolDescription('FinpassCorporate', 'cinLookup'),
				Company_by_PAN: toolDescription('FinpassCorporate', 'panLookup'),
				EPFO_Employment_History: toolDescription('FinpassEpfo', 'epfoCrifReport'),
				LLP_by_LLPIN: toolDescription('FinpassCorporate', 'llpinLookup'),
			});
			const reply = chatReply(res);
			expect(reply).toBe(log[log.length - 1].reply.text);
			expect(reply).toMatch(/is Active on the registry/);
			expect(reply).toMatch(/EPFO lists [1-9] employer/);
			await n8n.waitForExecutions(v.id, { status: 'success' });
		}
		const sent = (await h.sim('/requests')).map((q) => q.path).filter((p) => /pan-lookup|cin-lookup|epfo/.test(p));
		expect(sent).toHaveLength(3 * variants.length);
	}, 240000);
});

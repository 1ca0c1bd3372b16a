'use strict';
// A local stand-in for an OpenAI-compatible model, so n8n's AI Agent node can be driven in the
// end-to-end tests without a real model or any network. No dependencies: Node's http only.
//
// Endpoints (below the base URL `<url>`, which ends in /v1 like OpenAI's):
//   POST /v1/chat/completions   Chat Completions, `stream: true` answered as SSE chunks
//   POST /v1/responses          Responses API, `stream: true` answered as SSE events
//   GET  /v1/models             a model list (n8n's model picker and credential test call it)
//   GET  /__mock/requests       the request log (see below); POST /__mock/reset empties it
//
// Answers come from the conversation state, never from a counter: a scenario is a function of
// the conversation (the tools offered, the user's text, the tool results so far) that returns
// either tool calls or a final text. The agent sends the whole conversation every round, so the
// mock stays right however often n8n retries or re-runs a step. The scenario is picked by the
// request's `model` (the OpenAI Chat Model node's model id): a registered scenario of that name,
// else the `defaultScenario`.
//
// Every request is logged: endpoint, streaming or not, model, the tools it was sent (name,
// description, parameter schema), the tool results in the conversation (tool name, size in
// bytes, text) and what the mock answered. Tests assert on it; the run's summary quotes it.

const http = require('http');
const crypto = require('crypto');

// ---------------------------------------------------------------------------------------------
// The conversation, read the same way from both APIs

/** Text of a message content: a string, or OpenAI's list of parts ({type, text}). */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : ''))
			.join('');
	}
	return content == null ? '' : JSON.stringify(content);
}

function parseArgs(raw) {
	if (raw && typeof raw === 'object') return raw;
	try {
		return JSON.parse(raw || '{}');
	} catch {
		return { _unparsed: String(raw) };
	}
}

/** Tries JSON, falls back to the text itself. */
function parseResult(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * Normalizes a Chat Completions body: {system, userText, tools[], calls[], toolResults[]}.
 * toolResults are in conversation order, each {callId, name, args, content, bytes, json}.
 */
function fromChatCompletions(body) {
	const tools = (body.tools || [])
		.filter((t) => t && (t.type === 'function' || t.function))
		.map((t) => ({ name: t.function.name, description: t.function.description || '', parameters: t.function.parameters || {} }));
	const calls = new Map();
	const toolResults = [];
	const system = [];
	const user = [];
	for (const m of body.messages || []) {
		if (m.role === 'system' || m.role === 'developer') system.push(textOf(m.content));
		else if (m.role === 'user') user.push(textOf(m.content));
		else if (m.role === 'assistant') {
			for (const c of m.tool_calls || []) {
				calls.set(c.id, { name: c.function?.name, args: parseArgs(c.function?.arguments) });
			}
		} else if (m.role === 'tool') {
			const call = calls.get(m.tool_call_id) || {};
			const content = textOf(m.content);
			toolResults.push({
				callId: m.tool_call_id,
				name: call.name || m.name || null,
				args: call.args || {},
				content,
				bytes: Buffer.byteLength(content, 'utf8'),
				json: parseResult(content),
			});
		}
	}
	return { system: system.join('\n'), userText: user.join('\n'), tools, toolResults };
}

/** Normalizes a Responses API body (instructions + input items) to the same shape. */
function fromResponses(body) {
	const tools = (body.tools || [])
		.filter((t) => t && t.type === 'function')
		.map((t) => ({ name: t.name, description: t.description || '', parameters: t.parameters || {} }));
	const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input || [];
	const calls = new Map();
	const toolResults = [];
	const system = body.instructions ? [String(body.instructions)] : [];
	const user = [];
	for (const item of input) {
		if (item.type === 'function_call') {
			calls.set(item.call_id, { name: item.name, args: parseArgs(item.arguments) });
		} else if (item.type === 'function_call_output') {
			const call = calls.get(item.call_id) || {};
			const content = textOf(item.output);
			toolResults.push({
				callId: item.call_id,
				name: call.name || null,
				args: call.args || {},
				content,
				bytes: Buffer.byteLength(content, 'utf8'),
				json: parseResult(content),
			});
		} else if (item.role === 'system' || item.role === 'developer') system.push(textOf(item.content));
		else if (item.role === 'user') user.push(textOf(item.content));
	}
	return { system: system.join('\n'), userText: user.join('\n'), tools, toolResults };
}

// ---------------------------------------------------------------------------------------------
// Helpers for scenarios

/**
 * The conversation a scenario sees. `round` is the number of tool results so far;
 * `tool(pattern)` finds an offered tool by a word of its name, or by a regular expression on it.
 */
function conversation(normalized) {
	const conv = { ...normalized, round: normalized.toolResults.length };
	conv.tool = (pattern) => {
		// a string is one whole word of the name ("PAN" finds Company_by_PAN, not Company_by_CIN)
		const test =
			pattern instanceof RegExp
				? (t) => pattern.test(t.name)
				: (t) => t.name.toLowerCase().split(/[_-]+/).includes(String(pattern).toLowerCase());
		const hit = conv.tools.find(test);
		if (!hit) throw new Error(`model mock: no tool offered matches ${pattern}; offered: ${conv.tools.map((t) => t.name).join(', ') || 'none'}`);
		return hit;
	};
	conv.last = () => conv.toolResults[conv.toolResults.length - 1];
	/** The first item of a tool result (n8n sends a JSON array of the node's output items). */
	conv.firstItem = (result) => (Array.isArray(result?.json) ? result.json[0] : result?.json) || {};
	return conv;
}

/** A reply with one or more tool calls: call('Tool_Name', {arg: 1}, ...) or [{name, args}]. */
const call = (name, args) => ({ toolCalls: [{ name, args }] });
const say = (text) => ({ text });

// ---------------------------------------------------------------------------------------------
// Wire formats

const newId = (prefix) => `${prefix}${crypto.randomBytes(12).toString('hex')}`;
const approxTokens = (s) => Math.max(1, Math.ceil(String(s).length / 4));

function chatCompletion(model, reply, promptText) {
	const message = { role: 'assistant', content: reply.text ?? null };
	if (reply.toolCalls) {
		message.tool_calls = reply.toolCalls.map((c) => ({
			id: c.id,
			type: 'function',
			function: { name: c.name, arguments: JSON.stringify(c.args ?? {}) },
		}));
	}
	const completion = approxTokens(JSON.stringify(message));
	const prompt = approxTokens(promptText);
	return {
		id: newId('chatcmpl-'),
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: reply.toolCalls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
	};
}

function chatCompletionChunks(model, reply, promptText, includeUsage) {
	const id = newId('chatcmpl-');
	const created = Math.floor(Date.now() / 1000);
	const chunk = (delta, finish = null) => ({
		id,
		object: 'chat.completion.chunk',
		created,
		model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
	});
	const out = [chunk({ role: 'assistant', content: '' })];
	if (reply.toolCalls) {
		reply.toolCalls.forEach((c, index) => {
			const args = JSON.stringify(c.args ?? {});
			out.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
			// arguments arrive in pieces, as from the real API
			for (let i = 0; i < args.length; i += 16) {
				out.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 16) } }] }));
			}
		});
		out.push(chunk({}, 'tool_calls'));
	} else {
		for (const piece of String(reply.text).match(/[\s\S]{1,24}/g) || ['']) out.push(chunk({ content: piece }));
		out.push(chunk({}, 'stop'));
	}
	if (includeUsage) {
		const prompt = approxTokens(promptText);
		const completion = approxTokens(JSON.stringify(reply));
		out.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } });
	}
	return out;
}

function responseOutput(reply) {
	if (reply.toolCalls) {
		return reply.toolCalls.map((c) => ({
			type: 'function_call',
			id: newId('fc_'),
			call_id: c.id,
			name: c.name,
			arguments: JSON.stringify(c.args ?? {}),
			status: 'completed',
		}));
	}
	return [
		{
			type: 'message',
			id: newId('msg_'),
			role: 'assistant',
			status: 'completed',
			content: [{ type: 'output_text', text: reply.text, annotations: [] }],
		},
	];
}

function responseObject(model, output, promptText, status = 'completed') {
	const input = approxTokens(promptText);
	const outputTokens = approxTokens(JSON.stringify(output));
	return {
		id: newId('resp_'),
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status,
		model,
		output,
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: [],
		usage:
			status === 'completed'
				? {
						input_tokens: input,
						input_tokens_details: { cached_tokens: 0 },
						output_tokens: outputTokens,
						output_tokens_details: { reasoning_tokens: 0 },
						total_tokens: input + outputTokens,
					}
				: null,
	};
}

/** The Responses API's stream: created, per output item added/deltas/done, completed. */
function responseEvents(model, reply, promptText) {
	const output = responseOutput(reply);
	const final = responseObject(model, output, promptText);
	const events = [];
	let seq = 0;
	const ev = (type, fields) => events.push({ type, sequence_number: seq++, ...fields });
	const pending = { ...final, status: 'in_progress', output: [], usage: null };
	ev('response.created', { response: pending });
	ev('response.in_progress', { response: pending });
	output.forEach((item, outputIndex) => {
		if (item.type === 'function_call') {
			ev('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
			ev('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: item.arguments });
			ev('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, arguments: item.arguments });
		} else {
			const text = item.content[0].text;
			ev('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
			ev('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
			for (const piece of text.match(/[\s\S]{1,24}/g) || ['']) {
				ev('response.output_text.delta', { item_id: item.id, output_index: outputIndex, content_index: 0, delta: piece });
			}
			ev('response.output_text.done', { item_id: item.id, output_index: outputIndex, content_index: 0, text });
			ev('response.content_part.done', { item_id: item.id, output_index: outputIndex, content_index: 0, part: item.content[0] });
		}
		ev('response.output_item.done', { output_index: outputIndex, item });
	});
	ev('response.completed', { response: final });
	return events;
}

// ---------------------------------------------------------------------------------------------
// The server

/**
 * Starts the mock on 127.0.0.1. Options: port (0 = any free one), scenarios {name: fn(conv)},
 * defaultScenario (a name or a function). Resolves with
 * {url (base URL ending in /v1), port, requests (the live log), reset(), close()}.
 */
function startModelMock({ port = 0, scenarios = {}, defaultScenario } = {}) {
	const requests = [];
	let callCounter = 0;

	const pickScenario = (model) => {
		if (scenarios[model]) return { name: model, fn: scenarios[model] };
		if (typeof defaultScenario === 'function') return { name: 'default', fn: defaultScenario };
		if (defaultScenario && scenarios[defaultScenario]) return { name: defaultScenario, fn: scenarios[defaultScenario] };
		return {
			name: 'echo',
			fn: (conv) => say(conv.round ? `Tool results: ${conv.toolResults.map((r) => r.content).join('\n')}` : `You said: ${conv.userText}`),
		};
	};

	const answer = (endpoint, body) => {
		const normalized = endpoint === 'responses' ? fromResponses(body) : fromChatCompletions(body);
		const conv = conversation(normalized);
		const scenario = pickScenario(body.model);
		const entry = {
			at: new Date().toISOString(),
			endpoint,
			stream: body.stream === true,
			model: body.model,
			scenario: scenario.name,
			round: conv.round,
			userText: conv.userText,
			tools: conv.tools,
			toolResults: conv.toolResults.map(({ name, args, bytes, content }) => ({ name, args, bytes, content })),
			requestBytes: Buffer.byteLength(JSON.stringify(body), 'utf8'),
		};
		let reply;
		try {
			reply = scenario.fn(conv);
		} catch (e) {
			reply = say(`MODEL MOCK ERROR: ${e.message}`);
			entry.error = e.message;
		}
		if (reply.toolCalls) reply.toolCalls = reply.toolCalls.map((c) => ({ ...c, id: `call_${++callCounter}_${crypto.randomBytes(4).toString('hex')}` }));
		entry.reply = reply.toolCalls ? { toolCalls: reply.toolCalls.map(({ name, args }) => ({ name, args })) } : { text: reply.text };
		requests.push(entry);
		return { reply, promptText: `${conv.system}\n${conv.userText}\n${conv.toolResults.map((r) => r.content).join('\n')}` };
	};

	const sendJson = (res, status, data) => {
		const text = JSON.stringify(data);
		res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
		res.end(text);
	};
	const sendSse = (res, events, { named, done }) => {
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		for (const e of events) res.write(`${named ? `event: ${e.type}\n` : ''}data: ${JSON.stringify(e)}\n\n`);
		if (done) res.write('data: [DONE]\n\n');
		res.end();
	};

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
			let body = {};
			if (chunks.length) {
				try {
					body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
				} catch {
					return sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
				}
			}
			try {
				if (route === 'POST /v1/chat/completions') {
					const { reply, promptText } = answer('chat.completions', body);
					const model = body.model || 'mock';
					if (body.stream) {
						return sendSse(res, chatCompletionChunks(model, reply, promptText, body.stream_options?.include_usage), { named: false, done: true });
					}
					return sendJson(res, 200, chatCompletion(model, reply, promptText));
				}
				if (route === 'POST /v1/responses') {
					const { reply, promptText } = answer('responses', body);
					const model = body.model || 'mock';
					if (body.stream) return sendSse(res, responseEvents(model, reply, promptText), { named: true, done: false });
					return sendJson(res, 200, responseObject(model, responseOutput(reply), promptText));
				}
				if (route === 'GET /v1/models') {
					const ids = [...new Set(['gpt-4o-mini', ...Object.keys(scenarios)])];
					return sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'model-mock' })) });
				}
				if (route === 'GET /__mock/requests') return sendJson(res, 200, requests);
				if (route === 'POST /__mock/reset') {
					requests.length = 0;
					return sendJson(res, 200, { ok: true });
				}
				return sendJson(res, 404, { error: { message: `model mock: no route ${route}`, type: 'invalid_request_error' } });
			} catch (e) {
				return sendJson(res, 500, { error: { message: `model mock: ${e.message}`, type: 'server_error' } });
			}
		});
	});

	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const actual = server.address().port;
			resolve({
				url: `http://127.0.0.1:${actual}/v1`,
				port: actual,
				requests,
				reset: () => {
					requests.length = 0;
				},
				close: () =>
					new Promise((r) => {
						server.closeAllConnections?.();
						server.close(() => r());
					}),
			});
		});
	});
}

/**
 * What n8n sent the model over a set of logged requests: every distinct tool (name, description,
 * parameters) and the largest tool result, for the tests' summary file.
 */
function summarize(requests) {
	const tools = new Map();
	let largest = null;
	for (const r of requests) {
		for (const t of r.tools) if (!tools.has(t.name)) tools.set(t.name, t);
		for (const result of r.toolResults) {
			if (!largest || result.bytes > largest.bytes) largest = { bytes: result.bytes, tool: result.name, scenario: r.scenario };
		}
	}
	return {
		requests: requests.length,
		endpoints: [...new Set(requests.map((r) => `${r.endpoint}${r.stream ? ' (stream)' : ''}`))],
		tools: [...tools.values()],
		largestToolResult: largest,
	};
}

module.exports = { startModelMock, summarize, call, say, fromChatCompletions, fromResponses };

if (require.main === module) {
	// `node test/e2e/model-mock.js [port]`: an echo model for trying workflows by hand
	startModelMock({ port: Number(process.argv[2] || 0) }).then((mock) => {
		process.stdout.write(`model mock on ${mock.url} (echo scenario); Ctrl-C to stop\n`);
	});
}

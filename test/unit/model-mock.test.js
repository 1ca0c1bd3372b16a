// The OpenAI-compatible model mock the agent e2e tests drive n8n's AI Agent with
// (test/e2e/model-mock.js): both APIs, streaming and not, answers from the conversation state.
const { startModelMock, call, say } = require('../e2e/model-mock');

let mock;
beforeAll(async () => {
	mock = await startModelMock({
		scenarios: {
			lookup: (conv) => (conv.last() ? say(`got ${conv.last().content}`) : call(conv.tool('PAN').name, { pan: 'ABCDE1234F' })),
		},
	});
});
afterAll(async () => mock.close());
beforeEach(() => mock.reset());

const tools = [{ type: 'function', function: { name: 'Company_by_PAN', description: 'Find by PAN', parameters: { type: 'object', properties: { pan: { type: 'string' } } } } }];
const post = async (route, body) => fetch(`${mock.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** SSE body → the parsed `data:` payloads (without [DONE]). */
const events = (text) =>
	text
		.split('\n\n')
		.map((block) => block.split('\n').find((l) => l.startsWith('data: ')))
		.filter((l) => l && l !== 'data: [DONE]')
		.map((l) => JSON.parse(l.slice(6)));

describe('chat completions', () => {
	test('a tool call first, then (with the tool result in the conversation) the final answer', async () => {
		const first = await (await post('/chat/completions', { model: 'lookup', messages: [{ role: 'user', content: 'check' }], tools })).json();
		const toolCall = first.choices[0].message.tool_calls[0];
		expect(first.choices[0].finish_reason).toBe('tool_calls');
		expect(toolCall.function).toEqual({ name: 'Company_by_PAN', arguments: '{"pan":"ABCDE1234F"}' });
		const messages = [
			{ role: 'user', content: 'check' },
			{ role: 'assistant', content: null, tool_calls: [toolCall] },
			{ role: 'tool', tool_call_id: toolCall.id, content: '[{"pan":"ABCDE1234F"}]' },
		];
		const second = await (await post('/chat/completions', { model: 'lookup', messages, tools })).json();
		expect(second.choices[0].message.content).toBe('got [{"pan":"ABCDE1234F"}]');
		expect(mock.requests[1].toolResults).toEqual([{ name: 'Company_by_PAN', args: { pan: 'ABCDE1234F' }, bytes: 22, content: '[{"pan":"ABCDE1234F"}]' }]);
		expect(mock.requests[0].tools).toEqual([{ name: 'Company_by_PAN', description: 'Find by PAN', parameters: tools[0].function.parameters }]);
	});

	test('streaming: chunks whose tool-call argument pieces join to the arguments, usage last, then [DONE]', async () => {
		const res = await post('/chat/completions', { model: 'lookup', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'x' }], tools });
		expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
		const text = await res.text();
		expect(text.trim().endsWith('data: [DONE]')).toBe(true);
		const chunks = events(text);
		const args = chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta.tool_calls ?? [])).map((t) => t.function.arguments).join('');
		expect(JSON.parse(args)).toEqual({ pan: 'ABCDE1234F' });
		expect(chunks.at(-2).choices[0].finish_reason).toBe('tool_calls');
		expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
		expect(mock.requests[0].stream).toBe(true);
	});
});

describe('responses', () => {
	test('function_call first; after a function_call_output, a message', async () => {
		const rTools = [{ type: 'function', name: 'Company_by_PAN', description: 'Find by PAN', parameters: {} }];
		const first = await (await post('/responses', { model: 'lookup', input: [{ role: 'user', content: [{ type: 'input_text', text: 'check' }] }], tools: rTools })).json();
		const fc = first.output[0];
		expect(fc).toMatchObject({ type: 'function_call', name: 'Company_by_PAN', arguments: '{"pan":"ABCDE1234F"}' });
		const input = [{ role: 'user', content: 'check' }, fc, { type: 'function_call_output', call_id: fc.call_id, output: '[1]' }];
		const second = await (await post('/responses', { model: 'lookup', input, tools: rTools })).json();
		expect(second.output[0].content[0]).toMatchObject({ type: 'output_text', text: 'got [1]' });
		expect(second.status).toBe('completed');
	});

	test('streaming: named events from response.created to response.completed, text deltas joining to the answer', async () => {
		const input = [
			{ role: 'user', content: 'check' },
			{ type: 'function_call', call_id: 'c1', name: 'Company_by_PAN', arguments: '{}' },
			{ type: 'function_call_output', call_id: 'c1', output: 'ok' },
		];
		const text = await (await post('/responses', { model: 'lookup', stream: true, input })).text();
		expect(text).toMatch(/^event: response.created\n/);
		const list = events(text);
		expect(list.map((e) => e.type)).toEqual(expect.arrayContaining(['response.created', 'response.output_text.delta', 'response.output_item.done', 'response.completed']));
		expect(list.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('')).toBe('got ok');
		expect(list.map((e) => e.sequence_number)).toEqual(list.map((_, k) => k));
	});
});

test('an unknown model gets the echo scenario; /v1/models lists the scenarios', async () => {
	const res = await (await post('/chat/completions', { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] })).json();
	expect(res.choices[0].message.content).toBe('You said: hi');
	const models = await (await fetch(`${mock.url}/models`)).json();
	expect(models.data.map((m) => m.id)).toContain('lookup');
});

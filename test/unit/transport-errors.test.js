// The transport's first-contact errors say what to do (nothing answered at the Base URL, a 404,
// rate limiting) without leaking a secret; and an item that was never sent (the queue halted)
// keeps its type through redactError, so the item that really failed is the one reported.
// Traffic goes only to servers started here on 127.0.0.1, or to stubs that send nothing.
const http = require('http');
const { createContext, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { Transport, finpass, QueueHaltedError, DEFAULT_TRANSPORT_SETTINGS } = require(`${DIST}/nodes/shared/transport`);
const { redactError } = require(`${DIST}/nodes/shared/transport/redact`);
const { FinpassBankStatement } = require(`${DIST}/nodes/FinpassBankStatement/FinpassBankStatement.node.js`);
const { NodeApiError } = require('n8n-workflow');

const KEY = 'key_live_AAAA1111';
const SECRET = 'secret_live_BBBB2222';
const fast = { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 5, timeoutMs: 2000 };
const fetchReq = { method: 'POST', path: '/api/v1/services/account-aggregator/fetch-json-report', body: { client_id: 'aa_1' }, idempotent: true };

function transportFor(baseUrl, settings = fast) {
	const ctx = createContext({ credentials: { finpassApi: { apiKey: KEY, apiSecret: SECRET, baseUrl } } });
	return { ctx, t: new Transport(ctx, finpass, undefined, settings) };
}

/** A 127.0.0.1 port nothing listens on (opened, then closed). */
async function closedPort() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const everything = (error) => JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, messages: error.messages });

let server;
afterEach(async () => {
	if (server) await server.close();
	server = undefined;
});

describe('nothing answers at the Base URL', () => {
	test('a refused connection names the Base URL and the Docker / 127.0.0.1 case, and leaks no secret', async () => {
		const port = await closedPort();
		const { t } = transportFor(`http://127.0.0.1:${port}/`, { ...fast, maxRetries: 1 });
		const error = await t.request(fetchReq, 2).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(new RegExp(`^Could not reach Finpass at http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
		expect(error.description).toContain(`Nothing answered at http://127.0.0.1:${port}, the Base URL in the Finpass credential`);
		expect(error.description).toMatch(/Docker/);
		expect(error.description).toMatch(/host\.docker\.internal/);
		expect(error.description).toMatch(/run the simulator inside the container/);
		expect(error.context.itemIndex).toBe(2);
		expect(everything(error)).not.toContain(KEY);
		expect(everything(error)).not.toContain(SECRET);
	});

	test('a user name and password written into the Base URL are never shown', async () => {
		const port = await closedPort();
		const { t } = transportFor(`http://admin:hunter2hunter2@localhost:${port}/api?token=tok_live_99999`, { ...fast, maxRetries: 0 });
		const error = await t.request(fetchReq, 0).catch((e) => e);
		expect(error.message).toMatch(new RegExp(`^Could not reach Finpass at http://localhost:${port}/api: ECONNREFUSED`));
		expect(everything(error)).not.toMatch(/hunter2|admin:|tok_live_99999/);
	});

	test('a host name that cannot be found (stubbed: no lookup is made) names the Base URL, without the Docker note', async () => {
		const { ctx, t } = transportFor('https://uat.finpass.example', { ...fast, maxRetries: 0 });
		ctx.helpers.httpRequestWithAuthentication = async () => {
			throw Object.assign(new Error('getaddrinfo ENOTFOUND uat.finpass.example'), { code: 'ENOTFOUND' });
		};
		const error = await t.request(fetchReq, 0).catch((e) => e);
		expect(error.message).toMatch(/^Could not reach Finpass at https:\/\/uat\.finpass\.example: ENOTFOUND/);
		expect(error.description).toMatch(/^Nothing answered at https:\/\/uat\.finpass\.example, the Base URL in the Finpass credential: check it/);
		expect(error.description).toMatch(/DNS, proxy, firewall/);
		expect(error.description).not.toMatch(/Docker/);
	});
});

describe('answers a newcomer meets first', () => {
	test('a 404 suggests UAT vs production Base URL and checking the client id', async () => {
		server = (await scriptedServer()).next({ status: 404, body: { data: null, status_code: 404, success: false, message: 'Client not found', message_code: 'client_not_found' } });
		const error = await transportFor(server.url).t.request(fetchReq, 0).catch((e) => e);
		expect(error.message).toBe('Finpass: Client not found [client_not_found]');
		expect(error.description).toMatch(/UAT and production/);
		expect(error.description).toMatch(/Base URL/);
		expect(error.description).toMatch(/client ID/);
	});

	test("the rate-limit hint names the node's Request Options, where Concurrency and Max Requests per Second are", async () => {
		server = (await scriptedServer()).next({ status: 429, body: { success: false, message: 'Too many requests', message_code: 'rate_limited' } });
		const error = await transportFor(server.url, { ...fast, maxRetries: 0 }).t.request(fetchReq, 0).catch((e) => e);
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/Request Options/);
		expect(error.description).toMatch(/Concurrency/);
		expect(error.description).toMatch(/Max Requests per Second/);
	});
});

describe('an item that was never sent is not reported as the failure', () => {
	test('redactError returns a QueueHaltedError as it is (its type is how the router recognises it)', () => {
		const node = { id: 'n', name: 'Upload', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };
		for (const reason of ['halted', 'cancelled']) {
			const halted = new QueueHaltedError(reason);
			const out = redactError(node, halted, 'pdf-password-1234');
			expect(out).toBe(halted);
			expect(out).toBeInstanceOf(QueueHaltedError);
		}
	});

	test('Upload Statement: item 1 fails while item 0 waits out a 429; the run reports item 1, not item 0 that was never sent', async () => {
		const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
		let release;
		const bothArrived = new Promise((resolve) => {
			release = resolve;
		});
		server = await scriptedServer(async (record) => {
			if (server.requests.length >= 2) release();
			await bothArrived;
			if (record.body.includes('filename="s0.pdf"')) {
				return { status: 429, headers: { 'retry-after': '2' }, body: { success: false, message: 'Too many requests', message_code: 'rate_limited' } };
			}
			return { status: 400, body: { success: false, message: 'Unreadable statement', message_code: 'invalid_file' } };
		});
		const items = [0, 1].map((n) => ({ json: {}, binary: { data: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: `s${n}.pdf` } } }));
		const ctx = createContext({
			nodeType: 'n8n-nodes-finpass.finpassBankStatement',
			parameters: { resource: 'bankStatement', operation: 'uploadStatement', binaryPropertyName: 'data', password: 'pdf-password-1234', requestOptions: { concurrency: 2 } },
			items,
			credentials: { finpassApi: { apiKey: KEY, apiSecret: SECRET, baseUrl: server.url } },
		});
		const error = await new FinpassBankStatement().execute.call(ctx).then(
			() => undefined,
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Finpass: Unreadable statement [invalid_file]');
		expect(error.context.itemIndex).toBe(1);
		// item 0 was not sent again after the halt
		expect(server.requests).toHaveLength(2);
	});
});

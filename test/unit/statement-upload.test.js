// Upload Statement's file handling (nodes/FinpassBankStatement/actions/uploadStatement.operation.ts):
// a size cap (Max File Size, 20 MB by default) that fails the item before any request, the size
// taken from what n8n knows of the file before reading it, and each file read whole only once.
// The vendor is a scripted server on 127.0.0.1.
const { Readable } = require('stream');
const { createContext, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { FinpassBankStatement } = require(`${DIST}/nodes/FinpassBankStatement/FinpassBankStatement.node.js`);
const { NodeOperationError } = require('n8n-workflow');

const MB = 1024 * 1024;
const pdfOf = (bytes) => Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(Math.max(0, bytes - 9), 0x20)]);

let server;
beforeEach(async () => {
	server = await scriptedServer(() => ({ body: { success: true, data: { client_id: 'bsa_1', doc_id: 'doc_1', status: 'uploaded' } } }));
});
afterEach(async () => server.close());

/** A run context whose helpers record each way the file is read. */
function uploadContext({ items, parameters = {}, continueOnFail = false }) {
	const ctx = createContext({
		nodeType: 'n8n-nodes-finpass.finpassBankStatement',
		parameters: { resource: 'bankStatement', operation: 'uploadStatement', binaryPropertyName: 'data', ...parameters },
		items,
		continueOnFail,
		credentials: { finpassApi: { apiKey: 'key_live_AAAA1111', apiSecret: 'secret_live_BBBB2222', baseUrl: server.url } },
	});
	const events = [];
	const read = ctx.helpers.getBinaryDataBuffer;
	ctx.helpers.getBinaryDataBuffer = async (i, field) => {
		events.push(`read ${i}`);
		return read(i, field);
	};
	return { ctx, events };
}

const inMemory = (data, fileName = 'statement.pdf') => ({ json: {}, binary: { data: { data: data.toString('base64'), mimeType: 'application/pdf', fileName } } });

/**
 * Files kept by n8n's binary data service (filesystem or S3 mode): the item holds only an id.
 * `items` go into the context; install(ctx) gives it the service's helpers, recording their use.
 */
function stored(files) {
	const byId = new Map(files.map((file, n) => [`filesystem-v2:workflows/1/executions/1/binary_data/${n}`, file]));
	const events = [];
	const streams = [];
	const items = [...byId.keys()].map((id) => ({ json: {}, binary: { data: { id, data: 'filesystem-v2', mimeType: 'application/pdf', fileName: 'statement.pdf' } } }));
	const install = (ctx) => {
		ctx.helpers.getBinaryMetadata = async (id) => {
			events.push('metadata');
			const file = byId.get(id);
			if (file.metadataFails) throw new Error('metadata not found');
			return { fileName: 'statement.pdf', mimeType: 'application/pdf', fileSize: file.data.length };
		};
		ctx.helpers.getBinaryStream = async (id) => {
			events.push('stream');
			const { data } = byId.get(id);
			const stream = Readable.from([data.subarray(0, 512), data.subarray(512)]);
			streams.push(stream);
			return stream;
		};
		ctx.helpers.getBinaryDataBuffer = async (i, field) => {
			events.push(`read ${i}`);
			return byId.get(items[i].binary[field].id).data;
		};
	};
	return { events, streams, items, install };
}

const run = (ctx) => new FinpassBankStatement().execute.call(ctx);
const failure = (promise) => promise.then(() => { throw new Error('expected the node to fail'); }, (e) => e);

describe('Max File Size: a larger file fails its item before any request', () => {
	test('an in-memory file above the cap: refused from its base64 length, never decoded whole, nothing sent', async () => {
		const { ctx, events } = uploadContext({ items: [inMemory(pdfOf(1.5 * MB))], parameters: { maxFileSizeMb: 1 } });
		const error = await failure(run(ctx));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The file in input binary field "data" is 1.5 MB, more than the 1 MB this node sends');
		expect(error.description).toMatch(/Nothing was sent/);
		expect(events).toEqual([]);
		expect(server.requests).toHaveLength(0);
	});

	test('the default cap is 20 MB', async () => {
		const { ctx } = uploadContext({ items: [inMemory(pdfOf(20 * MB + 1))] });
		const error = await failure(run(ctx));
		expect(error.message).toMatch(/more than the 20 MB this node sends/);
		expect(server.requests).toHaveLength(0);
	});

	test('a file of exactly the cap is sent', async () => {
		const file = pdfOf(1 * MB);
		const { ctx } = uploadContext({ items: [inMemory(file)], parameters: { maxFileSizeMb: 1 } });
		const [[item]] = await run(ctx);
		expect(item.json.file_size).toBe(file.length);
		expect(server.requests).toHaveLength(1);
	});

	test('a file kept by the binary data service: its size comes from the metadata; nothing is read or streamed', async () => {
		const files = stored([{ data: pdfOf(3 * MB) }]);
		const { ctx } = uploadContext({ items: files.items, parameters: { maxFileSizeMb: 2 } });
		files.install(ctx);
		const error = await failure(run(ctx));
		expect(error.message).toBe('The file in input binary field "data" is 3.0 MB, more than the 2 MB this node sends');
		expect(files.events).toEqual(['metadata']);
		expect(server.requests).toHaveLength(0);
	});

	test('when n8n does not know the size, the one full read checks it, still before the request', async () => {
		const files = stored([{ data: pdfOf(3 * MB), metadataFails: true }]);
		const { ctx } = uploadContext({ items: files.items, parameters: { maxFileSizeMb: 2 } });
		files.install(ctx);
		const error = await failure(run(ctx));
		expect(error.message).toMatch(/is 3\.0 MB, more than the 2 MB this node sends/);
		expect(files.events).toEqual(['metadata', 'stream', 'read 0']);
		expect(server.requests).toHaveLength(0);
	});

	test('with Continue On Fail the large file becomes an error item; the others are uploaded', async () => {
		const { ctx } = uploadContext({
			items: [inMemory(pdfOf(1000), 'a.pdf'), inMemory(pdfOf(2 * MB), 'big.pdf'), inMemory(pdfOf(2000), 'c.pdf')],
			parameters: { maxFileSizeMb: 1 },
			continueOnFail: true,
		});
		const [out] = await run(ctx);
		expect(out.map((item) => item.json.error ?? item.json.file_name)).toEqual([
			'a.pdf',
			'The file in input binary field "data" is 2.0 MB, more than the 1 MB this node sends',
			'c.pdf',
		]);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(server.requests).toHaveLength(2);
	});

	test.each([[0], [-5], [Number.NaN], ['twenty'], [Infinity]])('Max File Size %p is refused before any request', async (value) => {
		const { ctx } = uploadContext({ items: [inMemory(pdfOf(1000))], parameters: { maxFileSizeMb: value } });
		const error = await failure(run(ctx));
		expect(error.message).toMatch(/^Max File Size must be a number of MB above 0/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('each file is read whole once', () => {
	test('in memory: the type check reads only the first bytes; the file is read once, when its request goes out', async () => {
		const files = [pdfOf(5000), pdfOf(6000)];
		const { ctx, events } = uploadContext({ items: files.map((f, n) => inMemory(f, `s${n}.pdf`)), parameters: { requestOptions: { concurrency: 1 } } });
		const send = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (type, options) {
			events.push('send');
			return send.call(this, type, options);
		};
		const [out] = await run(ctx);
		expect(events).toEqual(['read 0', 'send', 'read 1', 'send']);
		expect(out.map((item) => item.json.file_size)).toEqual([5000, 6000]);
	});

	test('kept by the binary data service: the first bytes come from a stream that is then closed; the whole file is read once', async () => {
		const file = pdfOf(4096);
		const files = stored([{ data: file }]);
		const { ctx } = uploadContext({ items: files.items });
		files.install(ctx);
		const [[item]] = await run(ctx);
		expect(files.events).toEqual(['metadata', 'stream', 'read 0']);
		expect(files.streams.every((stream) => stream.destroyed)).toBe(true);
		expect(item.json.file_size).toBe(file.length);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].body).toContain('%PDF-1.7');
	});

	test('a file that is not a PDF, PNG or JPG is still recognised from its first bytes, before any request', async () => {
		const { ctx, events } = uploadContext({ items: [inMemory(Buffer.from('PK\u0003\u0004 a zip file'), 'statement.zip')] });
		const error = await failure(run(ctx));
		expect(error.message).toBe('Input binary field "data" holds "statement.zip" (application/pdf, 15 bytes), which is not a PDF, PNG or JPG');
		expect(events).toEqual([]);
		expect(server.requests).toHaveLength(0);
	});
});

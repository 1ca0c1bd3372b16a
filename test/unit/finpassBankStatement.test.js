// Finpass Bank Statement Analyzer against the simulator (packages/simulator/lib/routes/bsa.js), in-process.
const { createContext, DIST } = require('../helpers/context');
const { useSimulator } = require('../helpers/simulator');
const { nodeRunner, failure, calls, wait } = require('../helpers/node');
const { FinpassBankStatement } = require(`${DIST}/nodes/FinpassBankStatement/FinpassBankStatement.node.js`);

const simulator = useSimulator();
const control = (route, body) => simulator.control(route, body);
beforeEach(() => control('/__sim/jobs/bsa/config', {}));

/** What the simulator received for an upload, bytes decoded. */
async function received(clientId) {
	const upload = (await control('/__sim/jobs/bsa/uploads')).find((u) => u.client_id === clientId);
	return upload && { ...upload, bytes: Buffer.from(upload.base64, 'base64') };
}

const allBytes = (times) => Buffer.concat(Array.from({ length: times }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i))));
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), allBytes(8), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), allBytes(8)]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), allBytes(2)]);
const ENCRYPTED_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Filter /Standard /V 2 >> endobj\ntrailer << /Encrypt 1 0 R >>\n%%EOF\n');

const binaryItem = (data, mimeType, fileName, key = 'data') => ({
	json: {},
	binary: { [key]: { data: data.toString('base64'), mimeType, fileName } },
});
const params = (operation, extra = {}) => ({ resource: 'bankStatement', operation, ...extra });
const upload = (extra = {}) => params('uploadStatement', { binaryPropertyName: 'data', ...extra });
const run = nodeRunner(FinpassBankStatement, { nodeType: 'n8n-nodes-finpass.finpassBankStatement', credentials: () => simulator.credentials });

describe('Upload statement', () => {
	test('a PDF holding every byte value arrives byte for byte, with its file name and type', async () => {
		const fileName = 'Asha Verma – HDFC Apr-Sep 2025.pdf';
		const { output, ctx } = await run(upload(), { items: [binaryItem(PDF, 'application/pdf', fileName)] });
		const json = output[0][0].json;
		expect(json).toMatchObject({
			client_id: expect.stringMatching(/^bsa_/),
			doc_id: expect.stringMatching(/^doc_/),
			status: 'uploaded',
			file_name: fileName,
			mime_type: 'application/pdf',
			file_size: PDF.length,
		});
		const got = await received(json.client_id);
		expect(got.filename).toBe(fileName);
		expect(got.content_type).toBe('application/pdf');
		expect(got.size).toBe(PDF.length);
		expect(Buffer.compare(got.bytes, PDF)).toBe(0);
		expect(got.fields).toEqual({});
		expect(ctx.httpLog[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	});

	test('a PNG holding every byte value arrives byte for byte, with its file name', async () => {
		const { output } = await run(upload({ binaryPropertyName: 'statement' }), {
			items: [binaryItem(PNG, 'image/png', 'page-1.png', 'statement')],
		});
		const got = await received(output[0][0].json.client_id);
		expect(got).toMatchObject({ filename: 'page-1.png', content_type: 'image/png', size: PNG.length });
		expect(Buffer.compare(got.bytes, PNG)).toBe(0);
	});

	test('the type is read from the bytes: a JPG labelled application/octet-stream goes as image/jpeg', async () => {
		const { output } = await run(upload(), { items: [binaryItem(JPG, 'application/octet-stream', 'scan')] });
		expect(output[0][0].json.mime_type).toBe('image/jpeg');
		const got = await received(output[0][0].json.client_id);
		expect(got).toMatchObject({ filename: 'scan', content_type: 'image/jpeg' });
		expect(Buffer.compare(got.bytes, JPG)).toBe(0);
	});

	test('a file that is not PDF, PNG or JPG stops the run before anything is uploaded', async () => {
		const docx = Buffer.from('PK\x03\x04word/document.xml', 'latin1');
		const items = [binaryItem(PDF, 'application/pdf', 'ok.pdf'), binaryItem(docx, 'application/pdf', 'statement.docx')];
		const ctx = createContext({ nodeType: 'n8n-nodes-finpass.finpassBankStatement', parameters: upload(), items, credentials: simulator.credentials });
		const error = await failure(new FinpassBankStatement().execute.call(ctx));
		expect(error.message).toBe(
			'Input binary field "data" holds "statement.docx" (application/pdf, 21 bytes), which is not a PDF, PNG or JPG',
		);
		expect(ctx.httpLog).toHaveLength(0);
		// Under Continue On Fail the good item still goes
		const { output, ctx: ctx2 } = await run(upload(), { items, continueOnFail: true });
		expect(output[0][1].json.error).toMatch(/not a PDF, PNG or JPG/);
		expect(calls(ctx2, '/upload-statement')).toHaveLength(1);
	});

	test('a missing binary field is reported for the item', async () => {
		const { output } = await run(upload(), { items: [{ json: {} }], continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/no binary property data/);
	});

	test('the PDF password goes as the form field "password" and never into the output', async () => {
		const { output } = await run(upload({ password: 'Sup3rSecret' }), { items: [binaryItem(ENCRYPTED_PDF, 'application/pdf', 'locked.pdf')] });
		const got = await received(output[0][0].json.client_id);
		expect(got.fields).toEqual({ password: 'Sup3rSecret' });
		expect(Buffer.compare(got.bytes, ENCRYPTED_PDF)).toBe(0);
		expect(JSON.stringify(output)).not.toContain('Sup3rSecret');
	});

	test('Request Options → Extra Body Fields become extra form fields', async () => {
		const { output } = await run(upload({ requestOptions: { extraBody: '{"bank_name":"HDFC","months":6}' } }), {
			items: [binaryItem(PDF, 'application/pdf', 's.pdf')],
		});
		expect((await received(output[0][0].json.client_id)).fields).toEqual({ bank_name: 'HDFC', months: '6' });
		// Fields the public pages do not name: the simulator records them.
		expect(simulator.takeViolations().map((v) => v.detail)).toEqual([expect.stringMatching(/bank_name/), expect.stringMatching(/months/)]);
	});

	test('with Wait for Completion it returns the analysis once the job has completed', async () => {
		await control('/__sim/jobs/bsa/config', { doneAfterMs: 700 });
		const { output, ctx } = await run(upload(wait()), { items: [binaryItem(PDF, 'application/pdf', 's.pdf')] });
		expect(output[0][0].json).toMatchObject({
			client_id: expect.stringMatching(/^bsa_/),
			doc_id: expect.stringMatching(/^doc_/),
			file_name: 's.pdf',
			status: 'completed',
			progress: 100,
			account_info: { bank_name: 'HDFC Bank' },
		});
		expect(output[0][0].json.summary.closing_balance).toBe('61875.20');
		expect(calls(ctx, '/upload-statement')).toHaveLength(1);
		expect(calls(ctx, '/statement-result').length).toBeLessThanOrEqual(4);
	});

	test('waiting: a protected PDF sent without its password fails at once with the vendor message', async () => {
		const error = await failure(run(upload(wait()), { items: [binaryItem(ENCRYPTED_PDF, 'application/pdf', 'locked.pdf')] }));
		expect(error.message).toBe('Finpass: The PDF is password protected: send its password [password_required]');
		expect(error.description).toMatch(/Statement analysis bsa_\w+ ended in state "password_required \(0%\)"/);
	});

	test('waiting: a wrong PDF password fails and is not echoed', async () => {
		const error = await failure(run(upload({ ...wait(), password: 'wrong' }), { items: [binaryItem(ENCRYPTED_PDF, 'application/pdf', 'locked.pdf')] }));
		expect(error.message).toBe('Finpass: The PDF password is incorrect [incorrect_password]');
	});

	test('waiting: on timeout, Return Job State outputs client_id, status and progress', async () => {
		await control('/__sim/jobs/bsa/config', { doneAfterMs: 60000 });
		const { output } = await run(upload(wait({ maxWaitSeconds: 1, onTimeout: 'returnState' })), {
			items: [binaryItem(PDF, 'application/pdf', 's.pdf')],
		});
		expect(output[0][0].json).toMatchObject({
			client_id: expect.stringMatching(/^bsa_/),
			status: 'processing',
			progress: expect.any(Number),
			wait_timed_out: true,
			waited_seconds: 1,
		});
	});
});

describe('Get result', () => {
	async function uploaded(config) {
		if (config) await control('/__sim/jobs/bsa/config', config);
		const { output } = await run(upload(), { items: [binaryItem(PDF, 'application/pdf', 's.pdf')] });
		return output[0][0].json.client_id;
	}

	test('without waiting it returns the state as it is now, by GET ?client_id=', async () => {
		const clientId = await uploaded({ doneAfterMs: 60000 });
		const { output, ctx } = await run(params('getResult', { clientId }));
		expect(output[0][0].json).toMatchObject({ client_id: clientId, status: expect.stringMatching(/uploaded|processing/), progress: expect.any(Number) });
		expect(ctx.httpLog[0]).toMatchObject({ method: 'GET', url: `${simulator.sim.url}/api/v1/services/bsa/statement-result` });
	});

	test('a job finishing at T returns within one poll step after T, with a bounded number of checks', async () => {
		const T = 1200;
		const clientId = await uploaded({ doneAfterMs: T });
		const { output, ctx } = await run(params('getResult', { clientId, ...wait({ pollIntervalSeconds: 0.2 }) }));
		// checks at 0, 0.2, 0.5, 0.95, 1.625 s: it stops at the first check after T (counts, not time)
		expect(calls(ctx, '/statement-result').length).toBeLessThanOrEqual(6);
		expect(output[0][0].json).toMatchObject({ client_id: clientId, status: 'completed' });
	});

	test('waiting: a failed analysis gives the vendor error message', async () => {
		const clientId = await uploaded({ doneAfterMs: 300, outcome: 'failed', failMessage: 'No transactions found in the statement' });
		const error = await failure(run(params('getResult', { clientId, ...wait() })));
		expect(error.message).toBe('Finpass: No transactions found in the statement [failed]');
	});

	test('waiting: on timeout it fails naming the last state and progress', async () => {
		const clientId = await uploaded({ doneAfterMs: 60000 });
		const error = await failure(run(params('getResult', { clientId, ...wait({ maxWaitSeconds: 1 }) })));
		expect(error.message).toMatch(/^Stopped waiting after 1 s \(Max Wait\): Statement analysis bsa_\w+ was still "processing \(\d+%\)"$/);
	});

	test('an older workflow\'s HTTP Method override POST is ignored: GET ?client_id= as documented', async () => {
		const clientId = await uploaded();
		const { output, ctx } = await run(params('getResult', { clientId, requestOptions: { method: 'POST' } }));
		expect(output[0][0].json.client_id).toBe(clientId);
		expect(ctx.httpLog[0].method).toBe('GET');
	});

	test('an unknown client gives the vendor 404', async () => {
		const error = await failure(run(params('getResult', { clientId: 'bsa_missing' })));
		expect(error.message).toBe('Finpass: Client bsa_missing not found [client_not_found]');
	});
});

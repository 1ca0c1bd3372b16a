// The asynchronous analyzers (ITR, Bank Statement, AA-BSA) inside a real n8n, loaded as a
// community package, against the simulator (credential finpass-e2e points at it). Job timelines
// are set through the simulator's job-clock control API (packages/simulator/lib/routes/itr.js).
const h = require('./harness');

const vendorRequests = async (path) => h.sim(`/requests?path=${encodeURIComponent(path)}`);
const jobs = async (product) => h.sim(`/jobs/${product}`);
const allBytes = (t) => Buffer.concat(Array.from({ length: t }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i))));
// The files the workflows build from base64 in a Set node (see the workflow JSON).
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), allBytes(4), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), allBytes(4)]);

beforeEach(async () => {
	await h.sim('/reset', {});
});

describe('ITR Analyzer', () => {
	test('Start analysis with Wait for Completion returns the full data once the job completes', async () => {
		await h.sim('/jobs/itr/config', { steps: [['initiated', 0], ['processing', 300], ['completed', 2000]] });
		const r = await h.executeWorkflow('itr-start-analysis');
		expect(r.code).toBe(0);
		const [item] = h.nodeOutput(r, 'Analyze');
		expect(item.json).toMatchObject({ job_id: expect.stringMatching(/^itr_/), pan: 'ABCDE1234F', status: 'completed', name: 'ASHA VERMA' });
		expect(item.json.returns[0].gross_total_income).toBe('1245000.00');
		const [job] = await jobs('itr');
		expect(job.received).toEqual({ username: 'ABCDE1234F', password: 'Portal#Secret-2025' });
		// checks at 0.5, 1.25, 2.375 s after the start: three status calls
		const statusCalls = await vendorRequests('/api/v1/itr-analyzer/status');
		expect(statusCalls.length).toBeGreaterThanOrEqual(2);
		expect(statusCalls.length).toBeLessThanOrEqual(4);
		expect(JSON.stringify(item.json)).not.toContain('Portal#Secret-2025');
	});

	test('a failed job fails the node with the vendor message', async () => {
		await h.sim('/jobs/itr/config', { outcome: 'failed', doneAfterMs: 800, failMessage: 'Portal account is locked' });
		const r = await h.executeWorkflow('itr-start-analysis');
		expect(r.code).toBe(1);
		expect(h.nodeError(r, 'Analyze').message).toBe('Finpass: Portal account is locked [failed]');
	});

	test('On Timeout → Return Job State outputs the job id and last state', async () => {
		await h.sim('/jobs/itr/config', { doneAfterMs: 120000 });
		const r = await h.executeWorkflow('itr-start-analysis-timeout');
		expect(r.code).toBe(0);
		expect(h.nodeOutput(r, 'Analyze')[0].json).toMatchObject({
			job_id: expect.stringMatching(/^itr_/),
			status: 'processing',
			wait_timed_out: true,
			waited_seconds: 2,
		});
	});

	test('a rejected password is never shown, though the vendor echoes it', async () => {
		const r = await h.executeWorkflow('itr-wrong-password');
		expect(r.code).toBe(1);
		const error = h.nodeError(r, 'Analyze');
		expect(error.message).toBe('Finpass: Login failed for ABCDE1234F: the portal rejected password "***" [INVALID_CREDENTIALS]');
		expect(JSON.stringify(error)).not.toContain('Portal#Secret');
	});

	test('Get status returns the job state', async () => {
		const r = await h.executeWorkflow('itr-get-status');
		expect(r.code).toBe(0);
		const [started] = h.nodeOutput(r, 'Analyze');
		expect(h.nodeOutput(r, 'Status')[0].json).toEqual({ job_id: started.json.job_id, status: 'initiated' });
	});

	test('Get full data waits for completion, then returns the data', async () => {
		await h.sim('/jobs/itr/config', { doneAfterMs: 1500 });
		const r = await h.executeWorkflow('itr-get-full-data');
		expect(r.code).toBe(0);
		expect(h.nodeOutput(r, 'Full Data')[0].json).toMatchObject({ pan: 'ABCDE1234F', returns: expect.any(Array) });
	});
});

describe('Bank Statement Analyzer', () => {
	test('Upload statement: the PDF made in the workflow arrives byte for byte with its file name; the wait returns the analysis', async () => {
		await h.sim('/jobs/bsa/config', { doneAfterMs: 1500 });
		const r = await h.executeWorkflow('bsa-upload-statement');
		expect(r.code).toBe(0);
		const [item] = h.nodeOutput(r, 'Upload');
		expect(item.json).toMatchObject({
			client_id: expect.stringMatching(/^bsa_/),
			file_name: 'Asha Verma – HDFC Apr-Sep 2025.pdf',
			mime_type: 'application/pdf',
			status: 'completed',
			account_info: { bank_name: 'HDFC Bank' },
		});
		const [upload] = await h.sim('/jobs/bsa/uploads');
		expect(upload.filename).toBe('Asha Verma – HDFC Apr-Sep 2025.pdf');
		expect(upload.content_type).toBe('application/pdf');
		expect(Buffer.compare(Buffer.from(upload.base64, 'base64'), PDF)).toBe(0);
	});

	test('Get Statement Result: a PNG arrives byte for byte; it waits until the analysis completes', async () => {
		await h.sim('/jobs/bsa/config', { doneAfterMs: 1500 });
		const r = await h.executeWorkflow('bsa-get-result');
		expect(r.code).toBe(0);
		const [uploaded] = h.nodeOutput(r, 'Upload');
		expect(uploaded.json).toMatchObject({ status: 'uploaded', file_name: 'page-1.png', mime_type: 'image/png', file_size: PNG.length });
		const [upload] = await h.sim('/jobs/bsa/uploads');
		expect(upload).toMatchObject({ filename: 'page-1.png', content_type: 'image/png', size: PNG.length });
		expect(Buffer.compare(Buffer.from(upload.base64, 'base64'), PNG)).toBe(0);
		expect(h.nodeOutput(r, 'Result')[0].json).toMatchObject({ client_id: uploaded.json.client_id, status: 'completed', progress: 100 });
	});

	test('a failed analysis fails Get Statement Result with the vendor message', async () => {
		await h.sim('/jobs/bsa/config', { outcome: 'failed', doneAfterMs: 500, failMessage: 'No transactions found in the statement' });
		const r = await h.executeWorkflow('bsa-get-result');
		expect(r.code).toBe(1);
		expect(h.nodeError(r, 'Result').message).toBe('Finpass: No transactions found in the statement [failed]');
	});
});

describe('AA-BSA Analyzer', () => {
	test('Start journey with Wait for Completion returns the analysis and the journey_url', async () => {
		await h.sim('/jobs/aa-bsa/config', { doneAfterMs: 2000 });
		const r = await h.executeWorkflow('aa-bsa-start-journey');
		expect(r.code).toBe(0);
		expect(h.nodeOutput(r, 'Journey')[0].json).toMatchObject({
			client_id: expect.stringMatching(/^aa_bsa_/),
			journey_url: expect.stringContaining('/aa-bsa/journey/'),
			status: 'analysis_complete',
			income: { monthly_salary: '68750.00' },
		});
		const [init] = await vendorRequests('/api/v1/aa-bsa-journey/init');
		expect(init.json).toEqual({
			mobile_number: '9876543210',
			consent_type: 'loan_underwriting',
			redirect_url: 'https://lender.example/thanks',
			webhook_url: 'https://n8n.example/webhook/finpass',
		});
	});

	test('a rejected consent fails Start journey at once with the vendor message', async () => {
		await h.sim('/jobs/aa-bsa/config', { outcome: 'failed', doneAfterMs: 600 });
		const r = await h.executeWorkflow('aa-bsa-start-journey');
		expect(r.code).toBe(1);
		expect(h.nodeError(r, 'Journey').message).toBe('Finpass: The borrower rejected the consent request [consent_rejected]');
	});

	test('Get status returns the journey state', async () => {
		const r = await h.executeWorkflow('aa-bsa-get-status');
		expect(r.code).toBe(0);
		expect(h.nodeOutput(r, 'Status')[0].json).toMatchObject({ client_id: expect.stringMatching(/^aa_bsa_/), status: expect.any(String) });
	});

	test('Get statement result waits, then outputs one item per transaction', async () => {
		await h.sim('/jobs/aa-bsa/config', { doneAfterMs: 1000 });
		const r = await h.executeWorkflow('aa-bsa-get-statement-result');
		expect(r.code).toBe(0);
		const out = h.nodeOutput(r, 'Statements');
		expect(out).toHaveLength(3);
		expect(out[0].json).toMatchObject({ account_id: 'acc_1', transaction_index: 0, amount: 68750 });
	});

	test('Get analysis waits, then outputs the analysis', async () => {
		await h.sim('/jobs/aa-bsa/config', { doneAfterMs: 1000 });
		const r = await h.executeWorkflow('aa-bsa-get-analysis');
		expect(r.code).toBe(0);
		expect(h.nodeOutput(r, 'Analysis')[0].json).toMatchObject({ summary: { accounts: 2 }, risk_flags: expect.any(Array) });
	});
});

'use strict';
// Finpass bank statement analyser (asynchronous), as the public pages describe it (docs/api-contract.md#endpoints):
//   POST /api/v1/services/bsa/upload-statement, multipart/form-data, field `file` (PDF/PNG/JPG)
//        → data{doc_id, client_id, status}
//   GET  /api/v1/services/bsa/statement-result?client_id= (GET per the vendor's navigation;
//        path *unsure*: docs/api-contract.md#assumptions) → status, progress, error_message, account_info, transactions
// The upload is parsed here byte for byte (no dependencies) and every received file is recorded:
//   in-process  sim.finpassJobs.bsa.uploads[]  {client_id, filename, contentType, bytes (Buffer), fields}
//   over HTTP   GET /__sim/jobs/bsa/uploads     the same, with bytes as base64 and a sha256
// Simulated outcomes besides the job clock (itr.js): a PDF containing "/Encrypt" fails without a
// `password` field ("password_required") and with the password "wrong" ("incorrect_password").

const crypto = require('crypto');
const { jobStore } = require('./itr');

const TYPES = [
	{ type: 'application/pdf', test: (b) => b.subarray(0, 1024).includes('%PDF-') },
	{ type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
	{ type: 'image/jpeg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

/** Undoes the browser escaping of quoted header values (%22, %0D, %0A). */
const unescapeQuoted = (s) => s.replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n');

/**
 * Strict multipart/form-data parser (RFC 7578 / 2046): returns [{name, filename?, contentType?,
 * data: Buffer}] or throws with what is wrong, so an encoder bug shows as a 400.
 */
function parseMultipart(raw, contentType) {
	const m = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType || '');
	if (!m) throw new Error(`content-type is not multipart/form-data with a boundary: ${contentType}`);
	const delimiter = Buffer.from(`--${m[1] || m[2]}`, 'latin1');
	const CRLF = Buffer.from('\r\n');
	let pos = raw.indexOf(delimiter);
	if (pos !== 0) throw new Error('body does not start with the boundary');
	const parts = [];
	for (;;) {
		pos += delimiter.length;
		const after = raw.subarray(pos, pos + 2).toString('latin1');
		if (after === '--') {
			const rest = raw.subarray(pos + 2).toString('latin1');
			if (rest !== '\r\n' && rest !== '') throw new Error('bytes after the closing boundary');
			return parts;
		}
		if (after !== '\r\n') throw new Error('boundary not followed by CRLF');
		pos += 2;
		const headEnd = raw.indexOf('\r\n\r\n', pos, 'latin1');
		if (headEnd < 0) throw new Error('part headers do not end');
		const headers = {};
		for (const line of raw.subarray(pos, headEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon < 0) throw new Error(`bad header line: ${line}`);
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const next = raw.indexOf(Buffer.concat([CRLF, delimiter]), headEnd + 4);
		if (next < 0) throw new Error('part has no closing boundary');
		const disposition = headers['content-disposition'] || '';
		if (!/^form-data\s*;/i.test(disposition)) throw new Error(`bad content-disposition: ${disposition}`);
		const name = /;\s*name="([^"]*)"/i.exec(disposition);
		if (!name) throw new Error('part without a name');
		const filename = /;\s*filename="([^"]*)"/i.exec(disposition);
		parts.push({
			name: unescapeQuoted(name[1]),
			filename: filename ? unescapeQuoted(filename[1]) : undefined,
			contentType: headers['content-type'],
			data: raw.subarray(headEnd + 4, next),
		});
		pos = next + 2;
	}
}

// the server's one Finpass envelope (required late: server.js loads this file)
const envelope = (...args) => require('../server').envelope(...args);

function register(sim) {
	const jobs = jobStore(sim, 'bsa', {
		steps: [
			['uploaded', 0],
			['processing', 300],
			['completed', 3000],
		],
		failState: 'failed',
		failMessage: 'The statement could not be read: no transactions found',
	});
	jobs.uploads = [];
	if (typeof sim.onReset === 'function') sim.onReset(() => jobs.uploads.splice(0));

	sim.route(
		'POST',
		'/api/v1/services/bsa/upload-statement',
		(ctx) => {
			let parts;
			try {
				parts = parseMultipart(ctx.rawBody || Buffer.alloc(0), ctx.headers['content-type']);
			} catch (e) {
				return envelope(400, null, `Malformed multipart body: ${e.message}`, 'invalid_multipart');
			}
			const file = parts.find((p) => p.name === 'file' && p.filename !== undefined);
			if (!file) return envelope(400, null, 'The form field "file" is required', 'file_required');
			const bytes = Buffer.from(file.data);
			const kind = TYPES.find((t) => t.test(bytes));
			if (!kind) return envelope(415, null, 'Only PDF, PNG and JPG statements are accepted', 'unsupported_file');
			const fields = {};
			for (const p of parts) if (p.filename === undefined) fields[p.name] = p.data.toString('utf8');
			const job = jobs.create({ docId: `doc_${crypto.randomBytes(6).toString('hex')}` });
			if (kind.type === 'application/pdf' && bytes.includes('/Encrypt')) {
				if (!fields.password) jobs.force(job.id, 'password_required', 'The PDF is password protected: send its password');
				else if (fields.password === 'wrong') jobs.force(job.id, 'incorrect_password', 'The PDF password is incorrect');
			}
			jobs.uploads.push({
				client_id: job.id,
				doc_id: job.docId,
				filename: file.filename,
				contentType: file.contentType,
				detectedType: kind.type,
				bytes,
				fields,
			});
			return envelope(200, { doc_id: job.docId, client_id: job.id, status: 'uploaded' }, 'Statement uploaded', 'success');
		},
		{ vendor: 'finpass' },
	);

	const result = (ctx) => {
		const clientId = (ctx.query && ctx.query.client_id) || '';
		const job = jobs.get(clientId);
		if (!job) return envelope(404, null, `Client ${clientId || '(none)'} not found`, 'client_not_found');
		job.checks++;
		const { state, message } = jobs.state(job);
		const data = { client_id: job.id, doc_id: job.docId, status: state, progress: jobs.progress(job), error_message: message };
		if (state === 'completed') Object.assign(data, { progress: 100 }, statementAnalysis());
		else if (message) data.progress = 0;
		return envelope(200, data, 'Statement result', 'success');
	};
	sim.route('GET', '/api/v1/services/bsa/statement-result', result, { vendor: 'finpass' });

	sim.route('GET', '/__sim/jobs/bsa/uploads', () => ({
		status: 200,
		body: jobs.uploads.map((u) => ({
			client_id: u.client_id,
			doc_id: u.doc_id,
			filename: u.filename,
			content_type: u.contentType,
			detected_type: u.detectedType,
			size: u.bytes.length,
			sha256: crypto.createHash('sha256').update(u.bytes).digest('hex'),
			base64: u.bytes.toString('base64'),
			fields: u.fields,
		})),
	}));
}

function statementAnalysis() {
	return {
		account_info: {
			bank_name: 'HDFC Bank',
			account_number: 'XXXXXXXX4321',
			ifsc: 'HDFC0001234',
			account_holder: 'ASHA VERMA',
			account_type: 'SAVINGS',
			statement_period: { from: '2025-04-01', to: '2025-09-30' },
		},
		summary: {
			opening_balance: '52310.45',
			closing_balance: '61875.20',
			total_credits: '412500.00',
			total_debits: '402935.25',
			average_monthly_balance: '58840.10',
		},
		transactions: [
			{ date: '2025-04-01', narration: 'SALARY APR', type: 'CREDIT', amount: 68750.0, balance: '121060.45' },
			{ date: '2025-04-05', narration: 'EMI HOME LOAN', type: 'DEBIT', amount: 23450.5, balance: '97609.95' },
		],
	};
}

module.exports = { register, parseMultipart };

'use strict';
// Finpass Account Aggregator, the four documented endpoints (docs/api-contract.md#endpoints):
//   POST /api/v1/services/account-aggregator/init                 → client_id, redirect_url
//   POST /api/v1/services/account-aggregator/fetch-json-report    → 202 / 422 gates / the report
//   POST /api/v1/services/account-aggregator/fetch-statement-pdf  → pre-signed "S3" links
//   POST /api/v1/services/account-aggregator/refresh-data         → request_id (also without /services)
// plus what the real journey has around them, played locally:
//   GET  /sim/consent/:client_id            the borrower's consent page (tiny HTML)
//   POST /sim/consent/:client_id/approve    the borrower approves / rejects
//   POST /sim/consent/:client_id/reject
//   GET  /sim/s3/:file?X-Amz-Expires=…&X-Amz-Signature=…   the PDF download (no auth, expires)
// Control (no auth):
//   GET  /__sim/aa/clients[/:client_id]
//   POST /__sim/aa/clients/:client_id  {consent?, data?, transactions?, accounts?}   force a state ('auto' undoes);
//        accounts: [{fip_id?, status: READY|PENDING|FAILED}] sets the banks of the consent and each
//        one's report status (config.aaAccounts gives the same to clients created afterwards)
//   POST /__sim/aa/clients/:client_id  {monitoring?, refreshLimit?}  the monitoring scenario (routes/monitoring.js):
//        data that grow with each refresh, and this consent's own refresh quota
//   POST /__sim/aa/clients/:client_id/notify                            send the consent webhook now
//   GET  /__sim/aa/pdf-links                                            issued links and their downloads
//
// Timeline of a client (lazy, computed from timestamps on every look):
//   consent pending → approved at created + consentDelayMs (−1: never) → data ready dataDelayMs later.
//   A refresh-data request_id gets its own data clock: ready dataDelayMs after max(approval, issue).
//   Magic mobiles: …0001 consent rejected, …0002 revoked, …0003 data fetch error.

const crypto = require('node:crypto');
const monitoring = require('./monitoring');

const server = () => require('../server');

const BASE = '/api/v1/services/account-aggregator';
const MOBILE = /^[6-9][0-9]{9}$/;
const CONSENT_TYPES = ['loan_underwriting', 'loan_monitoring'];
const CONSENT_STATES = ['pending', 'approved', 'rejected', 'revoked', 'expired'];
const DATA_STATES = ['pending', 'ready', 'not_found', 'expired', 'error'];
// Consent states the webhook announces, in the AA standard's words.
const WEBHOOK_STATUS = { approved: 'ACTIVE', rejected: 'REJECTED', revoked: 'REVOKED', expired: 'EXPIRED' };

// ---------------------------------------------------------------------------------------------
// Store

/** The AA store, created on first use (POST /__sim/reset empties sim.state). */
function store(sim) {
	if (!sim.state.aa) sim.state.aa = { clients: {}, pdfLinks: {} };
	return sim.state.aa;
}

const randomHex = (n) => crypto.randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);

function randomLetters(n) {
	const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
	return [...crypto.randomBytes(n)].map((b) => abc[b % abc.length]).join('');
}

/** Empty strings count as absent: the init sample sends "pan": "" and echoes pan_number null. */
const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function createClient(sim, body) {
	const mobile = body.mobile_number;
	const now = sim.now();
	const client = {
		client_id: `aa_${randomHex(8)}_${randomHex(17)}`,
		mobile_number: mobile,
		// The init document's field table says pan_number, its example body says pan: accept both.
		pan_number: blank(body.pan_number) ? (blank(body.pan) ? null : String(body.pan)) : String(body.pan_number),
		email_id: blank(body.email) ? (blank(body.email_id) ? null : String(body.email_id)) : String(body.email),
		consent_type: body.consent_type,
		webhook_url: blank(body.webhook_url) ? null : String(body.webhook_url),
		user_redirect_url: blank(body.redirect_url) ? null : String(body.redirect_url),
		created_at: now,
		// Captured at creation: changing the config later does not move an existing client's clock.
		consent_delay_ms: Number(sim.config.consentDelayMs),
		data_delay_ms: Number(sim.config.dataDelayMs),
		auto_consent: mobile.endsWith('0001') ? 'rejected' : mobile.endsWith('0002') ? 'revoked' : 'approved',
		auto_data: mobile.endsWith('0003') ? 'error' : 'ready',
		forced_consent: null, // {status, at}
		forced_data: null,
		requests: {}, // request_id → issued at (refresh-data)
		refreshes: 0,
		transactions: null, // control: N generated rows for the first account
		// control / config.aaAccounts: [{fip_id?, status: READY|PENDING|FAILED}] per bank; null keeps
		// the default: two READY banks (HDFC, ICICI), as the PDF document's sample shows
		banks: normalizeBanks(sim.config.aaAccounts),
		last_consent: 'pending',
		monitoring: null, // control: the monitoring scenario (routes/monitoring.js)
		refresh_limit: null, // control: this consent's refresh quota (null: config.monthlyRefreshLimit)
	};
	store(sim).clients[client.client_id] = client;
	scheduleWatch(sim, client);
	return client;
}

const BANK_STATES = ['READY', 'PENDING', 'FAILED'];

/** Validates a bank list ([{fip_id?, status}] or a number of READY banks). */
function normalizeBanks(value) {
	if (value === undefined || value === null) return null;
	const list = typeof value === 'number' ? Array.from({ length: value }, () => ({ status: 'READY' })) : value;
	if (!Array.isArray(list) || list.length === 0) throw Object.assign(new Error('accounts must be a non-empty list of {fip_id?, status}'), { status: 400, expose: true });
	return list.map((b) => {
		const status = String((b && b.status) || 'READY').toUpperCase();
		if (!BANK_STATES.includes(status)) throw Object.assign(new Error(`account status must be one of ${BANK_STATES.join(', ')}`), { status: 400, expose: true });
		return { fip_id: b && b.fip_id ? String(b.fip_id) : undefined, status };
	});
}

// ---------------------------------------------------------------------------------------------
// Timeline

/** {status, at}: `at` is when the status began (undefined while pending). */
function consentOf(client, now) {
	if (client.forced_consent) return client.forced_consent;
	if (client.consent_delay_ms < 0) return { status: 'pending' };
	const at = client.created_at + client.consent_delay_ms;
	return now >= at ? { status: client.auto_consent, at } : { status: 'pending' };
}

/** Data status of the consent's first fetch (issuedAt undefined) or of a refresh request. */
function dataOf(client, now, issuedAt) {
	if (client.forced_data) return client.forced_data;
	const consent = consentOf(client, now);
	if (consent.status !== 'approved') return 'pending';
	const readyAt = Math.max(consent.at, issuedAt || 0) + client.data_delay_ms;
	return now >= readyAt ? client.auto_data : 'pending';
}

/** Looks at a client; when its consent status changed since the last look, sends the webhook. */
function observe(sim, client, { notify = true } = {}) {
	const { status } = consentOf(client, sim.now());
	if (status === client.last_consent) return status;
	client.last_consent = status;
	if (notify && client.webhook_url && WEBHOOK_STATUS[status]) {
		sim.notify(client).catch(() => {}); // deliveries are recorded; nobody awaits this one
	}
	return status;
}

/**
 * A client with a webhook_url is looked at when its consent is due, so the webhook goes out
 * without anybody polling (the one place a timer is needed).
 */
function scheduleWatch(sim, client) {
	if (!client.webhook_url || client.forced_consent || client.consent_delay_ms < 0) return;
	const due = client.created_at + client.consent_delay_ms - sim.now();
	sim.setTimer(() => {
		if (observe(sim, client) === 'pending' && !client.forced_consent) scheduleWatch(sim, client);
	}, due + 1);
}

function view(sim, client) {
	const now = sim.now();
	const consent = observe(sim, client);
	return {
		client_id: client.client_id,
		mobile_number: client.mobile_number,
		pan_number: client.pan_number,
		consent_type: client.consent_type,
		webhook_url: client.webhook_url,
		created_at: new Date(client.created_at).toISOString(),
		consent_status: consent,
		data_status: dataOf(client, now),
		forced_consent: client.forced_consent ? client.forced_consent.status : null,
		forced_data: client.forced_data,
		refreshes: client.refreshes,
		requests: Object.fromEntries(Object.entries(client.requests).map(([id, at]) => [id, { issued_at: new Date(at).toISOString(), data_status: dataOf(client, now, at) }])),
		transactions: client.transactions,
		accounts: client.banks,
		monitoring: client.monitoring,
		refresh_limit: client.refresh_limit,
		redirect_url: `${sim.url}/sim/consent/${client.client_id}`,
	};
}

// ---------------------------------------------------------------------------------------------
// Webhook

/** sim.notify(client): the consent webhook, signed and retried by the core (sim.deliverWebhook). */
function installNotify(sim) {
	sim.notify = async (client) => {
		if (!client || !client.webhook_url) return null;
		const status = consentOf(client, sim.now()).status;
		const body = {
			event: 'consent_status',
			client_id: client.client_id,
			consent_status: WEBHOOK_STATUS[status] || status.toUpperCase(),
			status,
			timestamp: new Date(sim.now()).toISOString(),
		};
		return sim.deliverWebhook(client.webhook_url, body, { event: 'consent_status', client_id: client.client_id });
	};
}

// ---------------------------------------------------------------------------------------------
// Money and the report

/** Integer paise → "1234.56" (balances are strings in the document). */
function rupees(paise) {
	const sign = paise < 0 ? '-' : '';
	const p = Math.abs(paise);
	return `${sign}${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

/** Integer paise → the JSON number the document uses for `amount` (1500, 1234.56, 0.1). */
const amountNumber = (paise) => paise / 100;

/** Deterministic pseudo-random numbers per client_id (mulberry32). */
function seeded(clientId) {
	let a = crypto.createHash('sha256').update(String(clientId)).digest().readUInt32LE(0);
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const digits = (rnd, n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

function uuid(rnd) {
	const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** A timestamp in India time as the document writes it: 2024-08-01T10:00:00+05:30. */
function ist(ms) {
	return `${new Date(ms + 5.5 * 3600000).toISOString().slice(0, 19)}+05:30`;
}
const istMidnight = (ms) => `${ist(ms).slice(0, 10)}T00:00:00+05:30`;
const at = (isoLocal) => Date.parse(`${isoLocal}+05:30`);

/** Rows with a running balance computed in integer paise, so the strings are exactly consistent. */
function withBalances(openingPaise, rows) {
	let balance = openingPaise;
	const out = rows.map((r) => {
		balance += r.type === 'CREDIT' ? r.paise : -r.paise;
		return {
			transaction_id: r.id,
			amount: amountNumber(r.paise),
			narration: r.narration,
			type: r.type,
			mode: r.mode,
			// `local` (monitoring.js): the India-time text the row was made from, no Date needed
			transaction_timestamp: r.local ? `${r.local}+05:30` : ist(r.ts),
			value_date: r.local ? `${r.local.slice(0, 10)}T00:00:00+05:30` : istMidnight(r.value ?? r.ts),
			reference: r.reference || '',
			transactional_balance: rupees(balance),
		};
	});
	return { rows: out, closing: balance };
}

/** First account: whole-rupee amounts, and transaction_id T000001 repeated as in the document's sample. */
function firstAccountRows(rnd) {
	const salary = (45000 + Math.floor(rnd() * 20) * 500) * 100;
	const rent = (15000 + Math.floor(rnd() * 10) * 500) * 100;
	return [
		{ id: 'T000001', type: 'DEBIT', paise: 150000, mode: 'UPI', narration: 'UPI/DR/Grocery Mart 1', ts: at('2024-08-01T10:00:00') },
		{ id: 'T000002', type: 'CREDIT', paise: 200000, mode: 'NEFT', narration: 'NEFT/CR/Transfer from Ravi', ts: at('2024-08-02T11:15:00') },
		// Document quirk: the same transaction_id again, same type, a later value_date.
		{ id: 'T000001', type: 'DEBIT', paise: 150000, mode: 'UPI', narration: 'UPI/DR/Grocery Mart 1', ts: at('2024-08-10T10:00:00') },
		// Document quirk: the same transaction_id once more, now a CREDIT (a reversal).
		{ id: 'T000001', type: 'CREDIT', paise: 150000, mode: 'UPI', narration: 'UPI/REV/Grocery Mart 1', ts: at('2024-08-11T10:00:00') },
		{ id: 'T000003', type: 'CREDIT', paise: salary, mode: 'NEFT', narration: 'NEFT/CR/ACME PAYROLL/SALARY AUG', ts: at('2024-09-01T09:30:00'), reference: 'N244512345678' },
		{ id: 'T000004', type: 'DEBIT', paise: rent, mode: 'IMPS', narration: 'IMPS/DR/RENT/LANDLORD', ts: at('2024-09-05T19:45:00'), reference: '424919876543' },
		{ id: 'T000005', type: 'DEBIT', paise: 500000, mode: 'ATM', narration: 'ATM/CASH WDL/MG ROAD', ts: at('2024-09-12T13:05:00') },
		{ id: 'T000006', type: 'CREDIT', paise: salary, mode: 'NEFT', narration: 'NEFT/CR/ACME PAYROLL/SALARY SEP', ts: at('2024-10-01T09:30:00'), reference: 'N275512345679' },
		{ id: 'T000007', type: 'DEBIT', paise: 1250000, mode: 'OTHERS', narration: 'ACH/DR/HOME LOAN EMI', ts: at('2024-10-05T06:00:00') },
	];
}

/** Control `transactions: N`: a long chronological series with random paise, still consistent. */
function generatedRows(rnd, n, openingPaise) {
	const start = at('2024-07-23T00:00:00');
	const span = at('2025-07-23T00:00:00') - start;
	const step = Math.max(1000, Math.floor(span / Math.max(1, n)));
	const modes = ['UPI', 'NEFT', 'IMPS', 'ATM', 'OTHERS'];
	let balance = openingPaise;
	const rows = [];
	for (let i = 0; i < n; i++) {
		let type = rnd() < 0.4 ? 'CREDIT' : 'DEBIT';
		const paise = 1 + Math.floor(rnd() * 2500000);
		if (type === 'DEBIT' && paise > balance) type = 'CREDIT'; // never overdrawn
		balance += type === 'CREDIT' ? paise : -paise;
		const mode = pick(rnd, modes);
		// Keeps the document's quirk in long series too: the third row repeats T000001.
		const id = i === 2 ? 'T000001' : `T${String(i + 1).padStart(6, '0')}`;
		rows.push({ id, type, paise, mode, narration: `${mode}/${type === 'CREDIT' ? 'CR' : 'DR'}/Txn ${i + 1}`, ts: start + (i + 1) * step });
	}
	return rows;
}

/** Second account: amounts with paise (0.1 + 0.2 would drift in floating point; these balances do not). */
function secondAccountRows() {
	const p = (type, paise, mode, narration, when) => ({ type, paise, mode, narration, ts: at(when) });
	const rows = [
		p('CREDIT', 123456, 'NEFT', 'NEFT/CR/INVOICE 2041', '2024-08-03T12:00:00'),
		p('DEBIT', 10, 'UPI', 'UPI/DR/TEST DEBIT', '2024-08-03T12:05:00'),
		p('DEBIT', 20, 'UPI', 'UPI/DR/TEST DEBIT', '2024-08-03T12:06:00'),
		p('CREDIT', 30, 'UPI', 'UPI/CR/CASHBACK', '2024-08-04T08:00:00'),
		p('DEBIT', 99999, 'IMPS', 'IMPS/DR/SUPPLIER 77', '2024-08-09T17:20:00'),
		p('CREDIT', 7, 'OTHERS', 'INT/CR/SAVINGS INTEREST', '2024-09-30T23:59:00'),
		p('CREDIT', 500050, 'NEFT', 'NEFT/CR/INVOICE 2042', '2024-10-02T10:10:00'),
		p('DEBIT', 33333, 'UPI', 'UPI/DR/OFFICE SUPPLIES', '2024-10-15T15:00:00'),
	];
	return rows.map((r, i) => ({ ...r, id: `S${String(i + 1).padStart(9, '0')}` }));
}

/** The accounts of a client: deterministic per client_id. */
function accountsOf(client) {
	const rnd = seeded(client.client_id);
	const name = pick(rnd, ['ASHA VERMA', 'RAHUL MEHTA', 'PRIYA NAIR', 'ARJUN SINGH']);
	const pan = client.pan_number || `ABCDE${digits(rnd, 4)}F`;
	const profile = {
		name,
		dob: '1988-04-12',
		mobile: client.mobile_number,
		nominee: 'MEERA VERMA',
		landline: '',
		address: '12 Residency Road, Bengaluru, Karnataka, PIN : 560025',
		email: client.email_id || 'borrower@example.com',
		pan,
		ckyc_registered: 'true', // a string, as in the document
		type: 'SINGLE',
	};
	const opening1 = 9876543 + Math.floor(rnd() * 100) * 10000;
	const rows1 = client.transactions ? generatedRows(rnd, client.transactions, opening1) : firstAccountRows(rnd);
	const opening2 = 1000010;
	// The declared statement period (transaction_data start_date / end_date): the document's sample
	// period for a generated series, the months the hand-written rows cover otherwise.
	const period = client.transactions ? { start: '2024-07-23', end: '2025-07-23' } : { start: '2024-08-01', end: '2024-10-31' };
	const templates = [
		{
			fip_id: 'HDFC-FIP',
			account_id: uuid(rnd),
			masked_account_number: `XXXXXXXXXXXXX${digits(rnd, 4)}`,
			profile,
			period,
			summary: { branch: '00001', micr: '560240002', ifsc: 'HDFC0000001', sub_type: 'SAVINGS', opening_date: null, od: 0, drawing: 5000000 },
			opening: opening1,
			rows: rows1,
		},
		{
			fip_id: 'ICICI-FIP',
			account_id: uuid(rnd),
			masked_account_number: `XXXXXXXX${digits(rnd, 4)}`,
			profile,
			period,
			summary: { branch: '00420', micr: '560229010', ifsc: 'ICIC0000420', sub_type: 'CURRENT', opening_date: '2019-06-14', od: 20000000, drawing: 20000000 },
			opening: opening2,
			rows: secondAccountRows(),
		},
		{
			fip_id: 'SBI-FIP',
			account_id: uuid(rnd),
			masked_account_number: `XXXXXXX${digits(rnd, 4)}`,
			profile,
			period,
			summary: { branch: '04410', micr: '560002011', ifsc: 'SBIN0004410', sub_type: 'SAVINGS', opening_date: '2015-02-01', od: 0, drawing: 0 },
			opening: 2500000,
			rows: secondAccountRows().map((r) => ({ ...r, id: r.id.replace(/^S/, 'B') })),
		},
	];
	if (!client.banks) return templates.slice(0, 2).map((acc) => ({ ...acc, status: 'READY' }));
	// More banks than templates: the templates again under numbered FIP ids.
	return client.banks.map((bank, n) => {
		const base = templates[n % templates.length];
		const fipId = bank.fip_id || (n < templates.length ? base.fip_id : `${base.fip_id}-${n + 1}`);
		return { ...base, fip_id: fipId, account_id: n < templates.length ? base.account_id : uuid(rnd), status: bank.status };
	});
}

function reportAccount(acc) {
	// A bank still fetching (or failed) has no transactions yet.
	const { rows, closing } = withBalances(acc.opening, acc.status === 'READY' ? acc.rows : []);
	return {
		account_id: acc.account_id,
		status: acc.status,
		profile_details: acc.profile,
		summary_details: {
			branch: acc.summary.branch,
			facility: 'NO_FACILITY_GRANTED',
			micr_code: acc.summary.micr,
			opening_date: acc.summary.opening_date, // null in the document's sample
			current_od_limit: rupees(acc.summary.od),
			drawing_limit: rupees(acc.summary.drawing),
			status: 'ACTIVE',
			account_type: '', // empty in the document's sample
			account_sub_type: acc.summary.sub_type,
			ifsc: acc.summary.ifsc,
			current_balance: rupees(closing),
			currency: 'INR',
			balance_date_time: `${acc.period.end}T18:35:29+05:30`,
		},
		transaction_data: { transaction_details: rows, start_date: acc.period.start, end_date: acc.period.end },
		transaction_type: 'deposit',
		masked_account_number: acc.masked_account_number,
	};
}

const jsonReport = (client) => ({ client_id: client.client_id, account_aggregator_json: accountsOf(client).map(reportAccount) });

/** The monitoring scenario's report: one savings account whose months depend on the request fetched. */
function monitoringReport(client, requestId) {
	const rnd = seeded(`${client.client_id}/monitoring`);
	const [account] = accountsOf(client);
	const data = monitoring.monitoringRows(client, requestId, at, rnd);
	const report = reportAccount({ ...account, status: 'READY', opening: 2000000, rows: data.rows });
	report.transaction_data.start_date = data.start_date;
	report.transaction_data.end_date = data.end_date;
	report.summary_details.balance_date_time = `${data.end_date}T23:59:59+05:30`;
	return { client_id: client.client_id, account_aggregator_json: [report] };
}

// ---------------------------------------------------------------------------------------------
// PDF

/** A minimal valid PDF 1.4, one page of Helvetica text; xref offsets computed, not guessed. */
function pdfBytes(lines) {
	const esc = (s) => String(s).replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, '\\$&');
	const text = lines.map((l, i) => (i === 0 ? `(${esc(l)}) Tj` : `T* (${esc(l)}) Tj`)).join('\n');
	const content = `BT\n/F1 12 Tf\n16 TL\n72 720 Td\n${text}\nET\n`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** Issues a pre-signed-looking link; it expires pdfLinkTtlMs after issue (about 600 s at S3). */
function issueLink(sim, client, acc) {
	const ttl = Number(sim.config.pdfLinkTtlMs);
	const file = `account_aggregator_v2_${Date.now()}${randomHex(6)}`;
	const signature = randomHex(64);
	store(sim).pdfLinks[file] = {
		file,
		client_id: client.client_id,
		fip_id: acc.fip_id,
		account_number: acc.masked_account_number,
		issued_at: sim.now(),
		ttl_ms: ttl,
		signature,
		downloads: [],
	};
	const expires = Math.max(1, Math.ceil(ttl / 1000));
	return `${sim.url}/sim/s3/${file}.pdf?X-Amz-Expires=${expires}&X-Amz-Signature=${signature}`;
}

function s3Error(code, message) {
	const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomHex(16).toUpperCase()}</RequestId></Error>`;
	return { status: 403, headers: { 'content-type': 'application/xml' }, body };
}

// ---------------------------------------------------------------------------------------------
// Shared request checks

/** The documents require Content-Type: application/json and a JSON object body. */
function jsonBody(ctx) {
	const { fail } = server();
	if (!/application\/json/i.test(ctx.headers['content-type'] || '')) {
		return { error: fail(415, 'Content-Type must be application/json', 'unsupported_media_type') };
	}
	if (!ctx.json || typeof ctx.json !== 'object' || Array.isArray(ctx.json)) {
		return { error: fail(400, 'Request body must be a JSON object', 'invalid_request_body') };
	}
	return { body: ctx.json };
}

const CONSENT_GATES = {
	pending: [422, 'Consent status pending', 'consent_pending'],
	rejected: [422, 'Consent status rejected', 'consent_rejected'],
	revoked: [422, 'Consent status revoked', 'consent_revoked'],
	expired: [422, 'Consent status expired', 'consent_expired'],
};
const DATA_GATES = {
	not_found: [422, 'Account data not found', 'account_data_not_found'],
	expired: [422, 'Account data fetch expired', 'account_data_fetch_expired'],
	error: [422, 'Account data fetch error', 'account_data_fetch_error'],
};

/**
 * The gates fetch-json-report and fetch-statement-pdf share, in this order: client exists (404),
 * consent (422), FI request (422 no_fi_request_found), data (202 in progress / 422).
 * Resolves {client} when the data is ready, else {answer}.
 */
function gate(sim, ctx) {
	const { fail } = server();
	const parsed = jsonBody(ctx);
	if (parsed.error) return { answer: parsed.error };
	const { client_id: clientId, request_id: requestId } = parsed.body;
	const client = store(sim).clients[String(clientId)];
	if (!client) return { answer: fail(404, 'Client not found', 'client_not_found') };
	const now = sim.now();
	const consent = observe(sim, client);
	if (CONSENT_GATES[consent]) return { answer: fail(...CONSENT_GATES[consent]) };
	const noRequest = fail(422, 'No financial information request found', 'no_fi_request_found');
	let issuedAt;
	if (!blank(requestId)) {
		// Only request_ids that refresh-data issued for this very client count.
		issuedAt = client.requests[String(requestId)];
		if (issuedAt === undefined) return { answer: noRequest };
	} else if (client.consent_type === 'loan_monitoring') {
		// "Required for loan_monitoring flow" (fetch documents, request_id): a contract violation too.
		sim.violate(ctx.record, 'required', `request_id is required for a loan_monitoring consent (finpass-aa-fetch-json-report.txt:107, finpass-aa-fetch-pdf-report.txt:13)`);
		return { answer: noRequest };
	}
	const data = dataOf(client, now, issuedAt);
	if (data === 'pending') {
		return { answer: { data: null, status_code: 202, success: true, message: 'Data fetch in progress', message_code: 'data_fetch_in_progress' } };
	}
	if (DATA_GATES[data]) return { answer: fail(...DATA_GATES[data]) };
	return { client };
}

// ---------------------------------------------------------------------------------------------
// Handlers

function init(sim, ctx) {
	const { ok, fail } = server();
	const parsed = jsonBody(ctx);
	if (parsed.error) return parsed.error;
	const body = parsed.body;
	if (typeof body.mobile_number !== 'string' || !MOBILE.test(body.mobile_number)) {
		return fail(422, 'Invalid mobile number', 'invalid_mobile_number');
	}
	if (!CONSENT_TYPES.includes(body.consent_type)) return fail(422, 'Invalid consent type', 'invalid_consent_type');
	const client = createClient(sim, body);
	return ok({
		client_id: client.client_id,
		mobile_number: client.mobile_number,
		pan_number: client.pan_number,
		email_id: client.email_id,
		redirect_url: `${sim.url}/sim/consent/${client.client_id}`,
	});
}

function fetchJsonReport(sim, ctx) {
	const { ok } = server();
	const g = gate(sim, ctx);
	if (g.answer) return g.answer;
	return ok(g.client.monitoring ? monitoringReport(g.client, ctx.json.request_id) : jsonReport(g.client));
}

function fetchStatementPdf(sim, ctx) {
	const { ok } = server();
	const g = gate(sim, ctx);
	if (g.answer) return g.answer;
	const reports = accountsOf(g.client).map((acc) => ({
		fip_id: acc.fip_id,
		account_number: acc.masked_account_number,
		status: acc.status,
		statement_report_link: acc.status === 'READY' ? issueLink(sim, g.client, acc) : null,
	}));
	return ok({ client_id: g.client.client_id, reports });
}

function refreshData(sim, ctx) {
	const { ok, fail } = server();
	const parsed = jsonBody(ctx);
	if (parsed.error) return parsed.error;
	const client = store(sim).clients[String(parsed.body.client_id)];
	if (!client) return fail(400, 'Invalid or expired client ID provided', 'invalid_client_id');
	if (client.refreshes >= Number(client.refresh_limit ?? sim.config.monthlyRefreshLimit)) {
		return fail(422, 'Account aggregator limit exceeded for this month', 'limit_exceeded');
	}
	client.refreshes++;
	const requestId = `account_aggregator_v2_${randomLetters(20)}`;
	client.requests[requestId] = sim.now();
	return ok({ request_id: requestId });
}

function s3Download(sim, ctx) {
	const link = store(sim).pdfLinks[ctx.params.file.replace(/\.pdf$/, '')];
	const download = {
		time: new Date().toISOString(),
		// Tests assert the node never sends its Finpass keys to S3.
		had_api_key: 'x-api-key' in ctx.headers,
		had_api_secret: 'x-api-secret' in ctx.headers,
	};
	ctx.record.s3 = download;
	let answer;
	if (!link || ctx.query['X-Amz-Signature'] !== link.signature) {
		answer = s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
	} else if (sim.now() > link.issued_at + link.ttl_ms) {
		answer = s3Error('AccessDenied', 'Request has expired');
	} else {
		const body = pdfBytes([
			'Account Aggregator statement (simulated)',
			`FIP: ${link.fip_id}`,
			`Account: ${link.account_number}`,
			`Client: ${link.client_id}`,
		]);
		answer = { status: 200, headers: { 'content-type': 'application/pdf' }, body };
	}
	download.status = answer.status;
	if (link) link.downloads.push(download);
	return answer;
}

// ---------------------------------------------------------------------------------------------
// Borrower pages and control

function consentPage(sim, client) {
	const status = observe(sim, client);
	const html = `<!doctype html><html><head><title>Consent</title></head><body>
<h1>Share your bank statements</h1><p>Client ${client.client_id}, mobile ${client.mobile_number}: consent <b>${status}</b>.</p>
<form method="post" action="/sim/consent/${client.client_id}/approve"><button>Approve</button></form>
<form method="post" action="/sim/consent/${client.client_id}/reject"><button>Reject</button></form>
${client.user_redirect_url ? `<p><a href="${client.user_redirect_url.replace(/"/g, '&quot;')}">Back to the lender</a></p>` : ''}
</body></html>`;
	return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

function force(sim, client, change) {
	const now = sim.now();
	if (change.consent !== undefined) {
		if (change.consent === 'auto' || change.consent === null) client.forced_consent = null;
		else if (CONSENT_STATES.includes(change.consent)) client.forced_consent = { status: change.consent, at: now };
		else throw Object.assign(new Error(`consent must be one of ${CONSENT_STATES.join(', ')}, auto`), { status: 400, expose: true });
	}
	if (change.data !== undefined) {
		if (change.data === 'auto' || change.data === null) client.forced_data = null;
		else if (DATA_STATES.includes(change.data)) client.forced_data = change.data;
		else throw Object.assign(new Error(`data must be one of ${DATA_STATES.join(', ')}, auto`), { status: 400, expose: true });
	}
	if (change.accounts !== undefined) client.banks = normalizeBanks(change.accounts);
	if (change.monitoring !== undefined) client.monitoring = monitoring.normalizeScenario(change.monitoring);
	if (change.refreshLimit !== undefined) client.refresh_limit = change.refreshLimit === null ? null : Math.max(0, Math.floor(Number(change.refreshLimit) || 0));
	if (change.transactions !== undefined) {
		const n = Number(change.transactions);
		client.transactions = n > 0 ? Math.floor(n) : null;
	}
	scheduleWatch(sim, client);
	return view(sim, client);
}

function register(sim) {
	const { fail } = server();
	installNotify(sim);
	sim.addStateView('aa', () => ({
		clients: Object.values(store(sim).clients).map((c) => view(sim, c)),
		pdfLinks: Object.values(store(sim).pdfLinks),
	}));
	const vendor = { vendor: 'finpass' };
	const page = { vendor: null }; // borrower and S3 pages: no Finpass keys
	const clientOr404 = (ctx, fn) => {
		const client = store(sim).clients[ctx.params.client_id];
		return client ? fn(client) : fail(404, 'Client not found', 'client_not_found');
	};

	sim.route('POST', `${BASE}/init`, (ctx) => init(sim, ctx), vendor);
	sim.route('POST', `${BASE}/fetch-json-report`, (ctx) => fetchJsonReport(sim, ctx), vendor);
	sim.route('POST', `${BASE}/fetch-statement-pdf`, (ctx) => fetchStatementPdf(sim, ctx), vendor);
	// The refresh page uses /services, the PDF page cites the path without it: both answer.
	sim.route('POST', `${BASE}/refresh-data`, (ctx) => refreshData(sim, ctx), vendor);
	sim.route('POST', '/api/v1/account-aggregator/refresh-data', (ctx) => refreshData(sim, ctx), vendor);

	sim.route('GET', '/sim/s3/:file', (ctx) => s3Download(sim, ctx), page);
	sim.route('GET', '/sim/consent/:client_id', (ctx) => clientOr404(ctx, (c) => consentPage(sim, c)), page);
	for (const [action, status] of [['approve', 'approved'], ['reject', 'rejected']]) {
		sim.route('POST', `/sim/consent/:client_id/${action}`, (ctx) =>
			clientOr404(ctx, (c) => {
				force(sim, c, { consent: status });
				return consentPage(sim, c);
			}),
			page,
		);
	}

	sim.route('GET', '/__sim/aa/clients', () => ({ status: 200, body: Object.values(store(sim).clients).map((c) => view(sim, c)) }));
	sim.route('GET', '/__sim/aa/clients/:client_id', (ctx) => clientOr404(ctx, (c) => ({ status: 200, body: view(sim, c) })));
	sim.route('POST', '/__sim/aa/clients/:client_id', (ctx) => clientOr404(ctx, (c) => ({ status: 200, body: force(sim, c, ctx.json || {}) })));
	sim.route('POST', '/__sim/aa/clients/:client_id/notify', (ctx) =>
		clientOr404(ctx, async (c) => {
			observe(sim, c, { notify: false }); // this call sends it; the look must not send it twice
			if (!c.webhook_url) return { status: 409, body: { error: 'client has no webhook_url' } };
			return { status: 200, body: await sim.notify(c) };
		}),
	);
	sim.route('GET', '/__sim/aa/pdf-links', () => ({ status: 200, body: Object.values(store(sim).pdfLinks) }));
}

module.exports = { register, pdfBytes, rupees, jsonReport };

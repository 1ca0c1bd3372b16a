'use strict';
// FinPro FI data (FinPro's Get FI Data page and the FinPro part of the digest: docs/api-contract.md#sources):
//   POST /getfidata            {consentID, linkReferenceNumber}          one account, transactions in fiData
//   POST /getallfidata         {consentID} | {accountID}, transactionsStartDate?/EndDate?   every account
//   POST /getalllatestfidata   {consentID}                               PERIODIC consents: the latest fetch only
//   POST /getfibalance         {consentID, linkReferenceNumber?}         balances (object for one, array for all)
//   POST /xml/getfidata        {consentID, linkReferenceNumber}          the same account as XML (path *unsure*)
// FinPro's four auth headers are checked by the core (vendor 'finpro'); answers are FinPro's
// `{ver, timestamp, status, data}` and errors `{ver, timestamp, errorCode, errorMsg, status: "failure"}`.
//
// Choices where the documents are silent (also in docs/api-contract.md#assumptions):
// - Pagination follows the document's booleans in the digest's one reading
//   (docs/api-contract.md#finpro-paging): `?limit=true` serves the first page of each account's
//   fiData (page size set by the platform: config.finproPageSize, default 100) and starts a walk; `?limit=true&offset=true`
//   serves the page after the last one served for that account and endpoint; the walk ends with a
//   page shorter than the first. Without `limit` everything comes at once. Numbers
//   (`limit=500&offset=N`: page size, rows to skip, at most config.finproMaxPageSize) are not in
//   the document: a contract violation unless config.finproNumericPaging opts in.
// - HTTP status per error: 400 InvalidRequest / InvalidConsentId / InvalidLinkReference,
//   403 ConsentNotActive, 404 DataNotAvailable / NoDataFound, 429 RateLimitExceeded.
//   config.finproErrorsAs200 = true answers every error with HTTP 200 and status "failure".
// - Transactions are served newest first ("typically ordered reverse chronologically").
// - Amounts and balances are strings with two decimals, computed in integer paise, so every
//   account's running balance is consistent unless a test drops or doctors a row.
// - Rate limit (off unless config.finproRateLimit > 0): that many requests per
//   config.finproRateWindowMs (default 1000); every answer then carries X-RateLimit-Limit /
//   -Remaining / -Reset (Unix seconds), and the request over the limit gets 429 RateLimitExceeded.
//
// Seeded consents (fixed ids, see CONSENTS below): the document's ACTIVE consent with its account
// 7f8227f1-… (balance 101666.33, the document's two newest rows) and a second account with paise
// amounts; a PERIODIC one; a PAUSED and a REVOKED one (ConsentNotActive); one whose data is still
// being fetched (DataNotAvailable); one with no data (NoDataFound).
// Control (no auth):
//   GET  /__sim/finpro/consents                 every consent, accounts with their accountID
//   POST /__sim/finpro/consents                 {consentID?, status?, fetchType?, dataStatus?, accounts?, transactions?, ...} → a new consent
//   POST /__sim/finpro/consents/:consentID      change one: status, dataStatus, order ('newest-first' |
//        'oldest-first' | 'shuffled'), transactions (N rows on the first account), drop / tamper
//        (chronological row indices to remove / whose balance is raised by 1.00), latest (rows in the latest fetch)

const crypto = require('node:crypto');

const server = () => require('../server');

const VER = '1.21.0';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_CHARS = /^[A-Za-z0-9_.-]+$/;
const CONSENT_STATUSES = ['ACTIVE', 'PAUSED', 'REVOKED', 'EXPIRED', 'PENDING'];
const DATA_STATUSES = ['READY', 'PENDING', 'NONE'];
const ORDERS = ['newest-first', 'oldest-first', 'shuffled'];

const DOC_CONSENT = '3c92001e-57ea-4320-bbb8-66d524bfb435';
const DOC_LINK = '7f8227f1-697f-40d3-a4af-0508f5d0a1dd';
const PAISE_LINK = 'c0ffee00-1b2c-4d3e-8f90-a1b2c3d4e5f6';

/** The seeded consents. Accounts: {link, masked, fipId, fipName, closing (paise), rows, newest (ISO)}. */
const CONSENTS = {
	[DOC_CONSENT]: {
		status: 'ACTIVE',
		fetchType: 'ONETIME',
		accounts: [
			{ link: DOC_LINK, masked: 'XXXXXXXX3900', fipId: 'finsharebank', fipName: 'FinShareBankServer', closing: 10166633, rows: 12, doc: true },
			{ link: PAISE_LINK, masked: 'XXXXXX7781', fipId: 'paisebank-fip', fipName: 'Paise Bank', closing: 1234567, rows: 8, paise: true },
		],
	},
	'5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a01': {
		status: 'ACTIVE',
		fetchType: 'PERIODIC',
		accounts: [
			{ link: '5f0c1a2e-0000-4000-8000-00000000a101', masked: 'XXXXXXXX4417', fipId: 'finsharebank', fipName: 'FinShareBankServer', closing: 2500000, rows: 10 },
		],
	},
	'5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a02': { status: 'PAUSED', fetchType: 'PERIODIC', accounts: [] },
	'5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a03': { status: 'REVOKED', fetchType: 'ONETIME', accounts: [] },
	'5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a04': {
		status: 'ACTIVE',
		fetchType: 'ONETIME',
		dataStatus: 'PENDING',
		accounts: [{ link: '5f0c1a2e-0000-4000-8000-00000000a401', masked: 'XXXXXXXX0001', fipId: 'finsharebank', fipName: 'FinShareBankServer', closing: 100000, rows: 3 }],
	},
	'5f0c1a2e-7b3d-4c8e-9a61-2d4f6b8e0a05': { status: 'ACTIVE', fetchType: 'ONETIME', dataStatus: 'NONE', accounts: [] },
};

// ---------------------------------------------------------------------------------------------
// Money and transactions

/** Integer paise → "1234.56". */
function rupees(paise) {
	const sign = paise < 0 ? '-' : '';
	const p = Math.abs(paise);
	return `${sign}${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

/** Deterministic pseudo-random numbers from a text (mulberry32). */
function seeded(text) {
	let a = crypto.createHash('sha256').update(String(text)).digest().readUInt32LE(0);
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function uuidFrom(text) {
	const h = crypto.createHash('sha256').update(String(text)).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const MODES = ['UPI', 'NEFT', 'IMPS', 'CARD', 'ATM', 'NACH', 'OTHERS'];
const NEWEST = Date.parse('2025-11-13T14:25:30.000Z');

/**
 * An account's transactions, chronological (oldest first), built backwards from the closing
 * balance so every currentBalance is consistent. The document account's two newest rows are the
 * document's own; one older row repeats a txnId (as vendors do: ids are not unique).
 */
function buildRows(account, count) {
	const rnd = seeded(account.link);
	const newestFirst = [];
	let balance = account.closing;
	let time = NEWEST;
	const step = Math.max(60000, Math.floor((365 * 86400000) / Math.max(1, count)));
	for (let k = 0; k < count; k++) {
		let type;
		let paise;
		let mode;
		let narration;
		let reference;
		let txnId;
		if (account.doc && k === 0) {
			[type, paise, mode, narration, reference, txnId] = ['CREDIT', 500000, 'UPI', 'UPI/SALARY CREDIT/REF123', 'REF123', 'TXN123456789'];
		} else if (account.doc && k === 1) {
			[type, paise, mode, narration, reference, txnId] = ['DEBIT', 150000, 'CARD', 'POS Purchase - Retail Store', 'CARD5678', 'TXN123456788'];
			time = Date.parse('2025-11-12T09:15:00.000Z');
		} else {
			mode = MODES[Math.floor(rnd() * MODES.length)];
			paise = account.paise ? 1 + Math.floor(rnd() * 99999) : (1 + Math.floor(rnd() * 400)) * 2500;
			type = rnd() < 0.45 ? 'CREDIT' : 'DEBIT';
			// Going back in time a CREDIT lowers the balance: never below zero.
			if (type === 'CREDIT' && balance - paise < 0) type = 'DEBIT';
			narration = `${mode}/${type === 'CREDIT' ? 'CR' : 'DR'}/TXN ${count - k}`;
			reference = `R${String(count - k).padStart(8, '0')}`;
			// The third-newest generated row repeats the id of the one before it (not unique ids).
			txnId = account.doc && k === 4 ? newestFirst[3].txnId : `TXN${String(123456787 - k + 2).padStart(9, '0')}`;
			time -= step - Math.floor(rnd() * (step / 4));
		}
		const ts = new Date(time).toISOString();
		newestFirst.push({
			transactionTimestamp: ts,
			txnId,
			type,
			amount: rupees(paise),
			currentBalance: rupees(balance),
			mode,
			narration,
			reference,
			valueDate: ts.slice(0, 10),
		});
		balance -= type === 'CREDIT' ? paise : -paise;
	}
	return newestFirst.reverse();
}

// ---------------------------------------------------------------------------------------------
// Store

function newConsent(consentID, spec) {
	return {
		consentID,
		status: spec.status || 'ACTIVE',
		fetchType: spec.fetchType || 'ONETIME',
		dataStatus: spec.dataStatus || 'READY',
		order: spec.order || 'newest-first',
		latest: spec.latest === undefined ? 3 : Number(spec.latest),
		accounts: (spec.accounts || []).map((a, n) => ({
			link: a.link || uuidFrom(`${consentID}/${n}`),
			accountID: a.accountID || uuidFrom(`account/${consentID}/${n}`),
			masked: a.masked || `XXXXXXXX${String(1000 + n).slice(-4)}`,
			fipId: a.fipId || 'finsharebank',
			fipName: a.fipName || 'FinShareBankServer',
			fiType: a.fiType || 'DEPOSIT',
			closing: a.closing === undefined ? 5000000 : a.closing,
			doc: a.doc === true,
			paise: a.paise === true,
			count: a.rows === undefined ? 5 : a.rows,
			drop: [],
			tamper: [],
			rows: null, // built on first use (chronological)
		})),
	};
}

function store(sim) {
	if (!sim.state.finpro) {
		const consents = {};
		for (const [id, spec] of Object.entries(CONSENTS)) consents[id] = newConsent(id, spec);
		sim.state.finpro = { consents, window: { start: 0, count: 0 }, cursors: {} };
	}
	return sim.state.finpro;
}

/** Chronological rows as served after drop / tamper (still oldest first). */
function rowsOf(account) {
	if (!account.rows) account.rows = buildRows(account, account.count);
	if (account.drop.length === 0 && account.tamper.length === 0) return account.rows;
	const dropped = new Set(account.drop);
	const tampered = new Set(account.tamper);
	return account.rows
		.map((row, k) => (tampered.has(k) ? { ...row, currentBalance: rupees(Math.round(Number(row.currentBalance) * 100) + 100) } : row))
		.filter((_, k) => !dropped.has(k));
}

/** The rows in the order the consent serves them (newest first by default). */
function served(consent, rows) {
	if (consent.order === 'oldest-first') return rows.slice();
	const out = rows.slice().reverse();
	if (consent.order === 'shuffled') {
		// Swap a few neighbours: mostly newest first, a handful out of place.
		for (let k = 1; k + 1 < out.length; k += 4) [out[k], out[k + 1]] = [out[k + 1], out[k]];
	}
	return out;
}

function accountData(consent, account, rows) {
	const chronological = rowsOf(account);
	const closing = chronological.length ? chronological[chronological.length - 1].currentBalance : rupees(account.closing);
	return {
		linkReferenceNumber: account.link,
		maskedAccountNumber: account.masked,
		balance: closing,
		fipName: account.fipName,
		fipId: account.fipId,
		fiType: account.fiType,
		fiData: rows,
	};
}

function view(consent) {
	return {
		consentID: consent.consentID,
		status: consent.status,
		fetchType: consent.fetchType,
		dataStatus: consent.dataStatus,
		order: consent.order,
		latest: consent.latest,
		accounts: consent.accounts.map((a) => ({
			linkReferenceNumber: a.link,
			accountID: a.accountID,
			maskedAccountNumber: a.masked,
			fipId: a.fipId,
			transactions: a.count,
			drop: a.drop,
			tamper: a.tamper,
		})),
	};
}

// ---------------------------------------------------------------------------------------------
// Answers

class FinProError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

const invalid = (message) => new FinProError(400, 'InvalidRequest', message);

function success(data) {
	return { ver: VER, timestamp: new Date().toISOString(), status: 'success', data };
}

/**
 * Pages through one account's served rows with the query's limit / offset. `key` names the walk
 * (endpoint and account) whose position `offset=true` continues from.
 */
function pageOf(sim, query, rows, key) {
	const { limit, offset } = query;
	if (limit === undefined || limit === 'false') return rows;
	const cursors = store(sim).cursors;
	if (limit === 'true') {
		const size = Number(sim.config.finproPageSize) || 100;
		const start = offset === 'true' ? cursors[key] || 0 : 0;
		cursors[key] = start + size;
		return rows.slice(start, start + size);
	}
	// Numeric paging: only reached when config.finproNumericPaging let it past the contract check.
	if (!/^\d+$/.test(limit) || Number(limit) <= 0) throw invalid('limit must be true or false');
	const size = Math.min(Number(limit), Number(sim.config.finproMaxPageSize) || 1000);
	let start = 0;
	if (offset !== undefined && offset !== 'true' && offset !== 'false') {
		if (!/^\d+$/.test(offset)) throw invalid('offset must be true or false');
		start = Number(offset);
	}
	return rows.slice(start, start + size);
}

function requireJson(ctx) {
	if (!/application\/json/i.test(ctx.headers['content-type'] || '')) throw invalid('Content-Type must be application/json');
	if (!ctx.json || typeof ctx.json !== 'object' || Array.isArray(ctx.json)) throw invalid('Request body must be a JSON object');
	return ctx.json;
}

/** The consent named in the body, checked in FinPro's order: format, existence, ACTIVE, data ready. */
function activeConsent(sim, consentID, { needData = true } = {}) {
	if (consentID === undefined || consentID === null || consentID === '') throw invalid('consentID is required');
	if (typeof consentID !== 'string') throw invalid('consentID must be a string');
	if (!ID_CHARS.test(consentID)) throw invalid('consentID value can have only A to Z, a to z, 0 to 9, _ , - and . characters');
	const consent = store(sim).consents[consentID.toLowerCase()];
	if (!consent) throw new FinProError(400, 'InvalidConsentId', 'Consent ID does not exist');
	if (consent.status !== 'ACTIVE') throw new FinProError(403, 'ConsentNotActive', 'Consent is not in active state');
	if (needData && consent.dataStatus === 'PENDING') throw new FinProError(404, 'DataNotAvailable', 'Financial data not available');
	if (needData && (consent.dataStatus === 'NONE' || consent.accounts.length === 0)) throw new FinProError(404, 'NoDataFound', 'No data found for the given consent');
	return consent;
}

function accountOf(consent, link, { required = true } = {}) {
	if (link === undefined || link === null || link === '') {
		if (required) throw invalid('linkReferenceNumber is required');
		return undefined;
	}
	if (typeof link !== 'string' || !UUID.test(link)) throw new FinProError(400, 'InvalidLinkReference', 'Link Reference Number does not exist');
	const account = consent.accounts.find((a) => a.link === link.toLowerCase());
	if (!account) throw new FinProError(400, 'InvalidLinkReference', 'Link Reference Number not associated with this consent.');
	return account;
}

function dateBound(body, field) {
	const value = body[field];
	if (value === undefined || value === null || value === '') return undefined;
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(ms)) throw invalid(`${field} must be a valid ISO date`);
	return ms;
}

function getFiData(sim, ctx) {
	const body = requireJson(ctx);
	if (!body.consentID && !body.linkReferenceNumber) throw invalid('consentID is required');
	const consent = activeConsent(sim, body.consentID);
	const account = accountOf(consent, body.linkReferenceNumber);
	return success(accountData(consent, account, pageOf(sim, ctx.query, served(consent, rowsOf(account)), `getfidata:${account.link}`)));
}

function getAllFiData(sim, ctx) {
	const body = requireJson(ctx);
	const byConsent = body.consentID !== undefined && body.consentID !== '';
	const byAccount = body.accountID !== undefined && body.accountID !== '';
	if (byConsent === byAccount) {
		throw invalid('Either consentId or accountID should be passed and both consentID and accountID should not be passed in payload');
	}
	const from = dateBound(body, 'transactionsStartDate');
	const to = dateBound(body, 'transactionsEndDate');
	let consent;
	let accounts;
	if (byConsent) {
		consent = activeConsent(sim, body.consentID);
		accounts = consent.accounts;
	} else {
		const found = Object.values(store(sim).consents).flatMap((c) => c.accounts.map((a) => ({ c, a }))).find(({ a }) => a.accountID === String(body.accountID));
		if (!found) throw invalid('accountID does not exist');
		consent = activeConsent(sim, found.c.consentID);
		accounts = [found.a];
	}
	const inRange = (row) => {
		const t = Date.parse(row.transactionTimestamp);
		return (from === undefined || t >= from) && (to === undefined || t <= to);
	};
	const data = accounts.map((a) => ({ a, rows: rowsOf(a).filter(inRange) }));
	if (data.every(({ rows }) => rows.length === 0)) throw new FinProError(404, 'NoDataFound', 'No transactions found for the given criteria');
	return success(data.map(({ a, rows }) => accountData(consent, a, pageOf(sim, ctx.query, served(consent, rows), `getallfidata:${a.link}`))));
}

function getAllLatest(sim, ctx) {
	const body = requireJson(ctx);
	const consent = activeConsent(sim, body.consentID);
	if (consent.fetchType !== 'PERIODIC') throw invalid('Latest data is available only for consents with a PERIODIC fetch type');
	// The latest fetch: the newest `latest` rows of each account.
	const data = consent.accounts.map((a) => {
		const rows = rowsOf(a);
		return accountData(consent, a, pageOf(sim, ctx.query, served(consent, rows.slice(Math.max(0, rows.length - consent.latest))), `getalllatestfidata:${a.link}`));
	});
	return success(data);
}

function balanceOf(account) {
	const rows = rowsOf(account);
	return {
		linkReferenceNumber: account.link,
		maskedAccountNumber: account.masked,
		fipId: account.fipId,
		fipName: account.fipName,
		fiType: account.fiType,
		balance: rows.length ? rows[rows.length - 1].currentBalance : rupees(account.closing),
		currency: 'INR',
		balanceDateTime: '2025-11-14T10:30:00.000Z',
	};
}

function getBalance(sim, ctx) {
	const body = requireJson(ctx);
	const consent = activeConsent(sim, body.consentID);
	const account = accountOf(consent, body.linkReferenceNumber, { required: false });
	return success(account ? balanceOf(account) : consent.accounts.map(balanceOf));
}

const xmlEscape = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrs = (o) => Object.entries(o).map(([k, v]) => `${k}="${xmlEscape(v)}"`).join(' ');

function getFiDataXml(sim, ctx) {
	const body = requireJson(ctx);
	const consent = activeConsent(sim, body.consentID);
	const account = accountOf(consent, body.linkReferenceNumber);
	const data = accountData(consent, account, served(consent, rowsOf(account)));
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<FIData ${attrs({ ver: VER, status: 'success', timestamp: new Date().toISOString() })}>`,
		`  <Account ${attrs({ linkedAccRef: data.linkReferenceNumber, maskedAccNumber: data.maskedAccountNumber, fipId: data.fipId, fipName: data.fipName, type: data.fiType })}>`,
		`    <Summary ${attrs({ currentBalance: data.balance, currency: 'INR' })}/>`,
		'    <Transactions>',
		...data.fiData.map((row) => `      <Transaction ${attrs(row)}/>`),
		'    </Transactions>',
		'  </Account>',
		'</FIData>',
		'',
	];
	return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Rate limit and error wrapping

/** The X-RateLimit-* headers, or a 429, when config.finproRateLimit is set. */
function rateWindow(sim) {
	const limit = Number(sim.config.finproRateLimit) || 0;
	if (limit <= 0) return { headers: {} };
	const windowMs = Number(sim.config.finproRateWindowMs) || 1000;
	const w = store(sim).window;
	const now = sim.now();
	if (now >= w.start + windowMs) {
		w.start = now;
		w.count = 0;
	}
	w.count++;
	const headers = {
		'x-ratelimit-limit': String(limit),
		'x-ratelimit-remaining': String(Math.max(0, limit - w.count)),
		'x-ratelimit-reset': String(Math.ceil((w.start + windowMs) / 1000)),
	};
	return { headers, exceeded: w.count > limit };
}

function handler(sim, fn) {
	return (ctx) => {
		const { finproError } = server();
		const rate = rateWindow(sim);
		if (rate.exceeded) return { status: 429, headers: rate.headers, body: finproError('RateLimitExceeded', 'Too many requests') };
		try {
			const answer = fn(sim, ctx);
			if (answer && typeof answer.status === 'number' && 'body' in answer) return { ...answer, headers: { ...rate.headers, ...answer.headers } };
			return { status: 200, headers: rate.headers, body: answer };
		} catch (e) {
			if (!(e instanceof FinProError)) throw e;
			const status = sim.config.finproErrorsAs200 ? 200 : e.status;
			return { status, headers: rate.headers, body: finproError(e.code, e.message) };
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Control

function control(sim, consent, change) {
	const bad = (message) => Object.assign(new Error(message), { status: 400, expose: true });
	if (change.status !== undefined) {
		if (!CONSENT_STATUSES.includes(change.status)) throw bad(`status must be one of ${CONSENT_STATUSES.join(', ')}`);
		consent.status = change.status;
	}
	if (change.dataStatus !== undefined) {
		if (!DATA_STATUSES.includes(change.dataStatus)) throw bad(`dataStatus must be one of ${DATA_STATUSES.join(', ')}`);
		consent.dataStatus = change.dataStatus;
	}
	if (change.order !== undefined) {
		if (!ORDERS.includes(change.order)) throw bad(`order must be one of ${ORDERS.join(', ')}`);
		consent.order = change.order;
	}
	if (change.fetchType !== undefined) consent.fetchType = String(change.fetchType);
	if (change.latest !== undefined) consent.latest = Math.max(0, Number(change.latest) || 0);
	const first = consent.accounts[0];
	if (first && change.transactions !== undefined) {
		first.count = Math.max(0, Math.floor(Number(change.transactions) || 0));
		first.rows = null;
	}
	if (first && change.drop !== undefined) first.drop = [].concat(change.drop).map(Number);
	if (first && change.tamper !== undefined) first.tamper = [].concat(change.tamper).map(Number);
	return view(consent);
}

function register(sim) {
	sim.addStateView('finpro', () => ({ consents: Object.values(store(sim).consents).map(view) }));
	const vendor = { vendor: 'finpro' };
	sim.route('POST', '/getfidata', handler(sim, getFiData), vendor);
	sim.route('POST', '/getallfidata', handler(sim, getAllFiData), vendor);
	sim.route('POST', '/getalllatestfidata', handler(sim, getAllLatest), vendor);
	sim.route('POST', '/getfibalance', handler(sim, getBalance), vendor);
	sim.route('POST', '/xml/getfidata', handler(sim, getFiDataXml), vendor);

	const consentOr404 = (ctx, fn) => {
		const consent = store(sim).consents[String(ctx.params.consentID).toLowerCase()];
		return consent ? fn(consent) : { status: 404, body: { error: 'no such consent' } };
	};
	sim.route('GET', '/__sim/finpro/consents', () => ({ status: 200, body: Object.values(store(sim).consents).map(view) }));
	sim.route('GET', '/__sim/finpro/consents/:consentID', (ctx) => consentOr404(ctx, (c) => ({ status: 200, body: view(c) })));
	sim.route('POST', '/__sim/finpro/consents/:consentID', (ctx) => consentOr404(ctx, (c) => ({ status: 200, body: control(sim, c, ctx.json || {}) })));
	sim.route('POST', '/__sim/finpro/consents', (ctx) => {
		const spec = ctx.json || {};
		const consentID = String(spec.consentID || crypto.randomUUID()).toLowerCase();
		const accounts = Array.isArray(spec.accounts)
			? spec.accounts
			: Array.from({ length: spec.accounts === undefined ? 1 : Number(spec.accounts) }, () => ({ rows: spec.transactions === undefined ? 5 : Number(spec.transactions) }));
		const consent = newConsent(consentID, { ...spec, accounts });
		store(sim).consents[consentID] = consent;
		return { status: 200, body: control(sim, consent, { drop: spec.drop, tamper: spec.tamper }) };
	});
}

module.exports = { register, buildRows, rupees, DOC_CONSENT, DOC_LINK, PAISE_LINK, CONSENTS };

'use strict';
// The local vendor simulator: one HTTP server on 127.0.0.1 that plays Finpass and FinPro for the
// unit and e2e tests and for demos. No dependencies (node: built-ins only), CommonJS, Node 20+.
//
// This file is the generic core: route registry, vendor authentication, request log, latency,
// concurrency limit (429), fault injection, webhook delivery and the control API under /__sim/.
// Every vendor request is also checked against the documented contract (contract.js): what breaks
// it is recorded as a violation (GET /__sim/violations, POST /__sim/violations/take, and on the
// request's own log entry) and, for wrong types / missing fields / undocumented query values,
// answered 400 as a validating tenant would (config.contract: 'reject' | 'record' | 'off').
// Product knowledge lives in routes/<product>.js; every file there exports register(sim) and is
// loaded in name order, so a product is added by adding one file.
//
//   const { startSimulator } = require('./packages/simulator/lib/server');
//   const sim = await startSimulator({ port: 0, consentDelayMs: 100 });
//   ... sim.url, sim.requests, sim.config, sim.state ...
//   await sim.close();
//
// Standalone: node packages/simulator/lib/server.js [--port 4010]

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const contract = require('./contract');

const HOST = '127.0.0.1';
const CONTROL_PREFIX = '/__sim/';

/** Every option, with its default. startSimulator(opts) and POST /__sim/config merge into these. */
const DEFAULTS = Object.freeze({
	port: 0,
	apiKey: 'sim_key',
	apiSecret: 'sim_secret',
	finpro: Object.freeze({
		clientId: 'sim_client',
		clientSecret: 'sim_client_secret',
		organisationId: 'sim_org',
		appIdentifier: 'sim_app',
	}),
	// Vendor answers leave this long after their request arrived (plus up to latencyJitterMs): the
	// request's work is done at arrival, so a large answer's making does not add to it.
	latencyMs: 0,
	latencyJitterMs: 0,
	maxInFlight: Infinity,
	retryAfterSeconds: 1,
	consentDelayMs: 2000,
	dataDelayMs: 1000,
	// Account Aggregator: the refresh quota per client ("limit exceeded for this month").
	monthlyRefreshLimit: 5,
	// Pre-signed S3 links in the PDF report expire after about 600 s (PDF report document).
	pdfLinkTtlMs: 600000,
	// Webhooks: null | {mode:'query', token} | {mode:'header', name, value}
	//        | {mode:'hmac', header, secret, encoding:'hex'|'base64', timestampHeader?}
	webhookSigning: null,
	// A delivery answered 409 / 5xx / not at all is retried this many times, this far apart.
	webhookRetries: 5,
	webhookRetryDelayMs: 1000,
	webhookTimeoutMs: 5000,
	// Contract checks (contract.js): 'reject' records violations and answers the rejecting ones
	// with 400 as a validating tenant would; 'record' only records; 'off' skips the checks.
	contract: 'reject',
	// FinPro numeric paging (limit=500&offset=N) is not in the document: accepted only when a test
	// opts in, as a tenant that documents numbers would.
	finproNumericPaging: false,
	// Finpass answers HTTP 200 and carries the real outcome only in the envelope's status_code
	// (202 / 4xx / 5xx). true for every Finpass route, or a list of path prefixes.
	envelopeOnly200: false,
});

// ---------------------------------------------------------------------------------------------
// Envelopes

/** The documented Finpass success envelope. */
const ok = (data) => ({ data, status_code: 200, success: true, message: 'Success', message_code: 'success' });

/** The documented Finpass error envelope (data: null, as the documents' error samples show). */
const fail = (status, message, message_code) => ({ data: null, status_code: status, success: false, message, message_code });

/** A Finpass envelope with its HTTP status, for handlers whose answers carry data on any status. */
const envelope = (status, data, message, code) => ({
	status,
	body: { data, status_code: status, success: status < 400, message, message_code: code },
});

/** FinPro's error body: {ver, timestamp, errorCode, errorMsg, status: "failure"}. */
const finproError = (errorCode, errorMsg) => ({
	ver: '1.21.0',
	timestamp: new Date().toISOString(),
	errorCode,
	errorMsg,
	status: 'failure',
});

/** An error body in the vendor's own shape: Finpass envelope or FinPro error object. */
function vendorError(vendor, status, message, code, finproCode) {
	if (vendor === 'finpro') return finproError(finproCode || code, message);
	return fail(status, message, code);
}

const STATUS_TEXT = {
	500: ['Internal server error', 'internal_server_error', 'InternalServerError'],
	502: ['Bad gateway', 'bad_gateway', 'BadGateway'],
	503: ['Service temporarily unavailable', 'service_unavailable', 'ServiceUnavailable'],
	504: ['Gateway timeout', 'gateway_timeout', 'GatewayTimeout'],
};

// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `p` selects `reqPath` when equal, or when it is a parent folder of it ('/sim/s3' selects '/sim/s3/x.pdf'). */
function pathMatches(p, reqPath) {
	if (!p) return true;
	if (reqPath === p) return true;
	return reqPath.startsWith(p.endsWith('/') ? p : `${p}/`);
}

/** Compiles '/a/:id/b' into a matcher returning {id} or null. */
function compilePath(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	const re = new RegExp(`^${source}$`);
	return (p) => {
		const m = re.exec(p);
		if (!m) return null;
		const params = {};
		names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
		return params;
	};
}

/** Deep-enough copy of the defaults plus the caller's options (finpro is merged field by field). */
function mergeConfig(base, patch) {
	const out = { ...base, finpro: { ...base.finpro } };
	for (const [k, v] of Object.entries(patch || {})) {
		if (k === 'finpro' && v && typeof v === 'object') Object.assign(out.finpro, v);
		else if (k === 'maxInFlight' && (v === null || v === 'Infinity')) out.maxInFlight = Infinity; // JSON has no Infinity
		else if (v !== undefined) out[k] = v;
	}
	return out;
}

/** Converts a handler's answer into {status, headers, body}. Handlers may also return a bare envelope (ok()/fail()). */
function normalizeAnswer(answer) {
	if (answer === undefined || answer === null) return { status: 204, headers: {}, body: undefined };
	const isResponse =
		typeof answer === 'object' && !Buffer.isBuffer(answer) && (typeof answer.status === 'number' || 'body' in answer);
	if (isResponse) return { status: answer.status || 200, headers: answer.headers || {}, body: answer.body };
	// A bare Finpass envelope carries its HTTP status in status_code (fail(404, ...) answers 404).
	const status = answer && Number.isInteger(answer.status_code) ? answer.status_code : 200;
	return { status, headers: {}, body: answer };
}

/** Serialises a body: object → JSON, Buffer → raw bytes, string → text. */
function encodeBody(body, headers) {
	const h = {};
	for (const [k, v] of Object.entries(headers || {})) h[k.toLowerCase()] = v;
	let bytes;
	if (body === undefined) bytes = Buffer.alloc(0);
	else if (Buffer.isBuffer(body)) {
		bytes = body;
		h['content-type'] = h['content-type'] || 'application/octet-stream';
	} else if (typeof body === 'string') {
		bytes = Buffer.from(body, 'utf8');
		h['content-type'] = h['content-type'] || 'text/plain; charset=utf-8';
	} else {
		bytes = Buffer.from(JSON.stringify(body), 'utf8');
		h['content-type'] = h['content-type'] || 'application/json';
	}
	h['content-length'] = String(bytes.length);
	return { bytes, headers: h };
}

const readBody = (req) =>
	new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});

function parseJson(raw) {
	if (!raw.length) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Vendor authentication

/** Finpass: x-api-key and x-api-secret (Node lower-cases header names; the documents spell them three ways). */
function finpassAuthorized(headers, config) {
	return headers['x-api-key'] === config.apiKey && headers['x-api-secret'] === config.apiSecret;
}

/** FinPro: client_id, client_secret, organisationId, appIdentifier (arrive lower-cased). */
function finproAuthorized(headers, config) {
	const f = config.finpro;
	return (
		headers.client_id === f.clientId &&
		headers.client_secret === f.clientSecret &&
		headers.organisationid === f.organisationId &&
		headers.appidentifier === f.appIdentifier
	);
}

function unauthorized(vendor) {
	if (vendor === 'finpro') return { status: 401, body: finproError('Unauthorized', 'Invalid credentials') };
	return {
		status: 401,
		// The documents' 401 sample has no `data` key: kept exactly.
		body: {
			status_code: 401,
			success: false,
			message: 'Unauthorized access. Invalid or missing API credentials.',
			message_code: 'unauthorized',
		},
	};
}

function rateLimited(vendor, retryAfter) {
	const headers = { 'retry-after': String(retryAfter) };
	if (vendor === 'finpro') {
		// FinPro announces its window in X-RateLimit-* headers (public pages).
		Object.assign(headers, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(retryAfter) });
		return { status: 429, headers, body: finproError('RateLimitExceeded', 'Too many requests') };
	}
	return {
		status: 429,
		headers,
		body: { status_code: 429, success: false, message: 'Too many requests', message_code: 'rate_limited' },
	};
}

// ---------------------------------------------------------------------------------------------
// Faults

const FAULT_KINDS = ['status', '429', 'slow', 'garbled', 'reset'];

function normalizeFault(f) {
	const kind = String(f.kind);
	if (!FAULT_KINDS.includes(kind)) throw new Error(`unknown fault kind ${f.kind}; one of ${FAULT_KINDS.join(', ')}`);
	return {
		kind,
		count: f.count === undefined ? 1 : Number(f.count),
		path: f.path || null,
		method: f.method ? String(f.method).toUpperCase() : null,
		status: f.status === undefined ? 500 : Number(f.status),
		retryAfter: f.retryAfter,
		delayMs: f.delayMs === undefined ? 1000 : Number(f.delayMs),
		body: f.body,
	};
}

/** Takes the first queued fault that applies to this request (consumed in order, `count` times). */
function takeFault(faults, method, reqPath) {
	const i = faults.findIndex((f) => pathMatches(f.path, reqPath) && (!f.method || f.method === method));
	if (i < 0) return null;
	const fault = faults[i];
	fault.count--;
	if (fault.count <= 0) faults.splice(i, 1);
	return fault;
}

/** The answer a fault gives, or {reset: true} / {delayMs} for the kinds that do not answer by themselves. */
function faultAnswer(fault, vendor, config) {
	switch (fault.kind) {
		case 'status': {
			const [message, code, finproCode] = STATUS_TEXT[fault.status] || ['Error', 'error', 'Error'];
			const headers = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
			const body = fault.body !== undefined ? fault.body : vendorError(vendor, fault.status, message, code, finproCode);
			return { status: fault.status, headers, body };
		}
		case '429':
			return rateLimited(vendor, fault.retryAfter === undefined ? config.retryAfterSeconds : fault.retryAfter);
		case 'garbled':
			// A 200 cut off mid-body: says JSON, is not JSON.
			return {
				status: 200,
				headers: { 'content-type': 'application/json' },
				body: Buffer.from('{"data":{"client_id":"aa_3f2a9c1e_0b7d4e6f8a1c2b3d4","account_aggregator_json":[{"account_id":"', 'utf8'),
			};
		default:
			return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Contract

/** Checks a vendor request against contract.js; records violations; returns the rejecting ones. */
function checkContract(sim, record, headers, rawBody) {
	if (sim.config.contract === 'off') return [];
	const req = { vendor: record.vendor, method: record.method, path: record.path, headers, query: record.query, json: record.json, rawBody };
	const spec = contract.endpointsAt(record.path).find((e) => e.method === record.method);
	if (spec && spec.multipart) {
		try {
			req.multipart = require('./routes/bsa').parseMultipart(rawBody, headers['content-type']);
		} catch {
			req.multipart = []; // the route answers the malformed body itself
		}
	}
	const { violations } = contract.check(req, { numericPaging: sim.config.finproNumericPaging === true });
	for (const v of violations) sim.violate(record, v.rule, v.detail, v.reject);
	// method / path violations are answered by the router (405 / 404)
	return violations.filter((v) => v.reject);
}

/** config.envelopeOnly200: the answer says HTTP 200 and keeps the outcome in the envelope only. */
function envelopeOnly200(config, vendor, reqPath, answer) {
	const setting = config.envelopeOnly200;
	const applies = setting === true || (Array.isArray(setting) && setting.some((p) => pathMatches(p, reqPath)));
	if (!applies || vendor !== 'finpass' || answer.status === 200) return answer;
	const body = answer.body;
	if (!body || typeof body !== 'object' || Buffer.isBuffer(body) || !Number.isInteger(body.status_code)) return answer;
	return { ...answer, status: 200 };
}

// ---------------------------------------------------------------------------------------------
// Webhook delivery (generic: signing, retries, local-only). Products build the payload.

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The URL and headers after applying config.webhookSigning to a raw body. */
function signWebhook(url, rawBody, signing, now) {
	const headers = {};
	if (!signing) return { url, headers };
	if (signing.mode === 'query') {
		// Appended as text: the query the user's URL already has is left exactly as it was.
		const base = url.split('#')[0]; // a fragment is never sent anyway
		return { url: `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(signing.token)}`, headers };
	}
	if (signing.mode === 'header') {
		headers[signing.name] = signing.value;
		return { url, headers };
	}
	if (signing.mode === 'hmac') {
		const ts = String(Math.floor(now / 1000));
		const signed = signing.timestampHeader ? `${ts}.${rawBody}` : rawBody;
		headers[signing.header] = crypto
			.createHmac('sha256', signing.secret)
			.update(signed, 'utf8')
			.digest(signing.encoding === 'base64' ? 'base64' : 'hex');
		if (signing.timestampHeader) headers[signing.timestampHeader] = ts;
		return { url, headers };
	}
	throw new Error(`unknown webhookSigning mode ${signing.mode}`);
}

/** One POST; resolves {status} or {error}. Never rejects. */
function postOnce(url, headers, rawBody, timeoutMs) {
	return new Promise((resolve) => {
		let u;
		try {
			u = new URL(url);
		} catch {
			resolve({ error: `invalid URL ${url}` });
			return;
		}
		if (u.protocol !== 'http:') {
			resolve({ error: `only http: webhooks are delivered, not ${u.protocol}` });
			return;
		}
		const req = http.request(
			u,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(rawBody), ...headers },
				timeout: timeoutMs,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ error: e.code || e.message }));
		req.end(rawBody);
	});
}

const shouldRetry = (r) => r.error !== undefined || r.status === 409 || r.status >= 500;

// ---------------------------------------------------------------------------------------------
// The simulator

/**
 * Starts a simulator. Resolves with sim = {url, port, close(), state, config, requests,
 * webhookDeliveries, route(), notify() (once routes/account-aggregator.js registered it), ...}.
 */
async function startSimulator(opts = {}) {
	const startConfig = mergeConfig(DEFAULTS, opts);
	const routes = [];
	const resetHooks = [];
	const timers = new Map(); // timer → what to run if it is cancelled (reset, close)
	let inFlight = 0;
	let seq = 0;
	let closed = false;

	const sim = {
		url: '',
		port: 0,
		config: mergeConfig(startConfig, {}),
		state: {},
		requests: [],
		faults: [],
		violations: [],
		webhookDeliveries: [],
		get inFlight() {
			return inFlight;
		},
		now: () => Date.now(),
	};

	/**
	 * Registers a route. opts: {vendor: 'finpass'|'finpro'|null, auth: true, recorded: true}. Paths
	 * under /__sim/ are control routes (no auth, not recorded); vendor null marks a non-vendor page
	 * (consent page, S3 download): recorded, no auth, no latency, not counted toward maxInFlight;
	 * recorded: false serves a file that is no part of the vendors' APIs (the example workflows) the
	 * way control routes are: not recorded, no auth, no faults, no contract checks.
	 */
	sim.route = (method, pattern, handler, routeOpts = {}) => {
		const control = pattern.startsWith(CONTROL_PREFIX) || routeOpts.recorded === false;
		const vendor = control ? null : routeOpts.vendor === undefined ? 'finpass' : routeOpts.vendor;
		const auth = vendor ? routeOpts.auth !== false : false;
		const m = String(method).toUpperCase();
		if (routes.some((r) => r.method === m && r.pattern === pattern)) throw new Error(`route ${m} ${pattern} registered twice`);
		routes.push({ method: m, pattern, match: compilePath(pattern), handler, vendor, auth, control });
	};

	/** Runs fn on POST /__sim/reset, after the core state is cleared (products clear their own stores). */
	sim.onReset = (fn) => resetHooks.push(fn);

	/**
	 * A timer cancelled by reset() and close() (then `onCancel` runs, so nobody awaits forever);
	 * unref'd so it never holds a test process open.
	 */
	sim.setTimer = (fn, ms, onCancel) => {
		const t = setTimeout(() => {
			timers.delete(t);
			fn();
		}, Math.max(0, ms));
		t.unref();
		timers.set(t, onCancel);
		return t;
	};
	const cancelTimers = () => {
		const pending = [...timers.entries()];
		timers.clear();
		for (const [t, onCancel] of pending) {
			clearTimeout(t);
			if (onCancel) onCancel();
		}
	};
	let generation = 0; // bumped by reset(): webhook retries of an earlier generation stop

	sim.reset = () => {
		generation++;
		cancelTimers();
		for (const k of Object.keys(sim.state)) delete sim.state[k];
		sim.requests.length = 0;
		sim.faults.length = 0;
		sim.violations.length = 0;
		sim.webhookDeliveries.length = 0;
		seq = 0;
		for (const k of Object.keys(sim.config)) delete sim.config[k];
		Object.assign(sim.config, mergeConfig(startConfig, {}));
		for (const fn of resetHooks) fn();
	};

	sim.setConfig = (patch) => {
		const merged = mergeConfig(sim.config, patch);
		Object.assign(sim.config, merged);
		return sim.config;
	};

	sim.addFault = (f) => {
		const fault = normalizeFault(f);
		sim.faults.push(fault);
		return fault;
	};

	/**
	 * Records a contract violation against a request (routes call it for rules only they can see,
	 * e.g. request_id for a loan_monitoring consent). Returns the entry.
	 */
	sim.violate = (record, rule, detail, reject = false) => {
		const entry = {
			seq: record ? record.seq : null,
			method: record ? record.method : null,
			path: record ? record.path : null,
			rule,
			detail,
			reject,
		};
		sim.violations.push(entry);
		if (record) (record.violations = record.violations || []).push(entry);
		return entry;
	};

	/** Returns the violations recorded so far and forgets them (each test takes its own). */
	sim.takeViolations = () => sim.violations.splice(0);

	/** Requests whose path matches `p` (all without it). */
	sim.requestsFor = (p) => sim.requests.filter((r) => pathMatches(p, r.path));

	/**
	 * POSTs a JSON payload to a webhook receiver: signed per config.webhookSigning, retried on
	 * 409 / 5xx / unreachable, only to 127.0.0.1 / localhost. Every attempt is recorded in
	 * sim.webhookDeliveries. Resolves with the last attempt's record.
	 */
	sim.deliverWebhook = async (url, payload, meta = {}) => {
		const rawBody = JSON.stringify(payload);
		const record = (fields) => {
			const entry = { seq: sim.webhookDeliveries.length + 1, time: new Date().toISOString(), ...meta, ...fields };
			sim.webhookDeliveries.push(entry);
			return entry;
		};
		let host;
		try {
			host = new URL(url).hostname;
		} catch {
			return record({ url, attempt: 1, body: rawBody, error: 'invalid URL', refused: true });
		}
		// Tests must never leave the machine.
		if (!LOCAL_HOSTS.has(host)) return record({ url, attempt: 1, body: rawBody, error: 'refused: not a local address', refused: true });
		const attempts = 1 + Math.max(0, Number(sim.config.webhookRetries) || 0);
		const gen = generation;
		const stopped = () => closed || gen !== generation;
		let last;
		for (let attempt = 1; attempt <= attempts && !stopped(); attempt++) {
			if (attempt > 1) await new Promise((resolve) => sim.setTimer(resolve, sim.config.webhookRetryDelayMs, resolve));
			if (stopped()) break;
			const signed = signWebhook(url, rawBody, sim.config.webhookSigning, sim.now());
			const result = await postOnce(signed.url, signed.headers, rawBody, sim.config.webhookTimeoutMs);
			last = record({ url: signed.url, attempt, headers: signed.headers, body: rawBody, ...result });
			if (!shouldRetry(result)) break;
		}
		return last;
	};

	// -------------------------------------------------------------------------------------------
	// Request handling

	const findRoute = (method, p) => {
		let pathOnly = false;
		for (const r of routes) {
			const params = r.match(p);
			if (!params) continue;
			if (r.method === method) return { route: r, params };
			pathOnly = true;
		}
		return { route: null, pathOnly };
	};

	/** Writes an answer whose body encodeBody already serialised. */
	const send = (res, status, { bytes, headers }) => {
		res.writeHead(status, headers);
		res.end(bytes);
	};

	async function handle(req, res) {
		const arrived = Date.now();
		const url = new URL(req.url, 'http://sim');
		const method = req.method.toUpperCase();
		const reqPath = url.pathname;
		const found = findRoute(method, reqPath);
		const route = found.route;
		const control = reqPath.startsWith(CONTROL_PREFIX) || reqPath === '/__sim' || Boolean(route && route.control);
		// Unknown non-control paths are treated as Finpass calls: recorded, counted, 404.
		const vendor = control ? null : route ? route.vendor : 'finpass';

		// In-flight counting starts at arrival (vendor requests only).
		const rejected = vendor && inFlight >= sim.config.maxInFlight;
		if (vendor && !rejected) inFlight++;
		let counted = vendor && !rejected;
		const release = () => {
			if (counted) inFlight--;
			counted = false;
		};

		const rawBody = await readBody(req).catch(() => Buffer.alloc(0));
		const json = parseJson(rawBody);
		const query = Object.fromEntries(url.searchParams);
		const record = control
			? null
			: {
					seq: ++seq,
					time: new Date(arrived).toISOString(),
					method,
					path: reqPath,
					query,
					// Stored as they arrived, secrets included: tests assert the right secret was sent.
					headers: { ...req.headers },
					rawHeaders: req.rawHeaders.slice(),
					json,
					rawBody: rawBody.toString('base64'),
					vendor,
					status: null,
				};
		if (record) sim.requests.push(record);
		const rejecting = record && vendor ? checkContract(sim, record, req.headers, rawBody) : [];

		// The configured latency is the time from arrival to the answer leaving, whatever the work
		// in between: the answer is made (and serialised) at once and held until then, so a large
		// answer under load leaves on time instead of after the latency plus its own making.
		let due = arrived;
		if (vendor && !rejected) {
			const extra = Number(sim.config.latencyMs) || 0;
			const jitter = Number(sim.config.latencyJitterMs) || 0;
			due += extra + (jitter > 0 ? Math.floor(Math.random() * (jitter + 1)) : 0);
		}
		const untilDue = async () => {
			const left = due - Date.now();
			if (left > 0) await sleep(left);
		};
		const answer = async (a) => {
			const encoded = encodeBody(a.body, a.headers);
			await untilDue();
			if (record) {
				record.status = a.status;
				record.ms = Date.now() - arrived;
			}
			// Decrement before writing: a client that fires its next request the moment it gets
			// this answer must not find this one still counted.
			release();
			send(res, a.status, encoded);
		};

		try {
			if (rejected) return await answer(rateLimited(vendor, sim.config.retryAfterSeconds));

			if (!control) {
				const fault = takeFault(sim.faults, method, reqPath);
				if (fault) {
					record.fault = fault.kind;
					if (fault.kind === 'reset') {
						await untilDue();
						record.status = 0;
						release();
						req.socket.destroy();
						return undefined;
					}
					if (fault.kind === 'slow') {
						// a slow server: the work starts late, and the answer leaves that much later too
						due += fault.delayMs;
						await sleep(fault.delayMs);
					}
					else return await answer(faultAnswer(fault, vendor || 'finpass', sim.config));
				}
			}

			// After faults (a gateway fails before the application validates anything).
			if (rejecting.length > 0 && sim.config.contract === 'reject') {
				const detail = rejecting.map((v) => v.detail).join('; ');
				return await answer({ status: 400, body: vendorError(vendor, 400, `Contract violation: ${detail}`, 'contract_violation', 'InvalidRequest') });
			}

			if (!route) {
				if (found.pathOnly) return await answer({ status: 405, body: vendorError(vendor, 405, 'Method not allowed', 'method_not_allowed', 'InvalidRequest') });
				return await answer({ status: 404, body: vendorError(vendor || 'finpass', 404, `No route ${method} ${reqPath}`, 'not_found', 'InvalidRequest') });
			}

			if (route.auth) {
				const authorized = route.vendor === 'finpro' ? finproAuthorized(req.headers, sim.config) : finpassAuthorized(req.headers, sim.config);
				if (!authorized) return await answer(unauthorized(route.vendor));
			}

			const ctx = { method, path: reqPath, query, params: found.params, headers: req.headers, rawBody, json, sim, record };
			const result = normalizeAnswer(await route.handler(ctx));
			return await answer(envelopeOnly200(sim.config, route.vendor, reqPath, result));
		} catch (e) {
			const status = e.status || 500;
			return await answer({ status, body: vendorError(vendor || 'finpass', status, e.expose ? e.message : `Simulator error: ${e.message}`, 'internal_server_error', 'InternalServerError') });
		}
	}

	registerControlRoutes(sim);
	for (const file of fs.readdirSync(path.join(__dirname, 'routes')).filter((f) => f.endsWith('.js')).sort()) {
		const mod = require(path.join(__dirname, 'routes', file));
		if (typeof mod.register === 'function') mod.register(sim);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((e) => {
			if (!res.headersSent) send(res, 500, encodeBody(fail(500, `Simulator error: ${e.message}`, 'internal_server_error')));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(Number(startConfig.port) || 0, HOST, resolve);
	});
	sim.port = server.address().port;
	sim.url = `http://${HOST}:${sim.port}`;
	sim.close = () =>
		new Promise((resolve) => {
			if (closed) return resolve();
			closed = true;
			cancelTimers();
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return sim;
}

// ---------------------------------------------------------------------------------------------
// Control API (no auth, not recorded, not counted)

function registerControlRoutes(sim) {
	/** Products add a JSON view of their state to GET /__sim/state: sim.addStateView(name, () => object). */
	const views = {};
	sim.addStateView = (name, fn) => {
		views[name] = fn;
	};

	sim.route('POST', '/__sim/reset', () => {
		sim.reset();
		return { status: 200, body: { reset: true } };
	});
	// A plain array: the e2e harness checks Array.isArray on it.
	sim.route('GET', '/__sim/requests', (ctx) => ({ status: 200, body: sim.requestsFor(ctx.query.path) }));
	sim.route('POST', '/__sim/faults', (ctx) => {
		const list = Array.isArray(ctx.json) ? ctx.json : [ctx.json || {}];
		try {
			const added = list.map((f) => sim.addFault(f));
			return { status: 200, body: { added, queued: sim.faults } };
		} catch (e) {
			return { status: 400, body: { error: e.message } };
		}
	});
	sim.route('GET', '/__sim/faults', () => ({ status: 200, body: sim.faults }));
	sim.route('POST', '/__sim/config', (ctx) => ({ status: 200, body: publicConfig(sim.setConfig(ctx.json || {})) }));
	sim.route('GET', '/__sim/config', () => ({ status: 200, body: publicConfig(sim.config) }));
	sim.route('GET', '/__sim/state', () => {
		const body = {
			config: publicConfig(sim.config),
			inFlight: sim.inFlight,
			faults: sim.faults,
			requestCount: sim.requests.length,
			violations: sim.violations,
			webhookDeliveries: sim.webhookDeliveries,
		};
		for (const [name, fn] of Object.entries(views)) body[name] = fn();
		return { status: 200, body };
	});
	sim.route('GET', '/__sim/webhooks', () => ({ status: 200, body: sim.webhookDeliveries }));
	// Contract violations (contract.js): GET lists them, POST …/take lists and forgets them.
	sim.route('GET', '/__sim/violations', () => ({ status: 200, body: sim.violations }));
	sim.route('POST', '/__sim/violations/take', () => ({ status: 200, body: sim.takeViolations() }));
}

/** The config as JSON can carry it (Infinity becomes null). */
const publicConfig = (c) => ({ ...c, maxInFlight: Number.isFinite(c.maxInFlight) ? c.maxInFlight : null });

// ---------------------------------------------------------------------------------------------
// Standalone

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
		if (!m) continue;
		const value = m[2] !== undefined ? m[2] : argv[++i];
		out[m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
	}
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const opts = { port: args.port !== undefined ? Number(args.port) : Number(process.env.SIM_PORT || 4010) };
	for (const k of ['consentDelayMs', 'dataDelayMs', 'latencyMs', 'latencyJitterMs', 'maxInFlight']) {
		if (args[k] !== undefined) opts[k] = Number(args[k]);
	}
	const sim = await startSimulator(opts);
	const c = sim.config;
	process.stdout.write(
		[
			`Finpass / FinPro simulator listening on ${sim.url}`,
			'',
			`  Finpass credential: base URL ${sim.url}  x-api-key ${c.apiKey}  x-api-secret ${c.apiSecret}`,
			`  FinPro credential:  base URL ${sim.url}  client_id ${c.finpro.clientId}  client_secret ${c.finpro.clientSecret}`,
			`                      organisationId ${c.finpro.organisationId}  appIdentifier ${c.finpro.appIdentifier}`,
			'',
			'  Try:',
			`    curl -s -X POST ${sim.url}/api/v1/services/account-aggregator/init \\`,
			`      -H 'x-api-key: ${c.apiKey}' -H 'x-api-secret: ${c.apiSecret}' -H 'content-type: application/json' \\`,
			`      -d '{"mobile_number":"9876543210","consent_type":"loan_underwriting"}'`,
			`  Consent is approved ${c.consentDelayMs} ms after init, data ready ${c.dataDelayMs} ms later.`,
			'  Mobiles ending 0001 / 0002 / 0003: consent rejected / revoked / data fetch error.',
			'',
			`  Control API: ${sim.url}/__sim/requests, /__sim/violations, /__sim/state, POST /__sim/reset, /__sim/config, /__sim/faults,`,
			'               POST /__sim/aa/clients/<client_id> {consent, data, transactions}',
			'  Ctrl-C stops.',
			'',
		].join('\n'),
	);
	const stop = () => sim.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

module.exports = { startSimulator, ok, fail, envelope, finproError, vendorError, DEFAULTS, pathMatches, contract };

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`${e.stack || e}\n`);
		process.exit(1);
	});
}

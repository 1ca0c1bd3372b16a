import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookDescription,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * What the Finpass and FinPro triggers share: checking that a delivery comes from the vendor
 * (fail closed, timing-safe), reading its body, turning it into one event shape per vendor,
 * dropping re-deliveries, and answering the sender at once.
 *
 * Order of the checks on every request (each answers and stops; nothing starts an execution):
 *   405 not POST → 413 body over the limit → 401 token/signature wrong or missing →
 *   400 body not JSON → 200 event not selected → 200 duplicate → 200 and the workflow starts.
 * n8n answers some cases before the node runs (checked in n8n 2.41): a GET on the URL gets its
 * 404 "not registered for GET requests", a body sent as application/json that does not parse
 * gets its 422, a body over N8N_PAYLOAD_SIZE_MAX (16 MB) is refused by n8n's body reader.
 */

// ---------------------------------------------------------------------------------------------
// Verification

export type VerificationMode = 'queryToken' | 'headerToken' | 'hmacSha256';

export interface VerificationSettings {
	mode: VerificationMode;
	/** The shared secret: the token itself, or the HMAC key. Empty → every request is refused. */
	secret: string;
	/** queryToken: the query parameter holding the token. */
	queryParameter?: string;
	/** headerToken: the header holding the token; hmacSha256: the header holding the signature. */
	headerName?: string;
	/** hmacSha256: how the signature is written. */
	encoding?: 'hex' | 'base64';
	/** hmacSha256: header with the Unix time (seconds) of the delivery; empty → body alone signed. */
	timestampHeader?: string;
	/** hmacSha256 with a timestamp header: how far the timestamp may be from now, either way. */
	toleranceSeconds?: number;
}

/** Request headers as Node gives them (names lower-cased). */
export type IncomingHttpHeaders = Record<string, string | string[] | undefined>;

export interface IncomingDelivery {
	rawBody: Buffer;
	headers: IncomingHttpHeaders;
	query: Record<string, unknown>;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Equality that takes the same time whatever the inputs: both sides are hashed first, so
 * crypto.timingSafeEqual compares two 32-byte digests and neither content nor length leaks.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
	const digest = (v: string | Buffer) => createHash('sha256').update(v).digest();
	return timingSafeEqual(digest(a), digest(b));
}

/** One header's value (Node lower-cases names; a repeated header counts as absent). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.trim().toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/**
 * The HMAC-SHA256 the sender must put in the signature header: over the raw body, or over
 * `${timestamp}.${rawBody}` when a timestamp header is used (the bytes exactly as received).
 */
export function expectedSignature(secret: string, rawBody: Buffer, timestamp?: string): Buffer {
	const hmac = createHmac('sha256', secret);
	if (timestamp !== undefined) hmac.update(`${timestamp}.`, 'utf8');
	return hmac.update(rawBody).digest();
}

/** The signature header's bytes, or undefined when it is not a well-formed SHA-256 digest. */
function decodeSignature(value: string, encoding: 'hex' | 'base64'): Buffer | undefined {
	// A "sha256=" prefix (GitHub style) is accepted and ignored.
	const text = value.trim().replace(/^sha256=/i, '');
	if (encoding === 'hex')
		return /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : undefined;
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
	const bytes = Buffer.from(text, 'base64');
	return bytes.length === 32 ? bytes : undefined;
}

/** Seconds since the epoch from a timestamp header (a 13-digit value is read as milliseconds). */
function timestampSeconds(value: string): number | undefined {
	if (!/^\d{1,16}$/.test(value)) return undefined;
	const n = Number(value);
	return value.length >= 13 ? n / 1000 : n;
}

/** Checks one delivery against the trigger's settings. Never throws. */
export function verifyDelivery(
	settings: VerificationSettings,
	delivery: IncomingDelivery,
	nowMs: number,
): Verdict {
	const secret = settings.secret ?? '';
	if (secret === '')
		return {
			ok: false,
			reason: 'No secret is configured on the trigger: every delivery is refused',
		};

	if (settings.mode === 'queryToken') {
		const name = (settings.queryParameter ?? '').trim() || 'token';
		const token = delivery.query[name];
		if (typeof token !== 'string' || token === '')
			return { ok: false, reason: `Missing token (query parameter "${name}")` };
		return safeEqual(token, secret) ? { ok: true } : { ok: false, reason: 'Invalid token' };
	}

	if (settings.mode === 'headerToken') {
		const name = (settings.headerName ?? '').trim();
		const token = name ? headerValue(delivery.headers, name) : undefined;
		if (token === undefined || token === '')
			return { ok: false, reason: `Missing token (header "${name}")` };
		return safeEqual(token, secret) ? { ok: true } : { ok: false, reason: 'Invalid token' };
	}

	if (settings.mode === 'hmacSha256') {
		const name = (settings.headerName ?? '').trim();
		const sent = name ? headerValue(delivery.headers, name) : undefined;
		if (sent === undefined || sent.trim() === '')
			return { ok: false, reason: `Missing signature (header "${name}")` };
		const timestampHeader = (settings.timestampHeader ?? '').trim();
		let timestamp: string | undefined;
		if (timestampHeader !== '') {
			timestamp = headerValue(delivery.headers, timestampHeader)?.trim();
			if (!timestamp)
				return { ok: false, reason: `Missing timestamp (header "${timestampHeader}")` };
		}
		const signature = decodeSignature(sent, settings.encoding ?? 'hex');
		const expected = expectedSignature(secret, delivery.rawBody, timestamp);
		// compared even when the header is malformed, so both paths take the same time
		const matches = safeEqual(signature ?? Buffer.alloc(0), expected) && signature !== undefined;
		if (!matches) return { ok: false, reason: 'Invalid signature' };
		if (timestamp !== undefined) {
			const seconds = timestampSeconds(timestamp);
			const tolerance = settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
			if (seconds === undefined || Math.abs(nowMs / 1000 - seconds) > tolerance) {
				return { ok: false, reason: `Timestamp outside the allowed window of ${tolerance} s` };
			}
		}
		return { ok: true };
	}

	return { ok: false, reason: 'Unknown verification mode: every delivery is refused' };
}

// ---------------------------------------------------------------------------------------------
// Body

export const DEFAULT_MAX_BODY_KB = 1024;

export type BodyResult =
	| { ok: true; body: unknown }
	| { ok: false; status: 400 | 413; message: string };

/** Whether the raw body fits the trigger's limit. */
export function bodyTooLarge(rawBody: Buffer, maxBytes: number): boolean {
	return rawBody.length > maxBytes;
}

/** Parses the raw body as JSON (any JSON value; a UTF-8 byte-order mark is skipped). */
export function parseJsonBody(rawBody: Buffer): BodyResult {
	let text = rawBody.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '')
		return { ok: false, status: 400, message: 'The body is empty: a JSON body is expected' };
	try {
		return { ok: true, body: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, status: 400, message: 'The body is not valid JSON' };
	}
}

// ---------------------------------------------------------------------------------------------
// Reading fields out of bodies whose shape is not published

/** Any JSON value, as n8n items hold them. */
export type JsonValue = IDataObject[string];

const isObject = (v: unknown): v is IDataObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** FinPro writes a missing consent id as the string "<NULL>" (API README); "" and null too. */
export function nullIfBlank(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = String(value).trim();
	return text === '' || text.toUpperCase() === '<NULL>' ? null : text;
}

/** The first of `keys` with a non-blank scalar value, looked for in each object in turn. */
function pick(objects: IDataObject[], keys: string[]): string | null {
	for (const object of objects) {
		for (const key of keys) {
			const value = object[key];
			if (typeof value === 'string' || typeof value === 'number') {
				const text = nullIfBlank(value);
				if (text !== null) return text;
			}
		}
	}
	return null;
}

/** Upper case, anything but letters and digits read as "_": "consent-approved" → CONSENT_APPROVED. */
export function token(value: string | null): string | null {
	if (value === null) return null;
	const t = value
		.trim()
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return t === '' ? null : t;
}

// ---------------------------------------------------------------------------------------------
// Finpass events

/** The event kinds the Finpass Trigger tells apart; also the values of its Events filter. */
export const FINPASS_EVENTS = [
	'consent_approved',
	'consent_rejected',
	'consent_revoked',
	'consent_expired',
	'consent_paused',
	'consent_pending',
	'data_ready',
	'data_failed',
	'analysis_complete',
] as const;
export type FinpassEventKind = (typeof FINPASS_EVENTS)[number] | 'unknown';

/**
 * Words that name each kind, in event names and statuses alike. Finpass does not publish its
 * webhook payload (API README), so this covers the AA standard's consent states (ACTIVE,
 * REJECTED, ...), FinPro-style names (CONSENT_APPROVED, DATA_READY, ...), the AA-BSA journey's
 * states (consent_granted, analysis_complete) and the plain words the simulator sends.
 */
const FINPASS_WORDS: Record<Exclude<FinpassEventKind, 'unknown'>, string[]> = {
	consent_approved: [
		'ACTIVE',
		'APPROVED',
		'GRANTED',
		'CONSENT_APPROVED',
		'CONSENT_GRANTED',
		'CONSENT_ACTIVE',
	],
	consent_rejected: ['REJECTED', 'DENIED', 'CONSENT_REJECTED', 'CONSENT_DENIED'],
	consent_revoked: ['REVOKED', 'CONSENT_REVOKED'],
	consent_expired: ['EXPIRED', 'CONSENT_EXPIRED'],
	consent_paused: ['PAUSED', 'CONSENT_PAUSED'],
	consent_pending: ['PENDING', 'CONSENT_PENDING'],
	data_ready: [
		'DATA_READY',
		'FI_READY',
		'REPORT_READY',
		'DATA_FETCHED',
		'DATA_FETCH_COMPLETE',
		'DATA_FETCH_COMPLETED',
		'DATA_FETCH_SUCCESS',
		'DATA_FETCH_SUCCESSFUL',
	],
	data_failed: [
		'DATA_DENIED',
		'DATA_FAILED',
		'DATA_FETCH_FAILED',
		'DATA_FETCH_ERROR',
		'SESSION_FAILED',
		'SESSION_EXPIRED',
	],
	analysis_complete: ['ANALYSIS_COMPLETE', 'ANALYSIS_COMPLETED', 'ANALYSIS_DONE', 'ANALYSIS_READY'],
};

const WORD_TO_KIND = new Map<string, FinpassEventKind>(
	Object.entries(FINPASS_WORDS).flatMap(([kind, words]) =>
		words.map((w) => [w, kind as FinpassEventKind]),
	),
);

/** The AA standard's consent state each consent kind stands for. */
const CONSENT_STATUS_OF: Partial<Record<FinpassEventKind, string>> = {
	consent_approved: 'ACTIVE',
	consent_rejected: 'REJECTED',
	consent_revoked: 'REVOKED',
	consent_expired: 'EXPIRED',
	consent_paused: 'PAUSED',
	consent_pending: 'PENDING',
};

export interface FinpassEvent extends IDataObject {
	/** What happened, in the trigger's words (FINPASS_EVENTS), or "unknown". */
	event: FinpassEventKind;
	/** The sender's own event name (event / type / event_type / eventType), as sent. */
	event_type: string | null;
	/** The sender's own status (status / eventStatus / state), as sent. */
	status: string | null;
	/** The consent state in the AA standard's words (ACTIVE, PENDING, REJECTED, ...), or null. */
	consent_status: string | null;
	client_id: string | null;
	request_id: string | null;
	consent_id: string | null;
	/** The delivery's own id when the body carries one (used to drop re-deliveries). */
	event_id: string | null;
	received_at: string;
	/** The body as sent. */
	raw: JsonValue;
}

/** The AA standard's FIStatusNotification: data_ready when an account is READY/DELIVERED. */
function fiNotificationKind(notification: IDataObject): FinpassEventKind | null {
	const responses = Array.isArray(notification.FIStatusResponse)
		? notification.FIStatusResponse
		: [];
	const statuses = responses
		.filter(isObject)
		.flatMap((r) => (Array.isArray(r.Accounts) ? r.Accounts : []))
		.filter(isObject)
		.map((a) => token(nullIfBlank(a.FIStatus)));
	if (statuses.some((s) => s === 'READY' || s === 'DELIVERED')) return 'data_ready';
	const session = token(nullIfBlank(notification.sessionStatus));
	if (session === 'COMPLETED') return 'data_ready';
	if (session === 'FAILED' || session === 'EXPIRED') return 'data_failed';
	return null;
}

/**
 * Reads a Finpass webhook body of any shape: fields at the top level or under `data` /
 * `payload`, snake_case or camelCase, or the AA standard's ConsentStatusNotification /
 * FIStatusNotification. The event kind comes from the first of event name, consent status,
 * status that names one.
 */
export function normalizeFinpassEvent(body: unknown, receivedAt: string): FinpassEvent {
	const top = isObject(body) ? body : {};
	const consentNotification = isObject(top.ConsentStatusNotification)
		? top.ConsentStatusNotification
		: undefined;
	const fiNotification = isObject(top.FIStatusNotification) ? top.FIStatusNotification : undefined;
	const objects = [top, top.data, top.payload, consentNotification].filter(isObject);

	const eventType = pick(objects, [
		'event',
		'event_type',
		'eventType',
		'type',
		'event_name',
		'eventName',
	]);
	const status = pick(objects, ['status', 'eventStatus', 'event_status', 'state']);
	const sentConsentStatus = pick(objects, ['consent_status', 'consentStatus']);

	let kind: FinpassEventKind = 'unknown';
	for (const candidate of [eventType, sentConsentStatus, status]) {
		const found = WORD_TO_KIND.get(token(candidate) ?? '');
		if (found) {
			kind = found;
			break;
		}
	}
	if (kind === 'unknown' && fiNotification) kind = fiNotificationKind(fiNotification) ?? 'unknown';

	const consentStatus = token(sentConsentStatus) ?? CONSENT_STATUS_OF[kind] ?? null;

	return {
		event: kind,
		event_type: eventType,
		status,
		consent_status: consentStatus,
		client_id: pick(objects, ['client_id', 'clientId', 'clientID']),
		request_id: pick(objects, ['request_id', 'requestId']),
		consent_id: pick(objects, ['consent_id', 'consentId', 'consentID']),
		event_id: pick(objects, [
			'event_id',
			'eventId',
			'webhook_id',
			'webhookId',
			'notification_id',
			'id',
			'txnid',
		]),
		received_at: receivedAt,
		raw: body as JsonValue,
	};
}

// ---------------------------------------------------------------------------------------------
// FinPro events

/** FinPro's eventStatus values (API README); the FinPro Trigger's Events filter offers these. */
export const FINPRO_EVENT_STATUSES = [
	'CONSENT_APPROVED',
	'CONSENT_REJECTED',
	'CONSENT_PAUSED',
	'CONSENT_RESUMED',
	'CONSENT_REVOKED',
	'CONSENT_EXPIRED',
	'DATA_READY',
	'DATA_DENIED',
	'SESSION_FAILED',
	'SESSION_EXPIRED',
	'DATA_PUSH',
] as const;

export interface FinProAccount extends IDataObject {
	linkRefNumber: string | null;
	fiStatus: string | null;
	fipId: string | null;
	fipName: string | null;
	maskedAccountNumber: string | null;
}

export interface FinProEvent extends IDataObject {
	/** CONSENT, DATA or DATA_EXT, upper-cased. */
	eventType: string | null;
	/** CONSENT_APPROVED ... DATA_PUSH, upper-cased (FINPRO_EVENT_STATUSES; others kept as sent). */
	eventStatus: string | null;
	/** null when FinPro sends "<NULL>" or an empty string (rejected consents). */
	consentId: string | null;
	consentHandle: string | null;
	vua: string | null;
	eventMessage: string | null;
	/** FinPro's own timestamp, as sent. */
	timestamp: string | null;
	/** The linked accounts of a DATA event, as sent ([] when absent). */
	linkRefNumbers: JsonValue[];
	/** The delivery's own id when the body carries one (FinPro documents none). */
	eventId: string | null;
	receivedAt: string;
	/** The body as sent. */
	raw: JsonValue;
}

/** Reads a FinPro admin-portal webhook body (fields listed in the API README). */
export function normalizeFinProEvent(body: unknown, receivedAt: string): FinProEvent {
	const top = isObject(body) ? body : {};
	const objects = [top, top.data].filter(isObject);
	const linked = objects
		.map((o) => o.linkRefNumbers)
		.find((v): v is JsonValue[] => Array.isArray(v));
	return {
		eventType: token(pick(objects, ['eventType', 'event_type'])),
		eventStatus: token(pick(objects, ['eventStatus', 'event_status', 'status'])),
		consentId: pick(objects, ['consentId', 'consentID', 'consent_id']),
		consentHandle: pick(objects, ['consentHandle', 'consent_handle']),
		vua: pick(objects, ['vua']),
		eventMessage: pick(objects, ['eventMessage', 'event_message', 'message']),
		timestamp: pick(objects, ['timestamp']),
		linkRefNumbers: linked ?? [],
		eventId: pick(objects, ['eventId', 'event_id', 'id', 'txnid']),
		receivedAt,
		raw: body as JsonValue,
	};
}

/** One linked account of a DATA event, with absent fields as null. */
export function finProAccount(entry: unknown): FinProAccount {
	const o = isObject(entry) ? [entry] : [];
	return {
		linkRefNumber: pick(o, ['linkRefNumber', 'linkReferenceNumber']),
		fiStatus: token(pick(o, ['fiStatus', 'FIStatus'])),
		fipId: pick(o, ['fipId', 'fipID']),
		fipName: pick(o, ['fipName']),
		maskedAccountNumber: pick(o, ['maskedAccountNumber', 'maskedAccNumber']),
	};
}

/**
 * Items for a FinPro event: one per linked account on DATA_READY when `split` is set (only the
 * READY ones with `onlyReady`), each with the event's fields minus the account list; otherwise
 * (or when no account qualifies) the event itself.
 */
export function finProItems(event: FinProEvent, split: boolean, onlyReady: boolean): IDataObject[] {
	if (!split || event.eventStatus !== 'DATA_READY') return [event];
	const accounts = event.linkRefNumbers
		.map(finProAccount)
		.filter((a) => !onlyReady || a.fiStatus === 'READY');
	if (accounts.length === 0) return [event];
	const common: IDataObject = { ...event };
	delete common.linkRefNumbers;
	return accounts.map((account) => ({ ...common, ...account }));
}

// ---------------------------------------------------------------------------------------------
// Dropping re-deliveries

export const DEDUPE_MAX_ENTRIES = 10_000;

/**
 * Keys seen recently, oldest first, at most `maxEntries` of them (the oldest go first when it is
 * full). Lives in this process's memory: each n8n main or webhook process has its own, and a
 * restart forgets it.
 */
export class RecentKeys {
	private readonly seenAt = new Map<string, number>();

	constructor(private readonly maxEntries = DEDUPE_MAX_ENTRIES) {}

	get size(): number {
		return this.seenAt.size;
	}

	/**
	 * True when `key` was recorded less than `windowMs` ago (a duplicate: not recorded again, so
	 * the window runs from the first delivery); otherwise records it and returns false.
	 */
	checkAndRecord(key: string, windowMs: number, nowMs: number): boolean {
		this.forgetOlderThan(nowMs - windowMs);
		const at = this.seenAt.get(key);
		if (at !== undefined && nowMs - at < windowMs) return true;
		this.seenAt.delete(key);
		this.seenAt.set(key, nowMs);
		while (this.seenAt.size > this.maxEntries) {
			const oldest = this.seenAt.keys().next().value as string;
			this.seenAt.delete(oldest);
		}
		return false;
	}

	/** Entries are kept in insertion order, which is time order: drop from the front. */
	private forgetOlderThan(cutoffMs: number): void {
		for (const [key, at] of this.seenAt) {
			if (at > cutoffMs) break;
			this.seenAt.delete(key);
		}
	}
}

/** One store for every trigger node in this process; keys carry the workflow and node ids. */
const recentDeliveries = new RecentKeys();

/** The delivery's id from the body, or else a hash of the raw body. */
export function dedupeKey(eventId: string | null, rawBody: Buffer): string {
	return eventId !== null
		? `id:${eventId}`
		: `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// Answering the sender and starting the workflow

/** Writes the answer now and tells n8n not to answer again. */
export function respond(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

export interface TriggerEvent {
	/** The event's name in the trigger's words, checked against the Events filter. */
	name: string | null;
	/** The delivery's own id from the body, or null (then the raw body's hash is the key). */
	id: string | null;
	/** What the workflow starts with. */
	items: IDataObject[];
}

export interface TriggerSettings {
	verification: VerificationSettings;
	maxBodyBytes: number;
	/** 0: keep every delivery. */
	dedupeWindowMs: number;
	/** Event names to start on; ANY_EVENT among them starts on all. */
	events: string[];
	/** Turns a parsed body into the event. */
	toEvent: (body: unknown, receivedAt: string) => TriggerEvent;
}

export const ANY_EVENT = '*';

/** The webhook() of both triggers: every check in order, then the workflow starts. */
export async function handleDelivery(
	ctx: IWebhookFunctions,
	settings: TriggerSettings,
): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	if (req.method !== 'POST') {
		return respond(
			ctx,
			405,
			{ error: 'method_not_allowed', message: 'Send webhooks with POST' },
			{ Allow: 'POST' },
		);
	}
	// n8n reads the raw body for every JSON, text, form or unknown content type; a multipart body
	// is parsed into fields instead and has none
	const rawBody: Buffer | undefined = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
	if (rawBody === undefined) {
		return respond(ctx, 400, { error: 'bad_request', message: 'A JSON body is expected' });
	}
	if (bodyTooLarge(rawBody, settings.maxBodyBytes)) {
		return respond(ctx, 413, {
			error: 'payload_too_large',
			message: `The body is larger than the trigger's limit of ${settings.maxBodyBytes} bytes`,
		});
	}
	const verdict = verifyDelivery(
		settings.verification,
		{ rawBody, headers: req.headers, query: ctx.getQueryData() as Record<string, unknown> },
		Date.now(),
	);
	if (!verdict.ok) return respond(ctx, 401, { error: 'unauthorized', message: verdict.reason });

	const parsed = parseJsonBody(rawBody);
	if (!parsed.ok)
		return respond(ctx, parsed.status, { error: 'bad_request', message: parsed.message });

	const event = settings.toEvent(parsed.body, new Date().toISOString());
	const wanted =
		settings.events.includes(ANY_EVENT) ||
		(event.name !== null && settings.events.includes(event.name));
	if (!wanted) {
		return respond(ctx, 200, {
			received: true,
			started: false,
			reason: `event ${event.name ?? 'unknown'} is not selected`,
		});
	}

	// Test-URL calls are never dropped: resending the same sample while building must work.
	if (settings.dedupeWindowMs > 0 && ctx.getMode() !== 'manual') {
		const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${dedupeKey(event.id, rawBody)}`;
		if (recentDeliveries.checkAndRecord(key, settings.dedupeWindowMs, Date.now())) {
			return respond(ctx, 200, { received: true, started: false, reason: 'duplicate delivery' });
		}
	}

	respond(ctx, 200, { received: true, started: true });
	return { noWebhookResponse: true, workflowData: [ctx.helpers.returnJsonArray(event.items)] };
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: the user pastes the URL into Finpass / FinPro by hand, so there is nothing to
// register; checkExists refuses to activate a trigger that would refuse every delivery.

/**
 * The one POST webhook both triggers listen on, at the path the user sets. A named const: the
 * webhook-lifecycle lint rule misreads an inline array.
 */
export const triggerWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '={{$parameter["path"]}}',
		isFullPath: true,
	},
];

/**
 * Lifecycle of a webhook the user registers by hand at the vendor (Finpass takes it per consent,
 * FinPro in its admin portal): nothing to look up, create or delete remotely. A trigger without a
 * secret would refuse every delivery, so it does not activate.
 */
export function manualRegistration(secretParameter: string) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			assertSecretConfigured(this, secretParameter);
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	};
}

export function assertSecretConfigured(ctx: IHookFunctions, secretParameter: string): void {
	const secret = ctx.getNodeParameter(secretParameter, '') as string;
	if (typeof secret !== 'string' || secret === '') {
		throw new NodeOperationError(ctx.getNode(), 'The trigger has no secret', {
			description:
				'Every delivery would be refused (401). Set the secret that the sender uses, then activate the workflow again.',
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Parameters both triggers show

export function pathProperty(defaultPath: string): INodeProperties {
	return {
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: defaultPath,
		required: true,
		placeholder: defaultPath,
		description:
			'The last part of the webhook URL (…/webhook/&lt;path&gt;). Must be unique on this n8n instance: give each trigger its own.',
	};
}

/** HMAC parameters, shown when `showWhen` holds (always for FinPro). */
export function hmacProperties(defaultHeader: string, showWhen?: IDataObject): INodeProperties[] {
	const displayOptions = showWhen
		? { show: showWhen as { [key: string]: Array<string | number | boolean> } }
		: undefined;
	return [
		{
			displayName: 'Signature Header',
			name: 'signatureHeader',
			type: 'string',
			default: defaultHeader,
			required: true,
			displayOptions,
			description:
				'The request header that carries the HMAC-SHA256 signature (case does not matter)',
		},
		{
			displayName: 'Signature Encoding',
			name: 'signatureEncoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'hex',
			displayOptions,
			description: 'How the signature is written in the header. A leading "sha256=" is accepted.',
		},
		{
			displayName: 'Timestamp Header',
			name: 'timestampHeader',
			type: 'string',
			default: '',
			displayOptions,
			placeholder: 'e.g. x-webhook-timestamp',
			description:
				'Optional. A header with the Unix time (seconds) of the delivery. When set, the signature must cover "&lt;timestamp&gt;.&lt;raw body&gt;" and deliveries outside the allowed window are refused, so a captured request cannot be replayed later. Leave empty when the signature covers the raw body alone.',
		},
		{
			displayName: 'Timestamp Tolerance (Seconds)',
			name: 'timestampToleranceSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TOLERANCE_SECONDS,
			displayOptions,
			description:
				'With a timestamp header: how far the timestamp may be from now, in the past or the future',
		},
	];
}

export const deliveryOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Drop Duplicates Within (Minutes)',
			name: 'dedupeWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'Senders retry deliveries. A delivery whose event ID (or, without one, identical body) was already accepted this many minutes ago is answered 200 and starts nothing. 0 keeps every delivery. Remembered in this n8n process only (at most 10,000 deliveries): each webhook process in queue mode has its own memory, and a restart forgets it.',
		},
		{
			displayName: 'Max Body Size (KB)',
			name: 'maxBodyKb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_BODY_KB,
			description: 'Larger deliveries are refused with 413 and start nothing',
		},
	],
};

/** The options collection's values, as TriggerSettings wants them. */
export function deliveryOptions(ctx: IWebhookFunctions): {
	maxBodyBytes: number;
	dedupeWindowMs: number;
} {
	const options = ctx.getNodeParameter('options', {}) as {
		dedupeWindowMinutes?: number;
		maxBodyKb?: number;
	};
	const maxBodyKb = Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_KB);
	const minutes = Number(options.dedupeWindowMinutes ?? 0);
	return {
		maxBodyBytes: Math.max(1, Number.isFinite(maxBodyKb) ? maxBodyKb : DEFAULT_MAX_BODY_KB) * 1024,
		dedupeWindowMs: Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0,
	};
}

/** The HMAC parameters' values. */
export function hmacSettings(ctx: IWebhookFunctions, secret: string): VerificationSettings {
	return {
		mode: 'hmacSha256',
		secret,
		headerName: ctx.getNodeParameter('signatureHeader', '') as string,
		encoding: ctx.getNodeParameter('signatureEncoding', 'hex') as 'hex' | 'base64',
		timestampHeader: ctx.getNodeParameter('timestampHeader', '') as string,
		toleranceSeconds: ctx.getNodeParameter(
			'timestampToleranceSeconds',
			DEFAULT_TOLERANCE_SECONDS,
		) as number,
	};
}

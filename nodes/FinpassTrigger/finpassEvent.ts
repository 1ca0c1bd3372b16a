import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/json';
import { nullIfBlank, pick, token } from '../shared/triggers/fields';
import type { JsonValue } from '../shared/triggers/fields';

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

/** How the Events filter names each kind (one entry per FINPASS_EVENTS value). */
export const FINPASS_EVENT_NAMES: Record<(typeof FINPASS_EVENTS)[number], string> = {
	consent_approved: 'Consent Approved',
	consent_rejected: 'Consent Rejected',
	consent_revoked: 'Consent Revoked',
	consent_expired: 'Consent Expired',
	consent_paused: 'Consent Paused',
	consent_pending: 'Consent Pending',
	data_ready: 'Data Ready',
	data_failed: 'Data Fetch Failed',
	analysis_complete: 'Analysis Complete',
};

/** The keys that name a delivery itself, read at the body's top level only. */
const DELIVERY_ID_KEYS = [
	'event_id',
	'eventId',
	'delivery_id',
	'deliveryId',
	'webhook_id',
	'webhookId',
	'notification_id',
	'notificationId',
];

/**
 * Words that name each kind, in event names and statuses alike. Finpass does not publish its
 * webhook payload (docs/api-contract.md), so this covers the AA standard's consent states (ACTIVE,
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
	/** The delivery's own id when the body carries one at its top level (drops re-deliveries). */
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
		// only an explicit delivery id at the top level: a nested id (of the consent, a request,
		// a transaction) is shared by different deliveries and would drop the later ones
		event_id: pick([top], DELIVERY_ID_KEYS),
		received_at: receivedAt,
		raw: body as JsonValue,
	};
}


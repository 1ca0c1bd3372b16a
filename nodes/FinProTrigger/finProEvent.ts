import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/json';
import { pick, token } from '../shared/triggers/fields';
import type { JsonValue } from '../shared/triggers/fields';

/** FinPro's eventStatus values (FinPro webhook documentation); the FinPro Trigger's Events filter offers these. */
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
	/** The delivery's own id when the body carries one at its top level (FinPro documents none). */
	eventId: string | null;
	receivedAt: string;
	/** The body as sent. */
	raw: JsonValue;
}

/** Reads a FinPro admin-portal webhook body (the fields of FinPro's webhook documentation). */
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
		// only an explicit delivery id at the top level; otherwise the canonical body is the key
		eventId: pick([top], ['eventId', 'event_id', 'deliveryId', 'delivery_id']),
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


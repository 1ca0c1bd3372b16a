import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../json';

/**
 * Dropping re-deliveries and replays. Two layers (docs/webhook-security.md says why):
 * - this process's memory, checked and written synchronously, so two copies arriving at the
 *   same process at once start one execution;
 * - the workflow's static data (n8n stores it in its database with the workflow and hands it to
 *   every main and webhook process that receives a delivery), so a copy sent to another process,
 *   or after a restart, is recognised too.
 * Both are bounded: entries older than the window are dropped, and at most MAX entries are kept.
 */

export const DEDUPE_MAX_ENTRIES = 10_000;
/** Per trigger node, in the workflow's static data (about 35 bytes each). */
export const PERSISTED_MAX_ENTRIES = 2_000;
export const DEFAULT_DEDUPE_MINUTES = 60;
/** Where a trigger keeps its recent deliveries in its node's static data. */
export const STATIC_DATA_KEY = 'recentDeliveries';

/**
 * Keys seen recently, oldest first, at most `maxEntries` of them (the oldest go first when it is
 * full). Lives in this process's memory.
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

	/** Forgets `key` (it may be recorded again at once). */
	forget(key: string): void {
		this.seenAt.delete(key);
	}

	/** Entries are kept in insertion order, which is time order: drop from the front. */
	private forgetOlderThan(cutoffMs: number): void {
		for (const [key, at] of this.seenAt) {
			if (at > cutoffMs) break;
			this.seenAt.delete(key);
		}
	}
}

/**
 * What makes two deliveries the same: the event's own id together with its event name (an id
 * alone is not trusted to be unique across event kinds), or else the raw body's bytes. A replay
 * with a new timestamp header has the same body, so it is caught too. Hashed and shortened
 * (132 bits) to keep the persisted list small.
 */
export function dedupeKey(eventName: string | null, eventId: string | null, rawBody: Buffer): string {
	const hash = createHash('sha256');
	if (eventId !== null) hash.update(`id\u0000${eventName ?? ''}\u0000${eventId}`);
	else hash.update('body\u0000').update(rawBody);
	return hash.digest('base64url').slice(0, 22);
}

/**
 * Checks `key` against the persisted list in `staticData` (a node's workflow static data) and
 * records it when new. Returns true for a duplicate. Writes only when something changes, so n8n
 * saves the static data only then.
 */
export function checkAndRecordPersisted(
	staticData: IDataObject,
	key: string,
	windowMs: number,
	nowMs: number,
	maxEntries = PERSISTED_MAX_ENTRIES,
): boolean {
	const stored = isObject(staticData[STATIC_DATA_KEY]) ? staticData[STATIC_DATA_KEY] : {};
	const cutoff = Math.floor((nowMs - windowMs) / 1000);
	const fresh = Object.entries(stored).filter(
		(entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > cutoff,
	);
	if (fresh.some(([seen]) => seen === key)) return true;
	fresh.push([key, Math.floor(nowMs / 1000)]);
	fresh.sort((a, b) => a[1] - b[1]);
	staticData[STATIC_DATA_KEY] = Object.fromEntries(fresh.slice(-maxEntries));
	return false;
}

/**
 * Marks the persisted list as changed without changing it (a write of the same value through
 * n8n's observable static data), so n8n saves it even after something cleared its flag.
 */
export function markRecordChanged(staticData: IDataObject): void {
	const stored = staticData[STATIC_DATA_KEY];
	if (stored !== undefined) staticData[STATIC_DATA_KEY] = stored;
}

/** One memory store for every trigger node in this process; keys carry the workflow and node ids. */
const recentDeliveries = new RecentKeys();

/** Both layers: true when the delivery was already accepted within the window. */
export function isReplay(
	scope: string,
	key: string,
	staticData: IDataObject,
	windowMs: number,
	nowMs: number,
): boolean {
	if (recentDeliveries.checkAndRecord(`${scope}:${key}`, windowMs, nowMs)) return true;
	return checkAndRecordPersisted(staticData, key, windowMs, nowMs);
}

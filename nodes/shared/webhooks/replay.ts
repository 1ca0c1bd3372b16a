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
 * Both are bounded: every entry expires after its own window, and at most MAX entries are kept.
 */

export const DEDUPE_MAX_ENTRIES = 10_000;
/** Per trigger node, in the workflow's static data (about 35 bytes each). */
export const PERSISTED_MAX_ENTRIES = 2_000;
export const DEFAULT_DEDUPE_MINUTES = 60;
/** Where a trigger keeps its recent deliveries in its node's static data. */
export const STATIC_DATA_KEY = 'recentDeliveries';

/**
 * Keys seen recently, each with its own expiry, at most `maxEntries` of them (expired ones go
 * first when it is full, then the oldest). Lives in this process's memory. One store may serve
 * callers with different windows: an entry recorded with a 24-hour window stays 24 hours even
 * when another caller checks its own keys with a 1-minute window.
 */
export class RecentKeys {
	/** key → expiry (ms), in insertion order. */
	private readonly expiresAt = new Map<string, number>();

	constructor(private readonly maxEntries = DEDUPE_MAX_ENTRIES) {}

	get size(): number {
		return this.expiresAt.size;
	}

	/**
	 * True when `key` was recorded and has not expired (a duplicate: not recorded again, so the
	 * window runs from the first delivery); otherwise records it for `windowMs` and returns false.
	 */
	checkAndRecord(key: string, windowMs: number, nowMs: number): boolean {
		this.dropExpiredFront(nowMs);
		const expiry = this.expiresAt.get(key);
		if (expiry !== undefined && expiry > nowMs) return true;
		this.expiresAt.delete(key);
		this.expiresAt.set(key, nowMs + windowMs);
		if (this.expiresAt.size > this.maxEntries) this.makeRoom(nowMs);
		return false;
	}

	/** Whether `key` is recorded and has not expired (nothing is recorded). */
	has(key: string, nowMs: number): boolean {
		const expiry = this.expiresAt.get(key);
		return expiry !== undefined && expiry > nowMs;
	}

	/** Forgets `key` (it may be recorded again at once). */
	forget(key: string): void {
		this.expiresAt.delete(key);
	}

	/** Drops expired entries from the front (the oldest) up to the first one still valid. */
	private dropExpiredFront(nowMs: number): void {
		for (const [key, expiry] of this.expiresAt) {
			if (expiry > nowMs) break;
			this.expiresAt.delete(key);
		}
	}

	/** Drops every expired entry; if still too many, the oldest ones. */
	private makeRoom(nowMs: number): void {
		for (const [key, expiry] of this.expiresAt) if (expiry <= nowMs) this.expiresAt.delete(key);
		for (const key of this.expiresAt.keys()) {
			if (this.expiresAt.size <= this.maxEntries) break;
			this.expiresAt.delete(key);
		}
	}
}

/**
 * A JSON value written with every object's keys sorted (recursively) and no spacing: two bodies
 * that differ only in key order or whitespace give the same text.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two deliveries the same: the delivery's own id (an explicit, top-level event or
 * delivery id) together with its event name (an id alone is not trusted to be unique across
 * event kinds), or else the whole body in canonical form (keys sorted), never a nested id. A
 * replay with a new timestamp header has the same body, so it is caught too. Hashed and shortened
 * (132 bits) to keep the persisted list small.
 */
export function dedupeKey(eventName: string | null, deliveryId: string | null, body: unknown): string {
	const hash = createHash('sha256');
	if (deliveryId !== null) hash.update(`id\u0000${eventName ?? ''}\u0000${deliveryId}`);
	else hash.update('body\u0000').update(canonicalJson(body));
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

/**
 * How long this process holds a delivery it has accepted but whose execution n8n has not started
 * yet. n8n 2.x starts the execution before it reads the trigger's answer; when starting fails, it
 * answers an error and saves nothing, and the sender's retry must then start the workflow (not be
 * dropped as a duplicate of a delivery that started nothing). Long enough for n8n to start an
 * execution, short enough for a retry to get through.
 */
export const IN_FLIGHT_MS = 60_000;

/**
 * This process's memory, for every trigger node; keys carry the workflow and node ids. `started`
 * holds deliveries whose execution n8n started (each for its own trigger's window), `inFlight`
 * the ones accepted a moment ago whose start is not confirmed yet.
 */
const started = new RecentKeys();
const inFlight = new RecentKeys();

/**
 * new: accepted (now in flight until confirmStarted); duplicate: accepted before, within the
 * window; inFlight: the same delivery is being started by this process right now.
 */
export type ReplayVerdict = 'new' | 'duplicate' | 'inFlight';

/** Both layers: whether the delivery was already accepted within the window. */
export function checkReplay(
	scope: string,
	key: string,
	staticData: IDataObject,
	windowMs: number,
	nowMs: number,
): ReplayVerdict {
	const memoryKey = `${scope}:${key}`;
	if (started.has(memoryKey, nowMs)) return 'duplicate';
	if (inFlight.checkAndRecord(memoryKey, Math.min(IN_FLIGHT_MS, windowMs), nowMs)) return 'inFlight';
	if (checkAndRecordPersisted(staticData, key, windowMs, nowMs)) {
		inFlight.forget(memoryKey);
		started.checkAndRecord(memoryKey, windowMs, nowMs);
		return 'duplicate';
	}
	return 'new';
}

/** The delivery's execution started (n8n reads the answer): remember it for the whole window. */
export function confirmStarted(scope: string, key: string, windowMs: number, nowMs: number): void {
	const memoryKey = `${scope}:${key}`;
	inFlight.forget(memoryKey);
	started.checkAndRecord(memoryKey, windowMs, nowMs);
}

/** Both layers, for callers that start at once: true when the delivery was already accepted. */
export function isReplay(
	scope: string,
	key: string,
	staticData: IDataObject,
	windowMs: number,
	nowMs: number,
): boolean {
	const verdict = checkReplay(scope, key, staticData, windowMs, nowMs);
	if (verdict === 'new') confirmStarted(scope, key, windowMs, nowMs);
	return verdict !== 'new';
}

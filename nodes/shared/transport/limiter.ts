import { sleep } from 'n8n-workflow';

export interface LimiterSettings {
	/** Requests in flight at once (at least 1). */
	concurrency: number;
	/** Request starts per second; 0 means no cap. */
	maxPerSecond: number;
	/** n8n's execution cancel signal: when it fires, the queue halts and every waiter wakes. */
	cancelSignal?: AbortSignal;
}

/** Longest single sleep: a halt or cancel is noticed at least this often. */
const SLICE_MS = 250;

/** How many recent answer times the spreading of starts looks at (their median). */
const RECENT_ANSWERS = 15;
/** Answers needed before starts are spread at all. */
const MIN_ANSWERS = 3;
/** Starts are spread to 90% of the pace the slots allow, so spreading is never the limit. */
const SPREAD_FACTOR = 0.9;
/** A spread shorter than this is not worth a timer (timers have millisecond granularity). */
const MIN_SPREAD_MS = 2;

/**
 * Thrown by acquire() once the queue is halted (another item failed the run, or the execution
 * was cancelled): the item was never sent. Callers recognise it by type, not by its message.
 */
export class QueueHaltedError extends Error {
	constructor(readonly reason: 'halted' | 'cancelled') {
		super(reason === 'cancelled' ? 'Execution was cancelled' : 'Not sent: another item failed the run');
		this.name = 'QueueHaltedError';
	}
}

/**
 * The one gate every vendor request of a node run passes through: bounds requests in flight,
 * spaces request starts to a per-second cap, and makes the whole batch back off as one when the
 * vendor answers 429. Each 429 also lowers the in-flight ceiling to what the vendor just showed it
 * accepts, so a Concurrency set above the vendor's limit stops costing rejected requests after
 * the first wave (we never probe upwards again: a probe costs a 429 and a Retry-After pause).
 * Waiters are served first in, first out, so items start in input order.
 *
 * Starts are also spread over the vendor's answer time: at most one per (median of the recent
 * answer times ÷ slots × 0.9). Without it, slots that start together stay together: their
 * answers arrive in a bunch, n8n handles them one at a time, and each waits for the others
 * (measured: 113 ms per 100 ms request at Concurrency 10, 106 ms once spread; docs/performance.md).
 * The spread is below the pace the slots allow, so it costs no throughput; fast vendors (spread
 * under 2 ms) and one slot are not spread.
 *
 * Nobody waits forever: halt() (or the cancel signal) wakes every waiter, each of which then
 * throws QueueHaltedError; every other wait is a sleep of at most SLICE_MS that re-checks.
 */
export class RequestLimiter {
	private inFlight = 0;

	private ceiling: number;

	private pausedUntil = 0;

	private nextStartAt = 0;

	private lastStartAt = 0;

	private readonly interval: number;

	/** Waiting for a slot, first in first out (a queue: a large run has thousands waiting). */
	private readonly waiters = new WakeQueue();

	/** Recent answer times in ms, oldest first (at most RECENT_ANSWERS). */
	private readonly recentAnswerMs: number[] = [];

	/** Their median, updated with each answer. */
	private medianAnswerMs = 0;

	private haltReason: 'halted' | 'cancelled' | undefined;

	/** Counters for tests and benchmarks. */
	readonly stats = { started: 0, rejected: 0, pauses: 0 };

	private readonly onAbort = (): void => this.halt('cancelled');

	constructor(private readonly settings: LimiterSettings) {
		this.ceiling = Math.max(1, Math.floor(settings.concurrency));
		this.interval = settings.maxPerSecond > 0 ? 1000 / settings.maxPerSecond : 0;
		const signal = settings.cancelSignal;
		if (signal?.aborted) this.halt('cancelled');
		else signal?.addEventListener('abort', this.onAbort, { once: true });
	}

	/**
	 * Stops listening to the cancel signal once the node run is over: the signal lives as long as
	 * the execution, which may run this node many times (a loop).
	 */
	dispose(): void {
		this.settings.cancelSignal?.removeEventListener('abort', this.onAbort);
	}

	get limit(): number {
		return this.ceiling;
	}

	/** True once halt() ran: nothing not yet started will be sent. */
	get halted(): boolean {
		return this.haltReason !== undefined;
	}

	/** Waiting for a slot (tests read it: a finished run leaves none). */
	get waiting(): number {
		return this.waiters.size;
	}

	async acquire(isCancelled: () => boolean = () => false): Promise<void> {
		for (;;) {
			this.throwIfHalted(isCancelled);
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(Math.min(pause, SLICE_MS));
				continue;
			}
			if (this.inFlight >= this.ceiling) {
				await new Promise<void>((resolve) => this.waiters.push(resolve));
				continue;
			}
			this.inFlight++;
			const spacing = Math.max(this.interval, this.spread());
			if (spacing > 0) {
				const now = Date.now();
				const startAt = Math.max(now, this.nextStartAt);
				this.nextStartAt = startAt + spacing;
				// The slot is held while waiting for the start time; a halt gives it back.
				for (let left = startAt - now; left > 0; left = startAt - Date.now()) {
					if (this.halted || isCancelled()) break;
					await sleep(Math.min(left, SLICE_MS));
				}
				// Spaced from the last actual start too: a timer that fires late (a busy machine) must
				// not let the next start bunch up with it, since the vendor counts arrivals.
				for (let gap = this.lastStartAt + spacing - Date.now(); gap > 0; gap = this.lastStartAt + spacing - Date.now()) {
					if (this.halted || isCancelled()) break;
					await sleep(Math.min(gap, SLICE_MS));
				}
				if (this.halted || isCancelled() || this.pausedUntil > Date.now()) {
					this.release();
					continue;
				}
				this.lastStartAt = Date.now();
			}
			this.stats.started++;
			return;
		}
	}

	/** A request admitted by acquire() got its answer after `ms` (feeds the spreading of starts). */
	answered(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) return;
		this.recentAnswerMs.push(ms);
		if (this.recentAnswerMs.length > RECENT_ANSWERS) this.recentAnswerMs.shift();
		const sorted = [...this.recentAnswerMs].sort((a, b) => a - b);
		this.medianAnswerMs = sorted[Math.floor(sorted.length / 2)];
	}

	/** The spacing between starts that spreads them over the answer time, or 0 when not worth it. */
	spread(): number {
		if (this.ceiling < 2 || this.recentAnswerMs.length < MIN_ANSWERS) return 0;
		const spacing = (this.medianAnswerMs / this.ceiling) * SPREAD_FACTOR;
		return spacing >= MIN_SPREAD_MS ? spacing : 0;
	}

	/**
	 * Stops the queue: nothing not yet started is sent (another item failed the run, or the
	 * execution was cancelled). Every waiter wakes and throws QueueHaltedError.
	 */
	halt(reason: 'halted' | 'cancelled' = 'halted'): void {
		this.haltReason ??= reason;
		this.waiters.wakeAll();
	}

	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.wakeOne();
	}

	/**
	 * The vendor said "too many": everyone waits until `untilMs`, and the ceiling drops to the
	 * number of requests the vendor was evidently still serving (those in flight besides this one).
	 * Without `untilMs` (the vendor asked for longer than the node waits: that item fails) only
	 * the ceiling drops; the other items are not held.
	 */
	rejected(untilMs?: number): void {
		this.stats.rejected++;
		const servedBesidesThis = this.inFlight - 1;
		this.ceiling = Math.max(1, Math.min(this.ceiling, servedBesidesThis));
		if (untilMs !== undefined && untilMs > this.pausedUntil) {
			this.pausedUntil = untilMs;
			this.stats.pauses++;
		}
	}

	private throwIfHalted(isCancelled: () => boolean): void {
		if (isCancelled()) this.halt('cancelled');
		if (this.haltReason !== undefined) {
			// Pass the wake-up on: a waiter queued after this call still learns of the halt.
			this.waiters.wakeAll();
			throw new QueueHaltedError(this.haltReason);
		}
	}

	private wakeOne(): void {
		if (this.halted) {
			this.waiters.wakeAll();
			return;
		}
		if (this.inFlight < this.ceiling) this.waiters.wakeFirst();
	}
}

/** A first-in-first-out list of waiters whose removal from the front does not move the rest. */
class WakeQueue {
	private items: Array<() => void> = [];

	private head = 0;

	get size(): number {
		return this.items.length - this.head;
	}

	push(wake: () => void): void {
		this.items.push(wake);
	}

	wakeFirst(): void {
		if (this.head >= this.items.length) return;
		const wake = this.items[this.head++];
		// drop the woken part once it is most of the array
		if (this.head > 1024 && this.head * 2 > this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}
		wake();
	}

	wakeAll(): void {
		const waiting = this.items.slice(this.head);
		this.items = [];
		this.head = 0;
		waiting.forEach((wake) => wake());
	}
}

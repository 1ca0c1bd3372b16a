import { sleep } from 'n8n-workflow';

export interface LimiterSettings {
	/** Requests in flight at once (at least 1). */
	concurrency: number;
	/** Request starts per second; 0 means no cap. */
	maxPerSecond: number;
}

/**
 * The one gate every vendor request of a node run passes through: bounds requests in flight,
 * spaces request starts to a per-second cap, and makes the whole batch back off as one when the
 * vendor answers 429. Each 429 also lowers the in-flight ceiling to what the vendor just showed it
 * accepts, so a Concurrency set above the vendor's limit stops costing rejected requests after
 * the first wave (we never probe upwards again: a probe costs a 429 and a Retry-After pause).
 * Waiters are served first in, first out, so items start in input order.
 */
export class RequestLimiter {
	private inFlight = 0;

	private ceiling: number;

	private pausedUntil = 0;

	private nextStartAt = 0;

	private readonly interval: number;

	private readonly waiters: Array<() => void> = [];

	private halted = false;

	/** Counters for tests and benchmarks. */
	readonly stats = { started: 0, rejected: 0, pauses: 0 };

	constructor(settings: LimiterSettings) {
		this.ceiling = Math.max(1, Math.floor(settings.concurrency));
		this.interval = settings.maxPerSecond > 0 ? 1000 / settings.maxPerSecond : 0;
	}

	get limit(): number {
		return this.ceiling;
	}

	async acquire(isCancelled: () => boolean = () => false): Promise<void> {
		for (;;) {
			if (this.halted || isCancelled()) throw new Error('Execution was cancelled');
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(Math.min(pause, 250));
				continue;
			}
			if (this.inFlight >= this.ceiling) {
				await new Promise<void>((resolve) => this.waiters.push(resolve));
				continue;
			}
			this.inFlight++;
			if (this.interval > 0) {
				const now = Date.now();
				const startAt = Math.max(now, this.nextStartAt);
				this.nextStartAt = startAt + this.interval;
				if (startAt > now) await sleep(startAt - now);
				if (this.pausedUntil > Date.now()) {
					this.release();
					continue;
				}
			}
			this.stats.started++;
			return;
		}
	}

	/** Stops the queue: nothing not yet started is sent (another item failed the run). */
	halt(): void {
		this.halted = true;
		this.waiters.splice(0).forEach((wake) => wake());
	}

	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.wakeOne();
	}

	/**
	 * The vendor said "too many": everyone waits until `untilMs`, and the ceiling drops to the
	 * number of requests the vendor was evidently still serving (those in flight besides this one).
	 */
	rejected(untilMs: number): void {
		this.stats.rejected++;
		const servedBesidesThis = this.inFlight - 1;
		this.ceiling = Math.max(1, Math.min(this.ceiling, servedBesidesThis));
		if (untilMs > this.pausedUntil) {
			this.pausedUntil = untilMs;
			this.stats.pauses++;
		}
	}

	private wakeOne(): void {
		if (this.inFlight < this.ceiling) this.waiters.shift()?.();
	}
}

/**
 * The one wait-for-completion loop: consent waits, report readiness, analyzer jobs.
 * `check` is called until it says done; it throws on a terminal failure (the caller's vendor
 * error). Intervals grow from `firstIntervalMs` by `growth` up to `maxIntervalMs` (vendors advise
 * polling every 5-10 s; the first check comes sooner), and the last sleep is cut short so the
 * final check lands on the deadline.
 */
export type PollStep<T> = { done: true; value: T } | { done: false; state: string };

export interface PollSettings {
	maxWaitMs: number;
	firstIntervalMs: number;
	maxIntervalMs: number;
	growth: number;
}

export type PollOutcome<T> =
	| { done: true; value: T; checks: number; waitedMs: number }
	| { done: false; state: string; checks: number; waitedMs: number };

export const DEFAULT_POLL: PollSettings = {
	maxWaitMs: 300_000,
	firstIntervalMs: 2_000,
	maxIntervalMs: 10_000,
	growth: 1.5,
};

export function pollSettings(maxWaitSeconds: number, firstIntervalSeconds?: number): PollSettings {
	const first = Math.max(0.1, firstIntervalSeconds ?? DEFAULT_POLL.firstIntervalMs / 1000) * 1000;
	return {
		...DEFAULT_POLL,
		maxWaitMs: Math.max(0, maxWaitSeconds) * 1000,
		firstIntervalMs: first,
		maxIntervalMs: Math.max(first, DEFAULT_POLL.maxIntervalMs),
	};
}

export async function pollUntilDone<T>(
	check: (attempt: number) => Promise<PollStep<T>>,
	settings: PollSettings,
	pause: (ms: number) => Promise<void>,
	now: () => number = Date.now,
): Promise<PollOutcome<T>> {
	const started = now();
	const deadline = started + settings.maxWaitMs;
	let interval = settings.firstIntervalMs;
	for (let attempt = 0; ; attempt++) {
		const step = await check(attempt);
		const waitedMs = now() - started;
		if (step.done) return { done: true, value: step.value, checks: attempt + 1, waitedMs };
		const left = deadline - now();
		if (left <= 0) return { done: false, state: step.state, checks: attempt + 1, waitedMs };
		await pause(Math.min(interval, left));
		interval = Math.min(settings.maxIntervalMs, interval * settings.growth);
	}
}

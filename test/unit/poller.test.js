const { DIST } = require('../helpers/context');
const { pollUntilDone, pollSettings } = require(`${DIST}/nodes/shared/wait/poller`);

// A fake clock: pause() advances time instantly, so timing is exact and the test is fast.
function clock() {
	let now = 0;
	return { now: () => now, pause: async (ms) => { now += ms; }, pauses: [] };
}

describe('pollUntilDone', () => {
	test('a job finishing at T returns within one poll step after T, with few checks', async () => {
		const c = clock();
		const T = 37_000;
		const settings = pollSettings(300, 2);
		const outcome = await pollUntilDone(async () => (c.now() >= T ? { done: true, value: 'ok' } : { done: false, state: 'processing' }), settings, c.pause, c.now);
		expect(outcome.done).toBe(true);
		expect(c.now()).toBeGreaterThanOrEqual(T);
		expect(c.now() - T).toBeLessThanOrEqual(settings.maxIntervalMs);
		expect(outcome.checks).toBeLessThanOrEqual(10);
	});
	test('intervals grow from the first interval up to the 10 s cap', async () => {
		const c = clock();
		const gaps = [];
		let last = 0;
		await pollUntilDone(async () => { gaps.push(c.now() - last); last = c.now(); return { done: false, state: 'x' }; }, pollSettings(60, 2), c.pause, c.now);
		expect(gaps.slice(1, 5)).toEqual([2000, 3000, 4500, 6750]);
		expect(Math.max(...gaps)).toBe(10000);
	});
	test('times out on the deadline with the last state', async () => {
		const c = clock();
		const outcome = await pollUntilDone(async (n) => ({ done: false, state: n < 2 ? 'consent_pending' : 'data_fetch_in_progress' }), pollSettings(30, 2), c.pause, c.now);
		expect(outcome).toMatchObject({ done: false, state: 'data_fetch_in_progress' });
		expect(c.now()).toBe(30000);
	});
	test('a terminal failure thrown by check ends the wait at once', async () => {
		const c = clock();
		await expect(pollUntilDone(async (n) => { if (n === 1) throw new Error('consent rejected'); return { done: false, state: 'p' }; }, pollSettings(300, 2), c.pause, c.now)).rejects.toThrow('consent rejected');
		expect(c.now()).toBe(2000);
	});
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SurveyResponse, Verdict } from '../survey/response.ts';
import { Outbox } from './store.ts';
import { SyncLoop, type Send, type SyncOptions } from './sync.ts';
import { SendError } from './transport.ts';

let opened: Outbox[] = [];

afterEach(() => {
	for (const outbox of opened) outbox.close();
	opened = [];
});

async function openOutbox(): Promise<Outbox> {
	const outbox = await Outbox.open(`ita-outbox-test-${crypto.randomUUID()}`);
	opened.push(outbox);
	return outbox;
}

function response(overrides: Partial<SurveyResponse> = {}): SurveyResponse {
	return {
		id: crypto.randomUUID(),
		round: 'wang-thonglang-2565',
		instrument: 'eit',
		channel: 'kiosk',
		collectedOn: '2026-11-22',
		answers: { 'e1.1': 4 },
		demographics: {},
		variants: {},
		...overrides
	};
}

async function queue(outbox: Outbox, count: number): Promise<SurveyResponse[]> {
	const responses = Array.from({ length: count }, () => response());
	for (const r of responses) await outbox.add(r);
	return responses;
}

/** A clock and timers the test moves by hand: nothing waits for real time. */
function fakeTime() {
	let now = 1_700_000_000_000;
	let nextId = 1;
	const timers = new Map<number, { callback: () => void; ms: number; at: number }>();
	return {
		options: {
			now: () => now,
			setTimeout: (callback: () => void, ms: number) => {
				const id = nextId++;
				timers.set(id, { callback, ms, at: now + ms });
				return id;
			},
			clearTimeout: (id: unknown) => {
				timers.delete(id as number);
			}
		} satisfies SyncOptions,
		now: () => now,
		/** The delays of the timers still pending. */
		pending: () => [...timers.values()].map((timer) => timer.ms),
		/** Moves the clock to the earliest timer and runs it. */
		fireNext() {
			const [id, timer] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
			timers.delete(id);
			now = timer.at;
			timer.callback();
		}
	};
}

const accept: Send = (batch) =>
	Promise.resolve(batch.map((r): Verdict => ({ id: r.id, status: 'accepted' })));

function unreachable(): Send {
	return () => Promise.reject(new SendError('TypeError: Failed to fetch', 0));
}

/** Waits for the run a trigger started, if it started one. */
async function settled(loop: SyncLoop): Promise<void> {
	if (loop.state.state === 'syncing') await loop.syncNow();
}

describe('SyncLoop', () => {
	it('sends every queued response in batches and empties the outbox', async () => {
		const outbox = await openOutbox();
		await queue(outbox, 5);
		const batches: number[] = [];
		const loop = new SyncLoop(
			outbox,
			(batch) => {
				batches.push(batch.length);
				return accept(batch);
			},
			{ batchSize: 2, ...fakeTime().options }
		);

		await loop.syncNow();

		expect(batches).toEqual([2, 2, 1]);
		expect(await outbox.counts()).toMatchObject({ queued: 0, refused: 0, sent: 5 });
		expect(loop.state).toEqual({ state: 'idle' });
	});

	it('sends only the response itself, never the device time it was queued', async () => {
		const outbox = await openOutbox();
		const [kept] = await queue(outbox, 1);
		const sent: SurveyResponse[][] = [];
		const loop = new SyncLoop(outbox, (batch) => {
			sent.push(batch);
			return accept(batch);
		});
		await loop.syncNow();
		expect(sent).toEqual([[kept]]);
	});

	it('keeps everything when the server cannot be reached and waits longer each time, up to the cap', async () => {
		const outbox = await openOutbox();
		await queue(outbox, 3);
		const time = fakeTime();
		const loop = new SyncLoop(outbox, unreachable(), {
			minDelayMs: 2_000,
			maxDelayMs: 60_000,
			random: () => 0.5,
			...time.options
		});

		await loop.syncNow();
		const delays: number[] = [];
		for (let i = 0; i < 8; i++) {
			expect(time.pending()).toHaveLength(1);
			const [delay] = time.pending();
			delays.push(delay);
			expect(loop.state).toEqual({
				state: 'waiting',
				nextAttemptAt: time.now() + delay,
				lastError: 'TypeError: Failed to fetch'
			});
			time.fireNext();
			await settled(loop);
		}

		expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
		const counts = await outbox.counts();
		expect(counts).toMatchObject({ queued: 3, refused: 0, sent: 0 });
		expect(counts.lastError).toBe('TypeError: Failed to fetch');
		expect((await outbox.queued()).map((entry) => entry.attempts)).toEqual([9, 9, 9]);
	});

	it('keeps the jitter inside the bounds', async () => {
		for (const random of [() => 0, () => 0.999_999]) {
			const outbox = await openOutbox();
			await queue(outbox, 1);
			const time = fakeTime();
			const loop = new SyncLoop(outbox, unreachable(), {
				minDelayMs: 1_000,
				maxDelayMs: 10_000,
				random,
				...time.options
			});
			await loop.syncNow();
			const delays: number[] = [];
			for (let i = 0; i < 8; i++) {
				delays.push(...time.pending());
				time.fireNext();
				await settled(loop);
			}
			for (const delay of delays) {
				expect(delay).toBeGreaterThanOrEqual(1_000);
				expect(delay).toBeLessThanOrEqual(10_000);
			}
			expect(delays.at(-1)).toBeGreaterThan(delays[0]);
		}
	});

	it('starts again from the shortest delay after a success', async () => {
		const outbox = await openOutbox();
		await queue(outbox, 1);
		const time = fakeTime();
		let reachable = false;
		const loop = new SyncLoop(
			outbox,
			(batch) => (reachable ? accept(batch) : unreachable()(batch)),
			{ minDelayMs: 2_000, random: () => 0.5, ...time.options }
		);

		await loop.syncNow();
		time.fireNext();
		await settled(loop);
		time.fireNext();
		await settled(loop);
		expect(time.pending()).toEqual([8_000]);

		reachable = true;
		time.fireNext();
		await settled(loop);
		expect(loop.state).toEqual({ state: 'idle' });
		expect(time.pending()).toEqual([]);
		expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 1, lastError: null });

		reachable = false;
		await queue(outbox, 1);
		await loop.syncNow();
		expect(time.pending()).toEqual([2_000]);
	});

	it('finds the one bad response of a batch answered 400 and sends the others', async () => {
		const outbox = await openOutbox();
		const [good1, bad, good2] = await queue(outbox, 3);
		const batches: string[][] = [];
		const time = fakeTime();
		const loop = new SyncLoop(
			outbox,
			(batch) => {
				batches.push(batch.map((r) => r.id));
				if (batch.some((r) => r.id === bad.id)) {
					return Promise.reject(
						new SendError('Empty or invalid json', 400, 'PGRST102', { cause: 'test' })
					);
				}
				return accept(batch);
			},
			time.options
		);

		await loop.syncNow();

		// The whole batch once, then each of its responses alone.
		const [whole, ...alone] = batches;
		expect([...whole].sort()).toEqual([good1.id, bad.id, good2.id].sort());
		expect(alone).toEqual(whole.map((id) => [id]));
		expect(await outbox.counts()).toMatchObject({ queued: 0, refused: 1, sent: 2 });
		const [refused] = await outbox.refused();
		expect(refused).toMatchObject({
			id: bad.id,
			refusal: { code: 'PGRST102', reason: 'Empty or invalid json' }
		});
		// The server answered: nothing to retry, and the refused response is not sent again.
		expect(time.pending()).toEqual([]);
		await loop.syncNow();
		expect(batches).toHaveLength(4);
	});

	it('keeps everything and retries later when the key is refused (401) or the server fails (5xx)', async () => {
		for (const status of [401, 403, 429, 500, 503]) {
			const outbox = await openOutbox();
			await queue(outbox, 2);
			const time = fakeTime();
			let sends = 0;
			const loop = new SyncLoop(
				outbox,
				() => {
					sends += 1;
					return Promise.reject(new SendError('No', status, 'PGRST301'));
				},
				time.options
			);
			await loop.syncNow();
			expect(sends).toBe(1);
			expect(await outbox.counts()).toMatchObject({ queued: 2, refused: 0 });
			expect(loop.state.state).toBe('waiting');
			expect(loop.state.lastError).toBe(`No (HTTP ${status})`);
			expect(time.pending()).toHaveLength(1);
		}
	});

	it('treats an answer missing some verdicts as a failure instead of resending in a loop', async () => {
		const outbox = await openOutbox();
		const [answered, forgotten] = await queue(outbox, 2);
		const time = fakeTime();
		let sends = 0;
		const loop = new SyncLoop(
			outbox,
			() => {
				sends += 1;
				return Promise.resolve<Verdict[]>([{ id: answered.id, status: 'accepted' }]);
			},
			time.options
		);
		await loop.syncNow();
		expect(sends).toBe(1);
		expect((await outbox.queued()).map((entry) => entry.id)).toEqual([forgotten.id]);
		expect(loop.state.state).toBe('waiting');
	});

	it('matches verdicts whose ids the server wrote in lower case', async () => {
		const outbox = await openOutbox();
		const [upper] = await queue(outbox, 1);
		await outbox.add(response({ id: upper.id.toUpperCase() }));
		const loop = new SyncLoop(outbox, (batch) =>
			Promise.resolve(batch.map((r): Verdict => ({ id: r.id.toLowerCase(), status: 'accepted' })))
		);
		await loop.syncNow();
		expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 2 });
	});

	it('sends once when syncNow() is called twice at the same time', async () => {
		const outbox = await openOutbox();
		await queue(outbox, 2);
		let sends = 0;
		let inFlight = 0;
		let mostInFlight = 0;
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const loop = new SyncLoop(outbox, async (batch) => {
			sends += 1;
			inFlight += 1;
			mostInFlight = Math.max(mostInFlight, inFlight);
			await gate;
			inFlight -= 1;
			return accept(batch);
		});

		const first = loop.syncNow();
		const second = loop.syncNow();
		release();
		await Promise.all([first, second]);

		expect(sends).toBe(1);
		expect(mostInFlight).toBe(1);
		expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 2 });
	});

	it('tells its listeners what it is doing', async () => {
		const outbox = await openOutbox();
		await queue(outbox, 1);
		const time = fakeTime();
		const loop = new SyncLoop(outbox, unreachable(), { random: () => 0.5, ...time.options });
		const seen: string[] = [];
		const unsubscribe = loop.subscribe((state) => seen.push(state.state));
		await loop.syncNow();
		unsubscribe();
		await loop.syncNow();
		expect(seen).toEqual(['idle', 'syncing', 'waiting']);
	});

	it('sends on start, when back online, when shown again and on the interval, until cleaned up', async () => {
		const outbox = await openOutbox();
		const time = fakeTime();
		const sent: string[] = [];
		const loop = new SyncLoop(
			outbox,
			(batch) => {
				sent.push(...batch.map((r) => r.id));
				return accept(batch);
			},
			{ intervalMs: 60_000, ...time.options }
		);
		const window = new EventTarget();
		const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });

		const [atStart] = await queue(outbox, 1);
		const cleanup = loop.start({ window, document });
		await settled(loop);
		expect(sent).toEqual([atStart.id]);

		const [whileOffline] = await queue(outbox, 1);
		window.dispatchEvent(new Event('online'));
		await settled(loop);
		expect(sent).toEqual([atStart.id, whileOffline.id]);

		const [whileHidden] = await queue(outbox, 1);
		document.visibilityState = 'hidden';
		document.dispatchEvent(new Event('visibilitychange'));
		expect(loop.state.state).toBe('idle');
		document.visibilityState = 'visible';
		document.dispatchEvent(new Event('visibilitychange'));
		await settled(loop);
		expect(sent.at(-1)).toBe(whileHidden.id);

		const [beforeTick] = await queue(outbox, 1);
		expect(time.pending()).toEqual([60_000]);
		time.fireNext();
		await settled(loop);
		expect(sent.at(-1)).toBe(beforeTick.id);
		expect(time.pending()).toEqual([60_000]);

		cleanup();
		expect(time.pending()).toEqual([]);
		await queue(outbox, 1);
		window.dispatchEvent(new Event('online'));
		document.dispatchEvent(new Event('visibilitychange'));
		expect(loop.state.state).toBe('idle');
		expect(sent).toHaveLength(4);
	});

	it('schedules no retry once cleaned up', async () => {
		const outbox = await openOutbox();
		await queue(outbox, 1);
		const time = fakeTime();
		const loop = new SyncLoop(outbox, unreachable(), time.options);
		const cleanup = loop.start({ window: new EventTarget(), document: new EventTarget() });
		await settled(loop);
		expect(time.pending()).toHaveLength(2);
		cleanup();
		expect(time.pending()).toEqual([]);
		expect(loop.state.state).toBe('idle');
	});
});

import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RoundQuestionnaire } from '../survey/questionnaire.ts';
import { forgetQuestionnaires, readQuestionnaire } from './questionnaire.ts';

const config = { url: 'http://ita.test', anonKey: 'anon' };

/** A server whose answers are counted; `name` is the counter's name it says today. */
function server(name = 'ช่อง 1') {
	const calls: string[] = [];
	const fetch = vi.fn((input: URL) => {
		calls.push(input.search);
		if (input.searchParams.get('round_code') !== 'r1') {
			return Promise.resolve(new Response('{}', { status: 404 }));
		}
		const q = { round: { code: 'r1' }, servicePoint: { code: 'sp', name: { th: name } } };
		return Promise.resolve(Response.json(q));
	}) as unknown as typeof globalThis.fetch;
	return {
		calls,
		fetch,
		rename(to: string) {
			name = to;
		}
	};
}

const spName = (q: RoundQuestionnaire | null) => q?.servicePoint?.name.th;

describe('readQuestionnaire', () => {
	afterEach(() => {
		forgetQuestionnaires();
		vi.useRealTimers();
	});

	test('reads a round once, until a change forgets it', async () => {
		const s = server();
		const read = () => readQuestionnaire(s.fetch, config, 'r1', 'sp', Infinity);
		expect(spName(await read())).toBe('ช่อง 1');
		expect(spName(await read())).toBe('ช่อง 1');
		expect(s.calls).toHaveLength(1);
		s.rename('ช่อง 2');
		forgetQuestionnaires();
		expect(spName(await read())).toBe('ช่อง 2');
		expect(s.calls).toHaveLength(2);
	});

	test('asks again on a new Thai day (a round opens or closes at midnight) and after maxAge', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-06T16:59:00Z')); // 23:59 in Bangkok
		const s = server();
		const read = (maxAge = Infinity) => readQuestionnaire(s.fetch, config, 'r1', 'sp', maxAge);
		await read();
		vi.setSystemTime(new Date('2026-12-06T17:00:30Z')); // the next day there
		await read();
		expect(s.calls).toHaveLength(2);
		vi.setSystemTime(new Date('2026-12-06T17:01:31Z'));
		await read(60_000);
		expect(s.calls).toHaveLength(3);
	});

	test('keeps no missing round, and each counter apart', async () => {
		const s = server();
		expect(await readQuestionnaire(s.fetch, config, 'nope', null, Infinity)).toBeNull();
		expect(await readQuestionnaire(s.fetch, config, 'nope', null, Infinity)).toBeNull();
		await readQuestionnaire(s.fetch, config, 'r1', 'sp', Infinity);
		await readQuestionnaire(s.fetch, config, 'r1', null, Infinity);
		expect(s.calls).toHaveLength(4);
	});
});

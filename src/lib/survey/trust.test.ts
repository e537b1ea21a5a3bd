/**
 * The respondent's side of trustworthy counts: the device id, the seconds spent, the
 * code check (wrong, throttled, offline) and the words for a refused response.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FrameworkSchema } from '../ita/framework.ts';
import { checkAccessCode, retryAfterSeconds, waitMinutes } from './access.ts';
import { deviceId, randomUuid, secondsSpent } from './device.ts';
import { buildResponse } from './finish.ts';
import { asksForCode, emptyDraft, missing, steps } from './flow.ts';
import { surveyDefinition, type RoundQuestionnaire } from './questionnaire.ts';
import { refusalText, tt } from './trust-text.ts';

const config = { url: 'http://ita.test', anonKey: 'anon-key' };

class MemoryStorage {
	items = new Map<string, string>();
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.items.set(key, value);
	}
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the device id', () => {
	test('is a version 4 UUID made from getRandomValues, different each time', () => {
		const a = randomUuid();
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(randomUuid()).not.toBe(a);
		expect(randomUuid(new Uint8Array(16).fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
	});

	test('works where crypto.randomUUID is missing (a page that is not a secure context)', () => {
		vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => b.fill(7) });
		expect(randomUuid()).toBe('07070707-0707-4707-8707-070707070707');
	});

	test('is made once and kept; the server accepts its shape (16–100 of [A-Za-z0-9_-])', () => {
		const storage = new MemoryStorage();
		const first = deviceId(storage);
		expect(deviceId(storage)).toBe(first);
		expect(first).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
		// A fresh browser (other storage) is a fresh device.
		expect(deviceId(new MemoryStorage())).not.toBe(first);
	});

	test('a kept value that is not one of ours is replaced; storage that throws still gives an id', () => {
		const storage = new MemoryStorage();
		storage.setItem('ita:device', 'x');
		expect(deviceId(storage)).toMatch(/^[0-9a-f-]{36}$/);
		const broken = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {}
		};
		const id = deviceId(broken);
		expect(deviceId(broken)).toBe(id);
	});
});

describe('seconds spent', () => {
	test('from the first question to now, whole seconds, never negative, at most a day', () => {
		expect(secondsSpent(1_000, 61_400)).toBe(60);
		expect(secondsSpent(10_000, 5_000)).toBe(0);
		expect(secondsSpent(0, 3 * 86_400_000)).toBe(86_400);
		expect(secondsSpent(undefined)).toBeUndefined();
	});
});

describe('checking an IIT code', () => {
	function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
		return new Response(JSON.stringify(body), {
			status,
			headers: { 'content-type': 'application/json', ...headers }
		});
	}

	test('posts the round and the code to check_iit_code and reads valid or not', async () => {
		const fetch = vi.fn((_url: URL, _init: RequestInit) =>
			Promise.resolve(answer(200, { valid: false }))
		);
		vi.stubGlobal('fetch', fetch);
		expect(await checkAccessCode(config, 'r-2570', 'ABCDE-FGH23')).toEqual({ kind: 'wrong' });
		const [url, init] = fetch.mock.calls[0];
		expect(String(url)).toBe('http://ita.test/rest/v1/rpc/check_iit_code');
		expect(init.method).toBe('POST');
		expect(JSON.parse(init.body as string)).toEqual({ round_code: 'r-2570', code: 'ABCDE-FGH23' });

		fetch.mockResolvedValueOnce(answer(200, { valid: true }));
		expect(await checkAccessCode(config, 'r-2570', 'ABCDE-FGH23')).toEqual({ kind: 'valid' });
	});

	test('429 says how long to wait, from Retry-After', async () => {
		vi.stubGlobal('fetch', () =>
			Promise.resolve(answer(429, { code: 'too_many_attempts' }, { 'retry-after': '421' }))
		);
		const check = await checkAccessCode(config, 'r', 'c');
		expect(check).toEqual({ kind: 'throttled', retryAfterSeconds: 421 });
		expect(waitMinutes(421)).toBe(8);
		expect(tt('th', 'code.throttled', { minutes: 8 })).toContain('ลองใหม่อีกครั้งใน 8 นาที');
		expect(tt('en', 'code.throttled', { minutes: 8 })).toContain('try again in 8 minutes');
	});

	test('429 without Retry-After (a proxy dropped it): the wait the database named in the body', async () => {
		const body = {
			code: 'too_many_attempts',
			message: 'too_many_attempts',
			details: JSON.stringify({ retryAfter: 125, minutes: 3 }),
			hint: 'too many wrong or used codes from this network; try again in 125 seconds'
		};
		vi.stubGlobal('fetch', () => Promise.resolve(answer(429, body)));
		expect(await checkAccessCode(config, 'r', 'c')).toEqual({
			kind: 'throttled',
			retryAfterSeconds: 125
		});
		vi.stubGlobal('fetch', () => Promise.resolve(answer(429, { code: 'too_many_attempts' })));
		expect(await checkAccessCode(config, 'r', 'c')).toEqual({
			kind: 'throttled',
			retryAfterSeconds: 600
		});
	});

	test('no network or a server error: unknown, the survey goes on', async () => {
		vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
		expect(await checkAccessCode(config, 'r', 'c')).toEqual({ kind: 'unknown' });
		vi.stubGlobal('fetch', () => Promise.resolve(answer(503, {})));
		expect(await checkAccessCode(config, 'r', 'c')).toEqual({ kind: 'unknown' });
	});

	test('Retry-After as seconds or as a date; a minute at least', () => {
		expect(retryAfterSeconds('120')).toBe(120);
		expect(retryAfterSeconds(new Date(60_000).toUTCString(), 0)).toBe(60);
		expect(retryAfterSeconds(null)).toBeNull();
		expect(retryAfterSeconds('soon')).toBeNull();
		expect(waitMinutes(5)).toBe(1);
	});
});

describe('a single-use IIT round', () => {
	const framework = FrameworkSchema.parse(
		JSON.parse(readFileSync('supabase/seed/frameworks/bma-2567.json', 'utf8'))
	);
	const q = (round: Partial<RoundQuestionnaire['round']>): RoundQuestionnaire => ({
		round: {
			code: 'r-2570',
			fiscalYear: 2027,
			opensOn: '2026-11-01',
			closesOn: '2027-01-31',
			open: true,
			iitAccessCode: false,
			allowRepeat: false,
			...round
		},
		agency: { code: 'demo', name: { th: 'สำนักงานเขตตัวอย่าง' } },
		sections: [],
		servicePoint: null,
		framework
	});

	test('asks for the slip’s code and sends it as iitCode; a shared round sends accessCode', () => {
		const single = surveyDefinition(q({ iitCodes: 'single' }), 'iit');
		expect(asksForCode(single)).toBe(true);
		expect(missing(single, steps(single)[0], emptyDraft())).toEqual([{ kind: 'accessCode' }]);
		const context = { id: 'x', today: '2026-12-06', channel: 'link' as const };
		const draft = { ...emptyDraft(), accessCode: ' ABCDE-FGH23 ' };
		const sent = buildResponse(single, draft, context);
		expect(sent.iitCode).toBe('ABCDE-FGH23');
		expect(sent.accessCode).toBeUndefined();

		const shared = surveyDefinition(q({ iitCodes: 'shared', iitAccessCode: true }), 'iit');
		expect(buildResponse(shared, draft, context).accessCode).toBe('ABCDE-FGH23');
		const open = surveyDefinition(q({ iitCodes: 'shared' }), 'iit');
		expect(asksForCode(open)).toBe(false);
	});
});

describe('a refused response, in words', () => {
	test('a used code reads the same as a wrong one, Thai first, English on request', () => {
		const used = { code: 'iit_code_used', reason: 'The code is used or not valid.' };
		expect(refusalText('th', used)).toMatch(/ถูกใช้ตอบไปแล้ว หรือไม่ถูกต้อง/);
		expect(refusalText('en', used)).toMatch(/already been used, or is not valid/);
	});

	test('a code this screen does not know shows the server’s own reason', () => {
		expect(refusalText('th', { code: 'kiosk_too_soon', reason: 'every 120 seconds' })).toBe(
			'every 120 seconds'
		);
		expect(refusalText('th', undefined)).toBe('');
	});
});

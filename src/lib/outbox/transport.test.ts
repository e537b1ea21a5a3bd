import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SurveyResponse, Verdict } from '../survey/response.ts';
import { SendError, supabaseSender } from './transport.ts';

const config = { url: 'http://ita.test', anonKey: 'anon-key' };

const batch: SurveyResponse[] = [
	{
		id: '6f0c6a8e-5a3b-4c0e-9d6a-0c3f1f2b7a11',
		round: 'wang-thonglang-2565',
		instrument: 'eit',
		channel: 'link',
		collectedOn: '2026-11-22',
		answers: { 'e1.1': 4 },
		demographics: {},
		variants: {}
	}
];

function answer(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('supabaseSender', () => {
	it('posts the batch to submit_responses and gives back the verdicts', async () => {
		const results: Verdict[] = [{ id: batch[0].id, status: 'accepted' }];
		const fetch = vi.fn((_url: string, _init: RequestInit) =>
			Promise.resolve(answer(200, { results, accepted: 1, duplicates: 0, rejected: 0 }))
		);
		vi.stubGlobal('fetch', fetch);

		expect(await supabaseSender(config)(batch)).toEqual(results);
		const [url, init] = fetch.mock.calls[0];
		expect(url).toBe('http://ita.test/rest/v1/rpc/submit_responses');
		expect(init.method).toBe('POST');
		expect(JSON.parse(init.body as string)).toEqual({ batch });
		// The headers supabase-js's client.rpc() sends: PostgREST and Supabase's gateway read them.
		const headers = new Headers(init.headers);
		expect(headers.get('apikey')).toBe('anon-key');
		expect(headers.get('authorization')).toBe('Bearer anon-key');
		expect(headers.get('content-type')).toBe('application/json');
	});

	it("keeps a proxy's error page as the message, short enough to show", async () => {
		vi.stubGlobal('fetch', () =>
			Promise.resolve(new Response('<html>' + 'Bad gateway '.repeat(60), { status: 502 }))
		);
		const error = await supabaseSender(config)(batch).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SendError);
		expect(error).toMatchObject({ status: 502, code: '' });
		expect((error as SendError).message.length).toBeLessThanOrEqual(300);
	});

	it("throws the server's status, code and message on an HTTP error", async () => {
		vi.stubGlobal('fetch', () =>
			Promise.resolve(
				answer(400, {
					code: 'PGRST102',
					message: 'Empty or invalid json',
					details: null,
					hint: null
				})
			)
		);
		const error = await supabaseSender(config)(batch).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SendError);
		expect(error).toMatchObject({
			status: 400,
			code: 'PGRST102',
			message: 'Empty or invalid json'
		});
	});

	it('throws status 0 when the server cannot be reached', async () => {
		vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
		const error = await supabaseSender(config)(batch).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SendError);
		expect(error).toMatchObject({ status: 0 });
	});

	it('throws when something else than the server answered 200', async () => {
		vi.stubGlobal('fetch', () =>
			Promise.resolve(new Response('<html>Wi-Fi login</html>', { status: 200 }))
		);
		const error = await supabaseSender(config)(batch).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SendError);
		expect((error as SendError).status).toBe(200);
	});
});

/**
 * The embedded server: `npm start` on one machine, no account. The browser's own
 * supabase-js client talks to it as to a Supabase project.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSupabase, rpc } from '../../src/lib/supabase.ts';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { favourableResponse } from '../support/fixtures.ts';
import { EmbeddedServer, type Keys } from '../support/server.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);
const round = 'demo-bma-2567';

interface Outcome {
	results: { id: string; status: string; code?: string }[];
	accepted: number;
}

describe('the embedded server', () => {
	let dir: string;
	let server: EmbeddedServer;
	let keys: Keys;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-server-'));
		server = new EmbeddedServer(join(dir, 'data'), 40000 + Math.floor(Math.random() * 5000));
		await server.start();
		keys = await server.keys();
	}, 300_000);
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	const anonClient = () => createSupabase({ url: server.url, anonKey: keys.anonKey });
	const serviceClient = () => createSupabase({ url: server.url, anonKey: keys.serviceKey });

	test('on an empty data folder it creates a demo office and the home page lists its rounds', async () => {
		expect(server.output).toContain(`/r/${round}`);
		const html = await (await fetch(server.url)).text();
		expect(html).toContain('สำนักงานเขตตัวอย่าง');
		expect(html).toContain('demo-bma-2567');
		expect(html).toContain('demo-nacc-2565');
		expect(html).toContain('<html lang="th">');
	});

	test('a second server on the same data folder is refused with a clear message', async () => {
		const second = await server.startAgainExpectingRefusal();
		expect(second.code).toBe(1);
		expect(second.output).toMatch(/already running on the data folder .* \(process \d+\)/);
	});

	test('supabase-js submits responses and reads results through the server', async () => {
		const responses = [
			favourableResponse(bma, round, 'eit'),
			favourableResponse(bma, round, 'eit')
		];
		const submitted = await anonClient().rpc('submit_responses', { batch: responses });
		expect(submitted.error).toBeNull();
		expect((submitted.data as Outcome).accepted).toBe(2);

		const results = await serviceClient().rpc('round_results', { round_code: round });
		expect(results.error).toBeNull();
		expect(
			(results.data as { respondents: { eit: number } }).respondents.eit
		).toBeGreaterThanOrEqual(2);
	});

	test("a counter an officer renames shows on the next phone's survey page", async () => {
		const page = async () => (await fetch(`${server.url}/r/${round}?sp=registration-1`)).text();
		const rename = (th: string, en: string) =>
			serviceClient().rpc('save_service_point', {
				agency_code: 'demo',
				code: 'registration-1',
				name: { th, en },
				section_code: 'registration',
				update_existing: true
			});
		expect(await page()).toContain('ฝ่ายทะเบียน ช่อง 1');
		expect(
			(await rename('ฝ่ายทะเบียน ช่อง 1 ชั้น 2', 'Registration, counter 1, 2nd floor')).error
		).toBeNull();
		expect(await page()).toContain('ฝ่ายทะเบียน ช่อง 1 ชั้น 2');
		expect((await rename('ฝ่ายทะเบียน ช่อง 1', 'Registration, counter 1')).error).toBeNull();
		expect(await page()).not.toContain('ชั้น 2');
	});

	test('a survey page is drawn before its scripts and fonts are fetched', async () => {
		const response = await fetch(`${server.url}/r/${round}/iit`);
		const html = await response.text();
		const link = response.headers.get('link') ?? '';
		expect(link).not.toContain('modulepreload');
		// Nor are the fonts: the phone's own Thai font paints first (src/lib/styles/fonts.css).
		expect(link).not.toContain('as="font"');
		expect(html).not.toMatch(/<link[^>]+as="font"/);
		// SvelteKit's start-up, found and deferred (src/lib/server/first-paint.ts).
		expect(html).toContain("getEntriesByName('first-contentful-paint')");
		expect(html).toMatch(/link\.rel = 'modulepreload'/);
	});

	test('errors come back as PostgREST sends them', async () => {
		const unknown = await anonClient().rpc('no_such_function', {});
		expect(unknown.status).toBe(404);
		expect(unknown.error?.code).toBe('PGRST202');

		const forbidden = await anonClient().rpc('round_results', { round_code: round });
		expect(forbidden.status).toBe(401);
		expect(forbidden.error?.code).toBe('42501');

		const badBatch = await anonClient().rpc('submit_responses', { batch: { not: 'a list' } });
		expect(badBatch.status).toBe(400);
		expect(badBatch.error?.message).toBe('batch_not_array');
		expect(badBatch.error?.hint).toMatch(/JSON array of responses\. Send/);

		const noRound = await anonClient().rpc('get_questionnaire', { round_code: 'no-such-round' });
		expect(noRound.status).toBe(404);
		expect(noRound.error?.message).toBe('unknown_round');
		expect(JSON.parse(noRound.error?.details ?? '{}')).toEqual({ round: 'no-such-round' });
	});

	test('without the anon key, with a forged or an expired token, a call is refused', async () => {
		const rpc = (headers: Record<string, string>) =>
			fetch(`${server.url}/rest/v1/rpc/get_questionnaire`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify({ round_code: round })
			});
		const none = await rpc({});
		expect(none.status).toBe(401);
		expect(((await none.json()) as { message: string }).message).toBe(
			'No API key found in request'
		);

		const forged = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'HS256' })
			.sign(new TextEncoder().encode('not the secret'));
		expect((await rpc({ apikey: forged })).status).toBe(401);

		const expired = await new SignJWT({ role: 'anon' })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime(Math.floor(Date.now() / 1000) - 60)
			.sign(Buffer.from(keys.jwtSecret, 'base64url'));
		const late = await rpc({ apikey: keys.anonKey, authorization: `Bearer ${expired}` });
		expect(late.status).toBe(401);
		expect(((await late.json()) as { code: string }).code).toBe('PGRST303');

		expect((await rpc({ apikey: keys.anonKey })).status).toBe(200);
	});

	test('cross-origin calls and oversized bodies are refused', async () => {
		const foreign = await fetch(`${server.url}/rest/v1/rpc/get_questionnaire`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: keys.anonKey,
				origin: 'https://elsewhere.example'
			},
			body: JSON.stringify({ round_code: round })
		});
		expect(foreign.status).toBe(403);

		const huge = await fetch(`${server.url}/rest/v1/rpc/submit_responses`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', apikey: keys.anonKey },
			body: JSON.stringify({ batch: [{ id: randomUUID(), padding: 'x'.repeat(3 * 1024 * 1024) }] })
		});
		expect(huge.status).toBe(413);
	});

	test('stopping and starting again keeps every stored response', async () => {
		const before = await serviceClient().rpc('round_results', { round_code: round });
		await server.stop('SIGTERM');
		await server.start();
		const after = await serviceClient().rpc('round_results', { round_code: round });
		expect((after.data as { respondents: unknown }).respondents).toEqual(
			(before.data as { respondents: unknown }).respondents
		);
	});

	test('killed in the middle of submissions, it loses nothing acknowledged and stores nothing half-done', async () => {
		const acknowledged = new Set<string>();
		const client = anonClient();
		let killed = false;
		// Four clients send batches until the server dies under them.
		const senders = Array.from({ length: 4 }, async () => {
			while (!killed) {
				const batch = Array.from({ length: 20 }, () => favourableResponse(bma, round, 'eit'));
				const { data } = await rpc<Outcome>(client, 'submit_responses', { batch }).catch(() => ({
					data: null
				}));
				if (!data) continue;
				for (const r of data.results) if (r.status === 'accepted') acknowledged.add(r.id);
			}
		});
		while (acknowledged.size < 100) await new Promise((r) => setTimeout(r, 20));
		await server.stop('SIGKILL');
		killed = true;
		await Promise.all(senders);

		const db = await openDatabase({ dataDir: server.dataDir });
		try {
			// One address sending this fast is over its limit: most are held (stored, not
			// counted until an officer releases them). Counted or held, none is lost.
			const stored = new Set(
				(
					await db.query<{ id: string }>(
						`select response_id::text as id from public.responses
						union all select response_id::text from public.held_responses`
					)
				).map((r) => r.id)
			);
			const lost = [...acknowledged].filter((id) => !stored.has(id));
			expect(lost).toEqual([]);
			const [heldPartial] = await db.query<{ n: number }>(
				`select count(*)::int as n from public.held_responses h
				where (select count(*) from jsonb_object_keys(h.answers)) <> 6`
			);
			expect(heldPartial.n).toBe(0);
			// Every stored response is whole: all its answers, and counted exactly once.
			const [partial] = await db.query<{ n: number }>(
				`select count(*)::int as n from public.responses p
				where (select count(*) from public.answers a where a.response_id = p.response_id) <> 6`
			);
			expect(partial.n).toBe(0);
			const [counts] = await db.query<{ kept: number; stored: number }>(
				`select (select sum(n)::int from public.respondent_counts) as kept,
					(select count(*)::int from public.responses) as stored`
			);
			expect(counts.kept).toBe(counts.stored);
		} finally {
			await db.close();
		}
		await server.start();
	});
	test('guessing the IIT code: the 11th wrong code in 10 minutes is HTTP 429 with Retry-After, whatever X-Forwarded-For says', async () => {
		const guess = (code: string, i: number) =>
			fetch(`${server.url}/rest/v1/rpc/check_iit_code`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					apikey: keys.anonKey,
					// No proxy is configured: a client's own forwarded-for is ignored.
					'x-forwarded-for': `198.51.100.${i}`,
					'cf-connecting-ip': `198.51.100.${i}`
				},
				body: JSON.stringify({ round_code: 'demo-nacc-2565', code })
			});
		for (let i = 0; i < 10; i++) {
			const wrong = await guess(`guess-${i}`, i);
			expect(wrong.status).toBe(200);
			expect(await wrong.json()).toEqual({ valid: false });
		}
		const refused = await guess('guess-10', 10);
		expect(refused.status).toBe(429);
		const retry = Number(refused.headers.get('retry-after'));
		expect(retry).toBeGreaterThan(0);
		expect(retry).toBeLessThanOrEqual(600);
		expect(await refused.json()).toMatchObject({
			code: 'too_many_attempts',
			message: 'too_many_attempts'
		});
		// supabase-js sees the same refusal as from Supabase.
		const viaClient = await anonClient().rpc('check_iit_code', {
			round_code: 'demo-nacc-2565',
			code: 'x'
		});
		expect(viaClient.status).toBe(429);
		expect(viaClient.error?.code).toBe('too_many_attempts');
	});
});

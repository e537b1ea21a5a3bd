/**
 * The embedded server through an outsider's eyes: raw HTTP, malformed and oversized
 * requests, another office's rounds, a removed officer's token, a stream of guessed
 * passwords. Every refusal is a 4xx with a reason (PostgREST's error shape, the status
 * PostgREST would give), the server keeps serving, and a valid response is still stored
 * exactly once afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deleteAccount } from '../../src/lib/server/auth/accounts.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { favourableResponse } from '../support/fixtures.ts';
import { EmbeddedServer, type Keys } from '../support/server.ts';
import { migratedDataFolder } from '../support/templates.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);
const round = 'demo-bma-2567';
const password = 'ตึกใบหยก-บางรัก-2570';

interface PostgrestError {
	code: string;
	message: string;
	details: string | null;
	hint: string | null;
}

describe('the embedded server refuses bad requests with a clear 4xx', () => {
	let dir: string;
	let server: EmbeddedServer;
	let keys: Keys;
	let agencies: Record<string, string>;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-harden-'));
		server = new EmbeddedServer(join(dir, 'data'), 45000 + Math.floor(Math.random() * 4000), {
			// The test plays several client addresses through a proxy it trusts.
			ITA_TRUSTED_PROXIES: '127.0.0.1/32,::1/128'
		});
		await migratedDataFolder(server.dataDir);
		await server.start();
		keys = await server.keys();
		const listed = await rpc('list_agencies', {}, keys.serviceKey);
		agencies = Object.fromEntries(
			((await listed.json()) as { code: string; id: string }[]).map((a) => [a.code, a.id])
		);
	}, 300_000);
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	function rpc(
		fn: string,
		body: unknown,
		token?: string,
		init: { method?: string; headers?: Record<string, string>; raw?: string } = {}
	): Promise<Response> {
		return fetch(`${server.url}/rest/v1/rpc/${fn}`, {
			method: init.method ?? 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: keys.anonKey,
				...(token ? { authorization: `Bearer ${token}` } : {}),
				...init.headers
			},
			body: init.method === 'GET' ? undefined : (init.raw ?? JSON.stringify(body))
		});
	}

	async function refusal(response: Response): Promise<PostgrestError> {
		const text = await response.text();
		// A reason, never a stack trace or the SQL that ran.
		expect(text).not.toMatch(/at [\w.]+ \(|RangeError|node_modules|select public\./);
		const body = JSON.parse(text) as PostgrestError;
		expect(Object.keys(body).sort()).toEqual(['code', 'details', 'hint', 'message']);
		return body;
	}

	/** A valid response goes in once: accepted, then a duplicate. */
	async function stillStoresOnce() {
		const response = favourableResponse(bma, round, 'eit');
		for (const expected of ['accepted', 'duplicate']) {
			const answer = await rpc('submit_responses', { batch: [response] });
			expect(answer.status).toBe(200);
			const { results } = (await answer.json()) as { results: { status: string }[] };
			expect(results[0].status).toBe(expected);
		}
	}

	async function signIn(email: string, from?: string) {
		return fetch(`${server.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: keys.anonKey,
				...(from ? { 'x-forwarded-for': from } : {})
			},
			body: JSON.stringify({ email, password })
		});
	}

	async function officer(email: string, agencyCode: string, from?: string): Promise<string> {
		const made = await fetch(`${server.url}/auth/v1/admin/users`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: keys.anonKey,
				authorization: `Bearer ${keys.serviceKey}`
			},
			body: JSON.stringify({
				email,
				password,
				app_metadata: { ita_role: 'officer', agency_id: agencies[agencyCode] }
			})
		});
		expect(made.status).toBe(200);
		const session = await signIn(email, from);
		expect(session.status).toBe(200);
		return ((await session.json()) as { access_token: string }).access_token;
	}

	test('JSON nested 4,500 levels deep: 400 in PostgREST’s shape, and the server keeps serving', async () => {
		const deep = '['.repeat(4500) + ']'.repeat(4500);
		const answer = await rpc('submit_responses', null, undefined, {
			raw: `{"batch": [{"id": "${randomUUID()}", "answers": ${deep}}]}`
		});
		expect(answer.status).toBe(400);
		const body = await refusal(answer);
		expect(body.code).toBe('PGRST102');
		expect(body.message).toMatch(/nested deeper than \d+ levels/);
		await stillStoresOnce();
	});

	test('Origin: null and a malformed Origin are refused with 403, never a 500', async () => {
		for (const origin of ['null', 'http://[not-a-host', '::::', 'https://elsewhere.example']) {
			const answer = await rpc('get_questionnaire', { round_code: round }, undefined, {
				headers: { origin }
			});
			expect(answer.status, origin).toBe(403);
			expect((await refusal(answer)).code).toBe('PGRST403');
		}
		const preflight = await fetch(`${server.url}/rest/v1/rpc/get_questionnaire`, {
			method: 'OPTIONS',
			headers: { origin: 'null', 'access-control-request-method': 'POST' }
		});
		expect(preflight.status).toBe(403);
		await stillStoresOnce();
	});

	test('arguments arrive as PostgREST passes them: a batch sent as a JSON string is a jsonb string, refused', async () => {
		const batch = [favourableResponse(bma, round, 'eit')];
		const answer = await rpc('submit_responses', { batch: JSON.stringify(batch) });
		expect(answer.status).toBe(400);
		const body = await refusal(answer);
		expect(body.code).toBe('22023');
		expect(body.message).toBe('batch_not_array');
		// Nothing of it was stored: the same response sent properly is accepted.
		const proper = await rpc('submit_responses', { batch });
		expect(((await proper.json()) as { accepted: number }).accepted).toBe(1);
	});

	test('GET runs read-only, as PostgREST runs it: a function that writes answers 405 (25006), one that reads answers', async () => {
		const batch = JSON.stringify([favourableResponse(bma, round, 'eit')]);
		const write = await fetch(
			`${server.url}/rest/v1/rpc/submit_responses?batch=${encodeURIComponent(batch)}`,
			{ headers: { apikey: keys.anonKey } }
		);
		expect(write.status).toBe(405);
		expect((await refusal(write)).code).toBe('25006');
		const read = await fetch(`${server.url}/rest/v1/rpc/get_questionnaire?round_code=${round}`, {
			headers: { apikey: keys.anonKey }
		});
		expect(read.status).toBe(200);
		expect(((await read.json()) as { round: { code: string } }).round.code).toBe(round);
		await stillStoresOnce();
	});

	test('another office’s round and a round that does not exist get one answer, from every function', async () => {
		const token = await officer('wichai@bangrak.go.th', 'bang-rak');
		const calls: [string, (code: string) => Record<string, unknown>][] = [
			['set_oit_scores', (code) => ({ round_code: code, scores: { O1: 100 } })],
			['round_results', (code) => ({ round_code: code })],
			['list_kiosks', (code) => ({ round_code: code })],
			['round_progress', (code) => ({ round_code: code })]
		];
		for (const [fn, args] of calls) {
			const notYours = await rpc(fn, args(round), token);
			const notThere = await rpc(fn, args('no-such-round-2567'), token);
			expect(notYours.status, fn).toBe(notThere.status);
			expect(notYours.status, fn).toBe(404);
			const [a, b] = [await refusal(notYours), await refusal(notThere)];
			expect(a.code, fn).toBe(b.code);
			expect(a.message.replace(round, '<round>'), fn).toBe(
				b.message.replace('no-such-round-2567', '<round>')
			);
		}
	});

	test('a removed, paused or moved officer’s token stops working at /rest/v1/rpc at once', async () => {
		const removed = await officer('removed@bangrak.go.th', 'bang-rak');
		const paused = await officer('paused@bangrak.go.th', 'bang-rak');
		const moved = await officer('moved@bangrak.go.th', 'bang-rak');
		const kept = await officer('kept@bangrak.go.th', 'bang-rak');
		for (const token of [removed, paused, moved, kept]) {
			expect((await rpc('list_agencies', {}, token)).status).toBe(200);
		}
		await server.withDatabase(async (db) => {
			const id = async (email: string) =>
				(
					await db.query<{ id: string }>(
						'select account_id::text as id from ita_private.accounts where email = $1',
						[email]
					)
				)[0].id;
			const [central] = await db.query<{ id: string }>(
				`select ita_private.create_account('boss@central.go.th', $1, 'central', null)::text as id`,
				['scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']
			);
			await deleteAccount(db, await id('removed@bangrak.go.th'), central.id);
			await db.query('select ita_private.set_account_paused($1::uuid, true, $2::uuid)', [
				await id('paused@bangrak.go.th'),
				central.id
			]);
			await db.query(
				`update ita_private.accounts set agency_id = (select agency_id from public.agencies
					where code = 'samphanthawong') where email = 'moved@bangrak.go.th'`
			);
		});
		for (const token of [removed, paused, moved]) {
			const answer = await rpc('list_agencies', {}, token);
			expect(answer.status).toBe(401);
			const body = await refusal(answer);
			expect(body.code).toBe('PT401');
			expect(body.message).toBe('session_ended');
			expect(body.hint).toMatch(/removed, paused or moved/);
		}
		expect((await rpc('list_agencies', {}, kept)).status).toBe(200);
		// A paused account cannot sign in again either.
		expect((await signIn('paused@bangrak.go.th')).status).toBe(400);
	}, 300_000);

	test('sign-in is throttled per client address: a guesser waits, the officer elsewhere signs in', async () => {
		await officer('malee@bangrak.go.th', 'bang-rak', '198.51.100.7');
		const guess = (email: string) =>
			fetch(`${server.url}/auth/v1/token?grant_type=password`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					apikey: keys.anonKey,
					'x-forwarded-for': '203.0.113.66'
				},
				body: JSON.stringify({ email, password: 'not-the-password-1234' })
			});
		// Wrong passwords for many accounts from one address: the address is throttled …
		let throttled: Response | null = null;
		for (let i = 0; i < 30 && !throttled; i++) {
			const answer = await guess(i % 2 ? 'malee@bangrak.go.th' : `nobody${i}@bangrak.go.th`);
			if (answer.status === 429) throttled = answer;
			else expect(answer.status).toBe(400);
		}
		expect(throttled, 'no 429 after 30 failed sign-ins from one address').not.toBeNull();
		expect(Number(throttled!.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(((await throttled!.json()) as { code: string }).code).toBe('over_request_rate_limit');
		// … and the officer, from her own address, is not locked out.
		expect((await signIn('malee@bangrak.go.th', '198.51.100.7')).status).toBe(200);

		// The officers' sign-in screen throttles the same way.
		const login = () =>
			fetch(`${server.url}/admin/login`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					// As a browser posts the form (without its script): an HTML page comes back.
					accept: 'text/html',
					origin: server.url,
					'x-forwarded-for': '203.0.113.99'
				},
				body: new URLSearchParams({ email: 'malee@bangrak.go.th', password: 'wrong-wrong-wrong' }),
				redirect: 'manual'
			});
		let screen: Response | null = null;
		for (let i = 0; i < 30 && !screen; i++) {
			const answer = await login();
			if (answer.status === 429) screen = answer;
			else expect(answer.status).toBe(400);
		}
		expect(screen, 'no 429 from /admin/login after 30 failures from one address').not.toBeNull();
		expect(await screen!.text()).toMatch(/Too many failed sign-ins|หลายครั้งเกินไป/);
		expect((await signIn('malee@bangrak.go.th', '198.51.100.7')).status).toBe(200);
	}, 300_000);
	test('a rejected copy never makes a later valid copy of the same response a duplicate', async () => {
		const valid = favourableResponse(bma, round, 'eit');
		const key = Object.keys(valid.answers)[0];
		const broken = { ...valid, answers: { ...valid.answers, [key]: 99 } };
		const first = await rpc('submit_responses', { batch: [broken, valid] });
		expect(first.status).toBe(200);
		const { results } = (await first.json()) as { results: { status: string }[] };
		expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
		const again = await rpc('submit_responses', { batch: [valid] });
		const repeated = (await again.json()) as { results: { status: string }[] };
		expect(repeated.results[0].status).toBe('duplicate');
	});

	test('a batch over 500 responses is 413 with a reason, as PostgREST answers it', async () => {
		const batch = Array.from({ length: 501 }, () => favourableResponse(bma, round, 'eit'));
		const answer = await rpc('submit_responses', { batch });
		expect(answer.status).toBe(413);
		const body = await refusal(answer);
		expect(body.message).toBe('batch_too_large');
		expect(JSON.parse(body.details ?? '{}')).toEqual({ max: 500, count: 501 });
		expect(body.hint).toMatch(/at most 500/);
		await stillStoresOnce();
	});
});

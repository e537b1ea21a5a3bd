/**
 * Who may do what, acting as each caller in turn: anonymous (a respondent's phone),
 * an officer of agency A, an officer of agency B, and a central administrator.
 * Anonymous callers can submit responses and read an open round's questionnaire,
 * nothing else.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, asCaller, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { createRound, favourableResponse } from '../support/fixtures.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

const pin = await hashKioskPin('2468', 200_000);

describe.each(engines)('roles on %s', (engine) => {
	let t: TestDatabase;
	let roundA: string;
	let roundB: string;
	let officerA: Claims;
	let officerB: Claims;
	const central: Claims = {
		role: 'authenticated',
		sub: randomUUID(),
		app_metadata: { ita_role: 'central' }
	};

	beforeAll(async () => {
		t = await freshDatabase(engine);
		roundA = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'agency-a',
			iitAccessCode: 'code-a'
		});
		roundB = await createRound(t.db, { framework: 'bma-2567', agency: 'agency-b' });
		const ids = await t.db.query<{ code: string; agency_id: string }>(
			'select code, agency_id from agencies'
		);
		const idOf = (code: string) => ids.find((r) => r.code === code)!.agency_id;
		officerA = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: idOf('agency-a') }
		};
		officerB = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: idOf('agency-b') }
		};
		await callRpc(t.db, anon, 'submit_responses', {
			batch: [favourableResponse(bma, roundA, 'eit'), favourableResponse(bma, roundB, 'eit')]
		});
	});
	afterAll(() => t?.drop());

	test('every table has row level security', async () => {
		const open = await t.db.query<{ relname: string }>(
			`select relname from pg_class
			where relnamespace = 'public'::regnamespace and relkind = 'r' and not relrowsecurity`
		);
		expect(open).toEqual([]);
	});

	test('anonymous callers may execute submit_responses, get_questionnaire, check_iit_code and the kiosk tablet functions, and no other function', async () => {
		const callable = await t.db.query<{ name: string }>(
			`select p.proname as name from pg_proc p
			where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'execute')
			order by 1`
		);
		expect(callable.map((r) => r.name)).toEqual([
			'check_iit_code',
			'enrol_kiosk',
			'get_questionnaire',
			'kiosk_heartbeat',
			'submit_responses'
		]);
	});

	test('anonymous callers read no table', async () => {
		const tables = await t.db.query<{ relname: string }>(
			`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`
		);
		expect(tables.length).toBeGreaterThan(10);
		for (const { relname } of tables) {
			await expect(
				asCaller(t.db, anon, (tx) => tx.query(`select * from public.${relname} limit 1`)),
				relname
			).rejects.toThrow(/permission denied/);
		}
	});

	test("anonymous callers can read an open round's questionnaire, without its IIT access code", async () => {
		const q = await callRpc<{
			round: Record<string, unknown>;
			framework: { instruments: { id: string }[] };
		}>(t.db, anon, 'get_questionnaire', { round_code: roundA });
		expect(q.round.iitAccessCode).toBe(true);
		expect(JSON.stringify(q)).not.toContain('code-a');
		expect(q.framework.instruments.map((i) => i.id)).toEqual(['iit', 'eit']);
		// Staff learn of a mistyped code before answering (check_iit_code, which counts
		// guesses); the code itself never leaves. The questionnaire, read-only, cannot count
		// them, so it no longer says.
		const viaQuestionnaire = await callRpc<{ round: { accessCodeValid: unknown } }>(
			t.db,
			anon,
			'get_questionnaire',
			{ round_code: roundA, access_code: 'code-a' }
		);
		expect(viaQuestionnaire.round.accessCodeValid).toBeNull();
		const check = (code: string) =>
			callRpc<{ valid: boolean }>(t.db, anon, 'check_iit_code', { round_code: roundA, code });
		expect((await check('guess')).valid).toBe(false);
		expect((await check('code-a')).valid).toBe(true);
		await expect(
			callRpc(t.db, anon, 'get_questionnaire', { round_code: 'nope-0000' })
		).rejects.toMatchObject({
			code: 'PT404',
			message: 'unknown_round',
			detail: '{"round": "nope-0000"}'
		});
	});

	test('anonymous callers cannot read results, load frameworks, recount or enter OIT scores', async () => {
		for (const [fn, args] of [
			['round_results', { round_code: roundA }],
			['load_framework', { definition: bma }],
			['recount_round', { round_code: roundA }],
			['set_oit_scores', { round_code: roundA, scores: { O1: 100 } }],
			['create_kiosk', { round_code: roundA, name: 'Tablet', pin_hash: pin }],
			['list_kiosks', { round_code: roundA }],
			['rename_kiosk', { kiosk_id: randomUUID(), name: 'x' }],
			['revoke_kiosk', { kiosk_id: randomUUID() }]
		] as const) {
			await expect(callRpc(t.db, anon, fn, args), fn).rejects.toThrow(/permission denied/);
		}
	});

	test('nobody but the service inserts responses directly: the submit function is the way in', async () => {
		for (const claims of [anon, officerA, central]) {
			await expect(
				asCaller(t.db, claims, (tx) =>
					tx.query(`insert into public.responses (response_id, round_id, instrument, channel, collected_on)
						select gen_random_uuid(), round_id, 'eit', 'link', current_date from public.rounds limit 1`)
				)
			).rejects.toThrow(/permission denied/);
		}
	});

	test("an officer reads their own agency's round and results, and not another agency's", async () => {
		const own = await callRpc<{ respondents: { eit: number } }>(t.db, officerA, 'round_results', {
			round_code: roundA
		});
		expect(own.respondents.eit).toBe(1);
		await expect(callRpc(t.db, officerA, 'round_results', { round_code: roundB })).rejects.toThrow(
			/^round_not_managed$/
		);
		await expect(callRpc(t.db, officerB, 'round_results', { round_code: roundA })).rejects.toThrow(
			/^round_not_managed$/
		);

		// Every row only through the functions, which check the agency and keep small groups
		// hidden: no table is readable directly by a signed-in caller, not even their own rows.
		for (const claims of [officerA, officerB, central]) {
			for (const table of ['rounds', 'responses', 'answers', 'answer_counts', 'agencies']) {
				await expect(
					asCaller(t.db, claims, (tx) => tx.query(`select * from public.${table} limit 1`)),
					table
				).rejects.toThrow(/permission denied/);
			}
		}
	});

	test('no API role holds any privilege of any kind on any table, as Supabase would grant by default', async () => {
		const held = await t.db.query<{ grant: string }>(
			`select format('%s %s %s', r, c.oid::regclass, p) as grant
			from pg_class c, unnest(array['anon', 'authenticated']) r,
				unnest(array['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']) p
			where c.relnamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
				and c.relkind in ('r', 'p', 'v', 'm') and has_table_privilege(r, c.oid, p)`
		);
		expect(held.map((h) => h.grant)).toEqual([]);
	});

	test('an officer enters OIT scores for their own agency only', async () => {
		expect(
			await callRpc(t.db, officerA, 'set_oit_scores', {
				round_code: roundA,
				scores: { O1: 100, O2: 50 }
			})
		).toBe(2);
		// Another agency's round reads as no round at all: same code, same message.
		const refusal = (round: string) =>
			callRpc(t.db, officerB, 'set_oit_scores', { round_code: round, scores: { O1: 0 } }).then(
				() => null,
				(e: { code?: string; message?: string }) => ({
					code: e.code,
					message: e.message?.replace(round, '<round>')
				})
			);
		const notYours = await refusal(roundA);
		expect(notYours).toEqual({ code: 'PT404', message: 'round_not_managed' });
		expect(await refusal('no-such-round-2567')).toEqual(notYours);
		await expect(
			callRpc(t.db, officerA, 'set_oit_scores', { round_code: roundA, scores: { O1: 100, O99: 1 } })
		).rejects.toMatchObject({ message: 'oit_item_unknown', hint: /O99 is not an OIT item/ });
		await expect(
			callRpc(t.db, officerA, 'set_oit_scores', { round_code: roundA, scores: { O1: 120 } })
		).rejects.toMatchObject({ message: 'oit_score_invalid', detail: '{"item": "O1"}' });
	});

	test('the officers’ screens’ one-call functions: signed-in staff and the service role, never anonymous', async () => {
		const grants = await t.db.query<{ name: string; anon: boolean; auth: boolean; svc: boolean }>(
			`select p.proname as name, has_function_privilege('anon', p.oid, 'execute') as anon,
				has_function_privilege('authenticated', p.oid, 'execute') as auth,
				has_function_privilege('service_role', p.oid, 'execute') as svc
			from pg_proc p where p.pronamespace = 'public'::regnamespace
				and p.proname in ('save_oit_table', 'list_frameworks', 'get_framework', 'set_oit_scores',
					'list_agencies')
			order by 1`
		);
		expect(grants).toEqual(
			['get_framework', 'list_agencies', 'list_frameworks', 'save_oit_table', 'set_oit_scores'].map(
				(name) => ({
					name,
					anon: false,
					auth: true,
					svc: true
				})
			)
		);
		// The account helpers are the server's alone (it owns the accounts table).
		const helpers = await t.db.query<{ name: string; callable: boolean }>(
			`select p.proname as name,
				has_function_privilege('anon', p.oid, 'execute')
				or has_function_privilege('authenticated', p.oid, 'execute')
				or has_function_privilege('service_role', p.oid, 'execute') as callable
			from pg_proc p where p.pronamespace = 'ita_private'::regnamespace
				and p.proname in ('delete_account', 'set_account_password', 'create_account', 'bad_oit_score')`
		);
		expect(helpers).toHaveLength(4);
		for (const h of helpers) expect(h, h.name).toMatchObject({ callable: false });
	});

	test("a central administrator reads every agency's results; the service role too", async () => {
		for (const claims of [central, service]) {
			for (const code of [roundA, roundB]) {
				const r = await callRpc<{ respondents: { eit: number } }>(t.db, claims, 'round_results', {
					round_code: code
				});
				expect(r.respondents.eit).toBe(1);
			}
		}
	});

	test("kiosks: an officer adds, lists, renames and revokes their own agency's only; central any", async () => {
		const made = await callRpc<{ kiosk: { id: string } }>(t.db, officerA, 'create_kiosk', {
			round_code: roundA,
			name: 'Entrance',
			pin_hash: pin
		});
		const id = made.kiosk.id;
		await expect(
			callRpc(t.db, officerB, 'create_kiosk', { round_code: roundA, name: 'x', pin_hash: pin })
		).rejects.toThrow(/^round_not_managed$/);
		await expect(callRpc(t.db, officerB, 'list_kiosks', { round_code: roundA })).rejects.toThrow(
			/^round_not_managed$/
		);
		await expect(
			callRpc(t.db, officerB, 'rename_kiosk', { kiosk_id: id, name: 'Mine now' })
		).rejects.toMatchObject({ code: 'PT404', message: 'kiosk_not_managed' });
		await expect(callRpc(t.db, officerB, 'revoke_kiosk', { kiosk_id: id })).rejects.toMatchObject({
			code: 'PT404',
			message: 'kiosk_not_managed'
		});
		expect(
			await callRpc<{ name: string }>(t.db, central, 'rename_kiosk', { kiosk_id: id, name: 'Door' })
		).toMatchObject({ name: 'Door' });
		const listed = await callRpc<{ id: string }[]>(t.db, officerA, 'list_kiosks', {
			round_code: roundA
		});
		expect(listed.map((k) => k.id)).toContain(id);
		// The table itself is read by no signed-in caller, the key and PIN hashes least of all.
		await expect(
			asCaller(t.db, officerA, (tx) => tx.query('select kiosk_id, name from public.kiosks'))
		).rejects.toThrow(/permission denied/);
		await expect(
			asCaller(t.db, officerA, (tx) => tx.query('select pin_hash from public.kiosks'))
		).rejects.toThrow(/permission denied/);
		await expect(
			asCaller(t.db, officerA, (tx) => tx.query('select device_key_hash from public.kiosks'))
		).rejects.toThrow(/permission denied/);
		const revoked = await callRpc<{ revokedAt: string | null }>(t.db, officerA, 'revoke_kiosk', {
			kiosk_id: id
		});
		expect(revoked.revokedAt).not.toBeNull();
	});

	test('a forged agency claim of the wrong shape grants nothing', async () => {
		const forged: Claims = {
			role: 'authenticated',
			app_metadata: { ita_role: 'officer', agency_id: "' or true --" }
		};
		await expect(callRpc(t.db, forged, 'round_results', { round_code: roundA })).rejects.toThrow(
			/^round_not_managed$/
		);
	});
});

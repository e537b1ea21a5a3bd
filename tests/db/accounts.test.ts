/**
 * What migration …0900 adds, on both engines: the OIT table saved in one call (all or
 * nothing), a saved OIT score removed, the framework list as an RPC (so that the
 * officers' screens work over PostgREST too), and the accounts screen's rules — a
 * password reset lifts a lock, and the last central administrator cannot be removed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OitItem } from '../../src/lib/admin/views.ts';
import {
	createAccount,
	deleteAccount,
	listAccounts,
	resetPassword,
	setAccountPaused,
	verifyLogin,
	LoginError,
	PausedError
} from '../../src/lib/server/auth/accounts.ts';
import { anon, asCaller, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { createRound } from '../support/fixtures.ts';

interface Failure {
	code?: string;
	message: string;
	hint?: string;
	/** The refusal's parameters: DETAIL, parsed. */
	detail?: Record<string, unknown>;
}

async function failure(call: Promise<unknown>): Promise<Failure> {
	try {
		await call;
	} catch (error) {
		const e = error as Omit<Failure, 'detail'> & { detail?: string };
		return {
			code: e.code,
			message: e.message,
			hint: e.hint,
			detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : undefined
		};
	}
	throw new Error('expected the call to be refused, and it succeeded');
}

describe.each(engines)('accounts and the OIT table on %s', (engine) => {
	let t: TestDatabase;
	let round: string;
	let officerA: Claims;
	let officerB: Claims;
	const central: Claims = {
		role: 'authenticated',
		sub: randomUUID(),
		app_metadata: { ita_role: 'central' }
	};
	const url = 'https://www.bangkok.go.th/bangrak/page/sub/21839';

	const oit = (claims: Claims = officerA) =>
		callRpc<OitItem[]>(t.db, claims, 'list_oit_scores', { round_code: round });
	const item = async (question: string) => (await oit()).find((i) => i.question === question)!;

	beforeAll(async () => {
		t = await freshDatabase(engine);
		round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		const ids = await t.db.query<{ code: string; agency_id: string }>(
			`select code, agency_id from public.agencies where code in ('bang-rak', 'samphanthawong')`
		);
		const idOf = (code: string) => ids.find((r) => r.code === code)!.agency_id;
		officerA = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: idOf('bang-rak') }
		};
		officerB = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: idOf('samphanthawong') }
		};
	});
	afterAll(() => t?.drop());

	test('the OIT table saves scores and evidence in one call, and a cleared cell removes what was saved', async () => {
		const saved = await callRpc<OitItem[]>(t.db, officerA, 'save_oit_table', {
			round_code: round,
			rows: [
				{ question: 'O1', score: 100, evidenceUrl: ` ${url} ` },
				{ question: 'o2', score: 50.5, evidenceUrl: null },
				{ question: 'O3', score: null, evidenceUrl: url }
			]
		});
		expect(saved.slice(0, 4)).toMatchObject([
			{ question: 'O1', score: 100, evidenceUrl: url },
			{ question: 'O2', score: 50.5, evidenceUrl: null },
			{ question: 'O3', score: null, evidenceUrl: url },
			{ question: 'O4', score: null, evidenceUrl: null }
		]);

		// The officer clears O1's score and O3's address; O2 is not in the rows and stays.
		await callRpc(t.db, officerA, 'save_oit_table', {
			round_code: round,
			rows: [
				{ question: 'O1', score: null, evidenceUrl: url },
				{ question: 'O3', score: null, evidenceUrl: '' }
			]
		});
		expect(await item('O1')).toMatchObject({ score: null, evidenceUrl: url });
		expect(await item('O2')).toMatchObject({ score: 50.5 });
		expect(await item('O3')).toMatchObject({ score: null, evidenceUrl: null });
		const results = await callRpc<{ questions: Record<string, { score: number | null }> }>(
			t.db,
			officerA,
			'round_results',
			{ round_code: round }
		);
		expect(results.questions.O1.score).toBeNull();
		expect(results.questions.O2.score).toBe(50.5);
	});

	test('bad rows refuse the whole table, each named with its row, item and cell, and nothing is saved', async () => {
		const before = await oit();
		const bad = await failure(
			callRpc(t.db, officerA, 'save_oit_table', {
				round_code: round,
				rows: [
					{ question: 'O5', score: 80, evidenceUrl: url },
					{ question: 'O6', score: 80, evidenceUrl: 'www.bangkok.go.th' }
				]
			})
		);
		expect(bad).toMatchObject({ code: '22023', message: 'oit_scores_invalid' });
		expect(bad.detail).toEqual({
			problems: [{ code: 'oit_evidence_url_invalid', row: 2, item: 'O6', field: 'url-O6' }]
		});

		// Every bad cell at once, so that one round trip marks them all.
		const several = await failure(
			callRpc(t.db, officerA, 'save_oit_table', {
				round_code: round,
				rows: [
					{ question: 'O7', score: 101, evidenceUrl: 'not a link' },
					{ question: 'O8', score: '80' },
					{ question: 'O99', score: 1 },
					{ question: 'o7' },
					{ question: 'O9', note: 'x' },
					'O10'
				]
			})
		);
		expect(several).toMatchObject({ code: '22023', message: 'oit_scores_invalid' });
		expect(several.detail?.problems).toEqual([
			{ code: 'oit_score_invalid', row: 1, item: 'O7', field: 'score-O7' },
			{ code: 'oit_evidence_url_invalid', row: 1, item: 'O7', field: 'url-O7' },
			{ code: 'oit_score_invalid', row: 2, item: 'O8', field: 'score-O8' },
			{ code: 'oit_item_unknown', row: 3, item: 'O99', framework: 'bma-2567' },
			{ code: 'oit_item_twice', row: 4, item: 'O7' },
			{ code: 'oit_row_key_unknown', row: 5, key: 'note' },
			{ code: 'oit_row_invalid', row: 6 }
		]);
		const notRows = await failure(
			callRpc(t.db, officerA, 'save_oit_table', { round_code: round, rows: { O7: 1 } })
		);
		expect(notRows).toMatchObject({ code: '22023', message: 'oit_table_not_array' });
		expect(await oit()).toEqual(before);
	});

	test("another agency's officer cannot save or even find the round's OIT table; anonymous cannot call it", async () => {
		const before = await oit();
		const f = await failure(
			callRpc(t.db, officerB, 'save_oit_table', {
				round_code: round,
				rows: [{ question: 'O1', score: 0 }]
			})
		);
		expect(f.code).toBe('PT404');
		await expect(
			callRpc(t.db, anon, 'save_oit_table', { round_code: round, rows: [] })
		).rejects.toThrow(/permission denied/);
		expect(await oit()).toEqual(before);
		// A central administrator may.
		await callRpc(t.db, central, 'save_oit_table', {
			round_code: round,
			rows: [{ question: 'O9', score: 75, evidenceUrl: null }]
		});
		expect(await item('O9')).toMatchObject({ score: 75 });
	});

	test('set_oit_scores removes a saved score given null, keeping its evidence address', async () => {
		await callRpc(t.db, officerA, 'save_oit_table', {
			round_code: round,
			rows: [
				{ question: 'O10', score: 90, evidenceUrl: url },
				{ question: 'O11', score: 60, evidenceUrl: null }
			]
		});
		expect(
			await callRpc(t.db, officerA, 'set_oit_scores', {
				round_code: round,
				scores: { O10: null, O11: null, O12: 40 }
			})
		).toBe(3);
		expect(await item('O10')).toMatchObject({ score: null, evidenceUrl: url });
		expect(await item('O11')).toMatchObject({ score: null, evidenceUrl: null });
		expect(await item('O12')).toMatchObject({ score: 40 });
		const [{ n }] = await t.db.query<{ n: number }>(
			`select count(*)::int as n from public.oit_scores o join public.rounds r using (round_id)
			where r.code = $1 and o.question_id = 'O11'`,
			[round]
		);
		expect(n).toBe(0);
		const f = await failure(
			callRpc(t.db, officerA, 'set_oit_scores', { round_code: round, scores: { O12: 'x' } })
		);
		expect(f).toMatchObject({ message: 'oit_score_invalid', detail: { item: 'O12' } });
		expect(f.hint).toMatch(/the score of O12 must be a number from 0 to 100 .* or null/);
		expect(await item('O12')).toMatchObject({ score: 40 });
	});

	test('signed-in staff list the framework versions, newest first; anonymous callers cannot', async () => {
		const list = await callRpc<{ id: string; fiscalYears: number[]; title: { th: string } }[]>(
			t.db,
			officerA,
			'list_frameworks'
		);
		expect(list.map((f) => f.id)).toEqual(['bma-2567', 'nacc-2565']);
		expect(list[0].fiscalYears).toEqual([2024, 2025]); // Gregorian: FY2567–2568
		expect(list[0].title.th).toBeTruthy();
		expect(await callRpc(t.db, service, 'list_frameworks')).toEqual(list);
		await expect(callRpc(t.db, anon, 'list_frameworks')).rejects.toThrow(/permission denied/);

		const bma = await callRpc<{ id: string }>(t.db, officerA, 'get_framework', {
			framework_id: 'bma-2567'
		});
		expect(bma.id).toBe('bma-2567');
		expect(
			await failure(callRpc(t.db, officerA, 'get_framework', { framework_id: 'x' }))
		).toMatchObject({ code: 'PT404', message: 'framework_unknown', detail: { framework: 'x' } });
		await expect(
			callRpc(t.db, anon, 'get_framework', { framework_id: 'bma-2567' })
		).rejects.toThrow(/permission denied/);
	});

	test('the last central administrator cannot be removed; nobody removes their own account', async () => {
		const first = await createAccount(t.db, {
			email: 'admin@bangkok.go.th',
			password: 'ศาลาว่าการ-กทม-2570',
			role: 'central'
		});
		const officer = await createAccount(t.db, {
			email: 'somchai@bangrak.go.th',
			password: 'ตึกใบหยก-บางรัก-2570',
			role: 'officer',
			agencyCode: 'bang-rak'
		});
		const own = await failure(deleteAccount(t.db, first.id, first.id));
		expect(own).toMatchObject({ code: '22023', message: 'account_remove_own' });

		const second = await createAccount(t.db, {
			email: 'deputy@bangkok.go.th',
			password: 'ศาลาว่าการ-กทม-2571',
			role: 'central'
		});
		expect(await deleteAccount(t.db, first.id, second.id)).toBe('admin@bangkok.go.th');
		// The deputy is now the only one: nobody (here, a forged remover) removes them.
		const last = await failure(deleteAccount(t.db, second.id, randomUUID()));
		expect(last).toMatchObject({
			code: '55000',
			message: 'account_last_central',
			detail: { email: 'deputy@bangkok.go.th' }
		});
		expect(last.hint).toBe(
			'deputy@bangkok.go.th is the last central administrator: add another central administrator first'
		);
		expect(await failure(deleteAccount(t.db, first.id, second.id))).toMatchObject({
			code: 'PT404',
			message: 'account_unknown'
		});

		expect(await deleteAccount(t.db, officer.id, second.id)).toBe('somchai@bangrak.go.th');
		expect((await listAccounts(t.db)).map((a) => a.email)).toEqual(['deputy@bangkok.go.th']);
	});

	test('a paused account cannot sign in until resumed; nobody pauses their own account or the last central administrator', async () => {
		const boss = await createAccount(t.db, {
			email: 'boss@bangkok.go.th',
			password: 'ศาลาว่าการ-กทม-2572',
			role: 'central'
		});
		const officer = await createAccount(t.db, {
			email: 'malee@bangrak.go.th',
			password: 'ตึกใบหยก-บางรัก-2572',
			role: 'officer',
			agencyCode: 'bang-rak'
		});
		const signIn = () => verifyLogin(t.db, 'malee@bangrak.go.th', 'ตึกใบหยก-บางรัก-2572');
		expect(await setAccountPaused(t.db, officer.id, true, boss.id)).toBe('malee@bangrak.go.th');
		const listed = (await listAccounts(t.db)).find((a) => a.id === officer.id);
		expect(listed?.pausedAt).toBeInstanceOf(Date);
		await expect(signIn()).rejects.toBeInstanceOf(LoginError);
		expect(await setAccountPaused(t.db, officer.id, false, boss.id)).toBe('malee@bangrak.go.th');
		expect((await listAccounts(t.db)).find((a) => a.id === officer.id)?.pausedAt).toBeNull();
		expect((await signIn()).email).toBe('malee@bangrak.go.th');

		expect(await failure(setAccountPaused(t.db, boss.id, true, boss.id))).toMatchObject({
			code: '22023',
			message: 'account_pause_own'
		});
		// Every other central administrator paused or gone: the last one who can sign in stays.
		const others = (await listAccounts(t.db)).filter(
			(a) => a.role === 'central' && a.id !== boss.id && a.pausedAt === null
		);
		for (const other of others) await setAccountPaused(t.db, other.id, true, boss.id);
		expect(await failure(setAccountPaused(t.db, boss.id, true, officer.id))).toMatchObject({
			code: '22023',
			message: 'last_central_admin_pause',
			detail: { email: 'boss@bangkok.go.th' }
		});
		for (const other of others) await setAccountPaused(t.db, other.id, false, boss.id);
		expect(await failure(setAccountPaused(t.db, randomUUID(), true, boss.id))).toMatchObject({
			code: 'PT404',
			message: 'account_unknown'
		});
	});

	test('a password reset replaces the password and lifts a lock after failed sign-ins', async () => {
		const account = await createAccount(t.db, {
			email: 'somsri@samphanthawong.go.th',
			password: 'เยาวราช-สัมพันธวงศ์-2570',
			role: 'officer',
			agencyCode: 'samphanthawong'
		});
		const now = new Date();
		for (let i = 0; i < 4; i++) {
			await expect(verifyLogin(t.db, account.email, 'wrong-password-x', now)).rejects.toThrow(
				LoginError
			);
		}
		// The fifth pauses signing in, and says so; the right password waits too.
		await expect(verifyLogin(t.db, account.email, 'wrong-password-x', now)).rejects.toThrow(
			PausedError
		);
		await expect(verifyLogin(t.db, account.email, 'เยาวราช-สัมพันธวงศ์-2570', now)).rejects.toThrow(
			PausedError
		);

		await expect(resetPassword(t.db, account.id, 'short')).rejects.toThrow(/at least 10/);
		expect(await resetPassword(t.db, account.id, 'ถนนเยาวราช-ใหม่-2570')).toBe(account.email);
		expect((await verifyLogin(t.db, account.email, 'ถนนเยาวราช-ใหม่-2570', now)).id).toBe(
			account.id
		);
		await expect(verifyLogin(t.db, account.email, 'เยาวราช-สัมพันธวงศ์-2570', now)).rejects.toThrow(
			LoginError
		);
		expect((await failure(resetPassword(t.db, randomUUID(), 'ถนนเยาวราช-ใหม่-2570'))).code).toBe(
			'PT404'
		);
	});

	test('no API role reaches the account helpers', async () => {
		for (const claims of [anon, officerA, central, service]) {
			for (const sql of [
				`select ita_private.delete_account(gen_random_uuid(), gen_random_uuid())`,
				`select ita_private.set_account_password(gen_random_uuid(), 'scrypt$1$1$1$a$b')`
			]) {
				await expect(
					asCaller(t.db, claims, (tx) => tx.query(sql)),
					`${claims.role}: ${sql}`
				).rejects.toThrow(/permission denied/);
			}
		}
	});
});

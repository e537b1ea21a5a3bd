/**
 * Local accounts on both engines: creating them, signing in, and the limit on failed
 * attempts. Every failure reads the same, so that nobody learns which emails exist.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engines, freshDatabase, type TestDatabase } from '../../../../tests/support/databases.ts';
import { callRpc } from '../db/rpc.ts';
import {
	AccountError,
	changeOwnPassword,
	createAccount,
	findAccount,
	hasAnyAccount,
	listAccounts,
	LoginError,
	PasswordChangeRefused,
	PausedError,
	verifyLogin,
	type NewAccount,
	type SignInOrigin
} from './accounts.ts';
import { issueSession, readSession } from './session.ts';

const password = 'ตึกใบหยก-2568';
const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

/** What the sign-in screen would show for this attempt. */
async function attempt(t: TestDatabase, email: string, pw: string, at: Date): Promise<string> {
	try {
		const account = await verifyLogin(t.db, email, pw, at);
		return `signed in as ${account.email}`;
	} catch (error) {
		if (error instanceof PausedError) return `paused ${error.minutes} min`;
		if (error instanceof LoginError) return `${error.th} / ${error.message}`;
		throw error;
	}
}

/** The same, from a known client address (as the sign-in screen calls it). */
async function attemptFrom(
	t: TestDatabase,
	email: string,
	pw: string,
	at: Date,
	origin: SignInOrigin
): Promise<string> {
	try {
		const account = await verifyLogin(t.db, email, pw, at, origin);
		return `signed in as ${account.email}`;
	} catch (error) {
		if (error instanceof PausedError) return `paused ${error.minutes} min`;
		if (error instanceof LoginError) return `${error.th} / ${error.message}`;
		throw error;
	}
}

async function refusal(input: NewAccount, db: TestDatabase['db']): Promise<AccountError> {
	try {
		await createAccount(db, input);
	} catch (error) {
		if (error instanceof AccountError) return error;
		throw error;
	}
	throw new Error('expected the account to be refused');
}

describe.each(engines)('local accounts on %s', (engine) => {
	let t: TestDatabase;
	const wrong = 'อีเมลหรือรหัสผ่านไม่ถูกต้อง / Wrong email or password';

	beforeAll(async () => {
		t = await freshDatabase(engine);
	});
	afterAll(() => t?.drop());

	test('a new server has no account, so the set-up screen is due; the first account ends that', async () => {
		expect(await hasAnyAccount(t.db)).toBe(false);
		const admin = await createAccount(t.db, {
			email: ' Admin@BMA.go.th ',
			password,
			role: 'central'
		});
		expect(admin).toMatchObject({ email: 'admin@bma.go.th', role: 'central', agencyId: null });
		expect(await hasAnyAccount(t.db)).toBe(true);
	});

	test('an account needs a real email, 10 characters of password, a fresh email, and an officer an agency', async () => {
		const cases: [NewAccount, string, RegExp][] = [
			[{ email: 'somchai', password, role: 'central' }, 'invalid_email', /email address/],
			[
				{ email: 'a@bangrak.go.th', password: 'short-pw', role: 'officer', agencyCode: 'bang-rak' },
				'password_too_short',
				/^A password has at least 10 characters; this one has 8\.$/
			],
			[
				{ email: 'a@bangrak.go.th', password, role: 'officer' },
				'agency_required',
				/An officer belongs to an agency/
			],
			[
				{ email: 'a@bangrak.go.th', password, role: 'officer', agencyCode: 'bangrak' },
				'unknown_agency',
				/^No agency has the code bangrak/
			],
			[
				{ email: 'a@bma.go.th', password, role: 'central', agencyCode: 'bang-rak' },
				'agency_not_allowed',
				/belongs to none/
			],
			[
				{ email: 'ADMIN@bma.go.th', password, role: 'central' },
				'email_taken',
				/^There already is an account with the email admin@bma\.go\.th\.$/
			]
		];
		for (const [input, code, message] of cases) {
			const e = await refusal(input, t.db);
			expect(e.code, input.email).toBe(code);
			expect(e.message, input.email).toMatch(message);
		}
		expect((await listAccounts(t.db)).map((a) => a.email)).toEqual(['admin@bma.go.th']);
	});

	test('a wrong password and an unknown email get the very same answer', async () => {
		await createAccount(t.db, {
			email: 'somchai@bangrak.go.th',
			password,
			role: 'officer',
			agencyCode: 'bang-rak'
		});
		const now = new Date();
		const wrongPassword = await attempt(t, 'somchai@bangrak.go.th', 'ตึกใบหยก-2567', now);
		const unknownEmail = await attempt(t, 'somsri@bangrak.go.th', password, now);
		expect(wrongPassword).toBe(wrong);
		expect(unknownEmail).toBe(wrongPassword);
		// The email is matched whatever its case; the password exactly.
		expect(await attempt(t, 'SomChai@BangRak.go.th', password, now)).toBe(
			'signed in as somchai@bangrak.go.th'
		);
		expect(await attempt(t, 'somchai@bangrak.go.th', password.toUpperCase() + 'X', now)).toBe(
			wrong
		);
	});

	test('five wrong passwords within 15 minutes lock the account for 15 minutes', async () => {
		const email = 'somying@bangrak.go.th';
		await createAccount(t.db, { email, password, role: 'officer', agencyCode: 'bang-rak' });
		const start = new Date('2026-11-23T02:00:00Z');
		for (let i = 0; i < 4; i++) {
			expect(await attempt(t, email, `guess-number-${i}`, minutes(start, i))).toBe(wrong);
		}
		// The fifth pauses signing in, and the answer says so and for how long.
		expect(await attempt(t, email, 'guess-number-4', minutes(start, 4))).toBe('paused 15 min');
		// Paused: the right password is refused too, saying when to try again.
		expect(await attempt(t, email, password, minutes(start, 5))).toBe('paused 14 min');
		expect(await attempt(t, email, password, minutes(start, 18))).toBe('paused 1 min');
		const locked = (await listAccounts(t.db)).find((a) => a.email === email)!;
		expect(locked.lockedUntil?.toISOString()).toBe(minutes(start, 19).toISOString());
		// 15 minutes after the fifth failure, it opens again.
		expect(await attempt(t, email, password, minutes(start, 19))).toBe(`signed in as ${email}`);
	});

	test('failures spread out, or broken by a success, do not lock anyone out', async () => {
		const email = 'sompong@bangrak.go.th';
		await createAccount(t.db, { email, password, role: 'officer', agencyCode: 'bang-rak' });
		const start = new Date('2026-11-23T03:00:00Z');
		// Four slips, a success, four more: never five in a row.
		for (let i = 0; i < 4; i++) await attempt(t, email, 'typo-typo-typo', minutes(start, i));
		expect(await attempt(t, email, password, minutes(start, 4))).toBe(`signed in as ${email}`);
		for (let i = 5; i < 9; i++) await attempt(t, email, 'typo-typo-typo', minutes(start, i));
		expect(await attempt(t, email, password, minutes(start, 9))).toBe(`signed in as ${email}`);
		// One failure every ten minutes: never five within 15 minutes.
		for (let i = 0; i < 6; i++)
			await attempt(t, email, 'typo-typo-typo', minutes(start, 20 + 10 * i));
		expect(await attempt(t, email, password, minutes(start, 81))).toBe(`signed in as ${email}`);
	});

	test('stored hashes are not the password, and the same password hashes differently per account', async () => {
		await createAccount(t.db, {
			email: 'twin-1@samphanthawong.go.th',
			password,
			role: 'officer',
			agencyCode: 'samphanthawong'
		});
		await createAccount(t.db, {
			email: 'twin-2@samphanthawong.go.th',
			password,
			role: 'officer',
			agencyCode: 'samphanthawong'
		});
		const rows = await t.db.query<{ password_hash: string }>(
			`select password_hash from ita_private.accounts where email like 'twin-%' order by email`
		);
		expect(rows).toHaveLength(2);
		for (const { password_hash } of rows) {
			// At the tests' cost here; password.test.ts checks the production cost.
			expect(password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
			expect(password_hash).not.toContain(password);
			expect(password_hash).not.toContain(Buffer.from(password).toString('base64url'));
		}
		expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
	});

	test("a signed-in officer's session reaches their own agency through the database, and only it", async () => {
		const secret = randomBytes(32);
		const account = await verifyLogin(t.db, 'somchai@bangrak.go.th', password);
		const claims = await readSession(secret, await issueSession(secret, account));
		expect(claims).not.toBeNull();
		const agencies = await callRpc<{ code: string }[]>(t.db, claims!, 'list_agencies');
		expect(agencies.map((a) => a.code)).toEqual(['bang-rak']);
		expect(await findAccount(t.db, claims!.sub)).toEqual(account);
		expect(await findAccount(t.db, 'not-an-id')).toBeNull();
	});

	test('from a known address, a pause reads the same for an email with an account and one without', async () => {
		const origin = { address: '203.0.113.40', secret: randomBytes(32) };
		const email = 'somjit@bangrak.go.th';
		await createAccount(t.db, { email, password, role: 'officer', agencyCode: 'bang-rak' });
		const start = new Date('2026-11-24T02:00:00Z');
		const tries = async (who: string) => {
			const seen: string[] = [];
			for (let i = 0; i < 6; i++) {
				seen.push(await attemptFrom(t, who, `guess-${i}-xxxxx`, minutes(start, i), origin));
			}
			// The right password (for the account) during the pause.
			seen.push(await attemptFrom(t, who, password, minutes(start, 6), origin));
			return seen;
		};
		const known = await tries(email);
		const unknown = await tries('nobody-here@bangrak.go.th');
		expect(known).toEqual([
			wrong,
			wrong,
			wrong,
			wrong,
			'paused 15 min',
			'paused 14 min',
			'paused 13 min'
		]);
		expect(unknown).toEqual(known);
		// From another address, the officer signs in.
		expect(
			await attemptFrom(t, email, password, minutes(start, 7), {
				...origin,
				address: '198.51.100.8'
			})
		).toBe(`signed in as ${email}`);
	});

	test('an officer changes their own password: every problem at once, then the new one works, the old one not, and older sessions end', async () => {
		const email = 'somkiat@bangrak.go.th';
		const account = await createAccount(t.db, {
			email,
			password,
			role: 'officer',
			agencyCode: 'bang-rak'
		});
		const before = (await findAccount(t.db, account.id))!.sessionEpoch;
		const refused = await changeOwnPassword(t.db, account.id, {
			current: 'not-my-password',
			next: 'short',
			confirm: 'shorter'
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(PasswordChangeRefused);
		expect((refused as PasswordChangeRefused).issues).toEqual([
			{ field: 'currentPassword', code: 'password_current_wrong' },
			{
				field: 'newPassword',
				code: 'password_too_short',
				params: { min: 10, max: 1024, count: 5 }
			},
			{ field: 'confirmPassword', code: 'password_confirm_mismatch' }
		]);
		const same = await changeOwnPassword(t.db, account.id, {
			current: password,
			next: password,
			confirm: password
		}).catch((e: unknown) => e);
		expect((same as PasswordChangeRefused).issues).toEqual([
			{ field: 'newPassword', code: 'password_same_as_current' }
		]);

		const next = 'ถนนสีลม-บางรัก-2571';
		const changed = await changeOwnPassword(t.db, account.id, {
			current: password,
			next,
			confirm: next
		});
		expect(changed.sessionEpoch).toBe((before ?? 0) + 1);
		expect(await attempt(t, email, next, new Date())).toBe(`signed in as ${email}`);
		expect(await attempt(t, email, password, new Date())).toBe(wrong);
		// A token from before the change no longer passes the database's check.
		const secret = randomBytes(32);
		const old = await readSession(
			secret,
			await issueSession(secret, { ...account, sessionEpoch: before })
		);
		await expect(callRpc(t.db, old!, 'list_agencies')).rejects.toThrow();
		const fresh = await readSession(secret, await issueSession(secret, changed));
		expect(
			(await callRpc<{ code: string }[]>(t.db, fresh!, 'list_agencies')).map((a) => a.code)
		).toEqual(['bang-rak']);
	});
});

/**
 * Local accounts of the embedded deployment: officers and central administrators who
 * sign in to this server. (On Supabase, Supabase Auth signs people in instead; the
 * database sees JWT claims of the same shape either way.)
 *
 * The accounts live in `ita_private.accounts`, which no API role can reach; these
 * functions use the server's own connection, as the table's owner. Passwords are
 * hashed here (./password.ts), never sent to the database.
 */
import {
	emailProblem,
	normaliseEmail,
	passwordProblem,
	MAX_EMAIL_LENGTH,
	MAX_PASSWORD_LENGTH
} from '../../admin/account-rules.ts';
import { createHmac } from 'node:crypto';
import type { Sql } from '../db/client.ts';
import { normalAddress } from '../client-address.ts';
import { hashPassword, verifyPassword } from './password.ts';

export type ItaRole = 'officer' | 'central';

export interface Account {
	id: string;
	email: string;
	role: ItaRole;
	/** The officer's agency; null for a central administrator. */
	agencyId: string | null;
	agencyCode: string | null;
}

export interface AccountSummary extends Account {
	createdAt: Date;
	lockedUntil: Date | null;
	lastLoginAt: Date | null;
}

export interface NewAccount {
	email: string;
	password: string;
	role: ItaRole;
	/** Required for an officer, refused for a central administrator. */
	agencyCode?: string | null;
}

export type AccountErrorCode =
	| 'invalid_email'
	| 'password_too_short'
	| 'password_too_long'
	| 'invalid_role'
	| 'agency_required'
	| 'agency_not_allowed'
	| 'unknown_agency'
	| 'email_taken';

/** Why an account could not be created, in words a person can act on. */
export class AccountError extends Error {
	constructor(
		readonly code: AccountErrorCode,
		message: string
	) {
		super(message);
		this.name = 'AccountError';
	}
}

/**
 * A failed sign-in, whatever the reason: unknown email, wrong password or an account
 * locked after too many failures all read the same, so that the answer never tells
 * which emails have accounts. The hint says why a right password may still fail.
 */
export class LoginError extends Error {
	readonly th = 'อีเมลหรือรหัสผ่านไม่ถูกต้อง';
	readonly hint = {
		en: 'After 5 failed attempts within 15 minutes, signing in is paused for 15 minutes: try again later.',
		th: 'หากใส่ผิด 5 ครั้งภายใน 15 นาที ระบบจะระงับการเข้าสู่ระบบ 15 นาที โปรดลองใหม่ภายหลัง'
	};
	constructor() {
		super('Wrong email or password');
		this.name = 'LoginError';
	}
}

/**
 * Failed sign-ins allowed within `seriesMinutes` before the account is locked for
 * `lockMinutes` — from one client address when the address is known (so that nobody can
 * lock an officer out from elsewhere), for the account as a whole otherwise.
 */
export const loginLimits = { maxFailures: 5, seriesMinutes: 15, lockMinutes: 15 } as const;

/** Failed sign-ins of one client address, whatever the accounts, before it waits. */
export const addressLimits = { maxFailures: 20, seriesMinutes: 15, lockMinutes: 15 } as const;

/**
 * Failed sign-ins of one account from all addresses together before it is locked for
 * everyone: guessing spread over many addresses (when the address is known).
 */
export const accountWideLimits = { maxFailures: 50, seriesMinutes: 15, lockMinutes: 15 } as const;

/**
 * Too many failed sign-ins from the caller's address: it waits. Says so plainly — it
 * tells nothing about any account.
 */
export class ThrottledError extends Error {
	readonly th = 'มีการเข้าสู่ระบบไม่สำเร็จจากเครือข่ายนี้หลายครั้งเกินไป โปรดลองใหม่ภายหลัง';
	readonly retryAfterSeconds: number;
	constructor(
		readonly until: Date,
		now: Date = new Date()
	) {
		super('Too many failed sign-ins from this network: try again later');
		this.name = 'ThrottledError';
		this.retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
	}
}

/** Where a sign-in comes from, for the throttles: the client address and a key to hash it with. */
export interface SignInOrigin {
	address: string;
	/** Secret of this server: the throttles keep an address only as its HMAC. */
	secret: Uint8Array;
}

function addressDigest(origin: SignInOrigin): string {
	return createHmac('sha256', origin.secret)
		.update(`sign-in:${normalAddress(origin.address)}`)
		.digest('base64url');
}

async function lockedUntil(db: Sql, key: string, now: Date): Promise<Date | null> {
	const [row] = await db.query<{ until: string | null }>(
		`select to_json(ita_private.sign_in_locked_until($1, $2::timestamptz)) #>> '{}' as until`,
		[key, now.toISOString()]
	);
	return row?.until ? new Date(row.until) : null;
}

async function recordFailure(
	db: Sql,
	keys: string[],
	now: Date,
	limits: { maxFailures: number; seriesMinutes: number; lockMinutes: number }
): Promise<void> {
	await db.query(
		`select ita_private.record_sign_in_failure($1::text[], $2::timestamptz, $3::int,
			$4::int * interval '1 minute', $5::int * interval '1 minute')`,
		[keys, now.toISOString(), limits.maxFailures, limits.seriesMinutes, limits.lockMinutes]
	);
}

/**
 * Compared against when there is no account or it is locked, so that every attempt
 * costs one scrypt and the time taken does not tell whether the email has an account.
 * The hash of a random password nobody knows.
 */
const decoyHash =
	'scrypt$32768$8$3$I9MjBzzaq3X9VnLHmiPy-Q$41KYbw9gK2cI_Bi2yNaebNDYJqM3LcACS0h694KFgjs';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccountRow {
	account_id: string;
	email: string;
	ita_role: ItaRole;
	agency_id: string | null;
	agency_code: string | null;
	[column: string]: unknown;
}

function toAccount(row: AccountRow): Account {
	return {
		id: row.account_id,
		email: row.email,
		role: row.ita_role,
		agencyId: row.agency_id,
		agencyCode: row.agency_code
	};
}

function toDate(value: unknown): Date | null {
	return value === null || value === undefined ? null : new Date(value as string);
}

/** A SQLSTATE and message from either engine's error, or null for any other error. */
function sqlError(error: unknown): { code: string; message: string } | null {
	if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
		return { code: (error as unknown as { code: string }).code, message: error.message };
	}
	return null;
}

/**
 * Creates an account and returns it. The email is kept trimmed and lower-cased; the
 * password must have at least 10 characters; an officer needs the code of an existing
 * agency, a central administrator takes none. Throws AccountError otherwise.
 */
export async function createAccount(db: Sql, input: NewAccount): Promise<Account> {
	const email = normaliseEmail(input.email);
	const badEmail = emailProblem(email);
	if (badEmail) throw new AccountError(badEmail.code, badEmail.en);
	const badPassword = passwordProblem(input.password);
	if (badPassword) throw new AccountError(badPassword.code, badPassword.en);
	if (input.role !== 'officer' && input.role !== 'central') {
		throw new AccountError(
			'invalid_role',
			`The role is officer (one agency) or central (every agency), not ${String(input.role)}.`
		);
	}
	const agencyCode = input.agencyCode?.trim() || null;
	if (input.role === 'officer' && !agencyCode) {
		throw new AccountError(
			'agency_required',
			"An officer belongs to an agency: give the agency's code, like bang-rak."
		);
	}
	if (input.role === 'central' && agencyCode) {
		throw new AccountError(
			'agency_not_allowed',
			'A central administrator sees every agency and belongs to none: leave out the agency.'
		);
	}

	const hash = await hashPassword(input.password);
	let id: string;
	try {
		[{ id }] = await db.query<{ id: string }>(
			'select ita_private.create_account($1, $2, $3, $4) as id',
			[email, hash, input.role, agencyCode]
		);
	} catch (error) {
		const e = sqlError(error);
		if (e?.code === '23505') {
			throw new AccountError('email_taken', `There already is an account with the email ${email}.`);
		}
		if (e?.code === 'PT404') {
			throw new AccountError(
				'unknown_agency',
				`No agency has the code ${agencyCode}; district offices have codes like bang-rak or wang-thonglang.`
			);
		}
		throw error;
	}
	const account = await findAccount(db, id);
	if (!account) throw new Error(`account ${id} vanished just after it was created`);
	return account;
}

/**
 * Checks an email and password at `now`; returns the account, or throws LoginError with
 * the same message whatever went wrong. The 5th failure within 15 minutes locks the
 * account for 15 minutes, during which even the right password is refused; a success
 * starts the count again. With `origin` (the routes pass the client's address), that
 * lock holds for the failing address only — the account locks for everyone after 50 —
 * and an address with 20 failures within 15 minutes, whatever the accounts, waits 15
 * minutes (ThrottledError).
 */
export async function verifyLogin(
	db: Sql,
	email: string,
	password: string,
	now: Date = new Date(),
	origin?: SignInOrigin
): Promise<Account> {
	const address = origin ? addressDigest(origin) : null;
	const addressKey = address ? `address:${address}` : null;
	if (addressKey) {
		const until = await lockedUntil(db, addressKey, now);
		if (until) {
			// The same scrypt as every other path.
			await verifyPassword(password.slice(0, 2 * MAX_PASSWORD_LENGTH), decoyHash);
			throw new ThrottledError(until, now);
		}
	}
	const normalised = normaliseEmail(email);
	// A character may take two UTF-16 units; anything longer was never a valid password.
	const plausible =
		normalised.length <= MAX_EMAIL_LENGTH && password.length <= 2 * MAX_PASSWORD_LENGTH;
	const [row] = plausible
		? await db.query<AccountRow & { password_hash: string; locked: boolean }>(
				`select account_id, email, password_hash, ita_role, agency_id, agency_code,
					coalesce(locked_until > $2::timestamptz, false) as locked
				from ita_private.account_for_login($1)`,
				[normalised, now.toISOString()]
			)
		: [];
	const pairKey = row && address ? `account:${row.account_id}:${address}` : null;
	const pairLocked = pairKey ? (await lockedUntil(db, pairKey, now)) !== null : false;
	const usable = row !== undefined && !row.locked && !pairLocked;
	// Exactly one scrypt on every path, so the time taken tells nothing either.
	const matches = await verifyPassword(
		plausible ? password : '',
		usable ? row.password_hash : decoyHash
	);
	if (addressKey && !(usable && matches)) {
		await recordFailure(db, [addressKey], now, addressLimits);
	}
	if (!usable) throw new LoginError();
	if (!matches && pairKey) {
		// Known address: this account is locked for this address only at loginLimits, and
		// for everyone at the much higher accountWideLimits.
		await recordFailure(db, [pairKey], now, loginLimits);
		await db.query(
			`select ita_private.record_login_failure($1::uuid, $2::timestamptz, $3::int,
				$4::int * interval '1 minute', $5::int * interval '1 minute')`,
			[
				row.account_id,
				now.toISOString(),
				accountWideLimits.maxFailures,
				accountWideLimits.seriesMinutes,
				accountWideLimits.lockMinutes
			]
		);
		throw new LoginError();
	}
	if (!matches) {
		await db.query(
			`select ita_private.record_login_failure($1::uuid, $2::timestamptz, $3::int,
				$4::int * interval '1 minute', $5::int * interval '1 minute')`,
			[
				row.account_id,
				now.toISOString(),
				loginLimits.maxFailures,
				loginLimits.seriesMinutes,
				loginLimits.lockMinutes
			]
		);
		throw new LoginError();
	}
	await db.query('select ita_private.record_login_success($1::uuid, $2::timestamptz)', [
		row.account_id,
		now.toISOString()
	]);
	return toAccount(row);
}

/** Whether any account exists; none means the first-run set-up screen is due. */
export async function hasAnyAccount(db: Sql): Promise<boolean> {
	const [{ any }] = await db.query<{ any: boolean }>('select ita_private.has_any_account() as any');
	return any;
}

/** The account with this id, or null (deleted since, or not an id at all). */
export async function findAccount(db: Sql, id: string): Promise<Account | null> {
	if (!uuid.test(id)) return null;
	const [row] = await db.query<AccountRow>(
		'select account_id, email, ita_role, agency_id, agency_code from ita_private.account_by_id($1::uuid)',
		[id]
	);
	return row ? toAccount(row) : null;
}

/** Every account, by email, without password hashes. */
export async function listAccounts(db: Sql): Promise<AccountSummary[]> {
	// Times as JSON text, which both engines hand over the same way.
	const rows = await db.query<AccountRow>(
		`select account_id, email, ita_role, agency_id, agency_code,
			to_json(created_at) #>> '{}' as created_at, to_json(locked_until) #>> '{}' as locked_until,
			to_json(last_login_at) #>> '{}' as last_login_at
		from ita_private.list_accounts()`
	);
	return rows.map((row) => ({
		...toAccount(row),
		createdAt: toDate(row.created_at)!,
		lockedUntil: toDate(row.locked_until),
		lastLoginAt: toDate(row.last_login_at)
	}));
}

/**
 * Removes an account on behalf of `removedBy` (a central administrator, checked by the
 * caller). The database refuses, with a message a person can act on: an account that is
 * not there (PT404), one's own (22023) and the last central administrator (55000).
 * Returns the removed account's email.
 */
export async function deleteAccount(db: Sql, id: string, removedBy: string): Promise<string> {
	if (!uuid.test(id)) throw Object.assign(new Error('account_unknown'), { code: 'PT404' });
	const [{ email }] = await db.query<{ email: string }>(
		'select ita_private.delete_account($1::uuid, $2::uuid) as email',
		[id, removedBy]
	);
	return email;
}

/**
 * Gives an account a new password (a reset by a central administrator) and lifts any
 * lock after failed sign-ins. Throws AccountError for a password the rules refuse, the
 * database's PT404 when the account is gone. Returns the account's email.
 */
export async function resetPassword(db: Sql, id: string, password: string): Promise<string> {
	const badPassword = passwordProblem(password);
	if (badPassword) throw new AccountError(badPassword.code, badPassword.en);
	if (!uuid.test(id)) throw Object.assign(new Error('account_unknown'), { code: 'PT404' });
	const hash = await hashPassword(password);
	const [{ email }] = await db.query<{ email: string }>(
		'select ita_private.set_account_password($1::uuid, $2) as email',
		[id, hash]
	);
	return email;
}

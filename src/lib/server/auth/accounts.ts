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
	MAX_PASSWORD_LENGTH,
	MIN_PASSWORD_LENGTH
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
	/**
	 * Moves on with every new password: sessions issued with an older one have ended
	 * (./session.ts, sessionCurrent). Absent where it is not read (listAccounts).
	 */
	sessionEpoch?: number;
}

export interface AccountSummary extends Account {
	createdAt: Date;
	lockedUntil: Date | null;
	lastLoginAt: Date | null;
	/** Since when the account is paused (cannot sign in, its sessions have ended); null if not. */
	pausedAt: Date | null;
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
 * A failed sign-in, whatever the reason: an unknown email and a wrong password read the
 * same, so that the answer never tells which emails have accounts. (A pause after too
 * many failures is a PausedError, which says so — for unknown emails alike.)
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

/** Minutes to wait, as the screens say it: at least 1. */
function minutesUntil(until: Date, now: Date): number {
	return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/**
 * Too many failed sign-ins from the caller's address: it waits. Says so plainly — it
 * tells nothing about any account.
 */
export class ThrottledError extends Error {
	readonly th: string = 'มีการเข้าสู่ระบบไม่สำเร็จจากเครือข่ายนี้หลายครั้งเกินไป โปรดลองใหม่ภายหลัง';
	/** The catalogue's code for the screens (src/lib/i18n/errors.ts), with `minutes`. */
	readonly code: 'sign_in_throttled' | 'sign_in_paused' = 'sign_in_throttled';
	readonly retryAfterSeconds: number;
	/** Whole minutes until `until`, rounded up: what the screens say. */
	readonly minutes: number;
	constructor(
		readonly until: Date,
		now: Date = new Date()
	) {
		super('Too many failed sign-ins from this network: try again later');
		this.name = 'ThrottledError';
		this.retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
		this.minutes = minutesUntil(until, now);
	}
}

/**
 * Signing in with this email is paused after repeated failures (from this address, or
 * from everywhere): any password, the right one too, is refused until `until`. Said the
 * same way whether or not the email has an account — an unknown email is paused by the
 * same throttle — so that the pause tells nothing about which emails exist.
 */
export class PausedError extends ThrottledError {
	override readonly th =
		'ระงับการเข้าสู่ระบบชั่วคราว เนื่องจากใส่รหัสผ่านไม่ถูกต้องหลายครั้งเกินไป โปรดลองใหม่ภายหลัง';
	override readonly code = 'sign_in_paused' as const;
	constructor(until: Date, now: Date = new Date()) {
		super(until, now);
		this.message = 'Signing in is paused after too many failed attempts: try again later';
		this.name = 'PausedError';
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

/** An email's throttle digest: the email itself, account or not, is never stored. */
function emailDigest(origin: SignInOrigin, email: string): string {
	return createHmac('sha256', origin.secret).update(`sign-in-email:${email}`).digest('base64url');
}

/**
 * The throttle keys of a sign-in (or a current-password check) from `origin`: the address
 * ('address:…'), the email from this address ('login:…:…', loginLimits) and the email from
 * everywhere ('email:…', accountWideLimits) — keyed by the email, not the account, so
 * that an email without an account is paused exactly as one with an account.
 */
function throttleKeys(origin: SignInOrigin, email: string) {
	const address = addressDigest(origin);
	const mail = emailDigest(origin, email);
	return {
		address: `address:${address}`,
		pair: `login:${mail}:${address}`,
		email: `email:${mail}`
	};
}

/** The latest of the locks on `keys` at `now`, or null. */
async function latestLock(db: Sql, keys: string[], now: Date): Promise<Date | null> {
	let latest: Date | null = null;
	for (const key of keys) {
		const until = await lockedUntil(db, key, now);
		if (until && (!latest || until > latest)) latest = until;
	}
	return latest;
}

async function lockedUntil(db: Sql, key: string, now: Date): Promise<Date | null> {
	const [row] = await db.query<{ until: string | null }>(
		`select to_json(ita_private.sign_in_locked_until($1, $2::timestamptz)) #>> '{}' as until`,
		[key, now.toISOString()]
	);
	return row?.until ? new Date(row.until) : null;
}

/** Counts a failure for each key; returns the lock it set or holds, if any. */
async function recordFailure(
	db: Sql,
	keys: string[],
	now: Date,
	limits: { maxFailures: number; seriesMinutes: number; lockMinutes: number }
): Promise<Date | null> {
	const [row] = await db.query<{ until: string | null }>(
		`select to_json(ita_private.record_sign_in_failure($1::text[], $2::timestamptz, $3::int,
			$4::int * interval '1 minute', $5::int * interval '1 minute')) #>> '{}' as until`,
		[keys, now.toISOString(), limits.maxFailures, limits.seriesMinutes, limits.lockMinutes]
	);
	return row?.until ? new Date(row.until) : null;
}

/** Counts a failure of the account itself (its row: what the accounts screen shows). */
async function recordAccountFailure(
	db: Sql,
	accountId: string,
	now: Date,
	limits: { maxFailures: number; seriesMinutes: number; lockMinutes: number }
): Promise<Date | null> {
	const [row] = await db.query<{ until: string | null }>(
		`select to_json(ita_private.record_login_failure($1::uuid, $2::timestamptz, $3::int,
			$4::int * interval '1 minute', $5::int * interval '1 minute')) #>> '{}' as until`,
		[accountId, now.toISOString(), limits.maxFailures, limits.seriesMinutes, limits.lockMinutes]
	);
	return row?.until ? new Date(row.until) : null;
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
	const account: Account = {
		id: row.account_id,
		email: row.email,
		role: row.ita_role,
		agencyId: row.agency_id,
		agencyCode: row.agency_code
	};
	if (row.session_epoch !== undefined && row.session_epoch !== null) {
		account.sessionEpoch = Number(row.session_epoch);
	}
	return account;
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
 * the same message whatever went wrong. The 5th failure within 15 minutes pauses signing
 * in with that email for 15 minutes (PausedError, which says so and for how long), during
 * which even the right password is refused; a success starts the account's count again.
 * With `origin` (the routes pass the client's address), that pause holds for the failing
 * address only — the email is paused for everyone after 50 — and is the same for an email
 * that has no account; an address with 20 failures within 15 minutes, whatever the
 * emails, waits 15 minutes (ThrottledError). Without an origin (no address known), the
 * account itself is paused after 5.
 */
export async function verifyLogin(
	db: Sql,
	email: string,
	password: string,
	now: Date = new Date(),
	origin?: SignInOrigin
): Promise<Account> {
	const normalised = normaliseEmail(email);
	const keys = origin ? throttleKeys(origin, normalised) : null;
	if (keys) {
		const until = await lockedUntil(db, keys.address, now);
		if (until) {
			// The same scrypt as every other path.
			await verifyPassword(password.slice(0, 2 * MAX_PASSWORD_LENGTH), decoyHash);
			throw new ThrottledError(until, now);
		}
	}
	// A character may take two UTF-16 units; anything longer was never a valid password.
	const plausible =
		normalised.length <= MAX_EMAIL_LENGTH && password.length <= 2 * MAX_PASSWORD_LENGTH;
	const [row] = plausible
		? await db.query<AccountRow & { password_hash: string; locked_until: string | null }>(
				`select account_id, email, password_hash, ita_role, agency_id, agency_code,
					ita_private.account_session_epoch(account_id) as session_epoch,
					case when locked_until > $2::timestamptz then to_json(locked_until) #>> '{}' end as locked_until
				from ita_private.account_for_login($1)`,
				[normalised, now.toISOString()]
			)
		: [];
	// Paused: by the email's throttles (account or not), or the account's own lock.
	const pausedUntil =
		(keys ? await latestLock(db, [keys.pair, keys.email], now) : null) ??
		(row?.locked_until ? new Date(row.locked_until) : null);
	const usable = row !== undefined && !pausedUntil;
	// Exactly one scrypt on every path, so the time taken tells nothing either.
	const matches = await verifyPassword(
		plausible ? password : '',
		usable ? row.password_hash : decoyHash
	);
	if (usable && matches) {
		await db.query('select ita_private.record_login_success($1::uuid, $2::timestamptz)', [
			row.account_id,
			now.toISOString()
		]);
		return toAccount(row);
	}
	if (keys) await recordFailure(db, [keys.address], now, addressLimits);
	if (pausedUntil) throw new PausedError(pausedUntil, now);
	const lock = await countFailure(db, keys, row?.account_id ?? null, now);
	if (lock) throw new PausedError(lock, now);
	throw new LoginError();
}

/**
 * One more failure of an email (a sign-in or a current-password check): for the email
 * from this address and from everywhere when the address is known, for the account
 * itself otherwise (and always on its row, which the accounts screen shows). Returns the
 * pause this failure started, if it did.
 */
async function countFailure(
	db: Sql,
	keys: ReturnType<typeof throttleKeys> | null,
	accountId: string | null,
	now: Date
): Promise<Date | null> {
	if (!keys) {
		return accountId ? recordAccountFailure(db, accountId, now, loginLimits) : null;
	}
	const pair = await recordFailure(db, [keys.pair], now, loginLimits);
	const everywhere = await recordFailure(db, [keys.email], now, accountWideLimits);
	if (accountId) await recordAccountFailure(db, accountId, now, accountWideLimits);
	if (pair && everywhere) return pair > everywhere ? pair : everywhere;
	return pair ?? everywhere;
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
		`select account_id, email, ita_role, agency_id, agency_code,
			ita_private.account_session_epoch(account_id) as session_epoch
		from ita_private.account_by_id($1::uuid)`,
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
			to_json(last_login_at) #>> '{}' as last_login_at, to_json(paused_at) #>> '{}' as paused_at
		from ita_private.list_accounts()`
	);
	return rows.map((row) => ({
		...toAccount(row),
		createdAt: toDate(row.created_at)!,
		lockedUntil: toDate(row.locked_until),
		lastLoginAt: toDate(row.last_login_at),
		pausedAt: toDate(row.paused_at)
	}));
}

/**
 * Pauses (or resumes) an account on behalf of `by` (a central administrator, checked by
 * the caller): a paused account cannot sign in and its sessions end at once; resumed, it
 * signs in with its password as before. The database refuses, with a message a person
 * can act on: an account that is not there (PT404), one's own and the last central
 * administrator who can sign in (22023). Returns the account's email.
 */
export async function setAccountPaused(
	db: Sql,
	id: string,
	paused: boolean,
	by: string
): Promise<string> {
	if (!uuid.test(id)) throw Object.assign(new Error('account_unknown'), { code: 'PT404' });
	const [{ email }] = await db.query<{ email: string }>(
		'select ita_private.set_account_paused($1::uuid, $2, $3::uuid) as email',
		[id, paused, by]
	);
	return email;
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
 * Gives an account a new password (a reset by a central administrator), lifts any lock
 * after failed sign-ins and ends the account's sessions (its session epoch moves on). Throws AccountError for a password the rules refuse, the
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

/**
 * Whether `password` is the account's current password — not a sign-in: nothing is
 * counted (for GoTrue's `same_password` answer, after the caller has been signed in).
 */
export async function isCurrentPassword(db: Sql, account: Account, password: string) {
	const [row] = await db.query<{ password_hash: string }>(
		'select password_hash from ita_private.account_for_login($1)',
		[account.email]
	);
	return !!row && password.length <= 2 * MAX_PASSWORD_LENGTH
		? verifyPassword(password, row.password_hash)
		: false;
}

/** What an officer types to change their own password. */
export interface PasswordChange {
	current: string;
	next: string;
	confirm: string;
}

/** One problem of a password change: the form field it is about and a catalogue code. */
export interface PasswordChangeIssue {
	field: 'currentPassword' | 'newPassword' | 'confirmPassword';
	/** A code of src/lib/i18n/errors.ts. */
	code:
		| 'password_current_wrong'
		| 'password_too_short'
		| 'password_too_long'
		| 'password_confirm_mismatch'
		| 'password_same_as_current';
	params?: Record<string, string | number>;
}

/** A password change refused: every problem at once. Nothing was changed. */
export class PasswordChangeRefused extends Error {
	constructor(readonly issues: PasswordChangeIssue[]) {
		super(issues.map((i) => `${i.field}: ${i.code}`).join('; '));
		this.name = 'PasswordChangeRefused';
	}
}

/**
 * The problems of a new password and its confirmation, as the form names them (the
 * length rule is account-rules.ts's, the one accounts are created with).
 */
export function newPasswordIssues(next: string, confirm: string): PasswordChangeIssue[] {
	const issues: PasswordChangeIssue[] = [];
	const rule = passwordProblem(next);
	if (rule) {
		issues.push({
			field: 'newPassword',
			code: rule.code === 'password_too_long' ? 'password_too_long' : 'password_too_short',
			params: {
				min: MIN_PASSWORD_LENGTH,
				max: MAX_PASSWORD_LENGTH,
				count: [...next.normalize('NFC')].length
			}
		});
	}
	if (next !== confirm)
		issues.push({ field: 'confirmPassword', code: 'password_confirm_mismatch' });
	return issues;
}

/**
 * An officer changes their own password (embedded accounts). The current password is
 * checked as a sign-in checks it — a wrong one counts as a failed sign-in of the email
 * from this address, so that a stolen session cannot guess it faster than the sign-in
 * screen could; during a pause it is refused with PausedError (ThrottledError for the
 * address). Every problem comes at once (PasswordChangeRefused). On success the account's
 * other sessions end (set_account_password moves its session epoch on) and the account
 * is returned with its new epoch, for this device's new session.
 */
export async function changeOwnPassword(
	db: Sql,
	accountId: string,
	change: PasswordChange,
	now: Date = new Date(),
	origin?: SignInOrigin
): Promise<Account> {
	const account = await findAccount(db, accountId);
	if (!account) throw Object.assign(new Error('no such account'), { code: 'PT404' });
	const keys = origin ? throttleKeys(origin, account.email) : null;
	const [row] = await db.query<{ password_hash: string; locked_until: string | null }>(
		`select password_hash,
			case when locked_until > $2::timestamptz then to_json(locked_until) #>> '{}' end as locked_until
		from ita_private.account_for_login($1)`,
		[account.email, now.toISOString()]
	);
	if (!row) throw Object.assign(new Error('no such account'), { code: 'PT404' });
	if (keys) {
		const until = await lockedUntil(db, keys.address, now);
		if (until) throw new ThrottledError(until, now);
	}
	const paused =
		(keys ? await latestLock(db, [keys.pair, keys.email], now) : null) ??
		(row.locked_until ? new Date(row.locked_until) : null);
	if (paused) throw new PausedError(paused, now);

	const current = change.current.length <= 2 * MAX_PASSWORD_LENGTH ? change.current : '';
	const right = await verifyPassword(current, row.password_hash);
	const issues: PasswordChangeIssue[] = [];
	if (!right) {
		if (keys) await recordFailure(db, [keys.address], now, addressLimits);
		const lock = await countFailure(db, keys, account.id, now);
		if (lock) throw new PausedError(lock, now);
		issues.push({ field: 'currentPassword', code: 'password_current_wrong' });
	}
	issues.push(...newPasswordIssues(change.next, change.confirm));
	if (right && change.next === change.current && !issues.some((i) => i.field === 'newPassword')) {
		issues.push({ field: 'newPassword', code: 'password_same_as_current' });
	}
	if (issues.length) throw new PasswordChangeRefused(issues);

	await db.query('select ita_private.set_account_password($1::uuid, $2)', [
		account.id,
		await hashPassword(change.next)
	]);
	const changed = await findAccount(db, account.id);
	if (!changed) throw Object.assign(new Error('no such account'), { code: 'PT404' });
	return changed;
}

/**
 * The accounts screen's server side (/admin/accounts), for central administrators only.
 *
 * Embedded: the local accounts, which no API role can reach, are read and changed with
 * the server's own connection (src/lib/server/auth/accounts.ts) once the session says a
 * central administrator asks; the database's account helpers refuse, with a message a
 * person can act on, removing one's own account or the last central administrator.
 * Supabase: accounts are Supabase Auth users, and listing or making them takes the
 * service key, which this server does not hold: the screen says how instead.
 */
import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { FieldProblem } from '../../admin/forms.ts';
import type { AdminKey } from '../../admin/i18n.ts';
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from '../../admin/account-rules.ts';
import {
	AccountError,
	createAccount,
	deleteAccount,
	listAccounts,
	resetPassword,
	setAccountPaused,
	type AccountErrorCode,
	type ItaRole
} from '../auth/accounts.ts';
import { usesSupabase } from '../config.ts';
import { startEmbedded } from '../embedded/index.ts';
import type { SessionClaims } from './session.ts';

/** What the screen lists of an account: never a password hash. */
export interface AccountRow {
	id: string;
	email: string;
	role: ItaRole;
	agencyCode: string | null;
	createdAt: string;
	lastLoginAt: string | null;
	lockedUntil: string | null;
	pausedAt: string | null;
}

/** A central administrator may open the screen; to anyone else it does not exist. */
export function requireCentral(user: SessionClaims): void {
	if (user.app_metadata.ita_role !== 'central') error(404, 'Not found');
}

async function db() {
	// On Supabase there are no local accounts to change (the screen's forms are not shown).
	if (usesSupabase()) error(404, 'Not found');
	return (await startEmbedded(env.ITA_DATA_DIR)).db;
}

export async function accountRows(): Promise<AccountRow[]> {
	const now = new Date();
	return (await listAccounts(await db())).map((a) => ({
		id: a.id,
		email: a.email,
		role: a.role,
		agencyCode: a.agencyCode,
		createdAt: a.createdAt.toISOString(),
		lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
		lockedUntil: a.lockedUntil && a.lockedUntil > now ? a.lockedUntil.toISOString() : null,
		pausedAt: a.pausedAt?.toISOString() ?? null
	}));
}

/** Which field and which words, for each reason an account cannot be made. */
const problems: Record<AccountErrorCode, [field: string, key: AdminKey]> = {
	invalid_email: ['email', 'admin.accounts.error.email'],
	password_too_short: ['password', 'admin.accounts.error.passwordShort'],
	password_too_long: ['password', 'admin.accounts.error.passwordLong'],
	invalid_role: ['role', 'admin.accounts.error.role'],
	agency_required: ['agency', 'admin.accounts.error.agencyRequired'],
	agency_not_allowed: ['agency', 'admin.accounts.error.agencyNotAllowed'],
	unknown_agency: ['agency', 'admin.accounts.error.agencyUnknown'],
	email_taken: ['email', 'admin.accounts.error.emailTaken']
};

function asFieldProblem(err: unknown): never {
	if (err instanceof AccountError) {
		const [field, key] = problems[err.code];
		throw new FieldProblem(field, key, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
	}
	throw err;
}

/** Adds an officer of an agency, or a central administrator. */
export async function addAccount(input: {
	email: string;
	password: string;
	role: string;
	agencyCode: string;
}): Promise<string> {
	try {
		const account = await createAccount(await db(), {
			email: input.email,
			password: input.password,
			role: input.role as ItaRole,
			agencyCode: input.role === 'officer' ? input.agencyCode : input.agencyCode || null
		});
		return account.email;
	} catch (err) {
		asFieldProblem(err);
	}
}

/** A new password for the account (its lock, if any, lifted). */
export async function setPassword(id: string, password: string): Promise<string> {
	try {
		return await resetPassword(await db(), id, password);
	} catch (err) {
		if (err instanceof AccountError) {
			const [, key] = problems[err.code];
			throw new FieldProblem('newPassword', key, {
				min: MIN_PASSWORD_LENGTH,
				max: MAX_PASSWORD_LENGTH
			});
		}
		throw err;
	}
}

/** Removes the account; the database refuses one's own and the last central administrator. */
export async function removeAccount(user: SessionClaims, id: string): Promise<string> {
	return deleteAccount(await db(), id, user.sub);
}

/** Pauses or resumes the account; the database refuses one's own and the last central administrator. */
export async function pauseAccount(
	user: SessionClaims,
	id: string,
	paused: boolean
): Promise<string> {
	return setAccountPaused(await db(), id, paused, user.sub);
}

/**
 * An officer changes their own password (/admin/account), on either deployment:
 *
 * - Embedded: the current password is checked as a sign-in checks it (a wrong one counts
 *   against the sign-in limits of the email from this address), the new one is hashed at
 *   the production cost and stored, the account's other sessions end (its session epoch
 *   moves on) and this device gets a new session.
 * - Supabase: the current password is checked by signing in with it, then
 *   `auth.updateUser({password})`; Supabase Auth signs the other sessions out, and this
 *   device signs in again with the new password.
 *
 * Every problem comes back at once, each naming its field (a catalogue code of
 * src/lib/i18n/errors.ts): the current password wrong, the new one too short (the same
 * minimum as new accounts), the confirmation different, the new one the same as the
 * current. A pause after repeated wrong passwords says how many minutes to wait.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { Issue } from '../../admin/problems.ts';
import {
	changeOwnPassword,
	newPasswordIssues,
	PasswordChangeRefused,
	ThrottledError
} from '../auth/accounts.ts';
import { requestAddress } from '../request-address.ts';
import { usesSupabase } from '../config.ts';
import { startEmbedded } from '../embedded/index.ts';
import { startSession, type SessionClaims } from './session.ts';
import { supabaseCheckPassword, supabaseSetPassword, supabaseUser } from './supabase-auth.ts';

export interface OwnPasswordForm {
	current: string;
	next: string;
	confirm: string;
}

/** Why nothing changed: the problems, or a pause of `minutes`. */
export type OwnPasswordRefusal =
	{ issues: Issue[]; status: 400 } | { issues: Issue[]; status: 429; retryAfterSeconds: number };

function paused(code: string, minutes: number, seconds: number): OwnPasswordRefusal {
	return { issues: [{ code, params: { minutes } }], status: 429, retryAfterSeconds: seconds };
}

/** Changes the signed-in user's password; null when done. */
export async function changeOwnPasswordFor(
	event: RequestEvent,
	user: SessionClaims,
	form: OwnPasswordForm
): Promise<OwnPasswordRefusal | null> {
	if (usesSupabase()) return supabaseChange(event, user, form);
	const { db, keys } = await startEmbedded(env.ITA_DATA_DIR);
	const address = requestAddress(event);
	try {
		const account = await changeOwnPassword(db, user.sub, form, new Date(), {
			address,
			secret: keys.secret
		});
		// The session before the change has ended with the others: this device starts anew,
		// and the rest of this request (the page's loads) runs as the new session.
		event.locals.user = await startSession(event, account);
		return null;
	} catch (error) {
		if (error instanceof PasswordChangeRefused) return { issues: error.issues, status: 400 };
		if (error instanceof ThrottledError) {
			return paused(error.code, error.minutes, error.retryAfterSeconds);
		}
		throw error;
	}
}

async function supabaseChange(
	event: RequestEvent,
	user: SessionClaims,
	form: OwnPasswordForm
): Promise<OwnPasswordRefusal | null> {
	const checked = await supabaseCheckPassword(user.email, form.current);
	if (typeof checked === 'object') {
		return paused('sign_in_paused', checked.minutes, checked.minutes * 60);
	}
	const issues: Issue[] = [];
	if (checked === 'wrong')
		issues.push({ field: 'currentPassword', code: 'password_current_wrong' });
	issues.push(...newPasswordIssues(form.next, form.confirm));
	if (checked === 'right' && form.next === form.current && !issues.length) {
		issues.push({ field: 'newPassword', code: 'password_same_as_current' });
	}
	if (issues.length) return { issues, status: 400 };
	const refused = await supabaseSetPassword(event, user.email, form.next);
	if (!refused) {
		// The rest of this request runs as the session begun after the change.
		event.locals.user = await supabaseUser(event);
		return null;
	}
	if (refused.reason === 'same') {
		return { issues: [{ field: 'newPassword', code: 'password_same_as_current' }], status: 400 };
	}
	// Supabase Auth's own password rules (configured in the project) go further than ours:
	// its words, as they are the only ones that say what it wants.
	return { issues: [{ field: 'newPassword', code: refused.message }], status: 400 };
}

import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { Actions, PageServerLoad } from './$types';
import { field } from '$lib/admin/forms.ts';
import { emailProblem, passwordProblem } from '$lib/admin/account-rules.ts';
import { AccountError, createAccount, hasAnyAccount } from '$lib/server/auth/accounts.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { usesSupabase } from '$lib/server/config.ts';
import { startSession } from '$lib/server/admin/session.ts';
import { dropSetupToken, setupTokenMatches } from '$lib/server/embedded/setup-token.ts';

/**
 * The first-run screen exists only while the embedded server has no account at all (on
 * Supabase, accounts come from Supabase Auth), and makes an account only for whoever
 * shows the setup token the server printed at its start (see setup-token.ts).
 */
async function due(): Promise<boolean> {
	if (usesSupabase()) return false;
	const { db } = await startEmbedded(env.ITA_DATA_DIR);
	return !(await hasAnyAccount(db));
}

export const load: PageServerLoad = async ({ url }) => {
	if (!(await due())) redirect(303, '/admin/login');
	// The link the server printed carries the token: the field is filled in.
	return { token: url.searchParams.get('token') ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		// Checked again here: once anyone has an account, this form makes none.
		if (!(await due())) redirect(303, '/admin/login');
		const form = await event.request.formData();
		const email = field(form, 'email');
		const token = field(form, 'token');
		const { db, dataDir } = await startEmbedded(env.ITA_DATA_DIR);
		// Before anything else: without the token, nothing is looked at and nothing made.
		if (!(await setupTokenMatches(dataDir, token))) {
			return fail(403, { email, token: '', field: 'token', refused: null, tokenWrong: true });
		}
		const password = field(form, 'password');
		const again = field(form, 'password2');
		const problem = emailProblem(email) ?? passwordProblem(password);
		if (problem) {
			return fail(400, {
				email,
				token,
				field: problem.code === 'invalid_email' ? 'email' : 'password',
				refused: { th: problem.th, en: problem.en }
			});
		}
		if (password !== again) {
			return fail(400, { email, token, field: 'password2', refused: null, mismatch: true });
		}
		try {
			const account = await createAccount(db, { email, password, role: 'central' });
			await dropSetupToken(dataDir);
			await startSession(event, account);
		} catch (error) {
			if (!(error instanceof AccountError)) throw error;
			return fail(400, {
				email,
				token,
				field: 'email',
				refused: { th: error.message, en: error.message }
			});
		}
		redirect(303, '/admin');
	}
};

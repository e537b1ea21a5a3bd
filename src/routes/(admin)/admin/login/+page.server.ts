import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { Actions, PageServerLoad } from './$types';
import { field } from '$lib/admin/forms.ts';
import {
	hasAnyAccount,
	LoginError,
	ThrottledError,
	verifyLogin
} from '$lib/server/auth/accounts.ts';
import { requestAddress } from '$lib/server/request-address.ts';
import { usesSupabase } from '$lib/server/config.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { safeNext, startSession } from '$lib/server/admin/session.ts';
import { pausedHint, signInRefusalText, supabaseSignIn } from '$lib/server/admin/supabase-auth.ts';
import { errorText } from '$lib/i18n/errors.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = url.searchParams.get('next');
	// A new embedded server has nobody to sign in: the first-run screen makes the first
	// account. (On Supabase, accounts come from Supabase Auth.)
	if (!usesSupabase()) {
		const { db } = await startEmbedded(env.ITA_DATA_DIR);
		if (!(await hasAnyAccount(db))) redirect(303, '/admin/setup');
	}
	if (locals.user) redirect(303, safeNext(next));
	return {
		expired: url.searchParams.get('session') === 'expired',
		signedOut: url.searchParams.has('signedOut'),
		next
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = field(form, 'email');
		const password = field(form, 'password');
		if (usesSupabase()) {
			const refused = await supabaseSignIn(event, email, password);
			if (refused) {
				return fail(refused.reason === 'paused' ? 429 : 400, {
					email,
					refused: signInRefusalText(refused)
				});
			}
			redirect(303, safeNext(field(form, 'next')));
		}
		const { db, keys } = await startEmbedded(env.ITA_DATA_DIR);
		const address = requestAddress(event);
		try {
			const account = await verifyLogin(db, email, password, new Date(), {
				address,
				secret: keys.secret
			});
			await startSession(event, account);
		} catch (error) {
			if (error instanceof ThrottledError) {
				// Paused (this email, after repeated failures — whether or not it has an
				// account) or throttled (this network): any password waits, and the screen
				// says until when.
				event.setHeaders({ 'retry-after': String(error.retryAfterSeconds) });
				return fail(429, {
					email,
					refused: {
						th: errorText('th', error.code, { minutes: error.minutes }),
						en: errorText('en', error.code, { minutes: error.minutes }),
						hint: pausedHint
					}
				});
			}
			if (!(error instanceof LoginError)) throw error;
			// The same words whatever was wrong (unknown email, wrong password).
			return fail(400, {
				email,
				refused: { th: error.th, en: error.message, hint: error.hint }
			});
		}
		redirect(303, safeNext(field(form, 'next')));
	}
};

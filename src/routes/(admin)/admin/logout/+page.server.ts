import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { endSession } from '$lib/server/admin/session.ts';

export const actions: Actions = {
	/** Signing out is a POST (a link or a prefetch must never sign anyone out). */
	default: ({ cookies }) => {
		endSession(cookies);
		redirect(303, '/admin/login?signedOut');
	}
};

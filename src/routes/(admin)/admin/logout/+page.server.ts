import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { signOut } from '$lib/server/admin/session.ts';

export const actions: Actions = {
	/** Signing out is a POST (a link or a prefetch must never sign anyone out). */
	default: async (event) => {
		await signOut(event);
		redirect(303, '/admin/login?signedOut');
	}
};

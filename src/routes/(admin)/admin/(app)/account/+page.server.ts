import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { field } from '$lib/admin/forms.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { changeOwnPasswordFor } from '$lib/server/admin/own-password.ts';
import { usesSupabase } from '$lib/server/config.ts';

/** The signed-in officer's own account: who they are, and a new password. */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	return {
		email: user.email,
		role: user.app_metadata.ita_role,
		supabase: usesSupabase()
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = await requireUser(event);
		const form = await event.request.formData();
		const refused = await changeOwnPasswordFor(event, user, {
			current: field(form, 'currentPassword'),
			next: field(form, 'newPassword'),
			confirm: field(form, 'confirmPassword')
		});
		if (!refused) return { changed: true };
		if (refused.status === 429) {
			event.setHeaders({ 'retry-after': String(refused.retryAfterSeconds) });
		}
		// Passwords are never sent back to the page.
		return fail(refused.status, { problem: { form: 'password', issues: refused.issues } });
	}
};

import type { Actions, PageServerLoad } from './$types';
import { field, text } from '$lib/admin/forms.ts';
import { change } from '$lib/server/admin/actions.ts';
import {
	accountRows,
	addAccount,
	pauseAccount,
	removeAccount,
	requireCentral,
	setPassword
} from '$lib/server/admin/accounts.ts';
import { listAgencies } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { usesSupabase } from '$lib/server/config.ts';

/** Central administrators only: the accounts (embedded), or how to make them (Supabase). */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	requireCentral(user);
	const agencies = (await listAgencies(user)).map((a) => ({
		code: a.code,
		id: a.id,
		name: a.name
	}));
	if (usesSupabase()) return { supabase: true as const, agencies, accounts: [], me: user.sub };
	return { supabase: false as const, agencies, accounts: await accountRows(), me: user.sub };
};

// Each form's hidden `code` is the account's id: change() reports a refusal against it,
// so that the message shows beside that account's row.
export const actions: Actions = {
	add: (event) =>
		change(event, 'add', async (user, form) => {
			requireCentral(user);
			const email = await addAccount({
				email: text(form, 'email'),
				password: field(form, 'password'),
				role: text(form, 'role'),
				agencyCode: text(form, 'agency')
			});
			return { saved: 'add', email };
		}),
	reset: (event) =>
		change(event, 'reset', async (user, form) => {
			requireCentral(user);
			const email = await setPassword(text(form, 'code'), field(form, 'newPassword'));
			return { saved: 'reset', target: text(form, 'code'), email };
		}),
	pause: (event) =>
		change(event, 'pause', async (user, form) => {
			requireCentral(user);
			const email = await pauseAccount(user, text(form, 'code'), true);
			return { saved: 'pause', target: text(form, 'code'), email };
		}),
	resume: (event) =>
		change(event, 'pause', async (user, form) => {
			requireCentral(user);
			const email = await pauseAccount(user, text(form, 'code'), false);
			return { saved: 'resume', target: text(form, 'code'), email };
		}),
	remove: (event) =>
		change(event, 'remove', async (user, form) => {
			requireCentral(user);
			const email = await removeAccount(user, text(form, 'code'));
			return { saved: 'remove', email };
		})
};

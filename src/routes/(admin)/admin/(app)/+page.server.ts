import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listAgencies } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';

/** Central administrators choose an agency; an officer has one and goes straight to it. */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	// In Thai alphabetical order of their names, as a Thai reader looks for them.
	const thai = new Intl.Collator('th');
	const agencies = (await listAgencies(user)).sort((a, b) => thai.compare(a.name.th, b.name.th));
	if (user.app_metadata.ita_role === 'officer' && agencies.length === 1) {
		redirect(303, `/admin/${agencies[0].code}`);
	}
	return { agencies, central: user.app_metadata.ita_role === 'central' };
};

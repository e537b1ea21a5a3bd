import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/admin/session.ts';

/** Every page below needs a signed-in officer or administrator (its load and actions check again). */
export const load: LayoutServerLoad = async (event) => {
	const user = await requireUser(event);
	return { user: { email: user.email, role: user.app_metadata.ita_role } };
};

import type { LayoutServerLoad } from './$types';
import { insecureOfficerAccess } from '$lib/server/origin.ts';

/**
 * Officers' pages hold an agency's set-up: never kept by a browser's or proxy's cache.
 * Reached over plain http at a name other than localhost, they say so on every screen.
 */
export const load: LayoutServerLoad = ({ setHeaders, url }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	return { insecure: insecureOfficerAccess(url) };
};

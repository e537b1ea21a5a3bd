import type { LayoutServerLoad } from './$types';
import { browserSupabaseConfig } from '$lib/server/config.ts';

/** The language, and where the browser's supabase-js client sends its requests. */
export const load: LayoutServerLoad = async ({ url, locals }) => {
	// Read so that a `?lang=` change runs this again (the hook has already chosen `locals.lang`).
	url.searchParams.get('lang');
	return { lang: locals.lang, supabase: await browserSupabaseConfig() };
};

import type { LayoutServerLoad } from './$types';
import { browserSupabaseConfig } from '$lib/server/config.ts';

/** The language, and where the browser's supabase-js client sends its requests. */
export const load: LayoutServerLoad = async ({ locals }) => {
	return { lang: locals.lang, supabase: await browserSupabaseConfig() };
};

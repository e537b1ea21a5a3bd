import { env } from '$env/dynamic/public';
import { env as privateEnv } from '$env/dynamic/private';
import type { LayoutServerLoad } from './$types';
import { startEmbedded } from '$lib/server/embedded/index.ts';

/**
 * The language, and where the browser's supabase-js client sends its requests: a
 * Supabase project, or this server.
 */
export const load: LayoutServerLoad = async ({ url, locals }) => {
	if (env.PUBLIC_SUPABASE_URL && env.PUBLIC_SUPABASE_ANON_KEY) {
		return {
			lang: locals.lang,
			supabase: { url: env.PUBLIC_SUPABASE_URL, anonKey: env.PUBLIC_SUPABASE_ANON_KEY }
		};
	}
	const { keys } = await startEmbedded(privateEnv.ITA_DATA_DIR);
	return { lang: locals.lang, supabase: { url: url.origin, anonKey: keys.anonKey } };
};

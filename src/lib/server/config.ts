import { env } from '$env/dynamic/public';
import { env as privateEnv } from '$env/dynamic/private';
import type { SupabaseConfig } from '../supabase.ts';
import { startEmbedded } from './embedded/index.ts';

/** True when a Supabase project is configured and this server is not the database's API. */
export function usesSupabase(): boolean {
	return Boolean(env.PUBLIC_SUPABASE_URL && env.PUBLIC_SUPABASE_ANON_KEY);
}

/**
 * Where supabase-js sends its requests from this server: the Supabase project, or this
 * very server (the embedded default) at `origin`, the request's own (SvelteKit's
 * `fetch` answers that internally, it never goes out).
 */
export async function supabaseConfig(origin: string): Promise<SupabaseConfig> {
	if (usesSupabase()) {
		return { url: env.PUBLIC_SUPABASE_URL!, anonKey: env.PUBLIC_SUPABASE_ANON_KEY! };
	}
	const { keys } = await startEmbedded(privateEnv.ITA_DATA_DIR);
	return { url: origin, anonKey: keys.anonKey };
}

/**
 * What the page tells the browser: the Supabase project, or — embedded — '' for "the
 * page's own origin". Never an address read from the request's Host header: the page
 * came from the server that answers the API, whatever name the browser used for it.
 */
export async function browserSupabaseConfig(): Promise<SupabaseConfig> {
	if (usesSupabase()) {
		return { url: env.PUBLIC_SUPABASE_URL!, anonKey: env.PUBLIC_SUPABASE_ANON_KEY! };
	}
	const { keys } = await startEmbedded(privateEnv.ITA_DATA_DIR);
	return { url: '', anonKey: keys.anonKey };
}

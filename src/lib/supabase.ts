/**
 * The one supabase-js client of the app. The same code talks to a Supabase project or
 * to the embedded server (which answers the same requests at its own origin).
 */
import {
	createClient,
	type PostgrestError,
	type SupabaseClient,
	type SupabaseClientOptions
} from '@supabase/supabase-js';
import { apiUrl, type SupabaseConfig } from './api-url.ts';

export { apiUrl, type SupabaseConfig };

export type Client = SupabaseClient;

export function createSupabase(
	config: SupabaseConfig,
	options: SupabaseClientOptions<'public'> = {}
) {
	return createClient(apiUrl(config), config.anonKey, {
		...options,
		auth: { persistSession: false, autoRefreshToken: false, ...options.auth }
	});
}

export interface RpcResult<T> {
	data: T | null;
	error: PostgrestError | null;
	/** The HTTP status: 0 when the server could not be reached. */
	status: number;
}

/** Calls a database function; the result typed as the caller knows it to be. */
export async function rpc<T>(
	client: SupabaseClient,
	fn: string,
	args: Record<string, unknown>
): Promise<RpcResult<T>> {
	const response = await client.rpc(fn, args);
	return { data: response.data as T | null, error: response.error, status: response.status };
}

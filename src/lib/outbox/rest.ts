/**
 * The respondent's and the kiosk's one door to the server: PostgREST's `POST
 * /rest/v1/rpc/<function>`, through Supabase's own PostgREST client
 * (`@supabase/postgrest-js`, the part of supabase-js that does this) — without the rest of
 * supabase-js (auth, realtime, storage, functions), which a phone never uses and which
 * would weigh on what it downloads to work offline.
 *
 * The requests are the ones supabase-js's `client.rpc()` sends: the project's anon key as
 * `apikey` and as the bearer token, `Content-Type: application/json`, the JSON body; the
 * answers are read the same way (PostgREST's error object, or the body's text when a proxy
 * answered; status 0 when nothing answered). It works the same against a Supabase project
 * and against the embedded server.
 */
import { PostgrestClient, type PostgrestError } from '@supabase/postgrest-js';
import { apiUrl } from '../api-url.ts';

export interface RestConfig {
	/** The project's URL; '' for the embedded server at this page's own origin (api-url.ts). */
	url: string;
	anonKey: string;
}

export interface RpcResult<T> {
	data: T | null;
	error: PostgrestError | null;
	/** The HTTP status: 0 when the server could not be reached. */
	status: number;
}

export type Rpc = <T>(fn: string, args: Record<string, unknown>) => Promise<RpcResult<T>>;

/** A caller of the database functions at `config.url`, as supabase-js would call them. */
export function restRpc(config: RestConfig): Rpc {
	// supabase-js: `new URL('rest/v1', <the URL with a trailing slash>)`.
	const url = apiUrl(config);
	const base = url.endsWith('/') ? url : `${url}/`;
	const client = new PostgrestClient(new URL('rest/v1', base).toString(), {
		headers: { apikey: config.anonKey, Authorization: `Bearer ${config.anonKey}` }
	});
	return async <T>(fn: string, args: Record<string, unknown>) => {
		const response = await client.rpc(fn, args);
		return { data: response.data as T | null, error: response.error, status: response.status };
	};
}

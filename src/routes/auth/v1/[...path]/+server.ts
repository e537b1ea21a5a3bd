import { env } from '$env/dynamic/private';
import { error, type RequestHandler } from '@sveltejs/kit';
import { handleAuth } from '$lib/server/auth/auth-api.ts';
import { usesSupabase } from '$lib/server/config.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { requestAddress } from '$lib/server/request-address.ts';

/**
 * The embedded server's stand-in for Supabase Auth (what supabase-js calls for email
 * and password sign-in): see src/lib/server/auth/auth-api.ts.
 */
const handle: RequestHandler = async ({ request, params, getClientAddress }) => {
	if (usesSupabase()) error(404, 'This server uses a Supabase project; sign in there.');
	const { db, keys } = await startEmbedded(env.ITA_DATA_DIR);
	return handleAuth(request, params.path ?? '', {
		db,
		secret: keys.secret,
		clientAddress: requestAddress({ request, getClientAddress })
	});
};

export const GET = handle;
export const POST = handle;
export const PUT = handle;

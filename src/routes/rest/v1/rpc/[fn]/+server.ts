import { env } from '$env/dynamic/private';
import { error, type RequestHandler } from '@sveltejs/kit';
import { usesSupabase } from '$lib/server/config.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { handleRpc } from '$lib/server/gateway.ts';
import { requestAddress } from '$lib/server/request-address.ts';
import { hasPublicUrl, publicOrigin } from '$lib/server/origin.ts';

/** The embedded server's PostgREST endpoint, called by supabase-js's `rpc()`. */
const handle: RequestHandler = async ({ request, params, getClientAddress }) => {
	if (usesSupabase()) error(404, 'This server uses a Supabase project; call it instead.');
	const { db, keys } = await startEmbedded(env.ITA_DATA_DIR);
	return handleRpc(request, params.fn ?? '', {
		db,
		secret: keys.secret,
		// The public address (ITA_PUBLIC_URL) is always allowed: a page served there may
		// call this server by another name (the office's LAN name, say), and back.
		allowedOrigins: [
			...(hasPublicUrl() ? [publicOrigin(new URL(request.url))] : []),
			...(env.ITA_CORS_ORIGINS?.split(',')
				.map((o) => o.trim())
				.filter(Boolean) ?? [])
		],
		maxBody: env.ITA_MAX_BODY ? Number(env.ITA_MAX_BODY) : undefined,
		clientAddress: requestAddress({ request, getClientAddress })
	});
};

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;

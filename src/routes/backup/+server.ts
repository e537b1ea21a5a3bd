import { error, type RequestHandler } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { usesSupabase } from '$lib/server/config.ts';
import { makeBackup } from '$lib/server/embedded/backup.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { verifyToken } from '$lib/server/embedded/keys.ts';

/**
 * `POST /backup` with `Authorization: Bearer <service key>`: a consistent copy of the
 * running embedded database (see backup.ts). `npm run ita -- backup <file>` calls it
 * when the server holds the data folder; the service key is in the folder's keys.json,
 * so only someone who could read the folder anyway can ask.
 */
export const POST: RequestHandler = async ({ request }) => {
	if (usesSupabase()) error(404, 'This server uses a Supabase project: back up the project.');
	const { db, keys, dataDir } = await startEmbedded(env.ITA_DATA_DIR);
	const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
	const role = bearer
		? await verifyToken(keys.secret, bearer).then(
				(p) => p.role,
				() => null
			)
		: null;
	if (role !== 'service_role') error(401, 'The backup needs the service key (keys.json).');
	const tar = await makeBackup(db, dataDir);
	return new Response(new Uint8Array(tar), {
		headers: {
			'content-type': 'application/x-tar',
			'content-disposition': `attachment; filename="ita-backup-${new Date().toISOString().slice(0, 10)}.tar"`,
			'cache-control': 'no-store'
		}
	});
};

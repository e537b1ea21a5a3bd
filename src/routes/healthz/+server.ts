import { json, type RequestHandler } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { usesSupabase } from '$lib/server/config.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { databaseHealth } from '$lib/server/health.ts';

/**
 * `GET /healthz`, for Caddy's health checks, systemd watchdogs and uptime monitors:
 * 200 `{db: "ok", migrations: "current"}` when the database answers and every
 * migration of this version is applied; 503 with what is wrong otherwise.
 */
export const GET: RequestHandler = async () => {
	const headers = { 'cache-control': 'no-store' };
	if (usesSupabase()) {
		// The project's own health endpoint; its migrations are the Supabase CLI's to check.
		const ok = await fetch(new URL('/auth/v1/health', publicEnv.PUBLIC_SUPABASE_URL), {
			headers: { apikey: publicEnv.PUBLIC_SUPABASE_ANON_KEY ?? '' },
			signal: AbortSignal.timeout(5000)
		}).then(
			(r) => r.ok,
			() => false
		);
		return json(
			{ db: ok ? 'ok' : 'unreachable', migrations: 'unchecked', database: 'supabase' },
			{ status: ok ? 200 : 503, headers }
		);
	}
	const health = await startEmbedded(env.ITA_DATA_DIR).then(
		({ db }) => databaseHealth(db),
		(error: unknown) => ({
			ok: false,
			body: { db: 'error', error: (error as Error).message }
		})
	);
	return json(health.body, { status: health.ok ? 200 : 503, headers });
};

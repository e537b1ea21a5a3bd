import { env as privateEnv } from '$env/dynamic/private';
import type { PageServerLoad } from './$types';
import { usesSupabase } from '$lib/server/config.ts';
import { startEmbedded } from '$lib/server/embedded/index.ts';
import { listOpenRounds } from '$lib/server/rounds.ts';

export const load: PageServerLoad = async () => {
	if (usesSupabase()) return { rounds: [] };
	const { db } = await startEmbedded(privateEnv.ITA_DATA_DIR);
	return { rounds: await listOpenRounds(db) };
};

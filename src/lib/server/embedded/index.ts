/**
 * The embedded server's state: the database in the data folder (locked to this
 * process), the folder's keys, and the demo office on first start. One per process,
 * like a connection pool; nothing request-specific is kept here.
 */
import { resolve } from 'node:path';
import type { Sql } from '../db/client.ts';
import { defaultDataDir, openDatabase } from '../db/embedded.ts';
import { seedDemo, type DemoRound } from './demo.ts';
import { loadKeys, type Keys } from './keys.ts';
import { ensureSetupToken } from './setup-token.ts';

export interface Embedded {
	db: Sql;
	keys: Keys;
	dataDir: string;
	demo: DemoRound[];
	/** The one-time token `/admin/setup` asks for, while there is no account yet. */
	setupToken: string | null;
}

let started: Promise<Embedded> | undefined;

/** Opens the data folder once per process; later calls share the same database. */
export function startEmbedded(dataDir = defaultDataDir()): Promise<Embedded> {
	started ??= (async () => {
		const folder = resolve(dataDir);
		const db = await openDatabase({ dataDir: folder });
		const keys = await loadKeys(folder);
		const demo = await seedDemo(db);
		const setupToken = await ensureSetupToken(folder, db);
		return { db, keys, dataDir: folder, demo, setupToken };
	})();
	return started;
}

/** Closes the database and releases the folder (on shutdown). */
export async function stopEmbedded(): Promise<void> {
	const current = started;
	started = undefined;
	if (current) await (await current).db.close();
}

/**
 * The embedded database: PGlite in a local data folder, migrated and with the
 * framework files loaded, ready to answer the same RPCs as a Supabase project.
 */
import { resolve } from 'node:path';
import { openPglite, openPostgres, type Sql } from './client.ts';
import { installFrameworks } from './frameworks.ts';
import { migrate } from './migrate.ts';

export function defaultDataDir(): string {
	return resolve(process.env.ITA_DATA_DIR ?? 'data');
}

/** Opens (creating if needed) and brings up to date the database the app uses. */
export async function openDatabase(
	options: { databaseUrl?: string; dataDir?: string } = {}
): Promise<Sql> {
	const db = options.databaseUrl
		? openPostgres(options.databaseUrl)
		: await openPglite(resolve(options.dataDir ?? defaultDataDir(), 'pglite'));
	try {
		await migrate(db);
		await installFrameworks(db);
	} catch (error) {
		await db.close();
		throw error;
	}
	return db;
}

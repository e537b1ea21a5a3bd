/**
 * The app's database: PGlite in a local data folder (the embedded default) or
 * PostgreSQL at a URL, migrated and with the framework files loaded.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { lockDataFolder } from '../embedded/lock.ts';
import { openPglite, openPostgres, type Sql } from './client.ts';
import { installFrameworks } from './frameworks.ts';
import { migrate } from './migrate.ts';

export function defaultDataDir(): string {
	return resolve(process.env.ITA_DATA_DIR ?? 'data');
}

/**
 * The data folder holds every response and the password hashes: only its owner may
 * enter it (0700, as PostgreSQL insists for its own), whatever the umask — and a folder
 * an older version made readable is closed too.
 */
async function privateFolder(path: string): Promise<void> {
	await mkdir(path, { recursive: true, mode: 0o700 });
	await chmod(path, 0o700);
}

/**
 * Opens (creating if needed) and brings up to date the database. An embedded data
 * folder is locked for this process until `close()`.
 */
export async function openDatabase(
	options: { databaseUrl?: string; dataDir?: string } = {}
): Promise<Sql> {
	let db: Sql;
	if (options.databaseUrl) {
		db = openPostgres(options.databaseUrl);
	} else {
		const folder = resolve(options.dataDir ?? defaultDataDir());
		await privateFolder(folder);
		const release = await lockDataFolder(folder);
		try {
			await privateFolder(resolve(folder, 'pglite'));
			const pglite = await openPglite(resolve(folder, 'pglite'));
			db = {
				...pglite,
				async close() {
					await pglite.close();
					await release();
				}
			};
		} catch (error) {
			await release();
			throw error;
		}
	}
	try {
		await migrate(db);
		await installFrameworks(db);
	} catch (error) {
		await db.close();
		throw error;
	}
	return db;
}

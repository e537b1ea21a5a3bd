/**
 * `ita backup <file>` and `ita restore <file>` for the embedded server's data folder.
 *
 * A running server holds the folder (one process per folder), so a backup then asks
 * that server for it (`POST /backup` with the folder's service key, over the address
 * the server wrote into `<folder>/server.json`); a stopped one is read directly. Either
 * way the copy is PGlite's own dump taken between queries: consistent, never a copy of
 * files being written.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openPglite } from '../lib/server/db/client.ts';
import { makeBackup, restoreBackup, RestoreRefused } from '../lib/server/embedded/backup.ts';
import { DataFolderInUse, lockDataFolder } from '../lib/server/embedded/lock.ts';
import { openDatabase } from '../lib/server/db/embedded.ts';
import { postToServer, SERVER_FILE, type ServerFile } from './server-address.ts';

/** Writes owner-only, through a temporary name: a half-written backup never has the final name. */
async function writePrivate(file: string, data: Buffer): Promise<void> {
	const part = `${file}.part`;
	await writeFile(part, data, { mode: 0o600 });
	await rename(part, file);
}

export async function backup(folderArg: string | undefined, file: string): Promise<number> {
	const folder = resolve(folderArg ?? process.env.ITA_DATA_DIR ?? 'data');
	if (!existsSync(join(folder, 'pglite'))) {
		console.error(`No database in ${folder} (set --data or ITA_DATA_DIR to the data folder).`);
		return 1;
	}
	let release: (() => Promise<void>) | undefined;
	try {
		release = await lockDataFolder(folder);
	} catch (error) {
		if (!(error instanceof DataFolderInUse)) throw error;
		// The server runs: it makes the copy itself.
		const server = await readFile(join(folder, SERVER_FILE), 'utf8')
			.then((t) => JSON.parse(t) as ServerFile)
			.catch(() => null);
		if (!server || server.pid !== error.pid) {
			console.error(
				`The data folder ${folder} is in use by process ${error.pid}, which is not an ITA Collect ` +
					'server this command can reach. Stop it (systemctl stop ita-collect) and run the backup again.'
			);
			return 1;
		}
		const keys = JSON.parse(await readFile(join(folder, 'keys.json'), 'utf8')) as {
			serviceKey: string;
		};
		const failed = (why: string) => {
			console.error(
				`The running server (process ${server.pid}, ${server.url}) could not make the backup: ` +
					`${why}. Stop it and run the backup again to copy the folder directly.`
			);
			return 1;
		};
		try {
			const answer = await postToServer(server, '/backup', keys.serviceKey);
			if (answer.status !== 200) {
				return failed(
					`the server answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`
				);
			}
			await writePrivate(file, answer.body);
		} catch (failure) {
			return failed((failure as Error).message);
		}
		console.log(`Backup of ${folder} written to ${resolve(file)} (from the running server).`);
		return 0;
	}
	try {
		const db = await openPglite(join(folder, 'pglite'));
		try {
			await writePrivate(file, await makeBackup(db, folder));
		} finally {
			await db.close();
		}
	} finally {
		await release();
	}
	console.log(`Backup of ${folder} written to ${resolve(file)}.`);
	return 0;
}

export async function restore(folderArg: string | undefined, file: string): Promise<number> {
	const folder = resolve(folderArg ?? process.env.ITA_DATA_DIR ?? 'data');
	let manifest;
	try {
		manifest = await restoreBackup(await readFile(file), folder);
	} catch (error) {
		if (error instanceof RestoreRefused || error instanceof DataFolderInUse) {
			console.error(`Nothing restored: ${error.message}.`);
			return 1;
		}
		throw error;
	}
	// Brought up to this version's schema (a backup of an older version is migrated).
	const db = await openDatabase({ dataDir: folder });
	const [counts] = await db.query<{ rounds: number; responses: number }>(
		'select (select count(*) from public.rounds)::int as rounds, (select count(*) from public.responses)::int as responses'
	);
	await db.close();
	console.log(
		`Restored the backup of ${manifest.createdAt} into ${folder}: ${counts.rounds} rounds, ` +
			`${counts.responses} responses. Start the server with ITA_DATA_DIR=${folder}.`
	);
	return 0;
}

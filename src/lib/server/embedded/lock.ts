/**
 * One process per data folder. PGlite opens a folder without any lock of its own, and
 * two writers would corrupt it, so the first process to start writes its PID into
 * `<folder>/ita.lock` and every later one is refused while that process lives.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class DataFolderInUse extends Error {
	constructor(
		readonly folder: string,
		readonly pid: number
	) {
		super(
			`ITA Collect is already running on the data folder ${folder} (process ${pid}). ` +
				'Stop that one first, or start this one with ITA_DATA_DIR set to another folder.'
		);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else — still alive.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the folder's lock or throws DataFolderInUse; returns the release function. */
export async function lockDataFolder(folder: string): Promise<() => Promise<void>> {
	const path = join(folder, 'ita.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(path, 'wx');
			await handle.writeFile(String(process.pid));
			await handle.close();
			return async () => {
				await rm(path, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
				throw new DataFolderInUse(folder, pid);
			}
			// Left behind by a process that was killed: take it over.
			await rm(path, { force: true });
		}
	}
	throw new Error(`could not lock the data folder ${folder}`);
}

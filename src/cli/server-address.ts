/**
 * Where a running embedded server can be reached, for the command line: the server
 * writes its local address into `<data folder>/server.json` (`ServerFile`, backup.ts) when it listens (src/cli/start.ts,
 * and removes it when it stops); the service key is the folder's keys.json.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SERVER_FILE, type ServerFile } from './backup.ts';

function folder(dataDir?: string): string {
	return resolve(dataDir ?? process.env.ITA_DATA_DIR ?? 'data');
}

/** The running server's address (null when not noted) and the folder's service key. */
export async function runningServer(
	dataDir?: string
): Promise<{ url: string | null; serviceKey: string }> {
	const dir = folder(dataDir);
	const keys = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as { serviceKey: string };
	const noted = await readFile(join(dir, SERVER_FILE), 'utf8').then(
		(t) => JSON.parse(t) as Partial<ServerFile>,
		() => null
	);
	return { url: noted?.url ?? null, serviceKey: keys.serviceKey };
}

/**
 * A backup of the embedded server: one plain tar file (`tar -tf` lists it) holding
 * `ita-backup.json` (what it is, when, which migrations), `keys.json` (the JWT secret:
 * without it, enrolled kiosks and phones holding the old anon key are refused) and
 * `pgdata.tar.gz` (PGlite's own dump of its data directory, taken between queries, so
 * it is consistent). Restoring loads it into an empty data folder.
 *
 * The file holds every response and the JWT secret: it is written owner-only.
 */
import { PGlite } from '@electric-sql/pglite';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '../db/client.ts';
import { lockDataFolder } from './lock.ts';

export interface BackupManifest {
	format: 'ita-collect-backup';
	version: 1;
	createdAt: string;
	/** The migrations applied in the saved database. */
	migrations: string[];
}

const MANIFEST = 'ita-backup.json';
const KEYS = 'keys.json';
const PGDATA = 'pgdata.tar.gz';

function octal(n: number, width: number): string {
	return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar entry: a 512-byte header, the data, padding to 512. */
function tarEntry(name: string, data: Buffer, mtime: number): Buffer {
	const h = Buffer.alloc(512);
	h.write(name, 0, 100, 'utf8');
	h.write(octal(0o600, 8), 100, 'ascii');
	h.write(octal(0, 8), 108, 'ascii');
	h.write(octal(0, 8), 116, 'ascii');
	h.write(octal(data.length, 12), 124, 'ascii');
	h.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
	h.write('        ', 148, 'ascii');
	h.write('0', 156, 'ascii');
	h.write('ustar\0', 257, 'ascii');
	h.write('00', 263, 'ascii');
	let sum = 0;
	for (const byte of h) sum += byte;
	h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
	return Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** The entries of a tar file (regular files only). */
export function readTar(tar: Buffer): Map<string, Buffer> {
	const out = new Map<string, Buffer>();
	let at = 0;
	while (at + 512 <= tar.length) {
		const h = tar.subarray(at, at + 512);
		if (h.every((b) => b === 0)) break;
		const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
		const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
		if (!Number.isFinite(size))
			throw new Error('this is not an ITA Collect backup (bad tar header)');
		const type = String.fromCharCode(h[156]);
		if (type === '0' || type === '\0') out.set(name, tar.subarray(at + 512, at + 512 + size));
		at += 512 + Math.ceil(size / 512) * 512;
	}
	return out;
}

/** The backup of an open embedded database and its folder's keys. */
export async function makeBackup(db: Sql, folder: string): Promise<Buffer> {
	if (!db.dumpDataDir) throw new Error('only the embedded database (PGlite) is backed up this way');
	const migrations = (
		await db.query<{ version: string }>(
			'select version from supabase_migrations.schema_migrations order by version'
		)
	).map((r) => r.version);
	const keys = await readFile(join(folder, KEYS));
	const pgdata = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
	const now = Date.now();
	const manifest: BackupManifest = {
		format: 'ita-collect-backup',
		version: 1,
		createdAt: new Date(now).toISOString(),
		migrations
	};
	return Buffer.concat([
		tarEntry(MANIFEST, Buffer.from(JSON.stringify(manifest, null, '\t') + '\n'), now),
		tarEntry(KEYS, keys, now),
		tarEntry(PGDATA, pgdata, now),
		Buffer.alloc(1024)
	]);
}

export class RestoreRefused extends Error {}

/**
 * Loads a backup into `folder`, which must be empty (or not exist): never over a
 * database that holds something. Returns the backup's manifest.
 */
export async function restoreBackup(backup: Buffer, folder: string): Promise<BackupManifest> {
	const entries = readTar(backup);
	const manifestText = entries.get(MANIFEST);
	const keys = entries.get(KEYS);
	const pgdata = entries.get(PGDATA);
	let manifest: BackupManifest | null;
	try {
		manifest = manifestText ? (JSON.parse(manifestText.toString('utf8')) as BackupManifest) : null;
	} catch {
		manifest = null;
	}
	if (!manifest || manifest.format !== 'ita-collect-backup' || !keys || !pgdata) {
		throw new RestoreRefused(
			'this file is not an ITA Collect backup (made by npm run ita -- backup)'
		);
	}
	if (manifest.version !== 1) {
		throw new RestoreRefused(
			`backup format ${String(manifest.version)} is newer than this version reads`
		);
	}
	await mkdir(folder, { recursive: true, mode: 0o700 });
	await chmod(folder, 0o700);
	const present = (await readdir(folder)).filter((f) => f !== 'ita.lock');
	if (present.length > 0) {
		throw new RestoreRefused(
			`the data folder ${folder} is not empty (${present.join(', ')}): restore into a new, empty folder`
		);
	}
	const release = await lockDataFolder(folder);
	try {
		await writeFile(join(folder, KEYS), keys, { mode: 0o600 });
		const dir = join(folder, 'pglite');
		await mkdir(dir, { mode: 0o700 });
		const pg = new PGlite(dir, { loadDataDir: new Blob([new Uint8Array(pgdata)]) });
		await pg.waitReady;
		await pg.close();
	} finally {
		await release();
	}
	return manifest;
}

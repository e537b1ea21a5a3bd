/**
 * No open first run. While the embedded server has no account, `/admin/setup` creates
 * the first central administrator — but only for someone who shows the one-time setup
 * token, which the server prints when it starts and keeps in `<data>/setup-token`
 * (readable by its owner only), as Grafana or Jupyter do. Whoever reaches the server on
 * the network first does not become its administrator. The token is gone as soon as an
 * account exists.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '../db/client.ts';
import { hasAnyAccount } from '../auth/accounts.ts';

export const SETUP_TOKEN_FILE = 'setup-token';

async function read(folder: string): Promise<string | null> {
	try {
		return (await readFile(join(folder, SETUP_TOKEN_FILE), 'utf8')).trim() || null;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/**
 * The token while there is no account (kept across restarts, made on the first start);
 * null, and no file, once there is one.
 */
export async function ensureSetupToken(folder: string, db: Sql): Promise<string | null> {
	if (await hasAnyAccount(db)) {
		await rm(join(folder, SETUP_TOKEN_FILE), { force: true });
		return null;
	}
	const saved = await read(folder);
	if (saved) return saved;
	// 120 bits, typed by a person at most once: letters and digits only, in groups.
	const token = randomBytes(15)
		.toString('base64url')
		.replace(/[-_]/g, 'x')
		.match(/.{1,5}/g)!
		.join('-');
	try {
		await writeFile(join(folder, SETUP_TOKEN_FILE), token + '\n', { mode: 0o600, flag: 'wx' });
	} catch (error) {
		// Another start wrote one first (not under the folder lock, but be exact): theirs holds.
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return (await read(folder)) ?? token;
}

/** True when `given` is the folder's setup token (compared in constant time). */
export async function setupTokenMatches(folder: string, given: string): Promise<boolean> {
	const saved = await read(folder);
	if (!saved) return false;
	const a = Buffer.from(saved);
	const b = Buffer.from(given.trim());
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Used up: the first account exists. */
export async function dropSetupToken(folder: string): Promise<void> {
	await rm(join(folder, SETUP_TOKEN_FILE), { force: true });
}

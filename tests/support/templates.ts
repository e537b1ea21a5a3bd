/**
 * Migrated databases to copy: a new PGlite starts from a migrated data directory, and a
 * new PostgreSQL database is created from a migrated template database, instead of
 * running every migration again (PGlite's initdb and the migrations cost seconds of CPU
 * per database, and the suite makes dozens). Made once per set of migrations and
 * framework files (their hash names them), by the global set-up or the first test that
 * needs one; the tests of the migrations themselves (tests/db/squash.test.ts, the pgTAP
 * suite's first case, tests/server/embedded.test.ts's empty data folder, the CLI's) still
 * migrate from nothing — except `ita score`'s throw-away database, which under the tests
 * starts from the PGlite copy (src/lib/server/db/test-template.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite, openPostgres, type Sql } from '../../src/lib/server/db/client.ts';
import { installFrameworks, frameworksDir } from '../../src/lib/server/db/frameworks.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import { supabaseDir } from '../../src/lib/server/db/paths.ts';

let key: Promise<string> | undefined;

/** What a migrated database depends on: the shim, the migrations, the frameworks, PGlite. */
export function templateKey(): Promise<string> {
	key ??= (async () => {
		const hash = createHash('sha256');
		// PGlite's own version (its package.json, beside its dist/ folder).
		const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
		hash.update(await readFile(join(dirname(pglite), '..', 'package.json')));
		const dirs = [join(supabaseDir(), 'local'), join(supabaseDir(), 'migrations'), frameworksDir()];
		for (const dir of dirs) {
			for (const file of (await readdir(dir)).sort()) {
				hash.update(`${dir}/${file}\n`);
				hash.update(await readFile(join(dir, file)));
			}
		}
		return hash.digest('hex').slice(0, 16);
	})();
	return key;
}

async function migrated(db: Sql): Promise<void> {
	await migrate(db);
	await installFrameworks(db);
}

// --- PGlite ------------------------------------------------------------------------------

/** `<folder>/pglite`: a closed, migrated data directory; `<folder>/pgdata.tar`: its dump. */
async function pgliteTemplate(): Promise<string> {
	const folder = join(tmpdir(), `ita-test-template-${await templateKey()}`);
	if (existsSync(join(folder, 'pgdata.tar'))) return folder;
	// Made beside it and renamed into place: a copy is never taken from a half-made one.
	const partial = `${folder}.${process.pid}.${Date.now()}`;
	await mkdir(partial, { recursive: true, mode: 0o700 });
	const pg = new PGlite(join(partial, 'pglite'));
	await pg.waitReady;
	await migrated(fromPglite(pg));
	await pg.exec('checkpoint');
	const dump = await pg.dumpDataDir('none');
	await pg.close();
	await writeFile(join(partial, 'pgdata.tar'), Buffer.from(await dump.arrayBuffer()));
	try {
		await rename(partial, folder);
	} catch {
		// Another process made it first: theirs is the same.
		await rm(partial, { recursive: true, force: true });
	}
	return folder;
}

let dump: Promise<Blob> | undefined;

/** A new in-memory PGlite, migrated, with the framework files loaded. */
export async function migratedPglite(): Promise<Sql> {
	dump ??= pgliteTemplate().then(
		async (folder) => new Blob([await readFile(join(folder, 'pgdata.tar'))])
	);
	const pg = new PGlite({ loadDataDir: await dump });
	await pg.waitReady;
	return fromPglite(pg);
}

/**
 * Gives a data folder the embedded server has not used yet a migrated database, as its
 * first start would make it (the demo office, keys and setup token are still the
 * server's to make). Leaves a folder already in use as it is.
 */
export async function migratedDataFolder(dataDir: string): Promise<void> {
	if (existsSync(join(dataDir, 'pglite'))) return;
	const folder = await pgliteTemplate();
	await mkdir(dataDir, { recursive: true, mode: 0o700 });
	await cp(join(folder, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
}

// --- PostgreSQL --------------------------------------------------------------------------

let template: Promise<string> | undefined;

/** The name of a migrated database on the server at `adminUrl`, made when missing. */
export function postgresTemplate(adminUrl: string): Promise<string> {
	template ??= (async () => {
		const name = `ita_tmpl_${await templateKey()}`;
		const admin = openPostgres(adminUrl, { max: 1 });
		try {
			const exists = async () =>
				(await admin.query('select 1 from pg_database where datname = $1', [name])).length > 0;
			if (await exists()) return name;
			// Made under another name and renamed when complete (and nobody is connected to
			// it, which `create database … template` needs).
			const partial = `${name}_${process.pid}`;
			await admin.exec(`drop database if exists ${partial} with (force)`);
			await admin.exec(`create database ${partial}`);
			const url = new URL(adminUrl);
			url.pathname = `/${partial}`;
			const db = openPostgres(url.toString(), { max: 1 });
			try {
				await migrated(db);
			} finally {
				await db.close();
			}
			try {
				await admin.exec(`alter database ${partial} rename to ${name}`);
			} catch (error) {
				await admin.exec(`drop database if exists ${partial} with (force)`);
				if (!(await exists())) throw error;
			}
			return name;
		} finally {
			await admin.close();
		}
	})();
	template.catch(() => (template = undefined));
	return template;
}

/**
 * Both templates, made now if missing (the global set-up, before any test file). Returns
 * the PGlite copy's dump, which `ita score` starts from under the tests
 * (src/lib/server/db/test-template.ts).
 */
export async function ensureTemplates(adminUrl: string): Promise<string> {
	const [folder] = await Promise.all([pgliteTemplate(), postgresTemplate(adminUrl)]);
	return join(folder, 'pgdata.tar');
}

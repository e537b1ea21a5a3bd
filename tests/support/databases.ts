/**
 * Fresh, migrated databases for the tests, on both engines the app runs on:
 * PGlite in memory, and a throw-away database on the PostgreSQL server named by
 * ITA_TEST_PG_URL (default postgres://ita:ita@127.0.0.1:5432/postgres; `.ci/run`
 * creates that role). Each is a copy of one migrated database (./templates.ts) unless
 * the test asks for the migrations to run (`scratch`, or SQL to run before them).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPglite, openPostgres, type Sql } from '../../src/lib/server/db/client.ts';
import { installFrameworks } from '../../src/lib/server/db/frameworks.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import { supabaseDir } from '../../src/lib/server/db/paths.ts';
import { migratedPglite, postgresTemplate } from './templates.ts';

export const pgAdminUrl =
	process.env.ITA_TEST_PG_URL ?? 'postgres://ita:ita@127.0.0.1:5432/postgres';

export type Engine = 'pglite' | 'postgres';
export const engines: Engine[] = ['pglite', 'postgres'];

export interface TestDatabase {
	db: Sql;
	/** A URL another process can open (PostgreSQL only). */
	url?: string;
	drop(): Promise<void>;
	/** Closes the connections and leaves the database as it is (PostgreSQL: on the server). */
	close(): Promise<void>;
}

export interface FreshOptions {
	/** SQL run before the migrations (after the shim's roles exist): a project's own defaults. */
	beforeMigrations?: string;
	/** Run every migration on an empty database rather than copy a migrated one. */
	scratch?: boolean;
}

/** The shim (Supabase's roles), then the project's defaults, if any. */
async function prepare(db: Sql, options: FreshOptions): Promise<void> {
	if (!options.beforeMigrations) return;
	await db.exec(await readFile(join(supabaseDir(), 'local', 'shim.sql'), 'utf8'));
	await db.exec(options.beforeMigrations);
}

/** A new empty database with the migrations and the framework files loaded. */
export async function freshDatabase(
	engine: Engine,
	options: FreshOptions = {}
): Promise<TestDatabase> {
	const scratch = options.scratch || Boolean(options.beforeMigrations);
	if (engine === 'pglite' && !scratch) {
		const db = await migratedPglite();
		return { db, drop: () => db.close(), close: () => db.close() };
	}
	if (engine === 'pglite') {
		const db = await openPglite();
		await prepare(db, options);
		await migrate(db);
		await installFrameworks(db);
		return { db, drop: () => db.close(), close: () => db.close() };
	}
	const name = `ita_test_${randomBytes(6).toString('hex')}`;
	const admin = openPostgres(pgAdminUrl, { max: 1 });
	const url = new URL(pgAdminUrl);
	url.pathname = `/${name}`;
	let db: Sql;
	if (scratch) {
		await admin.exec(`create database ${name}`);
		db = openPostgres(url.toString());
		await prepare(db, options);
		await migrate(db);
		await installFrameworks(db);
	} else {
		await admin.exec(`create database ${name} template ${await postgresTemplate(pgAdminUrl)}`);
		db = openPostgres(url.toString());
	}
	return {
		db,
		url: url.toString(),
		async drop() {
			await db.close();
			await admin.exec(`drop database if exists ${name} with (force)`);
			await admin.close();
		},
		async close() {
			await db.close();
			await admin.close();
		}
	};
}

/**
 * Applies `supabase/migrations/*.sql` in name order, each in its own transaction,
 * recording them where the Supabase CLI does (supabase_migrations.schema_migrations),
 * after the local shim that gives a bare Postgres Supabase's roles and auth functions.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from './client.ts';
import { supabaseDir } from './paths.ts';

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

export async function readMigrations(
	dir = join(supabaseDir(), 'migrations')
): Promise<Migration[]> {
	const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
	return Promise.all(
		files.map(async (file) => {
			const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(file)!;
			return { version, name, sql: await readFile(join(dir, file), 'utf8') };
		})
	);
}

/** Runs the shim and every pending migration; returns the versions it applied. */
export async function migrate(db: Sql): Promise<string[]> {
	await db.exec(await readFile(join(supabaseDir(), 'local', 'shim.sql'), 'utf8'));
	const done = new Set(
		(
			await db.query<{ version: string }>(
				'select version from supabase_migrations.schema_migrations'
			)
		).map((r) => r.version)
	);
	const applied: string[] = [];
	for (const m of await readMigrations()) {
		if (done.has(m.version)) continue;
		await db.transaction(async (tx) => {
			await tx.exec(m.sql);
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)',
				[m.version, m.name]
			);
		});
		applied.push(m.version);
	}
	return applied;
}

/**
 * A normalized description of the schema a migrations folder makes: the folder is applied
 * (after supabase/local/shim.sql, each file in its own transaction, as the app's migrate()
 * does) to a fresh database on PostgreSQL 15, and `pg_dump --schema-only` of it is
 * printed without what differs from run to run (pg_dump's header and \restrict keys),
 * followed by each table's row count (the rows the migrations seed). Two folders that
 * print the same text make the same database — which is how a squash is checked:
 *
 *   npx tsx scripts/schema-fingerprint.ts supabase/migrations > before.txt
 *   npx tsx scripts/squash-migrations.ts --to /tmp/squashed
 *   npx tsx scripts/schema-fingerprint.ts /tmp/squashed > after.txt
 *   cmp before.txt after.txt
 *
 * The server: ITA_TEST_PG_URL (default postgres://ita:ita@127.0.0.1:5432/postgres), as the
 * tests use; pg_dump must be on the PATH, of the server's major version.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openPostgres } from '../src/lib/server/db/client.ts';
import { readMigrations } from '../src/lib/server/db/migrate.ts';
import { supabaseDir } from '../src/lib/server/db/paths.ts';

const run = promisify(execFile);

/** pg_dump's text without what changes from one run (or one database name) to the next. */
export function normaliseDump(dump: string, database: string): string {
	return dump
		.split('\n')
		.filter((line) => !/^\\(un)?restrict\b/.test(line))
		.filter((line) => !/^-- Dumped (from|by)/.test(line))
		.map((line) => line.replaceAll(database, '<database>'))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** Applies the folder to a fresh database and describes the result. */
export async function schemaFingerprint(
	dir: string,
	adminUrl = process.env.ITA_TEST_PG_URL ?? 'postgres://ita:ita@127.0.0.1:5432/postgres'
): Promise<string> {
	const name = `ita_fingerprint_${randomBytes(6).toString('hex')}`;
	const admin = openPostgres(adminUrl, { max: 1 });
	await admin.exec(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const db = openPostgres(url.toString(), { max: 1 });
	try {
		await db.exec(await readFile(join(supabaseDir(), 'local', 'shim.sql'), 'utf8'));
		for (const m of await readMigrations(resolve(dir))) {
			try {
				await db.transaction(async (tx) => {
					await tx.exec(m.sql);
				});
			} catch (error) {
				throw new Error(`${m.version}_${m.name}.sql: ${(error as Error).message}`, {
					cause: error
				});
			}
		}
		const { stdout } = await run('pg_dump', ['--schema-only', '--no-owner', url.toString()], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		});
		const tables = await db.query<{ name: string }>(
			`select format('%I.%I', n.nspname, c.relname) as name from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and n.nspname in ('public', 'ita_private')
			order by 1`
		);
		const counts: string[] = [];
		for (const t of tables) {
			const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${t.name}`);
			counts.push(`${t.name}: ${n}`);
		}
		return `${normaliseDump(stdout, name)}\n\n-- rows\n${counts.join('\n')}\n`;
	} finally {
		await db.close();
		await admin.exec(`drop database if exists ${name} with (force)`);
		await admin.close();
	}
}

if (process.argv[1]?.endsWith('schema-fingerprint.ts')) {
	const dir = process.argv[2];
	if (!dir) {
		console.error('usage: tsx scripts/schema-fingerprint.ts <migrations folder>');
		process.exit(2);
	}
	process.stdout.write(await schemaFingerprint(dir));
}

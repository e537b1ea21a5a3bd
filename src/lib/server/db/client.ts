/**
 * One small interface over the two Postgres engines ITA Collect runs on: PGlite
 * (Postgres in WASM, the embedded default, and the CLI's throw-away database) and
 * PostgreSQL over TCP (a Supabase project's database, or PostgreSQL 15 in the tests).
 * Everything above it — migrations, RPC calls, tests — is written once.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export type Row = Record<string, unknown>;

export interface Sql {
	readonly engine: 'pglite' | 'postgres';
	/** One statement, `$1 …` parameters. */
	query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
	/** Several statements, no parameters (a migration file). */
	exec(text: string): Promise<void>;
	/** Runs `work` in one transaction, committed when it resolves, rolled back when it throws. */
	transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
	close(): Promise<void>;
	/** PGlite only: the whole data directory as a gzipped tarball (taken between queries). */
	dumpDataDir?(): Promise<Blob>;
}

type PgliteTx = Parameters<Parameters<PGlite['transaction']>[0]>[0];

function wrapPgliteTx(tx: PgliteTx): Sql {
	return {
		engine: 'pglite',
		async query<T extends Row>(text: string, params: unknown[] = []) {
			return (await tx.query<T>(text, params)).rows;
		},
		async exec(text: string) {
			await tx.exec(text);
		},
		transaction() {
			// PGlite has one session: a nested transaction would share the outer one.
			throw new Error('nested transactions are not supported');
		},
		close() {
			throw new Error('close the database, not a transaction');
		}
	};
}

/** Wraps an open PGlite. Its `close()` closes the PGlite too. */
export function fromPglite(db: PGlite): Sql {
	return {
		engine: 'pglite',
		async query<T extends Row>(text: string, params: unknown[] = []) {
			return (await db.query<T>(text, params)).rows;
		},
		async exec(text: string) {
			await db.exec(text);
		},
		transaction<T>(work: (tx: Sql) => Promise<T>) {
			return db.transaction((tx) => work(wrapPgliteTx(tx)));
		},
		close() {
			return db.close();
		},
		async dumpDataDir() {
			// Pages on disk first, then the copy inside an (empty) transaction of our own: no
			// other transaction is half-way through, and no statement runs during the copy.
			await db.exec('checkpoint');
			return db.transaction(() => db.dumpDataDir('gzip'));
		}
	};
}

/** PGlite in `dataDir`, or in memory when none is given. */
export async function openPglite(dataDir?: string): Promise<Sql> {
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const db = dataDir ? new PGlite(dataDir) : new PGlite();
	await db.waitReady;
	return fromPglite(db);
}

type PgClient = postgres.Sql | postgres.TransactionSql;

function wrapPostgres(sql: PgClient, root: postgres.Sql | null): Sql {
	return {
		engine: 'postgres',
		async query<T extends Row>(text: string, params: unknown[] = []) {
			const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as T[];
		},
		async exec(text: string) {
			// No parameters: the simple protocol, which takes several statements.
			await sql.unsafe(text).simple();
		},
		async transaction<T>(work: (tx: Sql) => Promise<T>) {
			if (!root) throw new Error('nested transactions are not supported');
			return (await root.begin((tx) => work(wrapPostgres(tx, null)))) as T;
		},
		async close() {
			if (root) await root.end({ timeout: 5 });
		}
	};
}

/** PostgreSQL at `url` (postgres://user:password@host:port/database). */
export function openPostgres(url: string, options: { max?: number } = {}): Sql {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		// Keep numeric and bigint as text: scores must not pass through a float.
		types: {}
	});
	return wrapPostgres(sql, sql);
}

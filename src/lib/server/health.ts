/**
 * Is the database there, and at this version's schema? For `/healthz`.
 */
import type { Sql } from './db/client.ts';
import { readMigrations } from './db/migrate.ts';

export interface Health {
	ok: boolean;
	body: Record<string, unknown>;
}

export async function databaseHealth(db: Sql): Promise<Health> {
	let applied: Set<string>;
	try {
		applied = new Set(
			(
				await db.query<{ version: string }>(
					'select version from supabase_migrations.schema_migrations'
				)
			).map((r) => r.version)
		);
	} catch (error) {
		return { ok: false, body: { db: 'error', error: (error as Error).message } };
	}
	// The migrations this version ships (a code update not yet followed by a restart shows here).
	const pending = (await readMigrations()).filter((m) => !applied.has(m.version));
	if (pending.length > 0) {
		return {
			ok: false,
			body: {
				db: 'ok',
				migrations: 'pending',
				pending: pending.map((m) => `${m.version}_${m.name}`)
			}
		};
	}
	return { ok: true, body: { db: 'ok', migrations: 'current' } };
}

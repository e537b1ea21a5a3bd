/**
 * A test seam, like test-channel.ts: `ita score`'s throw-away database starts from the
 * tests' migrated copy (tests/support/templates.ts) instead of an empty one, which saves
 * the initdb and every migration (seconds of CPU) each time the tests score a file. The
 * command still runs the migrations and loads the frameworks on it (nothing left to do).
 *
 * Only under the tests: NODE_ENV=test and ITA_TEST_PGLITE_DUMP naming the copy, which the
 * tests' global set-up sets. A person's `ita score` always starts from nothing.
 */
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite, openPglite, type Sql } from './client.ts';

/** A new in-memory PGlite: empty, or under the tests the migrated copy. */
export async function throwAwayPglite(): Promise<Sql> {
	const dump = process.env.NODE_ENV === 'test' ? process.env.ITA_TEST_PGLITE_DUMP : undefined;
	if (!dump) return openPglite();
	const db = new PGlite({ loadDataDir: new Blob([await readFile(dump)]) });
	await db.waitReady;
	return fromPglite(db);
}

/**
 * The database tests run on PostgreSQL as well as PGlite: fail at once, with what to
 * do, when the server is not there rather than passing on one engine only.
 */
import { ensureBuilt } from '../src/cli/build.ts';
import { openPostgres } from '../src/lib/server/db/client.ts';
import { pgAdminUrl } from './support/databases.ts';
import { ensureTemplates } from './support/templates.ts';

export default async function setup() {
	const db = openPostgres(pgAdminUrl, { max: 1 });
	try {
		await db.query('select 1');
	} catch (error) {
		throw new Error(
			`The database tests need PostgreSQL at ${pgAdminUrl.replace(/:[^:@/]*@/, ':***@')} ` +
				`(${(error as Error).message}). Start it and create the test role as .ci/run does, ` +
				'or set ITA_TEST_PG_URL.',
			{ cause: error }
		);
	} finally {
		await db.close();
	}
	// Server and browser tests start `npm start`'s server; build once, before any of them.
	ensureBuilt();
	// The migrated databases the tests copy (support/templates.ts), made once before them.
	await ensureTemplates(pgAdminUrl);
}

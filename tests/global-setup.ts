/**
 * The database tests run on PostgreSQL as well as PGlite: fail at once, with what to
 * do, when the server is not there rather than passing on one engine only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildInBackground, buildNeeded } from '../src/cli/build.ts';
import { openPostgres } from '../src/lib/server/db/client.ts';
import { writeBuildState } from './support/app-build.ts';
import { pgAdminUrl } from './support/databases.ts';
import { ensureTemplates } from './support/templates.ts';

export default async function setup(project: TestProject) {
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
	// Server and browser tests start `npm start`'s server: the build starts now, in the
	// background, and they wait for it (support/app-build.ts); the tests that need no
	// server run meanwhile (support/sequencer.ts puts them first while it builds).
	// `npm test` names the file (scripts/test.ts starts the type-check once the build ends).
	const dir = await mkdtemp(join(tmpdir(), 'ita-test-build-'));
	const stateFile = process.env.ITA_TEST_BUILD_STATE ?? join(dir, 'state.json');
	project.provide('itaBuildState', stateFile);
	let build: Promise<boolean> = Promise.resolve(true);
	if (buildNeeded()) {
		await writeBuildState(stateFile, { status: 'building' });
		console.log('Building ITA Collect beside the tests that need no server …');
		build = buildInBackground().then(async (outcome) => {
			if (outcome.ok) {
				console.log(`Built in ${outcome.seconds} s.`);
				await writeBuildState(stateFile, { status: 'built', seconds: outcome.seconds });
			} else {
				process.stderr.write(`\nThe build failed:\n${outcome.output}\n`);
				await writeBuildState(stateFile, { status: 'failed', output: outcome.output });
			}
			return outcome.ok;
		});
	} else {
		await writeBuildState(stateFile, { status: 'built' });
	}
	// The migrated databases the tests copy (support/templates.ts), made once before them;
	// `ita score` under the tests starts from the PGlite one (the workers and the processes
	// they start inherit this environment; src/lib/server/db/test-template.ts).
	process.env.ITA_TEST_PGLITE_DUMP = await ensureTemplates(pgAdminUrl);
	return async () => {
		// Even a run of database tests only ends with a fresh build, or fails, as before.
		const built = await build;
		await rm(dir, { recursive: true, force: true });
		if (!built) throw new Error('the build failed (its output is above)');
	};
}

/**
 * The pgTAP suite in supabase/tests/database — the one a Supabase project runs with
 * `supabase test db` — run here with pg_prove on PostgreSQL 15 (pgTAP is a PostgreSQL
 * extension; PGlite does not ship it). The vitest suites check the same rules on both
 * engines; this keeps the SQL tests that deployers can run against their own project
 * honest.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { supabaseDir } from '../../src/lib/server/db/paths.ts';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';

const run = promisify(execFile);
const dir = join(supabaseDir(), 'tests', 'database');

async function prove(url: string): Promise<string> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.test.sql')).sort();
	expect(files.length).toBeGreaterThan(0);
	const result = await run(
		'pg_prove',
		['--verbose', '-d', url, ...files.map((f) => join(dir, f))],
		{
			encoding: 'utf8'
		}
	).catch((error: { code?: unknown; stdout?: string; stderr?: string }) => {
		if (error.code === 'ENOENT') {
			throw new Error(
				'pg_prove is missing: install the Debian packages postgresql-15-pgtap and ' +
					'libtap-parser-sourcehandler-pgtap-perl (as .ci/run does)'
			);
		}
		return { stdout: error.stdout ?? '', stderr: error.stderr ?? '', failed: true };
	});
	return `${result.stdout}\n${result.stderr}`;
}

describe('the pgTAP suite', () => {
	const made: TestDatabase[] = [];
	afterAll(() => Promise.all(made.map((t) => t.drop())));

	test('passes on a freshly migrated PostgreSQL', async () => {
		const t = await freshDatabase('postgres');
		made.push(t);
		const output = await prove(t.url!);
		expect(output, output).toMatch(/All tests successful/);
		expect(output).not.toMatch(/^not ok/m);
	});

	// Supabase's older default (and a plain `supabase start`): every table, sequence and
	// function created in public is granted to the API roles. The migrations must close
	// what that opens.
	test('passes on a database where new tables are granted to the API roles by default', async () => {
		const t = await freshDatabase('postgres', {
			beforeMigrations: `
				alter default privileges in schema public grant all on tables to anon, authenticated;
				alter default privileges in schema public grant all on sequences to anon, authenticated;
				alter default privileges in schema public grant all on functions to anon, authenticated;`
		});
		made.push(t);
		const output = await prove(t.url!);
		expect(output, output).toMatch(/All tests successful/);
		expect(output).not.toMatch(/^not ok/m);
	});
});

/**
 * One definition per SQL function: a reader finds the body that runs without replaying
 * the migrations (issue 14). After the first release a change goes in a new file, which
 * redefines the function there — then this test names both files, and the squash
 * (scripts/squash-migrations.ts) or a conscious exception is the answer.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { functionOf, splitStatements } from '../../scripts/sql-statements.ts';
import { supabaseDir } from '../../src/lib/server/db/paths.ts';

test('every SQL function is defined once across supabase/migrations', async () => {
	const dir = join(supabaseDir(), 'migrations');
	const where = new Map<string, string[]>();
	for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) {
		for (const s of splitStatements(await readFile(join(dir, file), 'utf8'))) {
			const fn = s.body ? functionOf(s.body) : null;
			if (fn?.kind === 'create') where.set(fn.key, [...(where.get(fn.key) ?? []), file]);
		}
	}
	expect(where.size).toBeGreaterThan(50);
	expect([...where].filter(([, files]) => files.length > 1)).toEqual([]);
});

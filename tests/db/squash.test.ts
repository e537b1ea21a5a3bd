/**
 * scripts/squash-migrations.ts, the tool that turns supabase/migrations into a baseline
 * with one definition per SQL function before the first release: the squashed folder
 * makes byte for byte the schema (and seeded rows) the original one makes, on
 * PostgreSQL 15, and defines each function once.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { schemaFingerprint } from '../../scripts/schema-fingerprint.ts';
import { squash } from '../../scripts/squash-migrations.ts';
import { functionOf, splitStatements } from '../../scripts/sql-statements.ts';
import { supabaseDir } from '../../src/lib/server/db/paths.ts';

const migrations = join(supabaseDir(), 'migrations');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Every `create function` of a folder, by the function it defines: how many times. */
async function definitions(dir: string): Promise<Map<string, number>> {
	const seen = new Map<string, number>();
	for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) {
		for (const s of splitStatements(await readFile(join(dir, file), 'utf8'))) {
			const fn = s.body ? functionOf(s.body) : null;
			if (fn?.kind === 'create') seen.set(fn.key, (seen.get(fn.key) ?? 0) + 1);
		}
	}
	return seen;
}

test('the squashed migrations define each function once and make the same database', async () => {
	const out = await mkdtemp(join(tmpdir(), 'ita-squash-'));
	dirs.push(out);
	const report = await squash(migrations);
	for (const f of report.files) await writeFile(join(out, f.name), f.sql);

	const before = await definitions(migrations);
	const after = await definitions(out);
	expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
	expect([...after].filter(([, n]) => n > 1)).toEqual([]);
	// Squashed: what was defined more than once before.
	expect(report.squashed.sort()).toEqual(
		[...before]
			.filter(([, n]) => n > 1)
			.map(([key]) => key)
			.sort()
	);

	const [original, squashed] = [await schemaFingerprint(migrations), await schemaFingerprint(out)];
	expect(squashed.length).toBeGreaterThan(10_000);
	expect(squashed === original, 'the fingerprints differ: diff the two outputs').toBe(true);
}, 300_000);

test('the fingerprint tells two different schemas apart', async () => {
	const out = await mkdtemp(join(tmpdir(), 'ita-squash-'));
	dirs.push(out);
	const files = (await readdir(migrations)).filter((f) => f.endsWith('.sql')).sort();
	for (const f of files) await writeFile(join(out, f), await readFile(join(migrations, f), 'utf8'));
	await writeFile(
		join(out, '99999999999999_extra.sql'),
		'comment on table public.rounds is $$changed$$;\n'
	);
	expect(await schemaFingerprint(out)).not.toBe(await schemaFingerprint(migrations));
}, 300_000);

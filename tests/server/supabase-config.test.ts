/**
 * supabase/config.toml, which `supabase start` and `supabase db push` read, says what the
 * app assumes of a Supabase project: the API exposes `public` only (the ita_private helpers
 * are never reachable), PostgreSQL 15 (what the migrations are tested on), nobody signs
 * themselves up, and the same shortest password as the officers' screens, so a password
 * one accepts the other does not refuse. And every command its comments name exists.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../../src/lib/admin/account-rules.ts';
import { supabaseDir } from '../../src/lib/server/db/paths.ts';

/** `key = value` lines by [section] (the flat subset of TOML the file uses). */
function sections(toml: string): Map<string, Map<string, string>> {
	const out = new Map<string, Map<string, string>>([['', new Map()]]);
	let current = out.get('')!;
	for (const raw of toml.split('\n')) {
		const line = raw.replace(/\s+#.*$/, '').trim();
		if (line === '' || line.startsWith('#')) continue;
		const header = /^\[([\w.]+)\]$/.exec(line);
		if (header) {
			current = new Map();
			out.set(header[1], current);
			continue;
		}
		const pair = /^(\w+)\s*=\s*(.+)$/.exec(line);
		if (!pair) throw new Error(`not a key = value line: ${raw}`);
		current.set(pair[1], pair[2]);
	}
	return out;
}

test('config.toml matches what the app assumes of a Supabase project', async () => {
	const text = await readFile(join(supabaseDir(), 'config.toml'), 'utf8');
	const config = sections(text);
	const get = (section: string, key: string) => config.get(section)?.get(key);

	expect(get('api', 'schemas')).toBe('["public"]');
	expect(get('db', 'major_version')).toBe('15');
	expect(get('auth', 'enable_signup')).toBe('false');
	expect(get('auth', 'enable_anonymous_sign_ins')).toBe('false');
	expect(get('auth.email', 'enable_signup')).toBe('false');
	expect(Number(get('auth', 'minimum_password_length'))).toBe(MIN_PASSWORD_LENGTH);
	// Nothing subscribes or stores files: those services stay off.
	expect(get('realtime', 'enabled')).toBe('false');
	expect(get('storage', 'enabled')).toBe('false');

	// The `npm run ita -- <command>` its comments name are commands of the CLI's usage.
	const cli = await readFile('src/cli/ita.ts', 'utf8');
	const named = [...text.matchAll(/`npm run ita -- ([\w ]+)`/g)].map(([, command]) => command);
	expect(named.length).toBeGreaterThan(0);
	for (const command of named) {
		expect(cli).toMatch(new RegExp(`npm run ita -- ${command}( \\[|\\n)`));
	}
});

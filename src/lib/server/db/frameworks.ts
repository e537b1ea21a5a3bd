/**
 * Framework files (`supabase/seed/frameworks/*.json`): read, validated with
 * FrameworkSchema, and handed to the database's load_framework().
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { frameworkProblems } from '../../ita/consistency.ts';
import { FrameworkSchema, type Framework } from '../../ita/framework.ts';
import type { Sql } from './client.ts';
import { supabaseDir } from './paths.ts';
import { callRpc, service } from './rpc.ts';

export function frameworksDir(): string {
	return join(supabaseDir(), 'seed', 'frameworks');
}

/** Reads and validates one framework file; a bad file names its path and the first problems. */
export async function readFrameworkFile(path: string): Promise<Framework> {
	const parsed = FrameworkSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
	if (!parsed.success) {
		const problems = parsed.error.issues
			.slice(0, 5)
			.map((i) => `  ${i.path.join('.')}: ${i.message}`)
			.join('\n');
		throw new Error(`${path} is not a valid framework:\n${problems}`);
	}
	const problems = frameworkProblems(parsed.data);
	if (problems.length > 0) {
		throw new Error(`${path} is inconsistent:\n${problems.map((p) => `  ${p}`).join('\n')}`);
	}
	return parsed.data;
}

export async function readFrameworks(dir = frameworksDir()): Promise<Framework[]> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
	return Promise.all(files.map((f) => readFrameworkFile(join(dir, f))));
}

/** Loads every framework file into the database; unchanged ones are left as they are. */
export async function installFrameworks(db: Sql, frameworks?: Framework[]): Promise<string[]> {
	const ids: string[] = [];
	for (const f of frameworks ?? (await readFrameworks())) {
		ids.push(await callRpc<string>(db, service, 'load_framework', { definition: f }));
	}
	return ids;
}

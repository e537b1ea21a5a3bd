/**
 * Squashes supabase/migrations into a baseline in which every SQL function is defined
 * once, with the body that runs today — so that a reader finds it without replaying the
 * files. Run once, before the first release (nothing deployed has to replay the old
 * files); after that, changes go in new files as usual.
 *
 *   npx tsx scripts/squash-migrations.ts --to /tmp/squashed      # write a squashed copy
 *   npx tsx scripts/squash-migrations.ts --in-place              # rewrite supabase/migrations
 *   npx tsx scripts/schema-fingerprint.ts supabase/migrations > before.txt   # and compare
 *
 * How, so that the schema comes out identical (scripts/schema-fingerprint.ts proves it):
 * - The files keep their names and areas (frameworks, agencies and rounds, responses, …).
 * - A function stays where it was first defined — so every grant, revoke and comment
 *   after it still applies in the same order — with its last body and last doc comment;
 *   its later `create or replace` statements go. A SQL-language body moved before objects
 *   it refers to is allowed by `set local check_function_bodies = off` at the top of its
 *   file, as pg_dump does (PL/pgSQL bodies are only resolved when they run).
 * - `alter table … add column …` is folded into the table's `create table` when every
 *   action adds a column that references nothing (a column added later goes last either
 *   way, so the columns keep their order); otherwise it stays.
 * - A function that is ever dropped is left as it is (reported), as is everything else.
 * - A file left with no statement is not written.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
	balanced,
	functionOf,
	splitStatements,
	splitTopLevel,
	type Statement
} from './sql-statements.ts';

interface Entry extends Statement {
	file: string;
	fn?: { kind: 'create' | 'drop'; key: string };
	/** Replaced by the output: null drops the statement (its plain comments stay). */
	out?: string | null;
}

export interface SquashReport {
	files: { name: string; sql: string }[];
	/** Functions defined more than once before, once now. */
	squashed: string[];
	/** Columns folded into their tables' create table. */
	folded: string[];
	notes: string[];
}

/** The trailing doc comment (`/** … *\/`) of a statement's leading text, and what precedes it. */
function splitDoc(leading: string): { before: string; doc: string } {
	const m = /\/\*\*[\s\S]*?\*\/\s*$/.exec(leading);
	return m ? { before: leading.slice(0, m.index), doc: m[0] } : { before: leading, doc: '' };
}

const languageSql = /\blanguage\s+sql\b/i;

/** `alter table <t> add column …[, add column …]` whose columns reference nothing: its table and columns. */
function foldableColumns(body: string): { table: string; columns: string[] } | null {
	const m = /^alter\s+table\s+(?:only\s+)?(?:if\s+exists\s+)?([\w."]+)\s+([\s\S]*);\s*$/i.exec(
		body
	);
	if (!m) return null;
	const columns: string[] = [];
	for (const action of splitTopLevel(m[2])) {
		const add =
			/^add\s+(?:column\s+)?(?!constraint\b|primary\b|unique\b|check\b|foreign\b|exclude\b)(?!if\s+not\s+exists\b)([\s\S]+)$/i.exec(
				action
			);
		if (!add || /\breferences\b/i.test(add[1])) return null;
		columns.push(add[1].trim());
	}
	return { table: m[1].toLowerCase(), columns };
}

function createTableOf(body: string): string | null {
	const m = /^create\s+table\s+(?:if\s+not\s+exists\s+)?([\w."]+)\s*\(/i.exec(body);
	return m ? m[1].toLowerCase() : null;
}

/** Adds columns at the end of a `create table` statement's list. */
function withColumns(body: string, columns: string[]): string {
	const open = body.indexOf('(');
	const list = balanced(body, open);
	if (!list) throw new Error(`cannot read the column list of: ${body.slice(0, 80)}`);
	const inner = list.inner.replace(/\s+$/, '');
	const indent = /\n([ \t]+)\S/.exec(list.inner)?.[1] ?? '\t';
	const added = columns.map((c) => `,\n${indent}${c}`).join('');
	return `${body.slice(0, open + 1)}${inner}${added}\n${body.slice(list.end)}`;
}

export async function squash(dir: string): Promise<SquashReport> {
	const names = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
	const entries: Entry[] = [];
	for (const file of names) {
		for (const s of splitStatements(await readFile(join(dir, file), 'utf8'))) {
			const fn = s.body ? (functionOf(s.body) ?? undefined) : undefined;
			entries.push({ ...s, file, fn });
		}
	}
	const notes: string[] = [];

	// Functions: first and last definition of each.
	const defs = new Map<string, Entry[]>();
	const dropped = new Set<string>();
	for (const e of entries) {
		if (!e.fn) continue;
		if (e.fn.kind === 'drop') dropped.add(e.fn.key);
		else defs.set(e.fn.key, [...(defs.get(e.fn.key) ?? []), e]);
	}
	const squashed: string[] = [];
	const relaxed = new Set<string>();
	for (const [key, list] of defs) {
		if (list.length < 2) continue;
		if (dropped.has(key)) {
			notes.push(`${key} is dropped somewhere: left as it is`);
			continue;
		}
		const [first, last] = [list[0], list[list.length - 1]];
		const doc = splitDoc(last.leading).doc || splitDoc(first.leading).doc;
		first.out = `${splitDoc(first.leading).before}${doc}${last.body}`;
		for (const later of list.slice(1)) later.out = null;
		if (languageSql.test(last.body) && last.file !== first.file) relaxed.add(first.file);
		squashed.push(key);
	}

	// Columns added later, folded into their tables.
	const folded: string[] = [];
	const tables = new Map<string, Entry>();
	for (const e of entries) {
		const table = e.body ? createTableOf(e.body) : null;
		if (table) tables.set(table, e);
		const fold = e.body ? foldableColumns(e.body) : null;
		if (!fold) continue;
		const target = tables.get(fold.table);
		if (!target) continue;
		target.body = withColumns(target.body, fold.columns);
		e.out = null;
		folded.push(...fold.columns.map((c) => `${fold.table}.${c.split(/\s+/)[0]}`));
	}

	const files: { name: string; sql: string }[] = [];
	for (const name of names) {
		const mine = entries.filter((e) => e.file === name);
		if (!mine.some((e) => e.body && e.out !== null)) {
			notes.push(`${name}: nothing left, not written`);
			continue;
		}
		let sql = mine
			.map((e) => {
				if (e.out === null) {
					// The statement goes; comments before it that are not its doc comment stay.
					const before = splitDoc(e.leading).before;
					return /\S/.test(before) ? before : '';
				}
				return e.out ?? `${e.leading}${e.body}`;
			})
			.join('');
		sql = sql.replace(/\n{3,}/g, '\n\n');
		if (relaxed.has(name)) {
			// After the file's opening comment block, as its first statement.
			const head = /^(?:\s*--[^\n]*\n)*/.exec(sql)?.[0] ?? '';
			sql =
				head +
				'\n-- Function bodies here refer to objects made in later files (the baseline keeps each\n' +
				'-- function where it was first defined): checked when they run, as pg_dump does.\n' +
				'set local check_function_bodies = off;\n' +
				sql.slice(head.length);
		}
		files.push({ name, sql: sql.replace(/\s*$/, '\n') });
	}
	return { files, squashed, folded, notes };
}

async function main() {
	const args = process.argv.slice(2);
	const option = (name: string) => {
		const i = args.indexOf(name);
		return i === -1 ? undefined : args[i + 1];
	};
	const from = resolve(option('--from') ?? 'supabase/migrations');
	const inPlace = args.includes('--in-place');
	const to = inPlace ? from : option('--to');
	if (!to) {
		console.error('usage: tsx scripts/squash-migrations.ts [--from dir] (--to dir | --in-place)');
		process.exit(2);
	}
	const report = await squash(from);
	await mkdir(to, { recursive: true });
	if (inPlace) {
		for (const f of (await readdir(from)).filter((f) => /^\d+_.+\.sql$/.test(f))) {
			await rm(join(from, f));
		}
	}
	for (const f of report.files) await writeFile(join(to, f.name), f.sql);
	console.log(`${report.files.length} files written to ${to}`);
	console.log(
		`functions now defined once (${report.squashed.length}): ${report.squashed.join(', ')}`
	);
	console.log(
		`columns folded into create table (${report.folded.length}): ${report.folded.join(', ')}`
	);
	for (const note of report.notes) console.log(`note: ${note}`);
}

if (
	import.meta.url === `file://${process.argv[1]}` ||
	process.argv[1]?.endsWith('squash-migrations.ts')
) {
	await main();
}

/**
 * ita — the command line of ITA Collect.
 *
 *   ita score --framework <id> --responses <file.ndjson> [--oit <file.json>]
 *   ita import --round <code> <file.ndjson|.csv|.xlsx> [--instrument iit|eit]
 *       [--data <folder> | --database-url <url> | --url <server>]
 *   ita frameworks [--data <folder> | --database-url <url>]
 *   ita user add --email <e> --role officer|central [--agency <code>] [--data <folder>]
 *   ita user list [--data <folder>]
 *   ita backup <file> [--data <folder>]
 *   ita restore <file> [--data <folder>]
 *
 * `score` runs the very SQL of the app in a throw-away PGlite and prints the scores as
 * JSON; `import` loads paper responses into a round through submit_responses().
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AccountError, createAccount, listAccounts } from '../lib/server/auth/accounts.ts';
import { openPostgres, type Sql } from '../lib/server/db/client.ts';
import { openDatabase } from '../lib/server/db/embedded.ts';
import { installFrameworks } from '../lib/server/db/frameworks.ts';
import { migrate } from '../lib/server/db/migrate.ts';
import { callRpc, service } from '../lib/server/db/rpc.ts';
import { throwAwayPglite } from '../lib/server/db/test-template.ts';
import { backup as backupFolder, restore as restoreFolder } from './backup.ts';
import { failureText, httpFailure } from './failure.ts';
import { parseNdjson, type Line } from './ndjson.ts';
import { paperResponses } from '../lib/admin/paper.ts';
import { readSheet } from '../lib/server/admin/paper-sheet.ts';
import { DataFolderInUse } from '../lib/server/embedded/lock.ts';
import { thaiToday } from '../lib/survey/response.ts';
import { postToServer, runningServer, type ServerAddress } from './server-address.ts';
import { addSupabaseUser, listSupabaseUsers, supabaseTarget } from './supabase-users.ts';

const usage = `Usage:
  npm run ita -- score --framework <id> --responses <file.ndjson> [--oit <file.json>]
      Scores a file of responses (one JSON object per line) with the app's SQL in a
      throw-away database and prints the results as JSON.
  npm run ita -- import --round <code> <file> [--instrument iit|eit]
                        [--data <folder> | --database-url <url> | --url <server>]
      Loads responses (paper forms typed in) into a round: a file of JSON lines
      (.ndjson), or the paper-form template filled in (.csv or .xlsx, downloaded from
      the round's page; --instrument says which survey, eit unless told). While the
      embedded server runs, the responses go to it over HTTP (its address from the data
      folder, or --url) with the service key of data/keys.json; when it is stopped, into
      the data folder (./data, or ITA_DATA_DIR) directly; or into PostgreSQL/Supabase
      (DATABASE_URL). Each row gets a verdict; importing a file twice stores nothing twice.
  npm run ita -- frameworks [--data <folder> | --database-url <url>]
      Applies pending migrations (embedded only) and loads every file of
      supabase/seed/frameworks/ into the database; prints the framework ids.
  npm run ita -- user add --email <e> --role officer|central [--agency <code>] [--data <folder>]
      Creates an account that signs in to the embedded server (an officer manages one
      agency, --agency bang-rak; a central administrator all). The password is read from
      ITA_PASSWORD, or asked for on the terminal without showing it. With
      PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY set, creates a Supabase Auth user
      instead (app_metadata.ita_role and agency_id set).
  npm run ita -- user list [--data <folder>]
      Lists the embedded server's accounts (or, as above, the Supabase Auth users).
  npm run ita -- backup <file> [--data <folder>]
      Writes a consistent copy of the embedded database and its keys to <file> (a tar,
      owner-only). While the server runs, the server makes it; stopped, the folder is read.
  npm run ita -- restore <file> [--data <folder>]
      Loads a backup into an empty data folder (refused if it holds anything).

A line: {"id": "<uuid>", "instrument": "iit" | "eit", "answers": {"i1.1": 4, …},
         "demographics": {"sex": "female", …}, "variants": {"E3": "permit"}}

The database's refusals are printed in English, or in Thai with ITA_LANG=th (or a Thai
locale, LANG=th_TH.UTF-8).`;

interface Verdict {
	id: string | null;
	status: 'accepted' | 'duplicate' | 'rejected';
	code?: string;
	reason?: string;
}

const batchSize = 200;

type Submit = (batch: unknown[]) => Promise<{ results: Verdict[] }>;

/** submit_responses in this process's database, with the service role. */
const direct =
	(db: Sql): Submit =>
	(batch) =>
		callRpc<{ results: Verdict[] }>(db, service, 'submit_responses', { batch });

/** submit_responses through a running server's REST API, with its service key. */
function overHttp(server: ServerAddress, serviceKey: string): Submit {
	return async (batch) => {
		const answer = await postToServer(server, '/rest/v1/rpc/submit_responses', serviceKey, {
			batch
		});
		const text = answer.body.toString();
		if (answer.status < 200 || answer.status > 299) {
			throw httpFailure(server.url, answer.status, text);
		}
		return JSON.parse(text) as { results: Verdict[] };
	};
}

/** Sends the parsed lines in batches; returns one verdict per line. */
async function submitLines(
	db: Sql | Submit,
	lines: Line[],
	shape: (value: Record<string, unknown>) => Record<string, unknown>
): Promise<{ line: number; verdict: Verdict }[]> {
	const out: { line: number; verdict: Verdict }[] = [];
	const good = lines.filter((l) => l.error === undefined);
	for (const l of lines) {
		if (l.error !== undefined) {
			out.push({
				line: l.line,
				verdict: { id: null, status: 'rejected', code: 'invalid_json', reason: l.error }
			});
		}
	}
	for (let i = 0; i < good.length; i += batchSize) {
		const slice = good.slice(i, i + batchSize);
		const batch = slice.map((l) =>
			l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value)
				? shape(l.value as Record<string, unknown>)
				: l.value
		);
		const result = await (typeof db === 'function' ? db : direct(db))(batch);
		result.results.forEach((verdict, j) => out.push({ line: slice[j].line, verdict }));
	}
	return out.sort((a, b) => a.line - b.line);
}

function reportRejections(verdicts: { line: number; verdict: Verdict }[]): number {
	const rejected = verdicts.filter((v) => v.verdict.status === 'rejected');
	for (const { line, verdict } of rejected) {
		console.error(`line ${line}: ${verdict.code}: ${verdict.reason}`);
	}
	return rejected.length;
}

async function score(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			framework: { type: 'string' },
			responses: { type: 'string' },
			oit: { type: 'string' }
		}
	});
	if (!values.framework || !values.responses) {
		console.error(usage);
		return 2;
	}
	const lines = parseNdjson(await readFile(values.responses, 'utf8'));
	const oit = values.oit ? (JSON.parse(await readFile(values.oit, 'utf8')) as unknown) : null;

	// (Under the tests, a migrated copy: src/lib/server/db/test-template.ts.)
	const db = await throwAwayPglite();
	try {
		await migrate(db);
		const ids = await installFrameworks(db);
		if (!ids.includes(values.framework)) {
			console.error(`No framework ${values.framework}; there are: ${ids.join(', ')}`);
			return 2;
		}
		// A round open since long ago, so that any collection day in the file is accepted.
		await db.query(
			`insert into public.agencies (code, name) values ('cli', '{"th": "ita score"}')`
		);
		await db.query(
			`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on)
			select 'cli-score', agency_id, $1, extract(year from now())::int, '2000-01-01', ita_private.today()
			from public.agencies where code = 'cli'`,
			[values.framework]
		);
		const verdicts = await submitLines(db, lines, (v) => ({
			channel: 'paper',
			...v,
			round: 'cli-score'
		}));
		if (oit !== null) {
			await callRpc(db, service, 'set_oit_scores', { round_code: 'cli-score', scores: oit });
		}
		const results = await callRpc<Record<string, unknown>>(db, service, 'round_results', {
			round_code: 'cli-score'
		});
		delete results.round;
		console.log(JSON.stringify({ framework: values.framework, ...results }, null, 2));
		const rejected = reportRejections(verdicts);
		if (rejected > 0) {
			console.error(
				`${rejected} of ${verdicts.length} responses were refused and are not in the scores.`
			);
			return 1;
		}
		return 0;
	} finally {
		await db.close();
	}
}

async function importFile(args: string[]): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		console.log(usage);
		return 0;
	}
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			round: { type: 'string' },
			instrument: { type: 'string' },
			data: { type: 'string' },
			'database-url': { type: 'string' },
			url: { type: 'string' }
		}
	});
	const file = positionals[0];
	const instrument = values.instrument ?? 'eit';
	if (!values.round || !file || (instrument !== 'iit' && instrument !== 'eit')) {
		console.error(usage);
		return 2;
	}
	const round = values.round;
	const lines = await readLines(file, round, instrument);
	const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;

	let db: Sql | null = null;
	let submit: Submit;
	if (values.url) {
		submit = overHttp({ url: values.url }, (await runningServer(values.data)).serviceKey);
	} else {
		try {
			db = await openDatabase({ databaseUrl, dataDir: values.data });
			submit = direct(db);
		} catch (error) {
			if (!(error instanceof DataFolderInUse)) throw error;
			// The server has the folder: send to it, as a browser would.
			const server = await runningServer(values.data);
			if (!server.url) {
				console.error(
					`${error.message}\nIt runs, but its address is not known: give it with --url http://127.0.0.1:<port>.`
				);
				return 1;
			}
			console.log(`The server at ${server.url} is running: sending the responses to it.`);
			submit = overHttp({ url: server.url, servername: server.servername }, server.serviceKey);
		}
	}
	try {
		const verdicts = await submitLines(submit, lines, (v) => ({ channel: 'paper', ...v, round }));
		const count = (s: Verdict['status']) => verdicts.filter((v) => v.verdict.status === s).length;
		console.log(
			`Round ${round}: ${count('accepted')} stored, ${count('duplicate')} already there, ` +
				`${count('rejected')} refused (of ${verdicts.length} lines).`
		);
		return reportRejections(verdicts) > 0 ? 1 : 0;
	} finally {
		await db?.close();
	}
}

/** A file's responses as numbered lines: JSON lines, or the paper template's CSV/XLSX rows. */
async function readLines(file: string, round: string, instrument: 'iit' | 'eit'): Promise<Line[]> {
	if (!/\.(csv|xlsx)$/i.test(file)) return parseNdjson(await readFile(file, 'utf8'));
	const rows = await paperResponses(await readSheet(file, await readFile(file)), {
		round,
		instrument,
		today: thaiToday()
	});
	return rows.map((r) =>
		r.problem
			? { line: r.row, error: `${r.problem.code}: ${r.problem.reason}` }
			: { line: r.row, value: r.response }
	);
}

async function frameworks(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { data: { type: 'string' }, 'database-url': { type: 'string' } }
	});
	const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
	// On Supabase the migrations are pushed with its CLI; only the frameworks are loaded here.
	const db = databaseUrl
		? openPostgres(databaseUrl, { max: 1 })
		: await openDatabase({ dataDir: values.data });
	try {
		console.log((await installFrameworks(db)).join('\n'));
		return 0;
	} finally {
		await db.close();
	}
}

/** Asks on the terminal without echoing what is typed. */
async function askHidden(question: string): Promise<string> {
	let muted = false;
	const output = new Writable({
		write(chunk: Buffer | string, encoding, callback) {
			if (!muted) process.stdout.write(chunk, encoding);
			callback();
		}
	});
	const rl = createInterface({ input: process.stdin, output, terminal: true });
	try {
		process.stdout.write(question);
		muted = true;
		return await rl.question('');
	} finally {
		muted = false;
		process.stdout.write('\n');
		rl.close();
	}
}

async function readNewPassword(): Promise<string | null> {
	const fromEnv = process.env.ITA_PASSWORD;
	if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
	if (!process.stdin.isTTY) {
		console.error('No password: set ITA_PASSWORD, or run the command in a terminal to type it.');
		return null;
	}
	const first = await askHidden('Password (at least 10 characters): ');
	const again = await askHidden('The same password again: ');
	if (first !== again) {
		console.error('The two passwords differ; nothing was created.');
		return null;
	}
	return first;
}

async function addUser(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			email: { type: 'string' },
			role: { type: 'string' },
			agency: { type: 'string' },
			data: { type: 'string' }
		}
	});
	if (!values.email || !values.role) {
		console.error(usage);
		return 2;
	}
	if (values.role !== 'officer' && values.role !== 'central') {
		console.error(`--role is officer (one agency) or central (every agency), not ${values.role}.`);
		return 2;
	}
	const project = supabaseTarget();
	const password = await readNewPassword();
	if (password === null) return 2;
	if (project) {
		console.log(
			await addSupabaseUser(project, {
				email: values.email,
				password,
				role: values.role,
				agency: values.agency
			})
		);
		return 0;
	}
	const db = await openDatabase({ dataDir: values.data });
	try {
		const account = await createAccount(db, {
			email: values.email,
			password,
			role: values.role,
			agencyCode: values.agency
		});
		console.log(
			`Account ${account.email} created: ` +
				(account.role === 'officer'
					? `officer of ${account.agencyCode}.`
					: 'central administrator (every agency).')
		);
		return 0;
	} catch (error) {
		if (error instanceof AccountError) {
			console.error(error.message);
			return 1;
		}
		throw error;
	} finally {
		await db.close();
	}
}

async function listUsers(args: string[]): Promise<number> {
	const { values } = parseArgs({ args, options: { data: { type: 'string' } } });
	const project = supabaseTarget();
	if (project) {
		const lines = await listSupabaseUsers(project);
		console.log(lines.length > 0 ? lines.join('\n') : 'No Supabase Auth users yet.');
		return 0;
	}
	const db = await openDatabase({ dataDir: values.data });
	try {
		const accounts = await listAccounts(db);
		if (accounts.length === 0) {
			console.log(
				'No accounts yet. Add one with: npm run ita -- user add --email <e> --role central'
			);
			return 0;
		}
		const now = new Date();
		for (const a of accounts) {
			const locked =
				a.lockedUntil && a.lockedUntil > now ? ` locked until ${a.lockedUntil.toISOString()}` : '';
			console.log(
				[a.email, a.role, a.agencyCode ?? '-', `created ${a.createdAt.toISOString()}`].join('\t') +
					locked
			);
		}
		return 0;
	} finally {
		await db.close();
	}
}

async function user(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === 'add') return addUser(rest);
	if (sub === 'list') return listUsers(rest);
	console.error(usage);
	return 2;
}

async function fileCommand(
	args: string[],
	work: (folder: string | undefined, file: string) => Promise<number>
): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { data: { type: 'string' } },
		allowPositionals: true
	});
	if (positionals.length !== 1) {
		console.error(usage);
		return 2;
	}
	return work(values.data, positionals[0]);
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
	score,
	import: importFile,
	frameworks,
	user,
	backup: (args) => fileCommand(args, backupFolder),
	restore: (args) => fileCommand(args, restoreFolder)
};

/** Runs one command line (`ita <command> …`) and resolves to its exit code. */
export async function ita(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const run = Object.hasOwn(commands, command ?? '') ? commands[command ?? ''] : undefined;
	if (run && (rest.includes('--help') || rest.includes('-h'))) {
		console.log(usage);
		return 0;
	}
	if (!run) {
		console.error(usage);
		return command === 'help' || command === '--help' ? 0 : 2;
	}
	return run(rest).catch((error: unknown) => {
		// A database refusal is a code of the catalogue: printed in Thai or English (ITA_LANG).
		console.error(failureText(error));
		return 1;
	});
}

// Run as a program (`npm run ita -- …`), not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = await ita(process.argv.slice(2));
}

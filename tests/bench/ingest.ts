/**
 * Ingest benchmark: responses per second through submit_responses(), called as anon the
 * way the survey pages and the CLI send them, in batches of 100 realistic responses (IIT
 * and EIT of bma-2567 and nacc-2565, varied answers and background answers).
 *
 *   npx tsx tests/bench/ingest.ts        (BENCH_RUNS, BENCH_BATCHES to change the size;
 *                                         BENCH_ENGINES=postgres,postgres-4 for some only)
 *
 * On PGlite and PostgreSQL one client sends one batch at a time: the rate a single device
 * or import sees. On PostgreSQL again with 4 clients (BENCH_CLIENTS), each for its own
 * offices, as a national year's devices send. Through the embedded server's HTTP endpoint
 * (`npm start`, supabase-js as the browser uses it) several clients send at once, as a
 * busy office's phones do. Targets: ≥ 1,000 responses/s on each engine, ≥ 2,000/s on
 * PostgreSQL with 4 clients.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { createSupabase, rpc } from '../../src/lib/supabase.ts';
import { EmbeddedServer } from '../support/server.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, callRpc } from '../../src/lib/server/db/rpc.ts';
import { freshDatabase, type Engine } from '../support/databases.ts';
import { addServicePoint, createRound, type ResponseInput } from '../support/fixtures.ts';
import {
	questionnaire,
	realisticResponse,
	type BenchRound,
	type Questionnaire
} from './responses.ts';
import {
	fmt,
	median,
	onCleanup,
	round,
	runBenchmark,
	seededRandom,
	setting,
	timed,
	verdict
} from './common.ts';

const TARGET = 1000;
const BATCH_SIZE = 100;
const RUNS = setting('BENCH_RUNS', 5);
const BATCHES_PER_RUN = setting('BENCH_BATCHES', 20);
/** Share of IIT among the responses: staff are fewer than the public served. */
const IIT_SHARE = 0.3;

interface Outcome {
	accepted: number;
	duplicates: number;
	rejected: number;
	results: { id: string | null; status: string; code?: string; reason?: string }[];
}

/** Where batches go: a database to set up rounds in, and a way to send it a batch. */
interface Endpoint {
	db: Sql;
	submit(batch: ResponseInput[]): Promise<Outcome>;
	close(): Promise<void>;
	/** How many clients send at once (default 1). */
	clients?: number;
	/** How many offices, each with a round per framework, they send for (default 1). */
	offices?: number;
	/** Between setting up the rounds and sending (the server starts here). */
	afterSetup?(): Promise<void>;
	/** Before the stored rows are checked (the server stops and its folder is reopened). */
	beforeCheck?(): Promise<void>;
}

interface IngestTarget {
	name: string;
	open(): Promise<Endpoint>;
	/** Responses/s to reach (default TARGET). */
	target?: number;
}

/**
 * BENCH_KEPT_SCORES=off stores without keeping round_scores (its triggers disabled), to
 * measure what keeping them costs; the default keeps them, as the app does.
 */
const keptScores = process.env.BENCH_KEPT_SCORES !== 'off';

async function direct(engine: Engine, clients = 1, offices = 1): Promise<Endpoint> {
	const t = await freshDatabase(engine);
	if (!keptScores) {
		await t.db.exec(
			['answer_counts', 'respondent_counts', 'oit_scores', 'rounds', 'round_scores']
				.map((table) => `alter table public.${table} disable trigger user;`)
				.join('\n')
		);
	}
	if (compareRef) await t.db.exec(beforeFunctions(compareRef));
	// A handle of its own, so that callRpc reads the catalogue with the _before functions.
	const beforeDb = new Proxy(t.db, {
		get: (o, k) => {
			const v: unknown = Reflect.get(o, k, o);
			return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(o) : v;
		}
	});
	return {
		db: t.db,
		clients,
		offices,
		submit: (batch) =>
			useBefore
				? callRpc<Outcome>(beforeDb, anon, 'submit_responses_before', { batch })
				: callRpc<Outcome>(t.db, anon, 'submit_responses', { batch }),
		close: () => t.drop()
	};
}

/**
 * BENCH_COMPARE=<git ref> (e.g. main): the ref's versions of the functions on the
 * submitting path (BEFORE, each from the last migration of the ref that defines it) are
 * installed next to the current ones with the suffix _before (submit_responses_before
 * calling check_response_before, …), and each run times both, one after the other in
 * alternating order, on the same database: the ratio is then measured under the same load
 * of a shared machine. Functions called from triggers (the kept scores' refresh) are the
 * current ones for both.
 */
const compareRef = process.env.BENCH_COMPARE;
let useBefore = false;
const BEFORE = [
	'public.submit_responses',
	'ita_private.check_response',
	'ita_private.count_responses',
	'ita_private.hold_reasons'
];

function functionText(sql: string, name: string): string {
	const start = sql.lastIndexOf(`create or replace function ${name}(`);
	if (start < 0) throw new Error(`${name} not found`);
	const end = sql.indexOf('$$;', sql.indexOf('$$', sql.indexOf('as $$', start) + 5)) + 3;
	return sql.slice(start, end);
}

function beforeFunctions(ref: string): string {
	const git = (...args: string[]) =>
		execFileSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
	const files = git('ls-tree', '--name-only', `${ref}:supabase/migrations/`)
		.split('\n')
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.map((f) => git('show', `${ref}:supabase/migrations/${f}`));
	return (
		BEFORE.map((name) => {
			const file = files.findLast((sql) => sql.includes(`create or replace function ${name}(`));
			if (!file) throw new Error(`${name} is not defined at ${ref}`);
			let text = functionText(file, name);
			for (const other of BEFORE) text = text.replaceAll(`${other}(`, `${other}_before(`);
			return `${text};`;
		}).join('\n') + '\ngrant execute on function public.submit_responses_before(jsonb) to anon;'
	);
}

const HTTP_CLIENTS = setting('BENCH_CLIENTS', 4);

/**
 * The embedded server in its own process (src/cli/start.ts, as `npm start` runs it) on a
 * fresh data folder; batches go through supabase-js's rpc(), as from the browser.
 */
async function http(): Promise<Endpoint> {
	const dir = await mkdtemp(join(tmpdir(), 'ita-bench-'));
	const dataDir = join(dir, 'data');
	const server = new EmbeddedServer(dataDir, 46000 + Math.floor(Math.random() * 1000));
	let client: SupabaseClient | undefined;
	const endpoint: Endpoint = {
		db: await openDatabase({ dataDir }),
		clients: HTTP_CLIENTS,
		async afterSetup() {
			await endpoint.db.close();
			await server.start();
			const { anonKey } = await server.keys();
			client = createSupabase({ url: server.url, anonKey });
		},
		async submit(batch) {
			const { data, error } = await rpc<Outcome>(client!, 'submit_responses', { batch });
			if (error || !data) throw new Error(`${error?.code}: ${error?.message}`);
			return data;
		},
		async beforeCheck() {
			await server.stop();
			endpoint.db = await openDatabase({ dataDir });
		},
		async close() {
			await server.stop();
			await endpoint.db.close().catch(() => {});
			await rm(dir, { recursive: true, force: true });
		}
	};
	return endpoint;
}

/** BENCH_ENGINES=postgres,postgres-4 runs only those. */
const only = process.env.BENCH_ENGINES?.split(',').map((x) => x.trim());

/** What is measured, in order. */
const allTargets: IngestTarget[] = [
	{ name: 'pglite', open: () => direct('pglite') },
	{ name: 'postgres', open: () => direct('postgres') },
	// Several devices at once, as a national year's ingest: issue 16's ≥ 2,000/s target.
	{ name: 'postgres-4', open: () => direct('postgres', HTTP_CLIENTS, HTTP_CLIENTS), target: 2000 },
	{ name: 'http', open: http }
];
const targets = allTargets.filter((t) => !only || only.includes(t.name));

/** A batch comes from one device, so from one round; successive batches alternate rounds. */
function makeBatches(random: () => number, rounds: BenchRound[], count: number) {
	return Array.from({ length: count }, (_, b) => {
		const r = rounds[b % rounds.length];
		return Array.from({ length: BATCH_SIZE }, () =>
			realisticResponse(random, r, random() < IIT_SHARE ? 'iit' : 'eit')
		);
	});
}

async function send(endpoint: Endpoint, batch: ResponseInput[]): Promise<void> {
	const out = await endpoint.submit(batch);
	if (out.accepted !== batch.length) {
		const refused = out.results.find((r) => r.status !== 'accepted');
		throw new Error(
			`the benchmark's data is wrong: ${out.accepted} of ${batch.length} accepted; ` +
				`first refusal: ${JSON.stringify(refused)}`
		);
	}
}

interface TargetResult {
	runs: number[];
	median: number;
	target: number;
	met: boolean;
}

async function bench(target: IngestTarget, frameworks: Questionnaire[]): Promise<TargetResult> {
	console.log(`\n${target.name}: setting up a fresh database …`);
	const endpoint = await target.open();
	onCleanup(() => endpoint.close());

	const goal = target.target ?? TARGET;
	const rounds: BenchRound[] = [];
	for (const q of frameworks) {
		const agency = `bench-${q.framework.id}`;
		const accessCode = 'staff-bench';
		const code = await createRound(endpoint.db, {
			framework: q.framework.id,
			agency,
			iitAccessCode: accessCode
		});
		await addServicePoint(endpoint.db, agency, 'counter-1');
		rounds.push({ code, servicePoint: 'counter-1', accessCode, q });
	}

	// More offices, one per client (postgres-4): one office's batches share its counter
	// rows and are stored one after the other, a national year's devices send for many.
	for (let office = 2; office <= (endpoint.offices ?? 1); office++) {
		for (const q of frameworks) {
			const agency = `bench-${q.framework.id}-${office}`;
			const code = await createRound(endpoint.db, {
				framework: q.framework.id,
				agency,
				iitAccessCode: 'staff-bench'
			});
			await addServicePoint(endpoint.db, agency, 'counter-1');
			rounds.push({ code, servicePoint: 'counter-1', accessCode: 'staff-bench', q });
		}
	}

	// Through HTTP every batch comes from one address (127.0.0.1), like a busy office's
	// phones behind its router: the officer raises the rounds' per-address limit, so what
	// is measured is the counted path, not responses held for review.
	await endpoint.db.query('update public.rounds set address_limit = 10000 where code = any($1)', [
		rounds.map((r) => r.code)
	]);

	await endpoint.afterSetup?.();
	const random = seededRandom(2567);
	for (const batch of makeBatches(random, rounds, 1)) await send(endpoint, batch);
	const clients = endpoint.clients ?? 1;

	const rates: number[] = [];
	const beforeRates: number[] = [];
	for (let run = 1; run <= RUNS; run++) {
		// Made before the clock starts: only the database's work is timed.
		const batches = makeBatches(random, rounds, BATCHES_PER_RUN);
		// Each client sends its share of the batches one after another.
		const sendAll = (list: ResponseInput[][]) =>
			timed(() =>
				Promise.all(
					Array.from({ length: clients }, async (_, c) => {
						for (let b = c; b < list.length; b += clients) await send(endpoint, list[b]);
					})
				)
			);
		const n = BATCHES_PER_RUN * BATCH_SIZE;
		let beforeMs = 0;
		if (compareRef) {
			const others = makeBatches(random, rounds, BATCHES_PER_RUN);
			const order = run % 2 === 1 ? [true, false] : [false, true];
			let ms = 0;
			for (const before of order) {
				useBefore = before;
				const t = await sendAll(before ? others : batches);
				if (before) beforeMs = t.ms;
				else ms = t.ms;
			}
			useBefore = false;
			const rate = (n / ms) * 1000;
			const beforeRate = (n / beforeMs) * 1000;
			rates.push(rate);
			beforeRates.push(beforeRate);
			console.log(
				`  ${target.name} run ${run}/${RUNS}: ${compareRef} ${fmt(beforeRate)} responses/s, ` +
					`now ${fmt(rate)} responses/s = ×${fmt(rate / beforeRate, 2)}`
			);
			continue;
		}
		const { ms } = await sendAll(batches);
		const rate = (n / ms) * 1000;
		rates.push(rate);
		console.log(
			`  ${target.name} run ${run}/${RUNS}: ${n.toLocaleString('en-US')} responses in ` +
				`${fmt(ms / 1000, 2)} s = ${fmt(rate)} responses/s`
		);
	}
	if (compareRef) {
		const ratios = rates.map((r, i) => r / beforeRates[i]);
		console.log(
			`  ${target.name} median: ${compareRef} ${fmt(median(beforeRates))} responses/s, ` +
				`now ${fmt(median(rates))} responses/s; median ratio ×${fmt(median(ratios), 2)}`
		);
	}

	// Not a test, but a rate of responses that were not all counted would mean nothing.
	await endpoint.beforeCheck?.();
	const [check] = await endpoint.db.query<{ responses: string; answers: string; counted: string }>(
		`select (select count(*) from public.responses)::text as responses,
			(select count(*) from public.answers)::text as answers,
			(select coalesce(sum(n), 0) from public.answer_counts)::text as counted`
	);
	const consistent = check.answers === check.counted;
	console.log(
		`  ${target.name}: ${Number(check.responses).toLocaleString('en-US')} responses, ` +
			`${Number(check.answers).toLocaleString('en-US')} answers stored; answer_counts ` +
			(consistent ? 'add up to the same' : `add up to ${check.counted}: WRONG`)
	);
	if (!consistent) throw new Error('the counters do not match the stored answers');

	const m = median(rates);
	console.log(
		`  ${target.name} median: ${fmt(m)} responses/s ` +
			`(target ≥ ${goal.toLocaleString('en-US')}: ${verdict(m >= goal)})`
	);
	return { runs: rates.map((r) => round(r)), median: round(m), target: goal, met: m >= goal };
}

runBenchmark(async () => {
	const frameworks = await Promise.all(
		['bma-2567', 'nacc-2565'].map(async (id) =>
			questionnaire(await readFrameworkFile(`${frameworksDir()}/${id}.json`))
		)
	);
	console.log(
		`Ingest: submit_responses as anon, batches of ${BATCH_SIZE}, ` +
			(keptScores ? '' : 'round_scores NOT kept (BENCH_KEPT_SCORES=off), ') +
			`${RUNS} runs × ${BATCHES_PER_RUN} batches per engine after one warm-up batch`
	);

	const results: Record<string, TargetResult> = {};
	for (const target of targets) results[target.name] = await bench(target, frameworks);

	console.log('\nSummary');
	for (const [name, r] of Object.entries(results)) {
		console.log(`  ${name.padEnd(9)} ${fmt(r.median).padStart(9)} responses/s  ${verdict(r.met)}`);
	}
	const ratio =
		results.pglite && results.postgres ? results.pglite.median / results.postgres.median : null;
	if (ratio !== null) console.log(`  PGlite / PostgreSQL: ${fmt(ratio, 2)}`);
	if (results.http && results.pglite) {
		console.log(
			`  HTTP (${HTTP_CLIENTS} clients, embedded server) / PGlite in process: ` +
				fmt(results.http.median / results.pglite.median, 2)
		);
	}
	console.log(
		JSON.stringify({
			bench: 'ingest',
			batchSize: BATCH_SIZE,
			runs: RUNS,
			responsesPerRun: BATCHES_PER_RUN * BATCH_SIZE,
			targetPerSecond: TARGET,
			engines: results,
			keptScores,
			pgliteToPostgres: ratio === null ? null : round(ratio, 2),
			met: Object.values(results).every((r) => r.met)
		})
	);
});

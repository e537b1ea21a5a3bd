/**
 * Ingest benchmark: responses per second through submit_responses(), called as anon the
 * way the survey pages and the CLI send them, in batches of 100 realistic responses (IIT
 * and EIT of bma-2567 and nacc-2565, varied answers and background answers).
 *
 *   npx tsx tests/bench/ingest.ts        (BENCH_RUNS, BENCH_BATCHES to change the size)
 *
 * On PGlite and PostgreSQL one client sends one batch at a time: the rate a single device
 * or import sees. Through the embedded server's HTTP endpoint (`npm start`, supabase-js as
 * the browser uses it) several clients send at once, as a busy office's phones do.
 * Target: ≥ 1,000 responses/s on each engine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Framework } from '../../src/lib/ita/framework.ts';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { createSupabase, rpc } from '../../src/lib/supabase.ts';
import { EmbeddedServer } from '../support/server.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, callRpc } from '../../src/lib/server/db/rpc.ts';
import { freshDatabase, type Engine } from '../support/databases.ts';
import {
	addServicePoint,
	createRound,
	favourableResponse,
	itemsOf,
	scaleCodes,
	surveyQuestions,
	type ResponseInput
} from '../support/fixtures.ts';
import {
	fmt,
	median,
	onCleanup,
	pick,
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
	/** Between setting up the rounds and sending (the server starts here). */
	afterSetup?(): Promise<void>;
	/** Before the stored rows are checked (the server stops and its folder is reopened). */
	beforeCheck?(): Promise<void>;
}

interface IngestTarget {
	name: string;
	open(): Promise<Endpoint>;
}

async function direct(engine: Engine): Promise<Endpoint> {
	const t = await freshDatabase(engine);
	return {
		db: t.db,
		submit: (batch) => callRpc<Outcome>(t.db, anon, 'submit_responses', { batch }),
		close: () => t.drop()
	};
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

/** What is measured, in order. */
const targets: IngestTarget[] = [
	{ name: 'pglite', open: () => direct('pglite') },
	{ name: 'postgres', open: () => direct('postgres') },
	{ name: 'http', open: http }
];

/** One framework's questionnaire, flattened once so that making a response is cheap. */
interface Questionnaire {
	framework: Framework;
	codes: Record<'iit' | 'eit', Map<string, number[]>>;
	variants: Record<'iit' | 'eit', Map<string, string[]>>;
}

function questionnaire(f: Framework): Questionnaire {
	const codes = { iit: new Map<string, number[]>(), eit: new Map<string, number[]>() };
	const variants = { iit: new Map<string, string[]>(), eit: new Map<string, string[]>() };
	for (const instrument of ['iit', 'eit'] as const) {
		for (const q of surveyQuestions(f, instrument)) {
			const scale = scaleCodes(f, q.scale);
			for (const item of itemsOf(q)) codes[instrument].set(`${q.id}.${item.id}`, scale);
			if (q.variants)
				variants[instrument].set(
					q.id,
					q.variants.map((v) => v.id)
				);
		}
	}
	return { framework: f, codes, variants };
}

interface BenchRound {
	code: string;
	servicePoint: string;
	accessCode: string;
	q: Questionnaire;
}

const thaiToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * A response as a device sends it. Answers are drawn over the whole scale, so the
 * counters see every code, not the one favourable answer.
 */
function realisticResponse(
	random: () => number,
	r: BenchRound,
	instrument: 'iit' | 'eit'
): ResponseInput {
	const f = r.q.framework;
	const response = favourableResponse(f, r.code, instrument);
	for (const key of Object.keys(response.answers)) {
		response.answers[key] = pick(random, r.q.codes[instrument].get(key)!);
	}
	for (const [question, ids] of r.q.variants[instrument]) {
		response.variants![question] = pick(random, ids);
	}
	const demographics: Record<string, unknown> = {};
	for (const d of f.demographics[instrument]) {
		// Background questions are optional and some people skip them.
		if (!d.required && random() < 0.1) continue;
		const option = pick(random, d.options);
		demographics[d.id] = option.specify ? { code: option.code, text: 'แม่ค้า' } : option.code;
	}
	response.demographics = demographics;
	if (instrument === 'iit') {
		response.channel = 'link';
		response.accessCode = r.accessCode;
	} else if (random() < 0.5) {
		response.servicePoint = r.servicePoint;
	} else {
		// Not 'kiosk': a kiosk's response needs an enrolled tablet's device key.
		response.channel = 'link';
	}
	if (random() < 0.5) response.collectedOn = thaiToday();
	return response;
}

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
	met: boolean;
}

async function bench(target: IngestTarget, frameworks: Questionnaire[]): Promise<TargetResult> {
	console.log(`\n${target.name}: setting up a fresh database …`);
	const endpoint = await target.open();
	onCleanup(() => endpoint.close());

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
		// Through HTTP every batch comes from one address (127.0.0.1), like a busy office's
		// phones behind its router: the officer raises the round's per-address limit, so what
		// is measured is the counted path, not responses held for review.
		await endpoint.db.query('update public.rounds set address_limit = 10000 where code = $1', [
			code
		]);
		rounds.push({ code, servicePoint: 'counter-1', accessCode, q });
	}

	await endpoint.afterSetup?.();
	const random = seededRandom(2567);
	for (const batch of makeBatches(random, rounds, 1)) await send(endpoint, batch);
	const clients = endpoint.clients ?? 1;

	const rates: number[] = [];
	for (let run = 1; run <= RUNS; run++) {
		// Made before the clock starts: only the database's work is timed.
		const batches = makeBatches(random, rounds, BATCHES_PER_RUN);
		// Each client sends its share of the batches one after another.
		const { ms } = await timed(() =>
			Promise.all(
				Array.from({ length: clients }, async (_, c) => {
					for (let b = c; b < batches.length; b += clients) await send(endpoint, batches[b]);
				})
			)
		);
		const n = BATCHES_PER_RUN * BATCH_SIZE;
		const rate = (n / ms) * 1000;
		rates.push(rate);
		console.log(
			`  ${target.name} run ${run}/${RUNS}: ${n.toLocaleString('en-US')} responses in ` +
				`${fmt(ms / 1000, 2)} s = ${fmt(rate)} responses/s`
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
			`(target ≥ ${TARGET.toLocaleString('en-US')}: ${verdict(m >= TARGET)})`
	);
	return { runs: rates.map((r) => round(r)), median: round(m), met: m >= TARGET };
}

runBenchmark(async () => {
	const frameworks = await Promise.all(
		['bma-2567', 'nacc-2565'].map(async (id) =>
			questionnaire(await readFrameworkFile(`${frameworksDir()}/${id}.json`))
		)
	);
	console.log(
		`Ingest: submit_responses as anon, batches of ${BATCH_SIZE}, ` +
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
			pgliteToPostgres: ratio === null ? null : round(ratio, 2),
			met: Object.values(results).every((r) => r.met)
		})
	);
});

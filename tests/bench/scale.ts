/**
 * Scale benchmark (issue 16): one PostgreSQL 15 database grown from N = 50 to 500 to
 * 2,000 agencies (BENCH_AGENCIES, or `--agencies 8325` for the national year), each with
 * one bma-2567 round of 165 responses (the national average: 1.37 M respondents over 8,325
 * agencies in FY2024) sent through submit_responses() by 4 clients (BENCH_CLIENTS) in
 * batches of 100. At each N it prints, as the median of BENCH_CALLS calls:
 *
 *   - the ingest rate of the responses added to reach N;
 *   - one round's round_results (target ≤ 20 ms at any N);
 *   - fiscal_year_overview, the central view's first page (100 rounds by total), and
 *     question_across_agencies (e1 by score), as a central administrator (targets at
 *     2,000 agencies ≤ 500 ms, and t(2,000) / t(50) ≤ 3);
 *
 * then the ratio of each between the largest and the smallest N, and a JSON summary line.
 * At 2,000 agencies (BENCH_PAGE_AT) it also times the central page, /admin/central, as the
 * embedded server (`npm start`, PGlite) renders it for a signed-in central administrator:
 * the agencies, rounds and kept scores (round_scores, round_question_scores) are copied into a fresh data folder and the page
 * is fetched over HTTP on this machine (target: under 1 s).
 *
 *   npm run bench:scale                     (50, 500, 2,000 agencies)
 *   npm run bench:scale -- --agencies 8325  (the national year)
 *
 * BENCH_KEEP=1 leaves the database on the server (its URL is printed at the end), to
 * look at the views' plans with EXPLAIN ANALYZE; drop it by hand afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { issueSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, asCaller, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import type { ResponseInput } from '../support/fixtures.ts';
import { freshDatabase } from '../support/databases.ts';
import { EmbeddedServer } from '../support/server.ts';
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
import { questionnaire, realisticResponse, type BenchRound } from './responses.ts';

const FRAMEWORK = 'bma-2567';
const FISCAL_YEAR = 2024;
const PER_AGENCY = 165;
const BATCH_SIZE = 100;
const IIT_SHARE = 0.3;
const CLIENTS = setting('BENCH_CLIENTS', 4);
const CALLS = setting('BENCH_CALLS', 7);
const TARGET = { viewMs: 500, viewRatio: 3, roundMs: 20, ingest: 2000, pageMs: 1000 };
const PAGE_AT = setting('BENCH_PAGE_AT', 2000);

const { values } = parseArgs({ options: { agencies: { type: 'string' } } });
const sizes = (values.agencies ?? process.env.BENCH_AGENCIES ?? '50,500,2000')
	.split(',')
	.map((x) => Number(x.trim()))
	.sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 20000)) {
	throw new Error('--agencies / BENCH_AGENCIES: whole numbers 1–20,000, comma-separated');
}

const central: Claims = {
	role: 'authenticated',
	sub: '00000000-0000-4000-8000-000000000016',
	app_metadata: { ita_role: 'central' }
};

/**
 * Agencies from … to, each with one open round of the fiscal year, a service point and
 * every OIT item scored: made in SQL as the superuser (what is measured is the answers).
 */
async function addAgencies(db: Sql, from: number, to: number): Promise<void> {
	await db.query(
		`with n as (select g, lpad(g::text, 5, '0') as k from generate_series($1::int, $2::int) g),
		a as (
			insert into public.agencies (code, name)
			select 'bench-' || n.k, jsonb_build_object('th', 'หน่วยงานทดสอบที่ ' || n.k, 'en', 'Bench agency ' || n.k)
			from n returning agency_id, code
		),
		sp as (
			insert into public.service_points (agency_id, code, name)
			select a.agency_id, 'counter-1', jsonb_build_object('th', 'เคาน์เตอร์ 1') from a
		)
		insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on,
			status, iit_access_code, min_iit, min_eit)
		select a.code || '-2567', a.agency_id, $3, $4, ita_private.today() - 30, ita_private.today() + 30,
			'open', 'staff-bench', 50, 100
		from a`,
		[from, to, FRAMEWORK, FISCAL_YEAR]
	);
	// OIT scores of the new rounds; the kept scores are refreshed when this commits.
	await db.query(
		`insert into public.oit_scores (round_id, question_id, score)
		select r.round_id, q.question_id, (array[0, 50, 100])[1 + floor(random() * 3)::int]
		from public.rounds r join public.framework_questions q
			on q.framework_id = r.framework_id and q.kind = 'check'
		where r.code between 'bench-' || lpad($1::text, 5, '0') and 'bench-' || lpad($2::text, 5, '0') || '-z'`,
		[from, to]
	);
}

/** Sends 165 responses per agency from … to, CLIENTS at once; returns responses per second. */
async function ingest(
	db: Sql,
	random: () => number,
	makeRound: (i: number) => BenchRound,
	from: number,
	to: number
): Promise<{ rate: number; ms: number; n: number }> {
	// One stream in agency order, cut in batches of 100 (a batch may end one agency's
	// responses and start the next one's, as an import would).
	function* batches(): Generator<ResponseInput[]> {
		let batch: ResponseInput[] = [];
		for (let i = from; i <= to; i++) {
			const r = makeRound(i);
			for (let k = 0; k < PER_AGENCY; k++) {
				batch.push(realisticResponse(random, r, random() < IIT_SHARE ? 'iit' : 'eit'));
				if (batch.length === BATCH_SIZE) {
					yield batch;
					batch = [];
				}
			}
		}
		if (batch.length) yield batch;
	}
	const queue = batches();
	let sent = 0;
	let lastPrint = Date.now();
	const total = (to - from + 1) * PER_AGENCY;
	const { ms } = await timed(() =>
		Promise.all(
			Array.from({ length: CLIENTS }, async () => {
				for (let next = queue.next(); !next.done; next = queue.next()) {
					const batch = next.value;
					const out = await callRpc<{ accepted: number; results: unknown[] }>(
						db,
						anon,
						'submit_responses',
						{ batch }
					);
					if (out.accepted !== batch.length) {
						throw new Error(
							`the benchmark's data is wrong: ${out.accepted} of ${batch.length} accepted: ` +
								JSON.stringify(
									out.results.find((x) => (x as { status: string }).status !== 'accepted')
								)
						);
					}
					sent += batch.length;
					if (Date.now() - lastPrint > 15_000) {
						lastPrint = Date.now();
						console.log(
							`    … ${sent.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`
						);
					}
				}
			})
		)
	);
	return { rate: (total / ms) * 1000, ms, n: total };
}

/** The function's own time inside the server (explain analyze), without round trips. */
async function serverMs(db: Sql, claims: Claims, sql: string, params: unknown[]): Promise<number> {
	const [row] = await asCaller(db, claims, (tx) =>
		tx.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
			`explain (analyze, format json) ${sql}`,
			params
		)
	);
	return row['QUERY PLAN'][0]['Execution Time'];
}

interface Timing {
	ms: number;
	serverMs: number;
}

async function timeCall(
	db: Sql,
	claims: Claims,
	fn: string,
	args: Record<string, unknown>,
	sql: string,
	params: unknown[]
): Promise<Timing> {
	await callRpc(db, claims, fn, args); // warm-up
	const client: number[] = [];
	const server: number[] = [];
	for (let i = 0; i < CALLS; i++) {
		client.push((await timed(() => callRpc(db, claims, fn, args))).ms);
		server.push(await serverMs(db, claims, sql, params));
	}
	return { ms: median(client), serverMs: median(server) };
}

interface SizeResult {
	agencies: number;
	responses: number;
	ingestPerSecond: number;
	roundResults: Timing;
	overview: Timing;
	question: Timing;
}

async function measure(db: Sql, agencies: number, ingestRate: number): Promise<SizeResult> {
	const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from public.responses');
	const [{ stale }] = await db.query<{ stale: number }>(
		'select count(*)::int as stale from public.round_scores where stale'
	);
	if (stale) throw new Error(`${stale} kept score rows are still stale after commit`);
	// One round in the middle of the list.
	const roundCode = `bench-${String(Math.ceil(agencies / 2)).padStart(5, '0')}-2567`;
	const roundResults = await timeCall(
		db,
		service,
		'round_results',
		{ round_code: roundCode },
		'select public.round_results($1)',
		[roundCode]
	);
	const overview = await timeCall(
		db,
		central,
		'fiscal_year_overview',
		{ fiscal_year: FISCAL_YEAR },
		'select public.fiscal_year_overview($1)',
		[FISCAL_YEAR]
	);
	const question = await timeCall(
		db,
		central,
		'question_across_agencies',
		{ fiscal_year: FISCAL_YEAR, question_id: 'e1', sort: 'score' },
		`select public.question_across_agencies($1, 'e1', 'score')`,
		[FISCAL_YEAR]
	);
	const check = await callRpc<{ count: number; agencies: unknown[] }>(
		db,
		central,
		'fiscal_year_overview',
		{ fiscal_year: FISCAL_YEAR }
	);
	if (check.count !== agencies) {
		throw new Error(`the overview counts ${check.count} rounds, ${agencies} were made`);
	}
	const show = (t: Timing) => `${fmt(t.ms, 1)} ms (in the server ${fmt(t.serverMs, 1)} ms)`;
	console.log(`  ${n.toLocaleString('en-US')} responses stored`);
	console.log(`  round_results, one round:             ${show(roundResults)}`);
	console.log(`  fiscal_year_overview, first 100:      ${show(overview)}`);
	console.log(`  question_across_agencies e1 by score: ${show(question)}`);
	return { agencies, responses: n, ingestPerSecond: ingestRate, roundResults, overview, question };
}

/**
 * The central page at this many agencies, rendered by the embedded server: the bench
 * agencies, their rounds and kept scores copied (triggers off) into a fresh PGlite data
 * folder, a central administrator's session, then GET /admin/central (and with one
 * question compared), each the median of CALLS fetches after a warm-up.
 */
async function centralPageMs(source: Sql): Promise<{ overview: number; question: number }> {
	const dir = await mkdtemp(join(tmpdir(), 'ita-bench-scale-'));
	onCleanup(() => rm(dir, { recursive: true, force: true }));
	const dataDir = join(dir, 'data');
	const db = await openDatabase({ dataDir });
	try {
		const [dump] = await source.query<{
			agencies: string;
			rounds: string;
			scores: string;
			questions: string;
		}>(
			`select (select jsonb_agg(to_jsonb(a)) from public.agencies a where a.code like 'bench-%')::text as agencies,
				(select jsonb_agg(to_jsonb(r)) from public.rounds r where r.code like 'bench-%')::text as rounds,
				(select jsonb_agg(to_jsonb(s)) from public.round_scores s
					join public.rounds r using (round_id) where r.code like 'bench-%')::text as scores,
				(select jsonb_agg(to_jsonb(k)) from public.round_question_scores k
					where k.round_code like 'bench-%')::text as questions`
		);
		const kept = `round_id, stale, respondents_iit, respondents_eit, instruments, questions,
			indicators, groups, total, total_exact, level, level_label, hidden, refreshed_at`;
		await db.transaction(async (tx) => {
			// The rows are copied as they are: no trigger rescoring them from empty counters.
			await tx.exec(`set local session_replication_role = replica`);
			await tx.query(
				`insert into public.agencies select * from jsonb_populate_recordset(null::public.agencies, $1::text::jsonb)`,
				[dump.agencies]
			);
			await tx.query(
				`insert into public.rounds select * from jsonb_populate_recordset(null::public.rounds, $1::text::jsonb)`,
				[dump.rounds]
			);
			await tx.query(
				`insert into public.round_scores (${kept})
				select ${kept} from jsonb_populate_recordset(null::public.round_scores, $1::text::jsonb)`,
				[dump.scores]
			);
			await tx.query(
				`insert into public.round_question_scores
				select * from jsonb_populate_recordset(null::public.round_question_scores, $1::text::jsonb)`,
				[dump.questions]
			);
		});
		await db.exec('analyze');
	} finally {
		await db.close();
	}
	const setup = await openDatabase({ dataDir });
	const account = await createAccount(setup, {
		email: 'central@bench.example',
		password: 'ภาพรวม-ทุกหน่วยงาน-2567',
		role: 'central'
	});
	await setup.close();

	const server = new EmbeddedServer(dataDir, 47000 + Math.floor(Math.random() * 1000));
	onCleanup(() => server.stop());
	await server.start();
	const secret = Buffer.from((await server.keys()).jwtSecret, 'base64url');
	const cookie = `${SESSION_COOKIE}=${await issueSession(secret, account)}; lang=th`;
	const time = async (path: string) => {
		const fetchPage = async () => {
			const response = await fetch(new URL(path, server.url), { headers: { cookie } });
			const body = await response.text();
			if (response.status !== 200 || !body.includes('data-progress')) {
				throw new Error(`${path}: ${response.status}, not the central page`);
			}
			return body;
		};
		await fetchPage();
		const times: number[] = [];
		for (let i = 0; i < CALLS; i++) times.push((await timed(fetchPage)).ms);
		return median(times);
	};
	const overview = await time(`/admin/central?year=${FISCAL_YEAR + 543}&sort=total&dir=desc`);
	const question = await time(
		`/admin/central?year=${FISCAL_YEAR + 543}&sort=total&dir=desc&question=e1&qsort=score&qdir=desc`
	);
	await server.stop();
	return { overview, question };
}

runBenchmark(async () => {
	const q = questionnaire(await readFrameworkFile(`${frameworksDir()}/${FRAMEWORK}.json`));
	console.log(
		`Scale: ${sizes.map((n) => n.toLocaleString('en-US')).join(' → ')} agencies × ${PER_AGENCY} ` +
			`responses (${FRAMEWORK}), submit_responses by ${CLIENTS} clients in batches of ` +
			`${BATCH_SIZE}; each timing the median of ${CALLS} calls`
	);
	console.log('postgres: setting up a fresh database …');
	const t = await freshDatabase('postgres');
	if (process.env.BENCH_KEEP) {
		// For EXPLAIN ANALYZE by hand afterwards; drop it yourself (`drop database …`).
		onCleanup(async () => {
			await t.close();
			console.log(`\nkept the database: ${t.url}`);
		});
	} else {
		onCleanup(() => t.drop());
	}
	const db = t.db;
	const random = seededRandom(16);
	const makeRound = (i: number): BenchRound => ({
		code: `bench-${String(i).padStart(5, '0')}-2567`,
		servicePoint: 'counter-1',
		accessCode: 'staff-bench',
		q
	});

	const results: SizeResult[] = [];
	let page: { overview: number; question: number } | null = null;
	let have = 0;
	for (const size of sizes) {
		console.log(`\n${size.toLocaleString('en-US')} agencies`);
		const setup = await timed(() => addAgencies(db, have + 1, size));
		console.log(
			`  ${(size - have).toLocaleString('en-US')} agencies and rounds added in ${fmt(setup.ms / 1000, 1)} s`
		);
		const load = await ingest(db, random, makeRound, have + 1, size);
		console.log(
			`  ingest: ${load.n.toLocaleString('en-US')} responses in ${fmt(load.ms / 1000, 1)} s = ` +
				`${fmt(load.rate)} responses/s`
		);
		have = size;
		await db.exec('analyze');
		results.push(await measure(db, size, load.rate));
		if (size === PAGE_AT) {
			page = await centralPageMs(db);
			console.log(
				`  the central page (embedded server, PGlite), 100 rows: ${fmt(page.overview, 1)} ms; ` +
					`with a question compared: ${fmt(page.question, 1)} ms`
			);
		}
	}

	const small = results[0];
	const large = results[results.length - 1];
	const ratio = (pick: (r: SizeResult) => number) => pick(large) / pick(small);
	const ratios = {
		ingest: ratio((r) => r.ingestPerSecond),
		roundResults: ratio((r) => r.roundResults.ms),
		overview: ratio((r) => r.overview.ms),
		question: ratio((r) => r.question.ms)
	};
	const at2000 = results.find((r) => r.agencies === 2000);
	const ingestMedian = median(results.map((r) => r.ingestPerSecond));
	const national = (1_370_000 / ingestMedian / 60).toFixed(1);
	const met = {
		ingest: ingestMedian >= TARGET.ingest,
		roundResults: results.every((r) => r.roundResults.ms <= TARGET.roundMs),
		overview: at2000 ? at2000.overview.ms <= TARGET.viewMs : null,
		question: at2000 ? at2000.question.ms <= TARGET.viewMs : null,
		ratios: ratios.overview <= TARGET.viewRatio && ratios.question <= TARGET.viewRatio,
		page: page ? Math.max(page.overview, page.question) < TARGET.pageMs : null
	};

	console.log('\nSummary');
	for (const r of results) {
		console.log(
			`  ${String(r.agencies).padStart(5)} agencies: ingest ${fmt(r.ingestPerSecond, 0)}/s, ` +
				`round_results ${fmt(r.roundResults.ms, 1)} ms, overview ${fmt(r.overview.ms, 1)} ms, ` +
				`question ${fmt(r.question.ms, 1)} ms`
		);
	}
	console.log(
		`  ${large.agencies} / ${small.agencies} agencies: ingest ×${fmt(ratios.ingest, 2)}, ` +
			`round_results ×${fmt(ratios.roundResults, 2)}, overview ×${fmt(ratios.overview, 2)}, ` +
			`question ×${fmt(ratios.question, 2)} (target ≤ ${TARGET.viewRatio}: ${verdict(met.ratios)})`
	);
	console.log(
		`  ingest median ${fmt(ingestMedian, 0)}/s (target ≥ ${TARGET.ingest}: ${verdict(met.ingest)}); ` +
			`a national year (1.37 M responses) at that rate: ${national} min`
	);
	console.log(`  round_results ≤ ${TARGET.roundMs} ms at every N: ${verdict(met.roundResults)}`);
	if (at2000) {
		console.log(
			`  at 2,000 agencies: overview ${fmt(at2000.overview.ms, 1)} ms, question ` +
				`${fmt(at2000.question.ms, 1)} ms (target ≤ ${TARGET.viewMs}: ` +
				`${verdict(Boolean(met.overview && met.question))})`
		);
	}
	if (page) {
		console.log(
			`  the central page at ${PAGE_AT.toLocaleString('en-US')} agencies: ${fmt(page.overview, 1)} ms, ` +
				`${fmt(page.question, 1)} ms with a question (target < ${TARGET.pageMs}: ${verdict(Boolean(met.page))})`
		);
	}
	console.log(
		JSON.stringify({
			bench: 'scale',
			engine: 'postgres',
			framework: FRAMEWORK,
			perAgency: PER_AGENCY,
			clients: CLIENTS,
			batchSize: BATCH_SIZE,
			calls: CALLS,
			sizes: results.map((r) => ({
				agencies: r.agencies,
				responses: r.responses,
				ingestPerSecond: round(r.ingestPerSecond),
				roundResultsMs: round(r.roundResults.ms, 2),
				roundResultsServerMs: round(r.roundResults.serverMs, 2),
				overviewMs: round(r.overview.ms, 1),
				overviewServerMs: round(r.overview.serverMs, 1),
				questionMs: round(r.question.ms, 1),
				questionServerMs: round(r.question.serverMs, 1)
			})),
			ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v, 2)])),
			nationalYearMinutes: Number(national),
			centralPageMs: page && {
				agencies: PAGE_AT,
				overview: round(page.overview, 1),
				question: round(page.question, 1)
			},
			met
		})
	);
});

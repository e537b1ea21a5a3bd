/**
 * Results benchmark: round_results() reads the counters kept by submit_responses(), so
 * its time must not grow with the responses stored. Timed on PostgreSQL 15 for one
 * bma-2567 round holding 10,000 responses, then the same round grown to 500,000.
 * Target: time at 500k ≤ 1.5 × time at 10k. A naive recount that reads every answer
 * is timed beside it, to show what the counters save.
 *
 *   npx tsx tests/bench/results.ts       (BENCH_SMALL, BENCH_LARGE, BENCH_CALLS to change)
 */
import type { Sql } from '../../src/lib/server/db/client.ts';
import { asCaller, callRpc, service } from '../../src/lib/server/db/rpc.ts';
import { freshDatabase } from '../support/databases.ts';
import { createRound } from '../support/fixtures.ts';
import { fmt, median, onCleanup, round, runBenchmark, setting, timed, verdict } from './common.ts';

const TARGET_RATIO = 1.5;
const FRAMEWORK = 'bma-2567';
const SMALL = setting('BENCH_SMALL', 10_000);
const LARGE = setting('BENCH_LARGE', 500_000);
const CALLS = setting('BENCH_CALLS', 15);
/** The naive recount takes seconds at 500k: fewer calls keep the run short. */
const NAIVE_CALLS = setting('BENCH_NAIVE_CALLS', 5);

/*
 * Responses g = from … to of the round, generated in SQL as the superuser: loading
 * 500,000 through submit_responses() would take minutes. Every fifth is an IIT, the rest
 * EIT (E1.1 … E6.1, E3 in one of its service versions), with answers drawn over each
 * item's scale and background answers from the framework's options, some skipped. The
 * id is derived from the round and g so that the answers can be made in a second pass.
 * `g.g is not null` ties the picking subqueries to the row, so that each response gets
 * its own random draws rather than one draw shared by all.
 */
const insertResponses = `
with
demographic_options as (
	select instrument, jsonb_object_agg(question_id, codes) as options
	from (select instrument, question_id, jsonb_agg(option_code order by option_ord) as codes
		from public.framework_demographics where framework_id = $2 group by 1, 2) q
	group by 1
),
variant_options as (
	select q.instrument, jsonb_object_agg(v.question_id, v.ids) as options
	from (select question_id, jsonb_agg(variant_id order by ord) as ids
		from public.framework_variants where framework_id = $2 group by 1) v
		join public.framework_questions q on q.framework_id = $2 and q.question_id = v.question_id
	group by 1
),
g as (
	select g, case when g % 5 = 0 then 'iit' else 'eit' end as instrument
	from generate_series($3::int, $4::int) g
)
insert into public.responses (response_id, round_id, instrument, channel, collected_on,
	demographics, variants)
select md5($1::text || ':' || g.g)::uuid, $1::uuid, g.instrument,
	case when g.instrument = 'iit' then 'link' else (array['qr', 'link', 'kiosk'])[1 + g.g % 3] end,
	ita_private.today() - (g.g % 20),
	(select coalesce(jsonb_object_agg(o.key,
			o.value -> floor(random() * jsonb_array_length(o.value))::int), '{}')
		from jsonb_each(d.options) o where random() >= 0.1 and g.g is not null),
	(select coalesce(jsonb_object_agg(o.key,
			o.value -> floor(random() * jsonb_array_length(o.value))::int), '{}')
		from jsonb_each(v.options) o where g.g is not null)
from g
	left join demographic_options d using (instrument)
	left join variant_options v using (instrument)`;

const insertAnswers = `
with scale_codes as (
	select scale, array_agg(code order by rank) as codes
	from public.framework_scale_options where framework_id = $2 group by 1
)
insert into public.answers (response_id, item_key, code)
select md5($1::text || ':' || g)::uuid, i.item_key,
	s.codes[1 + floor(random() * cardinality(s.codes))::int]
from generate_series($3::int, $4::int) g
	join public.framework_items i on i.framework_id = $2
		and i.instrument = case when g % 5 = 0 then 'iit' else 'eit' end
	join scale_codes s on s.scale = i.scale`;

/** What round_results() saves: reading every answer of the round. */
const naiveRecount = `
select a.item_key, a.code, count(*) as n
from public.answers a join public.responses p using (response_id)
where p.round_id = $1
group by 1, 2`;

interface Results {
	respondents: { iit: number; eit: number };
}

/** Adds responses from … to to the round, then rebuilds its counters as submitting would. */
async function grow(db: Sql, roundId: string, roundCode: string, from: number, to: number) {
	const load = await timed(() =>
		db.transaction(async (tx) => {
			const params = [roundId, FRAMEWORK, from, to];
			await tx.query(insertResponses, params);
			await tx.query(insertAnswers, params);
		})
	);
	const recount = await timed(() =>
		callRpc(db, service, 'recount_round', { round_code: roundCode })
	);
	const analyze = await timed(() => db.exec('analyze'));
	const [size] = await db.query<{ answers: string; stored: string; counters: string }>(
		`select (select count(*) from public.answers)::text as answers,
			pg_size_pretty(pg_total_relation_size('public.answers')
				+ pg_total_relation_size('public.responses')) as stored,
			(select count(*) from public.answer_counts where round_id = $1)::text as counters`,
		[roundId]
	);
	console.log(
		`  generated ${(to - from + 1).toLocaleString('en-US')} responses ` +
			`in ${fmt(load.ms / 1000)} s; ` +
			`counters rebuilt (recount_round) in ${fmt(recount.ms / 1000)} s; ` +
			`analyze ${fmt(analyze.ms / 1000)} s`
	);
	console.log(
		`  stored: ${Number(size.answers).toLocaleString('en-US')} answers, ${size.stored} ` +
			`with indexes; answer_counts rows of the round: ${size.counters}`
	);
}

async function repeat(calls: number, work: () => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < calls; i++) times.push((await timed(work)).ms);
	return times;
}

/**
 * The function's own time in the server, without the round trips callRpc() makes
 * (begin, claims, role, call, commit), which are most of a few milliseconds.
 */
async function serverMs(db: Sql, roundCode: string): Promise<number> {
	const [row] = await asCaller(db, service, (tx) =>
		tx.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
			'explain (analyze, format json) select public.round_results($1)',
			[roundCode]
		)
	);
	return row['QUERY PLAN'][0]['Execution Time'];
}

interface SizeResult {
	responses: number;
	roundResultsMs: number;
	serverMs: number;
	naiveRecountMs: number;
}

async function measure(db: Sql, roundId: string, roundCode: string, responses: number) {
	const call = () => callRpc<Results>(db, service, 'round_results', { round_code: roundCode });
	// Warm-up: plans cached, pages in memory, hint bits set on the fresh rows.
	const first = await call();
	const seen = first.respondents.iit + first.respondents.eit;
	if (seen !== responses) {
		throw new Error(`round_results counts ${seen} respondents, ${responses} are stored`);
	}
	const results = await repeat(CALLS, call);
	const server: number[] = [];
	for (let i = 0; i < CALLS; i++) server.push(await serverMs(db, roundCode));
	await db.query(naiveRecount, [roundId]);
	const naive = await repeat(NAIVE_CALLS, () => db.query(naiveRecount, [roundId]));

	const r = median(results);
	const s = median(server);
	const n = median(naive);
	console.log(
		`  round_results: median ${fmt(r, 2)} ms of ${CALLS} calls ` +
			`(min ${fmt(Math.min(...results), 2)}, max ${fmt(Math.max(...results), 2)}); ` +
			`respondents iit ${first.respondents.iit.toLocaleString('en-US')}, ` +
			`eit ${first.respondents.eit.toLocaleString('en-US')}`
	);
	console.log(`  round_results inside the server (explain analyze): median ${fmt(s, 2)} ms`);
	console.log(
		`  naive recount (reads every answer): median ${fmt(n, 1)} ms of ${NAIVE_CALLS} ` +
			`(min ${fmt(Math.min(...naive), 1)}, max ${fmt(Math.max(...naive), 1)})`
	);
	return { responses, roundResultsMs: r, serverMs: s, naiveRecountMs: n };
}

runBenchmark(async () => {
	if (LARGE <= SMALL) throw new Error('BENCH_LARGE must be larger than BENCH_SMALL');
	console.log(
		`Results: round_results(round_code) as service_role on PostgreSQL, one ${FRAMEWORK} round ` +
			`at ${SMALL.toLocaleString('en-US')} and ${LARGE.toLocaleString('en-US')} responses`
	);
	console.log('postgres: setting up a fresh database …');
	const t = await freshDatabase('postgres');
	onCleanup(() => t.drop());
	const db = t.db;

	const roundCode = await createRound(db, { framework: FRAMEWORK, agency: 'bench-results' });
	const [{ round_id: roundId }] = await db.query<{ round_id: string }>(
		'select round_id::text from public.rounds where code = $1',
		[roundCode]
	);

	const sizes: SizeResult[] = [];
	console.log(`\n${SMALL.toLocaleString('en-US')} responses`);
	await grow(db, roundId, roundCode, 1, SMALL);
	sizes.push(await measure(db, roundId, roundCode, SMALL));

	// The same round, grown: only the stored responses change between the two measures.
	console.log(`\n${LARGE.toLocaleString('en-US')} responses (the same round, grown)`);
	await grow(db, roundId, roundCode, SMALL + 1, LARGE);
	sizes.push(await measure(db, roundId, roundCode, LARGE));

	const [small, large] = sizes;
	const ratio = large.roundResultsMs / small.roundResultsMs;
	const serverRatio = large.serverMs / small.serverMs;
	const naiveRatio = large.naiveRecountMs / small.naiveRecountMs;
	const saving = large.naiveRecountMs / large.roundResultsMs;
	console.log('\nSummary');
	console.log(
		`  round_results: ${fmt(small.roundResultsMs, 2)} ms at ${SMALL.toLocaleString('en-US')}, ` +
			`${fmt(large.roundResultsMs, 2)} ms at ${LARGE.toLocaleString('en-US')}: ratio ` +
			`${fmt(ratio, 2)} (target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)})`
	);
	console.log(
		`  inside the server: ${fmt(small.serverMs, 2)} ms, ${fmt(large.serverMs, 2)} ms: ` +
			`ratio ${fmt(serverRatio, 2)}`
	);
	console.log(
		`  naive recount: ${fmt(small.naiveRecountMs, 1)} ms, ${fmt(large.naiveRecountMs, 1)} ms: ` +
			`ratio ${fmt(naiveRatio, 1)}`
	);
	console.log(
		`  at ${LARGE.toLocaleString('en-US')} responses, reading every answer takes ` +
			`${fmt(saving, 0)}× as long as round_results, which also does all the scoring`
	);
	console.log(
		JSON.stringify({
			bench: 'results',
			engine: 'postgres',
			framework: FRAMEWORK,
			calls: CALLS,
			naiveCalls: NAIVE_CALLS,
			sizes: sizes.map((s) => ({
				responses: s.responses,
				roundResultsMs: round(s.roundResultsMs, 2),
				serverMs: round(s.serverMs, 2),
				naiveRecountMs: round(s.naiveRecountMs, 1)
			})),
			ratio: round(ratio, 2),
			targetRatio: TARGET_RATIO,
			serverRatio: round(serverRatio, 2),
			naiveRatio: round(naiveRatio, 1),
			met: ratio <= TARGET_RATIO
		})
	);
});

/**
 * National scale (issue 16), on PGlite and on PostgreSQL: every round's scores are kept
 * in public.round_scores as responses arrive, identical to round_results after random
 * submissions, OIT edits, held and released responses, recounts and deletions; the
 * central view reads those rows,
 * sorted and paged in SQL, with the ranking, the distribution of levels and the year's
 * progress, and shows exactly what scoring each round from its counters shows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Framework } from '../../src/lib/ita/framework.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
// The benchmarks' seeded generator: a failure can be replayed.
import { seededRandom } from '../bench/common.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import {
	codeFor,
	createRound,
	favourableResponse,
	itemsOf,
	surveyQuestions,
	type ResponseInput
} from '../support/fixtures.ts';

const nacc = await readFrameworkFile(`${frameworksDir()}/nacc-2565.json`);
const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

const central: Claims = {
	role: 'authenticated',
	sub: randomUUID(),
	app_metadata: { ita_role: 'central' }
};

interface Failure {
	code: string;
	message: string;
	params: Record<string, unknown>;
}

async function failure(call: Promise<unknown>): Promise<Failure> {
	try {
		await call;
	} catch (error) {
		const e = error as Failure & { detail?: string };
		return {
			code: e.code,
			message: e.message,
			params: JSON.parse(e.detail || '{}') as Record<string, unknown>
		};
	}
	throw new Error('expected the call to be refused, and it succeeded');
}

/** A response with every item answered at random over its scale. */
function randomResponse(
	random: () => number,
	f: Framework,
	round: string,
	instrument: 'iit' | 'eit'
): ResponseInput {
	const r = favourableResponse(f, round, instrument);
	for (const q of surveyQuestions(f, instrument)) {
		const top = f.scales[q.scale].options.length - 1;
		for (const item of itemsOf(q)) {
			r.answers[`${q.id}.${item.id}`] = codeFor(f, q, item, Math.floor(random() * (top + 1)));
		}
	}
	return r;
}

async function submit(db: Sql, batch: ResponseInput[]): Promise<void> {
	const out = await callRpc<{ accepted: number; results: unknown[] }>(
		db,
		service,
		'submit_responses',
		{ batch }
	);
	expect(out.accepted, JSON.stringify(out.results)).toBe(batch.length);
}

function oitQuestions(f: Framework): string[] {
	const oit = f.instruments.find((i) => i.id === 'oit')!;
	return oit.indicators.flatMap((ind) => [
		...(ind.questions ?? []).map((q) => q.id),
		...(ind.subIndicators ?? []).flatMap((s) => s.questions.map((q) => q.id))
	]);
}

/** A round's row of public.round_question_scores, as the test reads it. */
type QuestionRow = {
	question_id: string;
	fiscal_year: number;
	agency_code: string;
	agency_sort_key: string;
	round_code: string;
	framework_id: string;
	respondents: number | null;
	score: string | null;
	exact: string | null;
	hidden: boolean;
};

type Kept = {
	code: string;
	stale: boolean;
	respondents: { iit: number; eit: number };
	instruments: unknown;
	questions: unknown;
	question_rows: QuestionRow[];
	agency_code: string;
	agency_name: string;
	framework_id: string;
	fiscal_year: number;
	indicators: unknown;
	groups: unknown;
	total: string | null;
	total_exact: string | null;
	level: string | null;
	level_label: unknown;
};

const num = (x: string | null) => (x === null ? null : Number(x));

/** The instrument of a question of one of the two frameworks the tests use. */
function instrumentOf(framework: string, question: string): 'iit' | 'eit' | 'oit' {
	const f = [nacc, bma].find((x) => x.id === framework)!;
	return f.instruments.find((i) =>
		i.indicators.some((ind) =>
			[...(ind.questions ?? []), ...(ind.subIndicators ?? []).flatMap((x) => x.questions)].some(
				(q) => q.id === question
			)
		)
	)!.id;
}

/** The round's head-count of the question's instrument; none for an OIT item. */
function respondentsOf(
	framework: string,
	question: string,
	respondents: Record<string, number>
): number | null {
	const instrument = instrumentOf(framework, question);
	return instrument === 'oit' ? null : respondents[instrument];
}

/**
 * Every round's kept row beside what round_results computes from the counters now, and
 * the central view's rows beside ita_private.overview_row (scoring each round from its
 * counters, as the view did before): they must be the same, number for number.
 */
async function expectKeptEqualsComputed(db: Sql, fiscalYear: number): Promise<number> {
	const kept = await db.query<Kept>(
		`select r.code, s.stale, jsonb_build_object('iit', s.respondents_iit, 'eit', s.respondents_eit) as respondents,
			s.instruments, s.questions, s.indicators, s.groups, s.total::text, s.total_exact::text,
			s.level, s.level_label, a.code as agency_code, a.name ->> 'th' as agency_name, r.framework_id,
			r.fiscal_year,
			coalesce((select jsonb_agg(jsonb_build_object('question_id', k.question_id,
					'fiscal_year', k.fiscal_year, 'agency_code', k.agency_code,
					'agency_sort_key', k.agency_sort_key, 'round_code', k.round_code,
					'framework_id', k.framework_id, 'respondents', k.respondents, 'score', k.score::text,
					'exact', k.exact::text, 'hidden', k.hidden) order by k.question_id)
				from public.round_question_scores k where k.round_id = s.round_id), '[]') as question_rows
		from public.rounds r join public.round_scores s using (round_id)
			join public.agencies a using (agency_id)
		where r.fiscal_year = $1 order by r.code`,
		[fiscalYear]
	);
	const [{ n }] = await db.query<{ n: number }>(
		'select count(*)::int as n from public.rounds where fiscal_year = $1',
		[fiscalYear]
	);
	expect(kept).toHaveLength(n);
	for (const k of kept) {
		const r = await callRpc<Record<string, unknown>>(db, service, 'round_results', {
			round_code: k.code
		});
		expect(k.stale, k.code).toBe(false);
		expect(k.respondents, k.code).toEqual(r.respondents);
		expect(k.instruments, k.code).toEqual(r.instruments);
		expect(k.questions, k.code).toEqual(r.questions);
		// One kept row per question, with the round's scores and what the comparison sorts by.
		const questions = r.questions as Record<string, { score: number | null; exact: number | null }>;
		const respondents = r.respondents as Record<string, number>;
		const [{ hidden }] = await db.query<{ hidden: Record<string, unknown> }>(
			'select s.hidden from public.round_scores s join public.rounds r using (round_id) where r.code = $1',
			[k.code]
		);
		const [{ sortKey }] = await db.query<{ sortKey: string }>(
			'select ita_private.thai_sort_key($1) as "sortKey"',
			[k.agency_name]
		);
		expect(
			k.question_rows.map((q) => ({ ...q, score: num(q.score), exact: num(q.exact) })),
			k.code
		).toEqual(
			Object.entries(questions)
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([id, cell]) => ({
					question_id: id,
					fiscal_year: k.fiscal_year,
					agency_code: k.agency_code,
					agency_sort_key: sortKey,
					round_code: k.code,
					framework_id: k.framework_id,
					respondents: respondentsOf(k.framework_id, id, respondents),
					score: cell.score,
					exact: cell.exact,
					hidden: instrumentOf(k.framework_id, id) in hidden
				}))
		);
		expect(k.indicators, k.code).toEqual(r.indicators);
		expect(k.groups, k.code).toEqual(r.groups);
		expect(k.total === null ? null : Number(k.total), k.code).toEqual(r.total);
		expect(k.total_exact === null ? null : Number(k.total_exact), k.code).toEqual(r.totalExact);
		expect(k.level, k.code).toEqual(r.level);
		expect(k.level_label, k.code).toEqual(r.levelLabel);
	}

	// The view, all on one page, against the reference computed from the counters.
	const view = await callRpc<{ agencies: Record<string, unknown>[] }>(
		db,
		central,
		'fiscal_year_overview',
		{ fiscal_year: fiscalYear, sort: 'agency', page_size: 1000 }
	);
	const reference = await db.query<{ code: string; row: Record<string, unknown> }>(
		`select r.code, ita_private.overview_row(r) as row
		from public.rounds r where r.fiscal_year = $1`,
		[fiscalYear]
	);
	expect(view.agencies).toHaveLength(reference.length);
	for (const row of view.agencies) {
		const code = (row.round as { code: string }).code;
		const shown = { ...row };
		delete shown.rank;
		expect(shown, code).toEqual(reference.find((x) => x.code === code)!.row);
	}

	// One question of each instrument, against the same reference.
	for (const question of ['e1', 'i1', 'o1']) {
		const across = await callRpc<{ agencies: Record<string, unknown>[] }>(
			db,
			central,
			'question_across_agencies',
			{ fiscal_year: fiscalYear, question_id: question, page_size: 1000 }
		);
		const cells = await db.query<{ code: string; cell: Record<string, unknown> | null }>(
			`select r.code, ita_private.central_scores(r) -> 'questions' -> q.question_id as cell
			from public.rounds r join public.framework_questions q
				on q.framework_id = r.framework_id and lower(q.question_id) = $2
			where r.fiscal_year = $1`,
			[fiscalYear, question]
		);
		expect(across.agencies).toHaveLength(cells.length);
		for (const row of across.agencies) {
			const cell = cells.find((c) => c.code === row.round)!.cell!;
			for (const [key, value] of Object.entries(cell)) {
				expect(row[key], `${question} ${String(row.round)} ${key}`).toEqual(value);
			}
		}
	}
	return kept.length;
}

describe.each(engines)('scores kept per round on %s', (engine) => {
	let t: TestDatabase;
	const year = 2031;
	const random = seededRandom(16);
	const rounds: { code: string; f: Framework }[] = [];

	beforeAll(async () => {
		t = await freshDatabase(engine);
		for (const [agency, f] of [
			['bang-rak', bma],
			['samphanthawong', bma],
			['wang-thonglang', nacc],
			['pathum-wan', nacc]
		] as const) {
			rounds.push({
				code: await createRound(t.db, { framework: f.id, agency, fiscalYear: year }),
				f
			});
		}
	});
	afterAll(() => t?.drop());

	test('a new round has its row at once: nothing scored, every instrument suppressed', async () => {
		expect(await expectKeptEqualsComputed(t.db, year)).toBe(4);
		const o = await callRpc<{ agencies: { total: unknown; level: unknown; rank: unknown }[] }>(
			t.db,
			central,
			'fiscal_year_overview',
			{ fiscal_year: year }
		);
		expect(o.agencies.map((a) => [a.total, a.level, a.rank])).toEqual(
			Array(4).fill([{ suppressed: true, reason: 'small', n: '< 5' }, null, null])
		);
	});

	test('after random submissions, batch after batch, every round equals round_results', async () => {
		for (let step = 0; step < 4; step++) {
			// A batch may hold responses of several rounds, as an import does.
			const batch: ResponseInput[] = [];
			for (const r of rounds) {
				const n = Math.floor(random() * 6) + (step === 0 ? 2 : 0);
				for (let i = 0; i < n; i++) {
					batch.push(randomResponse(random, r.f, r.code, random() < 0.4 ? 'iit' : 'eit'));
				}
			}
			if (batch.length) await submit(t.db, batch);
			await expectKeptEqualsComputed(t.db, year);
		}
	});

	test('OIT scores set, changed and removed: kept at once', async () => {
		for (const r of rounds) {
			const items = oitQuestions(r.f);
			await callRpc(t.db, service, 'set_oit_scores', {
				round_code: r.code,
				scores: Object.fromEntries(items.map((q) => [q, Math.round(random() * 10000) / 100]))
			});
		}
		await expectKeptEqualsComputed(t.db, year);
		const [first] = rounds;
		const items = oitQuestions(first.f);
		await callRpc(t.db, service, 'set_oit_scores', {
			round_code: first.code,
			scores: { [items[0]]: 0, [items[1]]: null }
		});
		await expectKeptEqualsComputed(t.db, year);
	});

	test('enough respondents everywhere: totals, levels and ranks, still equal', async () => {
		const batch: ResponseInput[] = [];
		for (const r of rounds) {
			for (let i = 0; i < 6; i++) batch.push(randomResponse(random, r.f, r.code, 'iit'));
			for (let i = 0; i < 6; i++) batch.push(randomResponse(random, r.f, r.code, 'eit'));
		}
		await submit(t.db, batch);
		const [first] = rounds;
		await callRpc(t.db, service, 'set_oit_scores', {
			round_code: first.code,
			scores: Object.fromEntries(oitQuestions(first.f).map((q) => [q, 100]))
		});
		await expectKeptEqualsComputed(t.db, year);
		const o = await callRpc<{ agencies: { total: unknown; rank: number | null }[] }>(
			t.db,
			central,
			'fiscal_year_overview',
			{ fiscal_year: year }
		);
		const totals = o.agencies.map((a) => a.total);
		expect(totals.every((x) => typeof x === 'number')).toBe(true);
		expect(o.agencies.map((a) => a.rank)).toEqual([1, 2, 3, 4]);
		expect([...(totals as number[])].sort((a, b) => b - a)).toEqual(totals);
	});

	test('responses removed by hand and recounted (recount_round): kept again', async () => {
		const [first] = rounds;
		await t.db.query(
			`delete from public.responses where response_id in (
				select response_id from public.responses p join public.rounds r using (round_id)
				where r.code = $1 and p.instrument = 'eit' order by response_id limit 3)`,
			[first.code]
		);
		// The counters still hold them until the recount.
		await callRpc(t.db, service, 'recount_round', { round_code: first.code });
		await expectKeptEqualsComputed(t.db, year);
	});

	test('a deleted round leaves no row and no place in the view', async () => {
		const empty = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-kapi',
			fiscalYear: year
		});
		await callRpc(t.db, service, 'set_oit_scores', {
			round_code: empty,
			scores: { [oitQuestions(bma)[0]]: 50 }
		});
		expect(await expectKeptEqualsComputed(t.db, year)).toBe(5);
		await callRpc(t.db, central, 'delete_round', { round_code: empty });
		// And a round with responses, removed by hand (cascade): its counters go with it.
		const last = rounds.pop()!;
		await t.db.query('delete from public.rounds where code = $1', [last.code]);
		expect(await expectKeptEqualsComputed(t.db, year)).toBe(3);
		const [{ n }] = await t.db.query<{ n: number }>(
			'select count(*)::int as n from public.round_scores where round_id not in (select round_id from public.rounds)'
		);
		expect(n).toBe(0);
	});

	test.runIf(engine === 'postgres')(
		'concurrent batches of one round, IIT and EIT at once: no update lost',
		async () => {
			const [first] = rounds;
			for (let step = 0; step < 3; step++) {
				await Promise.all(
					(['iit', 'eit', 'iit', 'eit'] as const).map((instrument) =>
						submit(
							t.db,
							Array.from({ length: 7 }, () =>
								randomResponse(random, first.f, first.code, instrument)
							)
						)
					)
				);
			}
			await expectKeptEqualsComputed(t.db, year);
		}
	);
});

describe.each(engines)('scores kept through held and released responses on %s', (engine) => {
	let t: TestDatabase;
	const year = 2033;
	beforeAll(async () => {
		t = await freshDatabase(engine);
	});
	afterAll(() => t?.drop());

	test('a held response counts nowhere; a released one counts, and the kept row follows', async () => {
		const random = seededRandom(33);
		const round = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-rak',
			fiscalYear: year
		});
		// One address may send 8 of this round's responses; the rest are held for review.
		await t.db.query('update public.rounds set address_limit = 8 where code = $1', [round]);
		const address = '203.0.113.9';
		const out = await callRpc<{ accepted: number }>(
			t.db,
			anon,
			'submit_responses',
			{ batch: Array.from({ length: 20 }, () => randomResponse(random, bma, round, 'eit')) },
			{ headers: { 'x-forwarded-for': address, 'x-real-ip': address } }
		);
		expect(out.accepted).toBe(20);
		const held = (
			await t.db.query<{ id: string }>('select response_id::text as id from public.held_responses')
		).map((r) => r.id);
		expect(held.length).toBeGreaterThan(0);
		await expectKeptEqualsComputed(t.db, year);

		await callRpc(t.db, central, 'release_held_responses', {
			round_code: round,
			ids: held.slice(0, 5),
			reason: 'Real visitors, one after another at the counter'
		});
		await expectKeptEqualsComputed(t.db, year);
		const [{ n }] = await t.db.query<{ n: number }>(
			`select s.respondents_eit as n from public.round_scores s join public.rounds r using (round_id)
			where r.code = $1`,
			[round]
		);
		expect(n).toBe(20 - held.length + 5);
	});
});

interface OverviewPage {
	fiscalYear: number;
	sort: string;
	dir: string;
	page: number;
	pageSize: number;
	count: number;
	pages: number;
	agencies: {
		rank: number | null;
		agency: { code: string; name: { th: string } };
		respondents: { iit: number; eit: number };
		instruments: Record<string, { score?: number; suppressed?: true }>;
		total: number | { suppressed: true };
		level: string | null;
	}[];
	levels: { framework: string; level: string | null; label: unknown; n: number }[];
	progress: {
		rounds: number;
		open: number;
		scored: number;
		respondents: { iit: number; eit: number };
		targetsMet: { iit: number; eit: number };
	};
}

describe.each(engines)('the central view, sorted and paged in SQL, on %s', (engine) => {
	let t: TestDatabase;
	const year = 2032;
	/** Agency code → how many favourable steps every answer gets (0–3); null: 3 EIT only. */
	const plan: [string, number | null][] = [
		['bang-rak', 3],
		['samphanthawong', 2],
		['wang-thonglang', 1],
		['pathum-wan', 2],
		['bang-kapi', 0],
		['lat-phrao', null],
		['yan-nawa', 3]
	];

	beforeAll(async () => {
		t = await freshDatabase(engine);
		const batch: ResponseInput[] = [];
		for (const [agency, steps] of plan) {
			const code = await createRound(t.db, { framework: 'bma-2567', agency, fiscalYear: year });
			const answered = (instrument: 'iit' | 'eit') => {
				const r = favourableResponse(bma, code, instrument);
				for (const q of surveyQuestions(bma, instrument)) {
					for (const item of itemsOf(q))
						r.answers[`${q.id}.${item.id}`] = codeFor(bma, q, item, steps ?? 3);
				}
				return r;
			};
			if (steps === null) {
				for (let i = 0; i < 3; i++) batch.push(answered('eit'));
			} else {
				for (let i = 0; i < 5; i++) batch.push(answered('iit'), answered('eit'));
			}
			await callRpc(t.db, service, 'set_oit_scores', {
				round_code: code,
				scores: Object.fromEntries(oitQuestions(bma).map((q) => [q, 100]))
			});
		}
		await submit(t.db, batch);
	});
	afterAll(() => t?.drop());

	const overview = (args: Record<string, unknown>) =>
		callRpc<OverviewPage>(t.db, central, 'fiscal_year_overview', { fiscal_year: year, ...args });
	const codes = (o: OverviewPage) => o.agencies.map((a) => a.agency.code);

	test('by total, highest first by default; ties by agency code; the suppressed round last', async () => {
		const o = await overview({});
		expect([o.sort, o.dir, o.page, o.pageSize, o.count, o.pages]).toEqual([
			'total',
			'desc',
			1,
			100,
			7,
			1
		]);
		expect(codes(o)).toEqual([
			'bang-rak',
			'yan-nawa',
			'pathum-wan',
			'samphanthawong',
			'wang-thonglang',
			'bang-kapi',
			'lat-phrao'
		]);
		// Equal totals share a place; the suppressed round has none.
		expect(o.agencies.map((a) => a.rank)).toEqual([1, 1, 3, 3, 5, 6, null]);
		const asc = await overview({ sort: 'total', dir: 'asc' });
		expect(codes(asc)).toEqual([
			'bang-kapi',
			'wang-thonglang',
			'pathum-wan',
			'samphanthawong',
			'bang-rak',
			'yan-nawa',
			'lat-phrao'
		]);
	});

	test('pages of the sorted list: together they are the whole list, once each', async () => {
		const all = codes(await overview({ sort: 'eit', dir: 'asc' }));
		const pages: string[] = [];
		for (let page = 1; page <= 3; page++) {
			const o = await overview({ sort: 'eit', dir: 'asc', page, page_size: 3 });
			expect([o.count, o.pages, o.page]).toEqual([7, 3, page]);
			pages.push(...codes(o));
		}
		expect(pages).toEqual(all);
		expect((await overview({ page: 4, page_size: 3 })).agencies).toEqual([]);
	});

	test('by agency: Thai names in dictionary order, either way', async () => {
		const o = await overview({ sort: 'agency' });
		expect(o.dir).toBe('asc');
		const names = o.agencies.map((a) => a.agency.name.th);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'th')));
		const desc = await overview({ sort: 'agency', dir: 'desc' });
		expect(codes(desc)).toEqual([...codes(o)].reverse());
	});

	test('by respondents: the round with 3 counts too', async () => {
		const o = await overview({ sort: 'respondents', dir: 'asc' });
		expect(codes(o)[0]).toBe('lat-phrao');
		expect(o.agencies[0].respondents).toEqual({ iit: 0, eit: 3 });
	});

	test('the distribution of levels and the progress of the year', async () => {
		const o = await overview({ page_size: 1 });
		expect(o.agencies).toHaveLength(1);
		const n = Object.fromEntries(o.levels.map((l) => [String(l.level), l.n]));
		expect(o.levels.map((l) => l.n).reduce((a, b) => a + b, 0)).toBe(7);
		expect(n.null).toBe(1);
		expect(o.levels.every((l) => l.framework === 'bma-2567')).toBe(true);
		// Every level of the framework is listed, counted or not.
		const levels = bma.levels.map((l) => l.code);
		expect(o.levels.filter((l) => l.level !== null).map((l) => l.level)).toEqual(levels);
		expect(o.progress).toEqual({
			rounds: 7,
			open: 7,
			scored: 6,
			respondents: { iit: 30, eit: 33 },
			targetsMet: { iit: 0, eit: 0 }
		});
	});

	test('one question across agencies: by score either way, paged, with its statistics', async () => {
		const q = await callRpc<{
			count: number;
			pages: number;
			stats: { scored: number; mean: number; min: number; max: number };
			agencies: { agency: { code: string }; score?: number; suppressed?: true }[];
		}>(t.db, central, 'question_across_agencies', {
			fiscal_year: year,
			question_id: 'e1',
			sort: 'score',
			dir: 'asc',
			page_size: 4
		});
		expect([q.count, q.pages]).toEqual([7, 2]);
		expect(q.agencies.map((a) => a.agency.code)).toEqual([
			'bang-kapi',
			'wang-thonglang',
			'pathum-wan',
			'samphanthawong'
		]);
		expect(q.stats).toMatchObject({ scored: 6, min: 0, max: 100 });
		const second = await callRpc<{ agencies: { agency: { code: string }; suppressed?: true }[] }>(
			t.db,
			central,
			'question_across_agencies',
			{ fiscal_year: year, question_id: 'E1', sort: 'score', dir: 'asc', page: 2, page_size: 4 }
		);
		expect(second.agencies.map((a) => a.agency.code)).toEqual([
			'bang-rak',
			'yan-nawa',
			'lat-phrao'
		]);
		expect(second.agencies[2].suppressed).toBe(true);
	});

	test('an agency renamed: the comparison by agency places it by its new name at once', async () => {
		const byAgency = async () =>
			(
				await callRpc<{ agencies: { agency: { code: string; name: { th: string } } }[] }>(
					t.db,
					central,
					'question_across_agencies',
					{ fiscal_year: year, question_id: 'e1', sort: 'agency' }
				)
			).agencies.map((a) => a.agency);
		expect((await byAgency())[0].code).not.toBe('yan-nawa');
		await callRpc(t.db, central, 'save_agency', {
			code: 'yan-nawa',
			name: { th: 'กรุงเทพมหานคร ยานนาวา', en: 'Yan Nawa' },
			update_existing: true
		});
		expect((await byAgency())[0]).toEqual({
			code: 'yan-nawa',
			name: { th: 'กรุงเทพมหานคร ยานนาวา', en: 'Yan Nawa' }
		});
		await expectKeptEqualsComputed(t.db, year);
	});

	test('a sort, direction or page it cannot use is refused, saying what it can', async () => {
		for (const [args, code, params] of [
			[
				{ sort: 'level' },
				'sort_invalid',
				{ field: 'sort', value: 'level', options: 'agency, respondents, iit, eit, oit, total' }
			],
			[{ dir: 'up' }, 'sort_direction_invalid', { field: 'dir', value: 'up' }],
			[{ page: 0 }, 'page_invalid', { field: 'page', value: '0' }],
			[{ page_size: 5000 }, 'page_size_invalid', { field: 'page_size', value: '5000' }]
		] as const) {
			const e = await failure(overview(args));
			expect([e.code, e.message]).toEqual(['22023', code]);
			expect(e.params).toEqual(params);
		}
		const e = await failure(
			callRpc(t.db, central, 'question_across_agencies', {
				fiscal_year: year,
				question_id: 'e1',
				sort: 'total'
			})
		);
		expect([e.code, e.message, e.params]).toEqual([
			'22023',
			'sort_invalid',
			{ field: 'sort', value: 'total', options: 'agency, score, respondents' }
		]);
	});
});

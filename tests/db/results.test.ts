/**
 * The results views of issue 7 (migration …0700_results_views.sql), on PGlite and on
 * PostgreSQL: progress per day and channel from daily_counts, subgroup scores with
 * groups under 5 suppressed for every caller, the weakest items with the number of
 * favourable answers that would lift them, the fiscal-year view of central
 * administrators, the improvement-measures worksheet and the export of responses.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, asCaller, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import {
	addServicePoint,
	codeFor,
	createRound,
	favourableResponse,
	itemsOf,
	surveyQuestions,
	type ResponseInput
} from '../support/fixtures.ts';
import { responsesFromDistributions } from '../support/published.ts';
import wang from '../fixtures/wang-thonglang-2565.json' with { type: 'json' };

const nacc = await readFrameworkFile(`${frameworksDir()}/nacc-2565.json`);
const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

interface Failure {
	code: string;
	message: string;
	hint?: string;
	/** The catalogue code's parameters (JSON). */
	params: Record<string, unknown>;
}

/** The error a call fails with (both engines give SQLSTATE and message). */
async function failure(call: Promise<unknown>): Promise<Failure> {
	try {
		await call;
	} catch (error) {
		const e = error as Failure & { detail?: string };
		return {
			code: e.code,
			message: e.message,
			hint: e.hint,
			params: JSON.parse(e.detail || '{}') as Record<string, unknown>
		};
	}
	throw new Error('expected the call to be refused, and it succeeded');
}

/** A day counted from today in Thailand, YYYY-MM-DD. */
function day(offset: number): string {
	return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;

/** Submits as the service (the import), every response accepted. */
async function submit(db: Sql, batch: ResponseInput[]): Promise<void> {
	for (let i = 0; i < batch.length; i += 200) {
		const part = batch.slice(i, i + 200);
		const out = await callRpc<{ accepted: number; results: unknown[] }>(
			db,
			service,
			'submit_responses',
			{ batch: part }
		);
		expect(out.accepted, JSON.stringify(out.results)).toBe(part.length);
	}
}

/** A BMA response whose every item gets the answer of `rank(key)` favourable steps (0–3). */
function ranked(
	round: string,
	instrument: 'iit' | 'eit',
	rank: (key: string, index: number) => number,
	extra: Partial<ResponseInput> = {}
): ResponseInput {
	const r = favourableResponse(bma, round, instrument);
	surveyQuestions(bma, instrument).forEach((q, index) => {
		for (const item of itemsOf(q)) {
			const key = `${q.id}.${item.id}`;
			r.answers[key] = codeFor(bma, q, item, rank(key, index));
		}
	});
	return { ...r, ...extra };
}

type Suppressed = { suppressed: true; reason: 'small' | 'rest'; n?: '< 5'; rest?: '< 5' };
interface Cell {
	score?: number | null;
	exact?: number | null;
	suppressed?: true;
	reason?: string;
	n?: number | string;
}
interface Results {
	filter?: Record<string, unknown>;
	respondents: Record<string, number | string>;
	suppressed?: Record<string, boolean>;
	items: Record<string, Cell & { counts?: Record<string, number>; percent?: unknown }>;
	questions: Record<string, Cell & { points?: number | null }>;
	indicators: Record<string, Cell>;
	groups: Record<string, Cell>;
	instruments: Record<string, Cell & { weight: number; weighted?: number | null }>;
	total: number | null | Suppressed;
	totalExact: number | null;
	level: string | null;
	demographics: Record<string, unknown>;
}

const small: Suppressed = { suppressed: true, reason: 'small', n: '< 5' };

/** Every key of a results object that belongs to an instrument, per the framework. */
function cellsOf(r: Results, instrument: 'iit' | 'eit'): Cell[] {
	const prefix = instrument === 'iit' ? 'I' : 'E';
	const indicators = instrument === 'iit' ? ['1', '2', '3', '4', '5'] : ['6', '7', '8'];
	return [
		...Object.entries(r.items)
			.filter(([k]) => k.startsWith(prefix))
			.map(([, v]) => v),
		...Object.entries(r.questions)
			.filter(([k]) => k.startsWith(prefix))
			.map(([, v]) => v),
		...indicators.map((i) => r.indicators[i]),
		r.instruments[instrument]
	];
}

describe.each(engines)('results views on %s', (engine) => {
	let t: TestDatabase;
	let officerA: Claims;
	let officerB: Claims;
	const central: Claims = {
		role: 'authenticated',
		sub: randomUUID(),
		app_metadata: { ita_role: 'central' }
	};
	let oitItems: string[];

	beforeAll(async () => {
		t = await freshDatabase(engine);
		const ids = await t.db.query<{ code: string; agency_id: string }>(
			`select code, agency_id from public.agencies where code in ('bang-rak', 'samphanthawong')`
		);
		const idOf = (code: string) => ids.find((r) => r.code === code)!.agency_id;
		officerA = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: idOf('bang-rak') }
		};
		officerB = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: idOf('samphanthawong') }
		};
		await addServicePoint(t.db, 'bang-rak', 'registration-1');
		await addServicePoint(t.db, 'bang-rak', 'revenue-1');
		oitItems = (
			await t.db.query<{ question_id: string }>(
				`select question_id from public.framework_questions
				where framework_id = 'bma-2567' and kind = 'check' order by ord`
			)
		).map((r) => r.question_id);
	});
	afterAll(() => t?.drop());

	describe('progress', () => {
		let round: string;
		beforeAll(async () => {
			round = await createRound(t.db, {
				framework: 'bma-2567',
				agency: 'bang-rak',
				code: 'bang-rak-progress',
				opensInDays: -10,
				closesInDays: 10
			});
			await t.db.query(
				`update public.rounds set target_staff = 8, min_iit = 400, min_eit = 10 where code = $1`,
				[round]
			);
			const eit = (extra: Partial<ResponseInput>) => ({
				...favourableResponse(bma, round, 'eit'),
				...extra
			});
			await submit(t.db, [
				...[1, 2, 3].map(() =>
					eit({ channel: 'qr', servicePoint: 'registration-1', collectedOn: day(-5) })
				),
				...[1, 2].map(() => eit({ channel: 'kiosk', collectedOn: day(-2) })),
				eit({ servicePoint: 'revenue-1', collectedOn: day(0) }),
				...[1, 2].map(() => ({
					...favourableResponse(bma, round, 'iit'),
					channel: 'link',
					collectedOn: day(-5)
				}))
			]);
		});

		test('respondents per day and per channel, and the pace against the targets', async () => {
			const p = await callRpc<{
				today: string;
				opensOn: string;
				targets: Record<string, number | null>;
				respondents: Record<string, number>;
				daily: { day: string; iit: number; eit: number }[];
				byChannel: Record<string, unknown>[];
				pace: Record<string, Record<string, unknown>>;
			}>(t.db, officerA, 'round_progress', { round_code: round });

			expect(p.today).toBe(day(0));
			expect(p.opensOn).toBe(day(-10));
			expect(p.targets).toEqual({ staff: 8, minIit: 400, minEit: 10, iit: 8, eit: 10 });
			expect(p.respondents).toEqual({ iit: 2, eit: 6 });
			// Every day from the opening to today, with or without answers.
			expect(p.daily.map((d) => d.day)).toEqual(Array.from({ length: 11 }, (_, i) => day(i - 10)));
			expect(p.daily.filter((d) => d.iit + d.eit > 0)).toEqual([
				{ day: day(-5), iit: 2, eit: 3 },
				{ day: day(-2), iit: 0, eit: 2 },
				{ day: day(0), iit: 0, eit: 1 }
			]);
			expect(p.byChannel).toEqual([
				{
					channel: 'qr',
					servicePoint: 'registration-1',
					servicePointName: { th: 'เคาน์เตอร์ registration-1' },
					iit: 0,
					eit: 3,
					n: 3
				},
				{
					channel: 'qr',
					servicePoint: 'revenue-1',
					servicePointName: { th: 'เคาน์เตอร์ revenue-1' },
					iit: 0,
					eit: 1,
					n: 1
				},
				{ channel: 'kiosk', servicePoint: null, servicePointName: null, iit: 0, eit: 2, n: 2 },
				{ channel: 'link', servicePoint: null, servicePointName: null, iit: 2, eit: 0, n: 2 }
			]);
			// EIT: 5 answers in the 10 whole days before today = 0.5 a day; 6 + 0.5 × 10 days
			// after today = 11 ≥ 10. IIT: the target is the 8 staff, not 400; 2 + 0.2 × 10 = 4 < 8.
			expect(p.pace.eit).toEqual({
				n: 6,
				target: 10,
				needed: 4,
				daysLeft: 11,
				perDayNeeded: 1,
				ratePerDay: 0.5,
				projected: 11,
				onTrack: true
			});
			expect(p.pace.iit).toEqual({
				n: 2,
				target: 8,
				needed: 6,
				daysLeft: 11,
				perDayNeeded: 1,
				ratePerDay: 0.2,
				projected: 4,
				onTrack: false
			});
		});

		test('a round that closed short of its target is not on track, and needs no per-day pace', async () => {
			const closed = await createRound(t.db, {
				framework: 'bma-2567',
				agency: 'bang-rak',
				opensInDays: -20,
				closesInDays: -1
			});
			const p = await callRpc<{
				daily: unknown[];
				pace: Record<string, Record<string, unknown>>;
			}>(t.db, central, 'round_progress', { round_code: closed });
			expect(p.daily).toHaveLength(20);
			expect(p.pace.eit).toMatchObject({
				n: 0,
				needed: 400,
				daysLeft: 0,
				perDayNeeded: null,
				onTrack: false
			});
		});

		test('the daily counters equal a recount from the stored responses', async () => {
			const read = () =>
				t.db.query(
					`select c.instrument, c.collected_on::text as day, c.channel, c.service_point_id, c.n
					from public.daily_counts c join public.rounds r using (round_id)
					where r.code = $1 order by 1, 2, 3, 4`,
					[round]
				);
			const kept = await read();
			expect(kept.length).toBeGreaterThan(0);
			await callRpc(t.db, service, 'recount_round', { round_code: round });
			expect(await read()).toEqual(kept);
		});

		test("another agency's officer gets no progress", async () => {
			const e = await failure(callRpc(t.db, officerB, 'round_progress', { round_code: round }));
			expect(e.code).toBe('PT404');
			expect(e.message).toBe('round_not_managed');
			expect(e.params).toEqual({ round: 'bang-rak-progress' });
			expect(e.hint).toMatch(/no round bang-rak-progress that you may read/);
			expect(
				(await failure(callRpc(t.db, anon, 'round_progress', { round_code: round }))).message
			).toMatch(/permission denied/);
		});
	});

	describe('subgroups', () => {
		let round: string;
		/** The 6 EIT responses given at revenue-1. */
		let revenue: ResponseInput[];
		let serial = 0;
		// Answers that differ from one response and item to the next.
		const mixed = () => {
			const i = serial++;
			return (_key: string, q: number) => (i * 7 + q * 3) % 4;
		};

		beforeAll(async () => {
			round = await createRound(t.db, {
				framework: 'bma-2567',
				agency: 'bang-rak',
				code: 'bang-rak-subgroups'
			});
			const eit = (extra: Partial<ResponseInput>) => ranked(round, 'eit', mixed(), extra);
			revenue = [0, 1, 2, 3, 4, 5].map((i) =>
				eit({
					servicePoint: 'revenue-1',
					demographics: { sex: i % 2 ? 'male' : 'female', section: 'revenue' }
				})
			);
			await submit(t.db, [
				// 3 at registration-1, who all say they contacted the finance section.
				...[0, 1, 2].map(() =>
					eit({
						servicePoint: 'registration-1',
						demographics: { sex: 'female', section: 'finance' }
					})
				),
				...revenue,
				...[0, 1, 2, 3].map((i) =>
					eit({
						channel: 'kiosk',
						demographics: {
							sex: 'male',
							section: 'registration',
							...(i === 0 ? { occupation: { code: 'other', text: 'แม่ค้าขายส้มตำหน้าเขต' } } : {})
						}
					})
				),
				...[0, 1, 2, 3, 4, 5].map(() =>
					ranked(round, 'iit', mixed(), { channel: 'link', demographics: { sex: 'female' } })
				)
			]);
		});

		for (const [label, filter] of [
			['a service point', { servicePoint: 'registration-1' }],
			['a section contacted', { section: 'finance' }],
			['the same, as a background answer', { demographics: { section: 'finance' } }],
			['several conditions', { servicePoint: 'registration-1', demographics: { sex: 'female' } }]
		] as const) {
			test(`a subgroup of 3 (${label}) shows no score and no distribution, to any caller`, async () => {
				for (const claims of [officerA, central, service]) {
					const r = await callRpc<Results>(t.db, claims, 'round_results_for', {
						round_code: round,
						filter
					});
					expect(r.respondents).toEqual({ iit: '< 5', eit: '< 5' });
					expect(r.suppressed).toEqual({ iit: true, eit: true });
					for (const [key, item] of Object.entries(r.items)) {
						expect(item, key).toEqual(small);
					}
					for (const instrument of ['iit', 'eit'] as const) {
						for (const cell of cellsOf(r, instrument)) {
							expect(cell).toMatchObject(small);
							expect(cell).not.toHaveProperty('score');
							expect(cell).not.toHaveProperty('exact');
						}
						expect(r.demographics[instrument]).toEqual(small);
					}
					expect(r.instruments.eit).toEqual({ ...small, weight: 30 });
					expect(r.total).toEqual(small);
					expect(r.totalExact).toBeNull();
					expect(r.level).toBeNull();
					const json = JSON.stringify([r.items, r.demographics]);
					expect(json).not.toMatch(/"(counts|percent|score|exact|count)"/);
				}
			});
		}

		test('a subgroup of 6 shows the scores those 6 responses give on their own', async () => {
			const filtered = await callRpc<Results>(t.db, officerA, 'round_results_for', {
				round_code: round,
				filter: { servicePoint: 'revenue-1' }
			});
			// The same answers, alone in a round of their own.
			const alone = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
			await submit(
				t.db,
				revenue.map((r) => ({ ...r, id: randomUUID(), round: alone, servicePoint: undefined }))
			);
			const own = await callRpc<Results>(t.db, officerA, 'round_results', { round_code: alone });

			expect(filtered.filter).toEqual({ servicePoint: 'revenue-1' });
			expect(filtered.respondents).toEqual({ iit: '< 5', eit: 6 });
			expect(filtered.suppressed).toEqual({ iit: true, eit: false });
			const eitKeys = (o: Record<string, unknown>) =>
				Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('E')));
			expect(eitKeys(filtered.items)).toEqual(eitKeys(own.items));
			expect(Object.keys(eitKeys(filtered.items))).toHaveLength(6);
			expect(eitKeys(filtered.questions)).toEqual(eitKeys(own.questions));
			for (const indicator of ['6', '7', '8']) {
				expect(filtered.indicators[indicator]).toEqual(own.indicators[indicator]);
			}
			expect(filtered.instruments.eit).toEqual(own.instruments.eit);
			expect(filtered.instruments.eit.score).toBeGreaterThan(0);
			expect(filtered.instruments.eit.score).toBeLessThan(100);
			expect(filtered.demographics.eit).toEqual(own.demographics.eit);
			// Its IIT has no respondent at revenue-1: suppressed, and so the total.
			expect(filtered.instruments.iit).toEqual({ ...small, weight: 30 });
			expect(filtered.total).toEqual(small);
		});

		test('several conditions must all hold', async () => {
			const r = await callRpc<Results>(t.db, central, 'round_results_for', {
				round_code: round,
				filter: { channel: 'qr', demographics: { sex: 'female' } }
			});
			// 3 at registration-1 and 3 of the 6 at revenue-1.
			expect(r.respondents.eit).toBe(6);
			expect(r.items['E1.1'].n).toBe(6);
			expect(r.filter).toEqual({ channel: 'qr', demographics: { sex: 'female' } });
		});

		test('a subgroup that leaves 1 to 4 of the round outside it is suppressed too', async () => {
			// 9 of the 13 EIT came by QR: the 4 kiosk answers would be the round minus these.
			const r = await callRpc<Results>(t.db, officerA, 'round_results_for', {
				round_code: round,
				filter: { channel: 'qr' }
			});
			expect(r.respondents.eit).toBe(9);
			expect(r.suppressed!.eit).toBe(true);
			expect(r.items['E1.1']).toEqual({ suppressed: true, reason: 'rest', rest: '< 5' });
			expect(r.instruments.eit).not.toHaveProperty('score');
		});

		test('the whole round as a subgroup gives round_results', async () => {
			const all = await callRpc<Results>(t.db, service, 'round_results_for', {
				round_code: round,
				filter: {}
			});
			const whole = await callRpc<Results>(t.db, service, 'round_results', { round_code: round });
			expect(all.respondents).toEqual({ iit: 6, eit: 13 });
			expect(all.suppressed).toEqual({ iit: false, eit: false });
			for (const key of [
				'items',
				'questions',
				'indicators',
				'groups',
				'instruments',
				'total',
				'level',
				'demographics'
			] as const) {
				expect(all[key], key).toEqual(whole[key]);
			}
		});

		test('a filter it cannot read is refused, naming the key', async () => {
			for (const [filter, code, params, hint] of [
				[{ colour: 'red' }, 'results_filter_key_unknown', { keys: '"colour"' }, /no key "colour"/],
				[{ channel: 'fax' }, 'results_filter_channel_invalid', { field: 'channel', value: 'fax' }],
				[{ channel: 5 }, 'results_filter_channel_invalid', { field: 'channel', value: '5' }],
				[
					{ servicePoint: 'nowhere-1' },
					'service_point_unknown',
					{ field: 'servicePoint', servicePoint: 'nowhere-1' },
					/no service point nowhere-1/
				],
				[
					{ servicePoint: 12 },
					'service_point_unknown',
					{ field: 'servicePoint', servicePoint: '12' },
					/is a service point code/
				],
				[
					{ section: 'nowhere' },
					'results_filter_option_unknown',
					{ field: 'section', question: 'section', value: 'nowhere' }
				],
				[{ demographics: 'female' }, 'results_filter_invalid', { field: 'demographics' }],
				[
					{ demographics: { sex: 'unknown' } },
					'results_filter_option_unknown',
					{ field: 'demographics.sex', question: 'sex', value: 'unknown' }
				],
				[
					{ demographics: { shoe: 'red' } },
					'results_filter_question_unknown',
					{ field: 'demographics.shoe', question: 'shoe' },
					/no such background question/
				],
				[
					{ demographics: { sex: 1 } },
					'results_filter_option_unknown',
					{ field: 'demographics.sex', value: '1' }
				],
				[
					{ section: 'finance', demographics: { section: 'finance' } },
					'results_filter_invalid',
					{ field: 'section' },
					/given twice/
				],
				[['registration-1'], 'results_filter_invalid', {}, /a results filter is a JSON object/]
			] as const) {
				const e = await failure(
					callRpc(t.db, officerA, 'round_results_for', { round_code: round, filter })
				);
				expect(e.code, JSON.stringify(filter)).toBe('22023');
				expect(e.message, JSON.stringify(filter)).toBe(code);
				expect(e.params, JSON.stringify(filter)).toMatchObject(params);
				if (hint) expect(e.hint).toMatch(hint);
			}
			const e = await failure(
				callRpc(t.db, officerB, 'round_results_for', { round_code: round, filter: {} })
			);
			expect(e.code).toBe('PT404');
		});

		test('the export has no response ids, no free-text "other" answers and no times', async () => {
			const rows = await callRpc<Record<string, unknown>[]>(t.db, officerA, 'export_responses', {
				round_code: round
			});
			expect(rows).toHaveLength(19);
			expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
			for (const row of rows) {
				expect(Object.keys(row).sort()).toEqual([
					'answers',
					'channel',
					'day',
					'demographics',
					'instrument',
					'n',
					'servicePoint',
					'variants'
				]);
				expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				for (const value of Object.values(row.demographics as object)) {
					expect(typeof value).toBe('string');
				}
			}
			const json = JSON.stringify(rows);
			expect(json).not.toContain('แม่ค้า');
			const ids = await t.db.query<{ id: string }>(
				`select p.response_id::text as id from public.responses p join public.rounds r using (round_id)
				where r.code = $1`,
				[round]
			);
			expect(ids).toHaveLength(19);
			for (const { id } of ids) expect(json).not.toContain(id);
			const other = rows.filter(
				(r) => (r.demographics as Record<string, string>).occupation !== undefined
			);
			expect(other.map((r) => r.demographics)).toEqual([
				{ sex: 'male', section: 'registration', occupation: 'other' }
			]);
			const first = rows.find((r) => r.servicePoint === 'revenue-1')!;
			expect(first).toMatchObject({ instrument: 'eit', channel: 'qr', variants: { E3: 'permit' } });
			expect(Object.keys(first.answers as object)).toHaveLength(6);

			expect(
				(await failure(callRpc(t.db, officerB, 'export_responses', { round_code: round }))).code
			).toBe('PT404');
			expect(
				(await failure(callRpc(t.db, anon, 'export_responses', { round_code: round }))).message
			).toMatch(/permission denied/);
		});
	});

	test('the whole Wang Thonglang FY2565 round as a subgroup still gives the published numbers', async () => {
		const round = await createRound(t.db, {
			framework: 'nacc-2565',
			agency: 'wang-thonglang',
			fiscalYear: 2022
		});
		await submit(t.db, responsesFromDistributions(nacc, wang, round));
		await callRpc(t.db, service, 'set_oit_scores', { round_code: round, scores: wang.oit });
		const whole = await callRpc<Results>(t.db, service, 'round_results', { round_code: round });
		const all = await callRpc<Results>(t.db, central, 'round_results_for', {
			round_code: round,
			filter: null
		});
		expect(whole.total).toBe(96.15);
		expect(whole.level).toBe('AA');
		expect(whole.questions.e9.score).toBe(99.43);
		expect(whole.indicators['6'].score).toBe(99.61);
		for (const key of ['items', 'questions', 'indicators', 'groups', 'instruments'] as const) {
			expect(all[key], key).toEqual(whole[key]);
		}
		expect([all.total, all.level]).toEqual([96.15, 'AA']);
	});

	describe('weak items and the improvement measures', () => {
		let round: string;
		// 10 EIT answers: E1.1 4 × มากที่สุด and 6 × น้อย (60.00), E5.1 7 × มากที่สุด and
		// 3 × น้อยที่สุด (70.00), E2.1 9 × มากที่สุด and 1 × น้อยที่สุด (90.00), the rest 100.
		const ranks: Record<string, (i: number) => number> = {
			'E1.1': (i) => (i < 4 ? 3 : 1),
			'E5.1': (i) => (i < 7 ? 3 : 0),
			'E2.1': (i) => (i < 9 ? 3 : 0)
		};

		/** k by trying: the fewest further top answers that bring the printed score to the bar. */
		function fewestTopAnswers(favour: number, n: number, top: number, bar: number): number {
			for (let k = 0; ; k++) {
				if (round2((100 * (favour + k * top)) / (top * (n + k))) >= bar) return k;
			}
		}

		beforeAll(async () => {
			round = await createRound(t.db, {
				framework: 'bma-2567',
				agency: 'bang-rak',
				code: 'bang-rak-weak'
			});
			await submit(
				t.db,
				Array.from({ length: 10 }, (_, i) =>
					ranked(round, 'eit', (key) => (ranks[key] ? ranks[key](i) : 3))
				)
			);
			await callRpc(t.db, officerA, 'set_oit_scores', {
				round_code: round,
				scores: { [oitItems[0]]: 0, [oitItems[1]]: 100 }
			});
		});

		test('items below 85, lowest first, with the gap and the favourable answers that would close it', async () => {
			const w = await callRpc<{
				threshold: number;
				topBand: number;
				bar: number;
				items: Record<string, unknown>[];
			}>(t.db, officerA, 'round_weak_items', { round_code: round });
			expect([w.threshold, w.topBand, w.bar]).toEqual([85, 95, 85]);
			expect(w.items.map((i) => [i.ref, i.kind, i.score, i.gap, i.moreFavourable])).toEqual([
				[oitItems[0], 'oit', 0, 85, null],
				// (18 + 17·3) / (3·27) = 85.19; 16 more would give 84.62.
				['E1.1', 'item', 60, 25, 17],
				// (21 + 10·3) / (3·20) = 85.00 exactly; 9 more would give 84.21.
				['E5.1', 'item', 70, 15, 10]
			]);
			expect(w.items[1]).toMatchObject({
				instrument: 'eit',
				indicator: '6',
				question: 'E1',
				n: 10,
				topAnswer: 4,
				itemText: { th: 'เต็มใจให้บริการ เท่าเทียม ไม่เลือกปฏิบัติ' }
			});
			expect(fewestTopAnswers(4 * 3 + 6 * 1, 10, 3, 85)).toBe(17);
			expect(fewestTopAnswers(7 * 3, 10, 3, 85)).toBe(10);
		});

		test('the bar is never above the top band: at 99 it is 95', async () => {
			const w = await callRpc<{ bar: number; items: Record<string, unknown>[] }>(
				t.db,
				central,
				'round_weak_items',
				{ round_code: round, threshold: 99 }
			);
			expect(w.bar).toBe(95);
			const e2 = w.items.find((i) => i.ref === 'E2.1')!;
			expect(e2).toMatchObject({ score: 90, gap: 5, moreFavourable: 10 });
			expect(fewestTopAnswers(9 * 3, 10, 3, 95)).toBe(10);

			// k is about the printed score: 2 more top answers give (18 + 6) / 36 = 66.666…,
			// printed 66.67, which reaches a bar of 66.67 (unrounded, it would take 3).
			const low = await callRpc<{ bar: number; items: Record<string, unknown>[] }>(
				t.db,
				officerA,
				'round_weak_items',
				{ round_code: round, threshold: 66.67 }
			);
			expect(low.items.map((i) => [i.ref, i.score, i.gap, i.moreFavourable])).toEqual([
				[oitItems[0], 0, 66.67, null],
				['E1.1', 60, 6.67, 2]
			]);
			expect(fewestTopAnswers(18, 10, 3, 66.67)).toBe(2);
			for (const item of w.items.filter((i) => i.kind === 'item')) {
				expect(item.score as number).toBeLessThan(95);
			}
			for (const threshold of [0, 101, 85.555]) {
				const e = await failure(
					callRpc(t.db, officerA, 'round_weak_items', { round_code: round, threshold })
				);
				expect(e.code).toBe('22023');
				expect(e.message).toBe('threshold_invalid');
				expect(e.params).toEqual({ field: 'threshold', value: String(threshold) });
			}
		});

		interface Measure {
			ord: number;
			itemRef: string;
			kind: string | null;
			score: number | null;
			measure: string | null;
			responsibleSection: string | null;
			updatedAt: string;
			[key: string]: unknown;
		}

		test('the worksheet starts with the weak items, saves all or nothing, and reads back', async () => {
			const first = await callRpc<Measure[]>(t.db, officerA, 'list_measures', {
				round_code: round
			});
			expect(first.map((m) => [m.ord, m.itemRef, m.kind, m.score, m.measure])).toEqual([
				[1, oitItems[0], 'oit', 0, null],
				[2, 'E1.1', 'item', 60, null],
				[3, 'E5.1', 'item', 70, null]
			]);

			const rows = [
				first[0],
				{
					...first[1],
					itemRef: 'e1.1',
					weakness: 'ผู้รับบริการเห็นว่าบริการยังไม่เท่าเทียม',
					measure: 'จัดคิวบัตรเดียวทุกช่องบริการ',
					communication: 'ประกาศหน้าสำนักงานและเพจเขต',
					monitoring: 'ผู้อำนวยการเขตติดตามในที่ประชุมผู้บริหาร',
					cadence: 'ทุกเดือน',
					responsibleSection: 'ฝ่ายทะเบียน',
					result: null
				},
				{ itemRef: '6', score: 88.5, measure: '  ' }
			];
			const saved = await callRpc<Measure[]>(t.db, officerA, 'save_measures', {
				round_code: round,
				rows
			});
			expect(saved.map((m) => [m.ord, m.itemRef, m.kind, m.score, m.measure])).toEqual([
				[1, oitItems[0], 'oit', 0, null],
				[2, 'E1.1', 'item', 60, 'จัดคิวบัตรเดียวทุกช่องบริการ'],
				[3, '6', 'indicator', 88.5, null]
			]);
			expect(saved[1].responsibleSection).toBe('ฝ่ายทะเบียน');
			// The row sent back unchanged keeps the time it was last changed.
			expect(saved[0].updatedAt).toBe(first[0].updatedAt);
			expect(await callRpc(t.db, officerA, 'list_measures', { round_code: round })).toEqual(saved);

			for (const [bad, problems] of [
				[
					[{ itemRef: 'E1.1' }, { itemRef: 'E2.1', owner: 'x' }],
					[{ row: 2, code: 'measures_row_invalid', keys: '"owner"' }]
				],
				[
					[{ itemRef: 'Z9' }],
					[{ row: 1, field: 'itemRef', code: 'measures_item_ref_unknown', value: 'Z9' }]
				],
				[
					[{ itemRef: 'E1.1', score: 101 }],
					[{ row: 1, field: 'score', code: 'measures_score_invalid', value: '101' }]
				],
				[
					[{ itemRef: 'E1.1', measure: 5 }],
					[{ row: 1, field: 'measure', code: 'measures_row_invalid' }]
				],
				[
					[{ itemRef: 'E1.1', cadence: 'x'.repeat(4001) }],
					[{ row: 1, field: 'cadence', code: 'measures_text_too_long' }]
				],
				// Every problem of every row at once.
				[
					[{ itemRef: 'zz9', score: 'high' }, { itemRef: 'E1.1' }, { itemRef: ' ', score: -1 }],
					[
						{ row: 1, field: 'itemRef', code: 'measures_item_ref_unknown', value: 'zz9' },
						{ row: 1, field: 'score', code: 'measures_score_invalid', value: 'high' },
						{ row: 3, field: 'itemRef', code: 'measures_item_ref_missing' },
						{ row: 3, field: 'score', code: 'measures_score_invalid', value: '-1' }
					]
				]
			] as const) {
				const e = await failure(
					callRpc(t.db, officerA, 'save_measures', { round_code: round, rows: bad })
				);
				expect(e.code).toBe('22023');
				expect(e.message).toBe('measures_invalid');
				const listed = e.params.problems as Record<string, unknown>[];
				expect(listed).toHaveLength(problems.length);
				problems.forEach((p, i) => expect(listed[i]).toMatchObject(p));
			}
			const notRows = await failure(
				callRpc(t.db, officerA, 'save_measures', {
					round_code: round,
					rows: { itemRef: 'E1.1' }
				})
			);
			expect([notRows.code, notRows.message]).toEqual(['22023', 'measures_not_rows']);
			expect(notRows.hint).toMatch(/the measures are a JSON array/);
			expect(await callRpc(t.db, officerA, 'list_measures', { round_code: round })).toEqual(saved);
		});

		test("another agency's officer can neither read nor write the worksheet", async () => {
			await callRpc(t.db, officerA, 'list_measures', { round_code: round });
			for (const [fn, args] of [
				['list_measures', { round_code: round }],
				['save_measures', { round_code: round, rows: [] }],
				['round_weak_items', { round_code: round }]
			] as const) {
				expect((await failure(callRpc(t.db, officerB, fn, args))).code, fn).toBe('PT404');
			}
			const visible = (claims: Claims) =>
				asCaller(t.db, claims, (tx) =>
					tx.query(
						`select m.ord from public.improvement_measures m join public.rounds r using (round_id)
						where r.code = $1`,
						[round]
					)
				);
			// Only through list_measures: the table is read directly by no signed-in caller.
			await expect(visible(officerB)).rejects.toThrow(/permission denied/);
			await expect(visible(officerA)).rejects.toThrow(/permission denied/);
			expect(
				(await callRpc<unknown[]>(t.db, officerA, 'list_measures', { round_code: round })).length
			).toBeGreaterThan(0);
			await expect(
				asCaller(t.db, officerA, (tx) => tx.query(`delete from public.improvement_measures`))
			).rejects.toThrow(/permission denied/);
		});
	});

	describe('the central view of a fiscal year', () => {
		beforeAll(async () => {
			const a = await createRound(t.db, {
				framework: 'bma-2567',
				agency: 'bang-rak',
				code: 'bang-rak-2573',
				fiscalYear: 2030
			});
			const b = await createRound(t.db, {
				framework: 'bma-2567',
				agency: 'samphanthawong',
				code: 'samphanthawong-2573',
				fiscalYear: 2030
			});
			await submit(t.db, [
				...Array.from({ length: 6 }, () => favourableResponse(bma, a, 'iit')),
				...Array.from({ length: 6 }, () => favourableResponse(bma, a, 'eit')),
				...Array.from({ length: 6 }, () => favourableResponse(bma, b, 'iit')),
				...Array.from({ length: 3 }, () => favourableResponse(bma, b, 'eit'))
			]);
			await callRpc(t.db, service, 'set_oit_scores', {
				round_code: a,
				scores: Object.fromEntries(oitItems.map((q) => [q, 100]))
			});
		});

		interface Overview {
			fiscalYear: number;
			agencies: {
				agency: { code: string };
				round: { code: string };
				respondents: Record<string, number>;
				targets: Record<string, number | null>;
				instruments: Record<string, Cell>;
				total: number | Suppressed | null;
				level: string | null;
			}[];
		}

		test('central administrators and the service see every agency; an officer their own', async () => {
			for (const claims of [central, service]) {
				const o = await callRpc<Overview>(t.db, claims, 'fiscal_year_overview', {
					fiscal_year: 2030
				});
				expect(o.fiscalYear).toBe(2030);
				expect(o.agencies.map((a) => [a.agency.code, a.round.code])).toEqual([
					['bang-rak', 'bang-rak-2573'],
					['samphanthawong', 'samphanthawong-2573']
				]);
				const [a, b] = o.agencies;
				expect(a.respondents).toEqual({ iit: 6, eit: 6 });
				expect(a.targets).toEqual({ staff: null, minIit: 400, minEit: 400, iit: 400, eit: 400 });
				expect(a.instruments.iit).toMatchObject({ score: 100, weight: 30 });
				expect(a.instruments.eit).toMatchObject({ score: 100 });
				expect(a.instruments.oit).toMatchObject({ score: 100 });
				expect([a.total, a.level]).toEqual([100, 'excellent']);
				// 3 EIT respondents: their score is not shown, nor the total it is part of.
				expect(b.respondents).toEqual({ iit: 6, eit: 3 });
				expect(b.instruments.eit).toEqual({ ...small, weight: 30 });
				expect(b.instruments.iit).toMatchObject({ score: 100 });
				expect([b.total, b.level]).toEqual([small, null]);
			}
			for (const [claims, code] of [
				[officerA, 'bang-rak'],
				[officerB, 'samphanthawong']
			] as const) {
				const o = await callRpc<Overview>(t.db, claims, 'fiscal_year_overview', {
					fiscal_year: 2030
				});
				expect(o.agencies.map((a) => a.agency.code)).toEqual([code]);
			}
			const e = await failure(
				callRpc(t.db, central, 'fiscal_year_overview', { fiscal_year: 2573 })
			);
			expect(e.code).toBe('22023');
			expect(e.message).toBe('fiscal_year_buddhist');
			expect(
				(await failure(callRpc(t.db, anon, 'fiscal_year_overview', { fiscal_year: 2030 }))).message
			).toMatch(/permission denied/);
		});

		test('one question across agencies, suppressed where its instrument has fewer than 5', async () => {
			const q = await callRpc<{ question: string; agencies: Record<string, unknown>[] }>(
				t.db,
				central,
				'question_across_agencies',
				{ fiscal_year: 2030, question_id: 'e1' }
			);
			expect(q.agencies).toHaveLength(2);
			expect(q.agencies[0]).toMatchObject({
				agency: { code: 'bang-rak' },
				question: 'E1',
				instrument: 'eit',
				respondents: 6,
				score: 100
			});
			expect(q.agencies[1]).toMatchObject({
				agency: { code: 'samphanthawong' },
				respondents: 3,
				...small
			});
			expect(q.agencies[1]).not.toHaveProperty('score');

			const oit = await callRpc<{ agencies: Record<string, unknown>[] }>(
				t.db,
				officerA,
				'question_across_agencies',
				{ fiscal_year: 2030, question_id: oitItems[0] }
			);
			expect(oit.agencies).toHaveLength(1);
			expect(oit.agencies[0]).toMatchObject({ instrument: 'oit', respondents: null, score: 100 });

			const e = await failure(
				callRpc(t.db, central, 'question_across_agencies', {
					fiscal_year: 2030,
					question_id: 'zz9'
				})
			);
			expect(e.code).toBe('22023');
			expect(e.message).toBe('question_unknown');
			expect(e.params).toEqual({ field: 'question', question: 'zz9', year: 2030 + 543 });
			expect(e.hint).toMatch(/no framework .* has a question zz9/);
		});
	});
});

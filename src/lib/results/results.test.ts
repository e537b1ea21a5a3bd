/**
 * The results' view logic on the NACC FY2565 questionnaire with small hand-made answers
 * of the database (the real numbers of Wang Thonglang are checked end to end in
 * tests/e2e/results.test.ts): layout in the framework's order, "< 5" wherever SQL hid a
 * group, filters from and to the address, the pace warning, and the downloads' tables.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FrameworkSchema } from '../ita/framework.ts';
import naccFile from '../../../supabase/seed/frameworks/nacc-2565.json' with { type: 'json' };
import { respondentsTable, scoresTable } from './aggregates.ts';
import { BOM, toCsv } from './csv.ts';
import {
	describeFilter,
	filterOptions,
	filterQuery,
	parseFilter,
	type ResultsFilter
} from './filters.ts';
import { fixed2, scoreText, shortDay } from './format.ts';
import { keepFresh } from './live.ts';
import { paceFromDaysOpen, paceNote } from './pace.ts';
import { NOT_ANSWERED, respondentTables } from './respondents.ts';
import { matches, responsesTable } from './responses.ts';
import type { ExportedResponse, Pace, ResultsJson, SuppressedCell } from './types.ts';
import { findItem, findQuestion, resultsView } from './view.ts';

const nacc = FrameworkSchema.parse(naccFile);
const small: SuppressedCell = { suppressed: true, reason: 'small', n: '< 5' };

/** round_results as the database answers it: every key scored `score`, with overrides. */
function results(over: Partial<ResultsJson> = {}, score = 100): ResultsJson {
	const items: ResultsJson['items'] = {};
	const questions: ResultsJson['questions'] = {};
	const indicators: ResultsJson['indicators'] = {};
	for (const ins of nacc.instruments) {
		for (const ind of ins.indicators) {
			indicators[ind.id] = { score };
			for (const sub of ind.subIndicators ?? []) {
				indicators[sub.id] = { score };
				for (const q of sub.questions) questions[q.id] = { score };
			}
			for (const q of ind.questions ?? []) {
				questions[q.id] = { score };
				if (!('scale' in q)) continue;
				const top = nacc.scales[q.scale].options.at(-1)!.code;
				for (const item of q.items ?? []) {
					items[`${q.id}.${item.id}`] = {
						n: 10,
						score,
						counts: { [top]: 10 },
						percent: { [top]: 100 }
					};
				}
			}
		}
	}
	return {
		round: {
			code: 'r',
			agency: { code: 'wang-thonglang', name: { th: 'สำนักงานเขตวังทองหลาง' } },
			status: 'open',
			opensOn: '2021-10-01',
			closesOn: '2022-06-30',
			framework: 'nacc-2565',
			fiscalYear: 2022
		},
		method: 'indicator-mean',
		respondents: { iit: 10, eit: 10 },
		items,
		questions,
		indicators,
		groups: {},
		instruments: {
			iit: { score, weight: 30, weighted: 0.3 * score },
			eit: { score, weight: 30, weighted: 0.3 * score },
			oit: { score, weight: 40, weighted: 0.4 * score }
		},
		total: score,
		totalExact: score,
		level: 'AA',
		levelLabel: { th: 'AA', en: 'AA – Excellence' },
		demographics: {
			iit: {
				sex: {
					n: 10,
					options: { male: { count: 6, percent: 60 }, female: { count: 4, percent: 40 } }
				}
			},
			eit: {
				section: { n: 10, options: { registration: { count: 10, percent: 100 } } }
			}
		},
		...over
	};
}

describe('the results in the framework’s order', () => {
	test('items carry each answer’s share bottom first, and the question its score', () => {
		const r = results();
		r.items['e9.1'] = {
			n: 408,
			score: 99.43,
			counts: { '1': 1, '2': 0, '3': 4, '4': 403 },
			percent: { '1': 0.25, '2': 0, '3': 0.98, '4': 98.77 }
		};
		r.questions.e9 = { score: 99.43 };
		const view = resultsView(nacc, r);
		expect(view.instruments.map((i) => i.id)).toEqual(['iit', 'eit', 'oit']);
		const item = findItem(view, 'e9.1')!;
		expect(item.options.map((o) => [o.label.th, o.percent])).toEqual([
			['น้อยที่สุดหรือไม่มีเลย', 0.25],
			['น้อย', 0],
			['มาก', 0.98],
			['มากที่สุด', 98.77]
		]);
		expect(item.score.text).toBe('99.43');
		expect(findQuestion(view, 'e9')!.score.text).toBe('99.43');
		expect(view.radar.map((a) => a.id)).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10'
		]);
		expect(view.level?.label.th).toBe('AA');
		// OIT sub-indicators with their items, for the indicator table.
		const nine = view.instruments[2].indicators[0];
		expect(nine.subIndicators.map((s) => s.id)).toEqual(['9.1', '9.2', '9.3', '9.4', '9.5']);
	});

	test('a subgroup hidden in SQL reads "< 5" in every cell, with no share or score', () => {
		const r = results({
			respondents: { iit: '< 5', eit: 12 },
			total: small,
			totalExact: null,
			level: null,
			levelLabel: null
		});
		for (const key of Object.keys(r.items)) if (key.startsWith('i')) r.items[key] = small;
		r.instruments.iit = { ...small, weight: 30 };
		r.demographics.iit = small;
		const view = resultsView(nacc, r);
		const iit = view.instruments[0];
		expect([iit.score.text, iit.respondents, iit.weighted.text]).toEqual(['< 5', '< 5', '< 5']);
		const item = findItem(view, 'i1.1')!;
		expect(item.score).toEqual({ text: '< 5', value: null, suppressed: true });
		expect(item.options.every((o) => o.percent === null)).toBe(true);
		expect(view.total.text).toBe('< 5');
		expect(findItem(view, 'e1.1')!.score.text).toBe('100.00');

		const rows = scoresTable(view, 'th').rows;
		const i11 = rows.find((row) => row[3] === 'i1.1')!;
		expect(i11.filter((c) => c !== null && c !== 'i1.1').slice(-5)).toEqual([
			'< 5',
			'< 5',
			'< 5',
			'< 5',
			'< 5'
		]);
		expect(rows[0].at(-1)).toBe('< 5');
		const tables = respondentTables(nacc, r);
		expect(tables.filter((t) => t.instrument === 'iit').every((t) => t.suppressed)).toBe(true);
		expect(respondentsTable(tables, 'th').rows[0]).toEqual(['IIT', 'เพศ', '', '< 5', '< 5']);
	});

	test('scores print with two decimals; nothing yet prints as a dash', () => {
		expect([fixed2(96.15), fixed2(100), fixed2(0.5), fixed2(null)]).toEqual([
			'96.15',
			'100.00',
			'0.50',
			'–'
		]);
		expect(scoreText({ score: null })).toBe('–');
		expect(scoreText(small)).toBe('< 5');
		expect(shortDay('2022-12-05', 'th')).toBe('5 ธ.ค.');
		expect(shortDay('2022-12-05', 'en')).toBe('5 Dec');
	});
});

describe('respondent tables', () => {
	test('options in the framework’s order, with counts and percentages, sections by the agency’s name', () => {
		const tables = respondentTables(nacc, results(), [
			{ code: 'registration', label: { th: 'ฝ่ายทะเบียนของเขต' } }
		]);
		const sex = tables.find((t) => t.instrument === 'iit' && t.question === 'sex')!;
		expect(sex.rows.map((r) => [r.code, r.count, r.percent])).toEqual([
			['male', 6, 60],
			['female', 4, 40],
			['other', 0, 0],
			['_none', 0, 0]
		]);
		const section = tables.find((t) => t.instrument === 'eit' && t.question === 'section')!;
		expect(section.rows.find((r) => r.code === 'registration')!.label.th).toBe('ฝ่ายทะเบียนของเขต');
		expect(tables.map((t) => `${t.instrument}:${t.question}`)).toEqual([
			'iit:sex',
			'iit:age',
			'iit:position',
			'iit:service-years',
			'eit:sex',
			'eit:age',
			'eit:occupation',
			'eit:contact-type',
			'eit:section'
		]);
	});
});

describe('filters', () => {
	const options = filterOptions(nacc, {
		sections: [{ code: 'registration', label: { th: 'ฝ่ายทะเบียน' } }],
		servicePoints: [{ code: 'registration-1', label: { th: 'ช่อง 1' } }]
	});

	test('the address gives the filter round_results_for reads, and back', () => {
		const q = new URLSearchParams(
			'servicePoint=registration-1&section=registration&channel=qr&sex=female&age=31-40&lang=en'
		);
		const filter = parseFilter(q, options);
		expect(filter).toEqual({
			servicePoint: 'registration-1',
			section: 'registration',
			channel: 'qr',
			demographics: { sex: 'female', age: '31-40' }
		});
		expect(parseFilter(new URLSearchParams(filterQuery(filter)), options)).toEqual(filter);
		expect(describeFilter(filter, options, 'th')).toBe(
			'จุดบริการ: ช่อง 1 · ฝ่ายที่ติดต่อ: ฝ่ายทะเบียน · ช่องทาง: คิวอาร์โค้ดที่จุดบริการ · เพศ: หญิง · อายุ: 31 - 40 ปี'
		);
	});

	test('an unknown value, an empty choice or a stranger key is dropped, not sent', () => {
		const q = new URLSearchParams('servicePoint=nowhere&channel=fax&sex=&shoe=red&section=');
		expect(parseFilter(q, options)).toEqual({});
		expect(filterQuery({})).toBe('');
	});

	test('the responses download keeps the responses that the filter would count', () => {
		const r = (over: Partial<ExportedResponse>): ExportedResponse => ({
			n: 1,
			day: '2022-01-05',
			instrument: 'eit',
			channel: 'qr',
			servicePoint: 'registration-1',
			demographics: { sex: 'female', section: 'registration' },
			variants: {},
			answers: { 'e1.1': 4 },
			...over
		});
		const filter: ResultsFilter = { section: 'registration', demographics: { sex: 'female' } };
		expect(matches(r({}), filter)).toBe(true);
		expect(matches(r({ demographics: { sex: 'male', section: 'registration' } }), filter)).toBe(
			false
		);
		expect(
			matches(r({ channel: 'kiosk', servicePoint: null }), { servicePoint: 'registration-1' })
		).toBe(false);
		const t = responsesTable(nacc, [r({}), r({ n: 2, demographics: {} })], filter);
		expect(t.rows).toHaveLength(1);
		expect(t.columns.map((c) => c.title).slice(0, 5)).toEqual([
			'ลำดับ',
			'วันที่',
			'แบบวัด',
			'ช่องทาง',
			'จุดบริการ'
		]);
		expect(t.rows[0][t.columns.findIndex((c) => c.title === 'e1.1')]).toBe(4);
	});
});

describe('pace', () => {
	const pace = (over: Partial<Pace>): Pace => ({
		n: 2,
		target: 8,
		needed: 6,
		daysLeft: 11,
		perDayNeeded: 1,
		ratePerDay: 0.2,
		projected: 4,
		onTrack: false,
		...over
	});

	test('behind: a warning that says by how much and what it takes', () => {
		const note = paceNote('iit', pace({}), 'th')!;
		expect(note.warning).toBe(true);
		expect(note.text).toBe(
			'IIT: ตามจังหวะปัจจุบัน (วันละ 0.20 คน) คาดว่าจะได้ 4 คน ไม่ถึงเป้าหมาย 8 คนภายในวันปิดรับ ต้องได้อีก 6 คนใน 11 วัน หรือวันละ 1 คน'
		);
	});

	test('on track, reached, closed short, or no target', () => {
		expect(paceNote('eit', pace({ onTrack: true, projected: 11, target: 10 }), 'en')).toEqual({
			instrument: 'eit',
			warning: false,
			text: 'EIT: at the current pace about 11 by the close date, reaching the target of 10'
		});
		expect(paceNote('eit', pace({ n: 408, target: 400 }), 'en')!.warning).toBe(false);
		expect(paceNote('eit', pace({ daysLeft: 0 }), 'en')!.text).toMatch(/closed with 2 .* short/);
		expect(paceNote('eit', pace({ target: null }), 'en')).toBeNull();
	});
});

describe('CSV', () => {
	test('UTF-8 with a BOM for Excel, quoted where needed, "< 5" as text, no formula runs', () => {
		const csv = toCsv(
			[
				{ title: 'ข้อ', type: 'text' },
				{ title: 'คะแนน', type: 'score' },
				{ title: 'n', type: 'count' }
			],
			[
				['e9, "ตัวอย่าง"', 99.4, 408],
				['=HYPERLINK("x")', '< 5', '< 5'],
				['e1', null, 0]
			]
		);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'ข้อ,คะแนน,n',
			'"e9, ""ตัวอย่าง""",99.40,408',
			`"'=HYPERLINK(""x"")",< 5,< 5`,
			'e1,,0',
			''
		]);
	});
});

describe('live refresh', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	test('refreshes on a timer while visible, at once on coming back, and never while hidden', () => {
		vi.useFakeTimers();
		let listener: (() => void) | undefined;
		const doc = {
			visibilityState: 'visible' as DocumentVisibilityState,
			addEventListener: (_: string, l: () => void) => (listener = l),
			removeEventListener: () => (listener = undefined)
		};
		const refresh = vi.fn();
		const stop = keepFresh(doc, refresh, 45);
		vi.advanceTimersByTime(45_000);
		expect(refresh).toHaveBeenCalledTimes(1);
		doc.visibilityState = 'hidden';
		vi.advanceTimersByTime(90_000);
		expect(refresh).toHaveBeenCalledTimes(1);
		doc.visibilityState = 'visible';
		listener!();
		expect(refresh).toHaveBeenCalledTimes(2);
		stop();
		vi.advanceTimersByTime(90_000);
		expect(refresh).toHaveBeenCalledTimes(2);
		expect(listener).toBeUndefined();
	});
});

describe('issue 15: nobody hidden, a pace from the first day', () => {
	test('every background table has a "not answered" row, and its percentages are of everyone', () => {
		const r = results();
		const everyone = r.respondents.iit as number;
		// Two more respondents who left every background question empty.
		const tables = respondentTables(nacc, {
			...r,
			respondents: { ...r.respondents, iit: everyone + 2 }
		});
		for (const t of tables.filter((t) => t.instrument === 'iit')) {
			const none = t.rows.at(-1)!;
			expect(none.code, t.question).toBe(NOT_ANSWERED);
			expect(none.label).toEqual({ th: 'ไม่ระบุ', en: 'Not answered' });
			expect(t.n, t.question).toBe(everyone + 2);
			expect(
				t.rows.reduce((sum, row) => sum + row.count, 0),
				t.question
			).toBe(everyone + 2);
		}
		const sex = tables.find((t) => t.instrument === 'iit' && t.question === 'sex')!;
		expect(sex.rows.at(-1)!.count).toBe(everyone + 2 - 10);
	});

	test('358 responses on the day the round opened are 358 a day, not 0.00', () => {
		const first = paceFromDaysOpen(
			{
				n: 358,
				target: 400,
				needed: 42,
				daysLeft: 30,
				perDayNeeded: 2,
				ratePerDay: 0,
				projected: 358,
				onTrack: null
			},
			'2026-12-06',
			'2026-12-06'
		);
		expect(first.ratePerDay).toBe(358);
		expect(first.onTrack).toBe(true);
		const later = paceFromDaysOpen({ ...first, n: 30, daysLeft: 11 }, '2026-12-01', '2026-12-10');
		expect(later.ratePerDay).toBe(3);
		expect(later.projected).toBe(60);
	});
});

import { expect, test } from 'vitest';
import { FrameworkSchema } from '../../ita/framework.ts';
import nacc from '../../../../supabase/seed/frameworks/nacc-2565.json' with { type: 'json' };
import type { SuppressedCell } from '../types.ts';
import { buildReport, type RoundResults, type WeakItems } from './report.ts';

const framework = FrameworkSchema.parse(nacc);
const small: SuppressedCell = { suppressed: true, reason: 'small', n: '< 5' };

/** Results where every item scores 100 (all top answers) from n respondents, with a few set apart. */
function results(o: Partial<RoundResults> = {}): RoundResults {
	const items: RoundResults['items'] = {};
	const questions: RoundResults['questions'] = {};
	const indicators: RoundResults['indicators'] = {};
	for (const instrument of framework.instruments) {
		for (const ind of instrument.indicators) {
			indicators[ind.id] = { score: 100 };
			for (const sub of ind.subIndicators ?? []) {
				indicators[sub.id] = { score: 100 };
				for (const q of sub.questions) questions[q.id] = { score: 100 };
			}
			for (const q of ind.questions ?? []) {
				questions[q.id] = { score: 100 };
				if ('scale' in q) {
					const top = Math.max(...framework.scales[q.scale].options.map((x) => x.code));
					for (const item of q.items ?? []) {
						items[`${q.id}.${item.id}`] = {
							score: 100,
							n: 10,
							counts: { [String(top)]: 10 },
							percent: { [String(top)]: 100 }
						};
					}
				}
			}
		}
	}
	return {
		round: {
			code: 'wt-2565',
			agency: {
				code: 'wang-thonglang',
				name: { th: 'สำนักงานเขตวังทองหลาง', en: 'Wang Thonglang District Office' }
			},
			framework: 'nacc-2565',
			fiscalYear: 2022,
			status: 'open',
			opensOn: '2022-01-01',
			closesOn: '2022-03-01'
		},
		method: 'indicator-mean',
		items,
		questions,
		indicators,
		groups: {},
		instruments: {
			iit: { score: 100, weight: 30, weighted: 30 },
			eit: { score: 100, weight: 30, weighted: 30 },
			oit: { score: 100, weight: 40, weighted: 40 }
		},
		total: 100,
		totalExact: 100,
		level: 'AA',
		levelLabel: { th: 'AA', en: 'AA – Excellence' },
		respondents: { iit: 10, eit: 12 },
		demographics: {
			iit: {
				sex: {
					n: 10,
					options: {
						male: { count: 6, percent: 60 },
						female: { count: 4, percent: 40 },
						other: { count: 0, percent: 0 }
					}
				}
			},
			eit: {
				section: {
					n: 12,
					options: { finance: { count: 12, percent: 100 }, 'own-section': { count: 0, percent: 0 } }
				}
			}
		},
		...o
	};
}

const weak: WeakItems = {
	threshold: 85,
	topBand: 95,
	bar: 85,
	items: [
		{
			ref: 'e9.1',
			kind: 'item',
			instrument: 'eit',
			indicator: '7',
			subIndicator: null,
			question: 'e9',
			questionText: { th: 'ชี้แจง' },
			itemText: { th: 'ชัดเจน' },
			n: 10,
			score: 60,
			gap: 25,
			moreFavourable: 17,
			topAnswer: 4
		},
		{
			ref: 'o9',
			kind: 'oit',
			instrument: 'oit',
			indicator: '9',
			subIndicator: null,
			question: 'o9',
			questionText: { th: 'Social Network' },
			itemText: null,
			n: null,
			score: 0,
			gap: 85,
			moreFavourable: null,
			topAnswer: null
		}
	]
};

const input = (o: Partial<RoundResults> = {}, lang: 'th' | 'en' = 'th') => ({
	results: results(o),
	weak,
	framework,
	sections: [{ code: 'own-section', name: { th: 'ฝ่ายของเขตเอง' } }],
	targets: { minIit: 400, minEit: 400 },
	lang
});

test('tables and figures are numbered in reading order, one table per indicator, one table and chart per background question', () => {
	const r = buildReport(input());
	const indicatorCount = framework.instruments.reduce((n, i) => n + i.indicators.length, 0);
	expect(r.indicators).toHaveLength(indicatorCount);
	expect(r.demographics.map((d) => `${d.instrument}.${d.id}`)).toEqual(['iit.sex', 'eit.section']);
	const tables = [
		r.summary.table,
		r.respondents.table,
		...r.indicators.map((i) => i.table),
		...r.demographics.map((d) => d.table),
		r.weak.table
	];
	expect(tables.map((t) => t.label)).toEqual(tables.map((_, i) => `ตารางที่ ${i + 1}`));
	const figures = [r.radar.figure, r.bars.figure, ...r.demographics.map((d) => d.figure)];
	expect(figures.map((f) => f.label)).toEqual(figures.map((_, i) => `ภาพที่ ${i + 1}`));
	expect(r.counts).toEqual({ tables: tables.length, figures: figures.length });
	expect(r.of).toBe('สำนักงานเขตวังทองหลาง ประจำปีงบประมาณ พ.ศ. 2565');
	expect(buildReport(input({}, 'en')).summary.table.label).toBe('Table 1');
});

test('table 501 rows: each option’s percentage in the scale’s order, the item and question scores; OIT items by sub-indicator', () => {
	const r = buildReport(input());
	const six = r.indicators.find((i) => i.id === '6')!;
	const e1 = six.parts[0].questions[0];
	expect(e1.options).toEqual(['น้อยที่สุดหรือไม่มีเลย', 'น้อย', 'มาก', 'มากที่สุด']);
	expect(e1.items[0].percents).toEqual(['–', '–', '–', '100.00%']);
	expect(e1.score).toBe('100.00');
	const nine = r.indicators.find((i) => i.id === '9')!;
	expect(nine.parts[0].heading).toMatch(/^9\.1 /);
	expect(nine.parts[0].questions[0]).toMatchObject({ id: 'o1', options: null, score: '100.00' });
});

test('summary: indicators under their instrument with weight and weighted score; suppressed cells read "< 5"', () => {
	const r = buildReport(
		input({
			instruments: {
				iit: { ...small, weight: 30 },
				eit: { score: 99.54, weight: 30, weighted: 29.86 },
				oit: { score: 90.77, weight: 40, weighted: 36.31 }
			},
			indicators: { ...results().indicators, '1': small },
			total: small,
			level: null,
			levelLabel: null
		})
	);
	const first = r.summary.rows[0];
	expect(first).toMatchObject({
		indicator: '1',
		score: '< 5',
		instrument: { id: 'iit', rows: 5, weight: '30.00', score: '< 5', weighted: '< 5' }
	});
	expect(r.summary.rows.find((x) => x.indicator === '6')?.instrument).toMatchObject({
		score: '99.54',
		weighted: '29.86'
	});
	expect(r.summary.total).toBe('< 5');
	expect(r.radar.axes[0]).toMatchObject({ label: '1', value: null, text: '< 5' });
});

test('background tables name a section the framework leaves to the agency by the agency’s own name; weak items keep SQL’s order', () => {
	const r = buildReport(input());
	const section = r.demographics.find((d) => d.id === 'section')!;
	expect(section.rows.find((x) => x.code === 'own-section')?.label).toBe('ฝ่ายของเขตเอง');
	expect(section.total).toBe(12);
	expect(r.weak.rows).toEqual([
		{ ref: 'e9.1', text: 'ชี้แจง — ชัดเจน', score: '60.00', gap: '25.00', more: '17' },
		{ ref: 'o9', text: 'Social Network', score: '0.00', gap: '85.00', more: '–' }
	]);
});

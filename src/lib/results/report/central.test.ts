import { describe, expect, test } from 'vitest';
import { cellText } from './cells.ts';
import {
	ariaSort,
	centralHref,
	parseCentralQuery,
	questionBars,
	sortHref,
	sortOverview,
	type OverviewRow
} from './central.ts';

const small = { suppressed: true as const, reason: 'small', n: '< 5' };

function row(code: string, name: string, o: Partial<OverviewRow> = {}): OverviewRow {
	return {
		agency: { code, name: { th: name } },
		round: {
			code: `${code}-2565`,
			framework: 'nacc-2565',
			status: 'open',
			opensOn: '',
			closesOn: ''
		},
		respondents: { iit: 10, eit: 10 },
		targets: { staff: null, minIit: 400, minEit: 400, iit: 400, eit: 400 },
		instruments: {},
		total: null,
		level: null,
		levelLabel: null,
		...o
	};
}

const today = new Date('2026-12-05T12:00:00Z');

describe('the central view address', () => {
	test('reads a Buddhist-era year, sort column and direction; defaults to the current fiscal year by total, highest first', () => {
		expect(
			parseCentralQuery(new URLSearchParams('year=2565&sort=eit&dir=asc&question=e9'), today)
		).toEqual({
			fiscalYear: 2022,
			sort: 'eit',
			dir: 'asc',
			question: 'e9'
		});
		// December 2026 is in fiscal year 2027 (2570 BE).
		expect(parseCentralQuery(new URLSearchParams(''), today)).toEqual({
			fiscalYear: 2027,
			sort: 'total',
			dir: 'desc',
			question: null
		});
		expect(
			parseCentralQuery(new URLSearchParams('year=abc&sort=drop table&dir=up'), today)
		).toMatchObject({
			fiscalYear: 2027,
			sort: 'total',
			dir: 'desc'
		});
		expect(parseCentralQuery(new URLSearchParams('sort=agency'), today).dir).toBe('asc');
	});

	test('a header link flips the direction of the sorted column and starts others at their default', () => {
		const q = parseCentralQuery(new URLSearchParams('year=2565&sort=total&dir=desc'), today);
		expect(sortHref(q, 'total')).toBe('/admin/central?year=2565&sort=total&dir=asc');
		expect(sortHref(q, 'agency')).toBe('/admin/central?year=2565&sort=agency&dir=asc');
		expect(sortHref({ ...q, question: 'e9' }, 'iit')).toBe(
			'/admin/central?year=2565&sort=iit&dir=desc&question=e9'
		);
		expect(centralHref(q, { fiscalYear: 2023 })).toBe(
			'/admin/central?year=2566&sort=total&dir=desc'
		);
		expect([ariaSort(q, 'total'), ariaSort(q, 'iit')]).toEqual(['descending', 'none']);
	});
});

describe('sorting agencies', () => {
	const a = row('a', 'ก', { total: 96.15, instruments: { iit: { score: 99.92 } } });
	const b = row('b', 'ข', {
		total: 100,
		instruments: { iit: small },
		respondents: { iit: 3, eit: 50 }
	});
	const c = row('c', 'ค', { total: small });
	const d = row('d', 'ง', { total: 80, instruments: { iit: { score: 50 } } });

	test('by total both ways, a suppressed total last either way', () => {
		const codes = (rows: OverviewRow[]) => rows.map((r) => r.agency.code);
		expect(codes(sortOverview([a, b, c, d], 'total', 'desc'))).toEqual(['b', 'a', 'd', 'c']);
		expect(codes(sortOverview([a, b, c, d], 'total', 'asc'))).toEqual(['d', 'a', 'b', 'c']);
		expect(codes(sortOverview([c, d, a, b], 'iit', 'desc'))).toEqual(['a', 'd', 'c', 'b']);
		expect(codes(sortOverview([d, c, b, a], 'agency', 'asc'))).toEqual(['a', 'b', 'c', 'd']);
		expect(codes(sortOverview([a, b], 'respondents', 'desc'))).toEqual(['b', 'a']);
	});

	test('cells read "< 5" where SQL suppressed them and "–" where there is no score yet', () => {
		expect([
			cellText(b.instruments.iit),
			cellText(c.total),
			cellText(a.total),
			cellText(null)
		]).toEqual(['< 5', '< 5', '96.15', '–']);
	});
});

test('question bars keep a suppressed agency with no bar and "< 5"', () => {
	const bars = questionBars([
		{
			agency: { code: 'a', name: { th: 'ก' } },
			round: 'a-1',
			framework: 'nacc-2565',
			question: 'e9',
			instrument: 'eit',
			text: { th: 'x' },
			respondents: 408,
			score: 99.43
		},
		{
			agency: { code: 'b', name: { th: 'ข' } },
			round: 'b-1',
			framework: 'nacc-2565',
			question: 'e9',
			instrument: 'eit',
			text: { th: 'x' },
			respondents: 3,
			...small
		}
	]);
	expect(bars.map((b) => [b.agency, b.value, b.text, b.suppressed])).toEqual([
		['a', 99.43, '99.43', false],
		['b', null, '< 5', true]
	]);
});

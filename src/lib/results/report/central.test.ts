import { describe, expect, test } from 'vitest';
import { cellText } from './cells.ts';
import {
	ariaSort,
	centralHref,
	pagerPages,
	pageRange,
	parseCentralQuery,
	questionBars,
	questionSortHref,
	sortHref,
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
			page: 1,
			question: 'e9',
			qsort: 'agency',
			qdir: 'asc',
			qpage: 1
		});
		// December 2026 is in fiscal year 2027 (2570 BE).
		expect(parseCentralQuery(new URLSearchParams(''), today)).toEqual({
			fiscalYear: 2027,
			sort: 'total',
			dir: 'desc',
			page: 1,
			question: null,
			qsort: 'agency',
			qdir: 'asc',
			qpage: 1
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

	test('pages: kept in the address, back to the first when the order changes', () => {
		const q = parseCentralQuery(
			new URLSearchParams(
				'year=2567&sort=total&dir=desc&page=3&question=e1&qsort=score&qdir=asc&qpage=2'
			),
			today
		);
		expect([q.page, q.qsort, q.qdir, q.qpage]).toEqual([3, 'score', 'asc', 2]);
		expect(centralHref(q)).toBe(
			'/admin/central?year=2567&sort=total&dir=desc&page=3&question=e1&qsort=score&qdir=asc&qpage=2'
		);
		expect(sortHref(q, 'eit')).toBe(
			'/admin/central?year=2567&sort=eit&dir=desc&question=e1&qsort=score&qdir=asc&qpage=2'
		);
		expect(questionSortHref(q, 'score')).toBe(
			'/admin/central?year=2567&sort=total&dir=desc&page=3&question=e1&qsort=score&qdir=desc'
		);
		expect(questionSortHref(q, 'agency')).toBe(
			'/admin/central?year=2567&sort=total&dir=desc&page=3&question=e1'
		);
		for (const bad of ['page=0', 'page=-2', 'page=abc', 'page=1e9']) {
			expect(parseCentralQuery(new URLSearchParams(bad), today).page).toBe(1);
		}
	});

	test('a pager lists the first, the last and the pages around this one', () => {
		expect(pagerPages(1, 1)).toEqual([1]);
		expect(pagerPages(1, 84)).toEqual([1, 2, 3, null, 84]);
		expect(pagerPages(40, 84)).toEqual([1, null, 38, 39, 40, 41, 42, null, 84]);
		expect(pagerPages(4, 6)).toEqual([1, 2, 3, 4, 5, 6]);
		const paged = { sort: 'total', dir: 'desc' as const, pageSize: 100, count: 8325, pages: 84 };
		expect(pageRange({ ...paged, page: 2 })).toEqual({ from: 101, to: 200, count: 8325 });
		expect(pageRange({ ...paged, page: 84 })).toEqual({ from: 8301, to: 8325, count: 8325 });
		expect(pageRange({ ...paged, count: 0, pages: 0, page: 1 })).toMatchObject({ from: 0, to: 0 });
	});
});

describe('cells of the overview', () => {
	const a = row('a', 'ก', { total: 96.15, instruments: { iit: { score: 99.92 } } });
	const b = row('b', 'ข', {
		total: 100,
		instruments: { iit: small },
		respondents: { iit: 3, eit: 50 }
	});
	const c = row('c', 'ค', { total: small });

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

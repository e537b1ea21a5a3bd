/**
 * The central view (/admin/central): every agency's round of one fiscal year side by
 * side, sortable by each column, and one question compared across agencies. The page
 * state lives in the address (`?year=2565&sort=total&dir=desc&page=2&question=e9`) so
 * that a view can be bookmarked and shared, and sorting and paging work as plain links.
 * SQL sorts and pages (fiscal_year_overview, question_across_agencies): a national body's
 * 8,325 rounds never travel to the page whole.
 */
import {
	cellText,
	isSuppressed,
	scoreOf,
	type LocalText,
	type ScoreCell,
	type TotalCell
} from './cells.ts';

export const sortColumns = ['agency', 'respondents', 'iit', 'eit', 'oit', 'total'] as const;
export type SortColumn = (typeof sortColumns)[number];
export type SortDir = 'asc' | 'desc';
/** How the question comparison can be ordered (question_across_agencies' `sort`). */
export const questionSortColumns = ['agency', 'score', 'respondents'] as const;
export type QuestionSort = (typeof questionSortColumns)[number];

/** Rounds per page, of the overview and of the question comparison. */
export const PAGE_SIZE = 100;

export interface CentralQuery {
	/** Gregorian, as stored; the page shows it in the Buddhist era. */
	fiscalYear: number;
	sort: SortColumn;
	dir: SortDir;
	/** The overview's page, from 1. */
	page: number;
	/** The question to compare across agencies, as typed (e9, E1, o12), or null. */
	question: string | null;
	/** The comparison's order and page. */
	qsort: QuestionSort;
	qdir: SortDir;
	qpage: number;
}

/** One row of fiscal_year_overview. */
export interface OverviewRow {
	/** Place by total among the rounds that show one (equal totals share it); null without. */
	rank?: number | null;
	agency: { code: string; name: LocalText };
	round: { code: string; framework: string; status: string; opensOn: string; closesOn: string };
	respondents: { iit: number; eit: number };
	targets: {
		staff: number | null;
		minIit: number | null;
		minEit: number | null;
		iit: number | null;
		eit: number | null;
	};
	instruments: Partial<Record<'iit' | 'eit' | 'oit', ScoreCell>>;
	total: TotalCell;
	level: string | null;
	levelLabel: LocalText | null;
}

/** How many rounds of the year reached a level (level null: no total to show yet). */
export interface LevelCount {
	framework: string;
	level: string | null;
	label: LocalText | null;
	n: number;
}

export interface YearProgress {
	rounds: number;
	open: number;
	scored: number;
	respondents: { iit: number; eit: number };
	targetsMet: { iit: number; eit: number };
}

/** A page of rows, sorted in SQL. */
export interface Paged {
	sort: string;
	dir: SortDir;
	page: number;
	pageSize: number;
	/** Rows on all pages. */
	count: number;
	pages: number;
}

export interface Overview extends Paged {
	fiscalYear: number;
	agencies: OverviewRow[];
	levels: LevelCount[];
	progress: YearProgress;
}

/** One row of question_across_agencies: a score, or the suppressed cell without one. */
export interface QuestionRow extends ScoreCell {
	agency: { code: string; name: LocalText };
	round: string;
	framework: string;
	question: string;
	instrument: string;
	text: LocalText;
	respondents: number | null;
	points?: number | null;
}

export interface QuestionAcross extends Paged {
	fiscalYear: number;
	question: string;
	stats: { scored: number; mean: number | null; min: number | null; max: number | null };
	agencies: QuestionRow[];
}

/** The fiscal year a day falls in: Thai fiscal years start on 1 October (Gregorian). */
export function fiscalYearOf(day: Date): number {
	return day.getUTCMonth() >= 9 ? day.getUTCFullYear() + 1 : day.getUTCFullYear();
}

const buddhistOffset = 543;

function pageOf(raw: string | null): number {
	const n = /^\d{1,6}$/.test(raw?.trim() ?? '') ? Number(raw) : 1;
	return n >= 1 ? n : 1;
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[], fallback: T): T {
	return (allowed as readonly string[]).includes(raw ?? '') ? (raw as T) : fallback;
}

function dirOf(raw: string | null, fallback: SortDir): SortDir {
	return raw === 'asc' || raw === 'desc' ? raw : fallback;
}

/**
 * Reads the page's address. `year` is Buddhist era (2565); a missing or unreadable one
 * gives the current fiscal year. An unknown sort column or direction falls back to the
 * total, highest first — the question a central administrator asks most. `page`,
 * `qsort`, `qdir`, `qpage`: the overview's page and the question comparison's order
 * and page (an unreadable one: the first page, by agency).
 */
export function parseCentralQuery(params: URLSearchParams, today: Date): CentralQuery {
	const rawYear = params.get('year')?.trim() ?? '';
	const be = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
	// A Gregorian year typed by mistake (2022) is read as such rather than refused.
	const fiscalYear = be >= 2400 ? be - buddhistOffset : be >= 2000 ? be : fiscalYearOf(today);
	const sort = oneOf(params.get('sort'), sortColumns, 'total');
	const dir = dirOf(params.get('dir'), defaultDir(sort));
	const q = params.get('question')?.trim() ?? '';
	const qsort = oneOf(params.get('qsort'), questionSortColumns, 'agency');
	return {
		fiscalYear,
		sort,
		dir,
		page: pageOf(params.get('page')),
		question: q ? q.slice(0, 20) : null,
		qsort,
		qdir: dirOf(params.get('qdir'), defaultDir(qsort)),
		qpage: pageOf(params.get('qpage'))
	};
}

/** Names read A→Z first; scores and counts highest first. */
export function defaultDir(column: SortColumn | QuestionSort): SortDir {
	return column === 'agency' ? 'asc' : 'desc';
}

/**
 * The address of the view with the given changes; the Buddhist-era year is what it
 * shows. Defaults (first page, the comparison by agency) are left out of it.
 */
export function centralHref(q: CentralQuery, change: Partial<CentralQuery> = {}): string {
	const next = { ...q, ...change };
	const params = new URLSearchParams({
		year: String(next.fiscalYear + buddhistOffset),
		sort: next.sort,
		dir: next.dir
	});
	if (next.page > 1) params.set('page', String(next.page));
	if (next.question) {
		params.set('question', next.question);
		if (next.qsort !== 'agency' || next.qdir !== defaultDir(next.qsort)) {
			params.set('qsort', next.qsort);
			params.set('qdir', next.qdir);
		}
		if (next.qpage > 1) params.set('qpage', String(next.qpage));
	}
	return `/admin/central?${params.toString()}`;
}

/**
 * A column header's link: the same column flips direction, another starts with its
 * default; either way from the first page.
 */
export function sortHref(q: CentralQuery, column: SortColumn): string {
	const dir = q.sort === column ? (q.dir === 'asc' ? 'desc' : 'asc') : defaultDir(column);
	return centralHref(q, { sort: column, dir, page: 1 });
}

/** The question comparison's order links, as the headers' (from its first page). */
export function questionSortHref(q: CentralQuery, column: QuestionSort): string {
	const qdir = q.qsort === column ? (q.qdir === 'asc' ? 'desc' : 'asc') : defaultDir(column);
	return centralHref(q, { qsort: column, qdir, qpage: 1 });
}

/** `aria-sort` of a column header. */
export function ariaSort(q: CentralQuery, column: SortColumn): 'ascending' | 'descending' | 'none' {
	if (q.sort !== column) return 'none';
	return q.dir === 'asc' ? 'ascending' : 'descending';
}

/** Which rows a page shows: "101–200 of 8,325" (from 0 when there are none). */
export function pageRange(p: Paged): { from: number; to: number; count: number } {
	const from = p.count === 0 ? 0 : Math.min((p.page - 1) * p.pageSize + 1, p.count);
	return { from, to: Math.min(p.page * p.pageSize, p.count), count: p.count };
}

/** A pager's links: previous, next and a few pages around this one, first and last. */
export function pagerPages(page: number, pages: number): (number | null)[] {
	const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
	const list = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
	// null: a gap ("…") between two listed pages.
	return list.flatMap((n, i) => (i > 0 && n - list[i - 1] > 1 ? [null, n] : [n]));
}

/** "358 / 400" — the round's respondents of an instrument against its minimum target. */
export function respondentsText(row: OverviewRow, instrument: 'iit' | 'eit'): string {
	const target = instrument === 'iit' ? row.targets.minIit : row.targets.minEit;
	return `${row.respondents[instrument]} / ${target ?? '–'}`;
}

/** A bar of the question comparison: its length (0–100) or null where there is none to draw. */
export interface QuestionBar {
	agency: string;
	name: LocalText;
	round: string;
	respondents: number | null;
	value: number | null;
	text: string;
	suppressed: boolean;
}

export function questionBars(rows: QuestionRow[]): QuestionBar[] {
	return rows.map((r) => ({
		agency: r.agency.code,
		name: r.agency.name,
		round: r.round,
		respondents: r.respondents,
		value: scoreOf(r),
		text: cellText(r),
		suppressed: isSuppressed(r)
	}));
}

/**
 * The central view (/admin/central): every agency's round of one fiscal year side by
 * side, sortable by each column, and one question compared across agencies. The page
 * state lives in the address (`?year=2565&sort=total&dir=desc&question=e9`) so that a
 * view can be bookmarked and shared, and sorting works as plain links.
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

export interface CentralQuery {
	/** Gregorian, as stored; the page shows it in the Buddhist era. */
	fiscalYear: number;
	sort: SortColumn;
	dir: SortDir;
	/** The question to compare across agencies, as typed (e9, E1, o12), or null. */
	question: string | null;
}

/** One row of fiscal_year_overview. */
export interface OverviewRow {
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

export interface Overview {
	fiscalYear: number;
	agencies: OverviewRow[];
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

export interface QuestionAcross {
	fiscalYear: number;
	question: string;
	agencies: QuestionRow[];
}

/** The fiscal year a day falls in: Thai fiscal years start on 1 October (Gregorian). */
export function fiscalYearOf(day: Date): number {
	return day.getUTCMonth() >= 9 ? day.getUTCFullYear() + 1 : day.getUTCFullYear();
}

const buddhistOffset = 543;

/**
 * Reads the page's address. `year` is Buddhist era (2565); a missing or unreadable one
 * gives the current fiscal year. An unknown sort column or direction falls back to the
 * total, highest first — the question a central administrator asks most.
 */
export function parseCentralQuery(params: URLSearchParams, today: Date): CentralQuery {
	const rawYear = params.get('year')?.trim() ?? '';
	const be = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
	// A Gregorian year typed by mistake (2022) is read as such rather than refused.
	const fiscalYear = be >= 2400 ? be - buddhistOffset : be >= 2000 ? be : fiscalYearOf(today);
	const rawSort = params.get('sort');
	const sort = (sortColumns as readonly string[]).includes(rawSort ?? '')
		? (rawSort as SortColumn)
		: 'total';
	const rawDir = params.get('dir');
	const dir: SortDir = rawDir === 'asc' || rawDir === 'desc' ? rawDir : defaultDir(sort);
	const q = params.get('question')?.trim() ?? '';
	return { fiscalYear, sort, dir, question: q ? q.slice(0, 20) : null };
}

/** Names read A→Z first; scores and counts highest first. */
export function defaultDir(column: SortColumn): SortDir {
	return column === 'agency' ? 'asc' : 'desc';
}

/** What a column sorts by: a number, a name, or null (suppressed or not scored yet). */
function sortValue(row: OverviewRow, column: SortColumn): number | string | null {
	switch (column) {
		case 'agency':
			return row.agency.name.th;
		case 'respondents':
			return row.respondents.iit + row.respondents.eit;
		case 'total':
			return scoreOf(row.total);
		default:
			return scoreOf(row.instruments[column]);
	}
}

/**
 * The rows sorted by one column. Rows without a value (suppressed, not scored) go last
 * whichever the direction, since "< 5" is neither high nor low; ties keep agency order.
 */
export function sortOverview(rows: OverviewRow[], column: SortColumn, dir: SortDir): OverviewRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	return rows
		.map((row, i) => ({ row, i, v: sortValue(row, column) }))
		.sort((a, b) => {
			if (a.v === null || b.v === null) {
				if (a.v === b.v) return a.i - b.i;
				return a.v === null ? 1 : -1;
			}
			const c =
				typeof a.v === 'string' || typeof b.v === 'string'
					? String(a.v).localeCompare(String(b.v), 'th')
					: a.v - b.v;
			return c !== 0 ? sign * c : a.i - b.i;
		})
		.map((x) => x.row);
}

/** The address of the view with the given changes; the Buddhist-era year is what it shows. */
export function centralHref(q: CentralQuery, change: Partial<CentralQuery> = {}): string {
	const next = { ...q, ...change };
	const params = new URLSearchParams({
		year: String(next.fiscalYear + buddhistOffset),
		sort: next.sort,
		dir: next.dir
	});
	if (next.question) params.set('question', next.question);
	return `/admin/central?${params.toString()}`;
}

/** A column header's link: the same column flips direction, another starts with its default. */
export function sortHref(q: CentralQuery, column: SortColumn): string {
	const dir = q.sort === column ? (q.dir === 'asc' ? 'desc' : 'asc') : defaultDir(column);
	return centralHref(q, { sort: column, dir });
}

/** `aria-sort` of a column header. */
export function ariaSort(q: CentralQuery, column: SortColumn): 'ascending' | 'descending' | 'none' {
	if (q.sort !== column) return 'none';
	return q.dir === 'asc' ? 'ascending' : 'descending';
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

/**
 * How the results print numbers and days: scores and percentages with two decimals as the
 * official reports print them (99.43, 54.75), counts with thousands separators, a hidden
 * small group as "< 5", years in the Buddhist era.
 */
import type { Lang } from '../i18n/index.ts';
import { isSuppressed } from './types.ts';

/** What a hidden small group reads, in every language, on the page and in every export. */
export const SMALL = '< 5';
/** A number that does not exist yet (no answers, an OIT item not scored). */
export const NONE = '–';

const two = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2,
	useGrouping: false
});
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 99.43, 100.00; "–" for none. */
export function fixed2(value: number | null | undefined): string {
	return value === null || value === undefined || !Number.isFinite(value)
		? NONE
		: two.format(value);
}

/** 1,234 */
export function count(value: number | null | undefined): string {
	return value === null || value === undefined ? NONE : whole.format(value);
}

/** A score cell as printed: "99.43", "< 5" when hidden, "–" when there is none. */
export function scoreText(cell: unknown): string {
	if (isSuppressed(cell)) return SMALL;
	if (typeof cell === 'number') return fixed2(cell);
	if (cell && typeof cell === 'object' && 'score' in cell) {
		return fixed2((cell as { score: number | null }).score);
	}
	return NONE;
}

/** A score cell's number, or null when hidden or missing. */
export function scoreOf(cell: unknown): number | null {
	if (isSuppressed(cell)) return null;
	if (typeof cell === 'number') return cell;
	if (cell && typeof cell === 'object' && 'score' in cell) {
		const s = cell.score;
		return typeof s === 'number' ? s : null;
	}
	return null;
}

/** A head-count that may be "< 5" in a filtered subgroup. */
export function countText(value: number | string | null | undefined): string {
	if (typeof value === 'string') return value;
	return count(value);
}

/** "5 ธ.ค. 69" / "5 Dec" — a day under a column of the daily trend. */
export function shortDay(isoDay: string, lang: Lang): string {
	const [y, m, d] = isoDay.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	const locale = lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	}).format(date);
}

/**
 * The time of day the page was last updated, "14:05:09", on Thailand's clock (the server
 * renders it first and the browser again: both must write the same).
 */
export function clockTime(at: Date, lang: Lang): string {
	return new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZone: 'Asia/Bangkok'
	}).format(at);
}

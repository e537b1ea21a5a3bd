/**
 * The cells the results functions answer with, and how every page and export of this
 * folder writes them: a score with two decimals, "< 5" where SQL suppressed a small
 * group, "–" where there is nothing yet. The suppression itself happens in SQL; here it
 * is only read.
 */
import { arabicDigits, type Lang } from '../../i18n/index.ts';

import type { LocalText } from '../../admin/views.ts';

export type { LocalText };

/** A score cell as the SQL functions return it. */
export interface ScoreCell {
	score?: number | null;
	exact?: number | null;
	weight?: number;
	weighted?: number | null;
	suppressed?: true;
	reason?: string;
	n?: number | string;
}

/** A total is a number, null, or the suppressed cell. */
export type TotalCell = number | null | ScoreCell;

export function isSuppressed(cell: unknown): boolean {
	return typeof cell === 'object' && cell !== null && (cell as ScoreCell).suppressed === true;
}

/** The score a cell holds, or null when it is suppressed or not scored yet. */
export function scoreOf(cell: TotalCell | undefined): number | null {
	if (typeof cell === 'number') return cell;
	if (!cell || isSuppressed(cell)) return null;
	return typeof cell.score === 'number' ? cell.score : null;
}

/** Two decimals, as the official reports print every score and percentage. */
export function fixed2(x: number): string {
	return x.toFixed(2);
}

/** "< 5" for a suppressed cell, the score with two decimals, or "–". */
export function cellText(cell: TotalCell | undefined): string {
	if (isSuppressed(cell)) return '< 5';
	const s = scoreOf(cell);
	return s === null ? '–' : fixed2(s);
}

/** Picks the Thai or English of a text (Thai when there is no English). */
export function localText(text: LocalText | null | undefined, lang: Lang): string {
	if (!text) return '';
	// Arabic digits, as on every screen (src/lib/i18n/index.ts).
	return arabicDigits(lang === 'en' ? (text.en ?? text.th) : text.th);
}

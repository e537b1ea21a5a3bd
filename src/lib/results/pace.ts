/**
 * What the progress section says about each instrument's pace, from round_progress's
 * `pace` (computed in SQL: respondents so far, the rate over the whole days since
 * opening, the projection to the close date). A warning when the target will not be met.
 */
import type { Lang } from '../i18n/index.ts';
import { count, fixed2 } from './format.ts';
import { rt } from './i18n.ts';
import type { Pace, ProgressJson, Surveyed } from './types.ts';

export interface PaceNote {
	instrument: Surveyed;
	/** True when the target will not (or did not) be reached. */
	warning: boolean;
	text: string;
}

export function paceNote(instrument: Surveyed, pace: Pace, lang: Lang): PaceNote | null {
	if (pace.target === null || pace.target === undefined) return null;
	const name = instrument.toUpperCase();
	const base = { instrument, target: count(pace.target), n: count(pace.n) };
	if (pace.n >= pace.target) {
		return {
			instrument,
			warning: false,
			text: rt(lang, 'results.progress.reached', { ...base, instrument: name })
		};
	}
	if (pace.daysLeft <= 0) {
		return {
			instrument,
			warning: true,
			text: rt(lang, 'results.progress.closedShort', { ...base, instrument: name })
		};
	}
	if (pace.onTrack) {
		return {
			instrument,
			warning: false,
			text: rt(lang, 'results.progress.onTrack', {
				...base,
				instrument: name,
				projected: count(pace.projected)
			})
		};
	}
	return {
		instrument,
		warning: true,
		text: rt(lang, 'results.progress.behind', {
			...base,
			instrument: name,
			rate: fixed2(pace.ratePerDay ?? 0),
			projected: count(pace.projected ?? pace.n),
			needed: count(pace.needed),
			days: count(pace.daysLeft),
			perDay: count(pace.perDayNeeded)
		})
	};
}

/** Whole days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The pace from the days the round has been open, today included: 358 responses on the
 * first day are 358 a day, not "0.00 a day" (the database's rate counts whole days
 * before today only). The projection to the close and "on track" follow from it.
 */
export function paceFromDaysOpen(pace: Pace, opensOn: string, today: string): Pace {
	if (pace.target === null || pace.target === undefined || today < opensOn) return pace;
	const daysOpen = Math.max(1, daysBetween(opensOn, today) + 1);
	const rate = pace.n / daysOpen;
	// daysLeft counts today; the projection adds the days after it.
	const projected = Math.floor(pace.n + rate * Math.max(0, pace.daysLeft - 1));
	return {
		...pace,
		ratePerDay: Math.round(rate * 100) / 100,
		projected,
		onTrack: projected >= pace.target
	};
}

/** The notes of both instruments (those with a target), IIT first. */
export function paceNotes(progress: ProgressJson, lang: Lang): PaceNote[] {
	return (['iit', 'eit'] as const)
		.map((i) =>
			paceNote(i, paceFromDaysOpen(progress.pace[i], progress.opensOn, progress.today), lang)
		)
		.filter((n): n is PaceNote => n !== null);
}

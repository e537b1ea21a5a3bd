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

/** The notes of both instruments (those with a target), IIT first. */
export function paceNotes(progress: ProgressJson, lang: Lang): PaceNote[] {
	return (['iit', 'eit'] as const)
		.map((i) => paceNote(i, progress.pace[i], lang))
		.filter((n): n is PaceNote => n !== null);
}

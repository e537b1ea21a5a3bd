/**
 * Everything of the phone's survey that its first screen does not show: the survey's state
 * and the flow's rules (SurveyState, ../flow.ts), the screens after the intro and their logic (SurveyFlow.svelte: the steps with their Thai words, the review,
 * keeping the response, the end screens), the check of an IIT code, the words of what
 * blocks "start", the note that a new version waits, and the delivery of the finished response (the outbox opens from here).
 * Survey.svelte loads this module once the first screen is painted and the browser is
 * idle — or, at the latest, when the respondent taps "start" — and the service worker keeps
 * it for offline use.
 */
import { t, type Lang } from '../../i18n/index.ts';
import { waitMinutes, type CodeCheck } from '../access.ts';
import type { SurveyDefinition } from '../questionnaire.ts';
import { tt } from '../trust-text.ts';

export { SurveyState } from '../survey.svelte.ts';
export { default as SurveyFlow } from './SurveyFlow.svelte';
export { default as UpdateNote } from './UpdateNote.svelte';
export { checkAccessCode } from '../access.ts';
export { problemMessage } from '../problems.ts';
export { startDelivery } from '../delivery.ts';

/** What the respondent reads after the server's answer on an IIT code; null when it was good. */
export function codeMessage(
	lang: Lang,
	check: CodeCheck | null,
	def: SurveyDefinition
): string | null {
	if (check?.kind === 'throttled') {
		return tt(lang, 'code.throttled', { minutes: waitMinutes(check.retryAfterSeconds) });
	}
	if (check?.kind === 'wrong') {
		return def.round.iitCodes === 'single'
			? tt(lang, 'code.wrong')
			: t(lang, 'survey.access.wrong');
	}
	return null;
}

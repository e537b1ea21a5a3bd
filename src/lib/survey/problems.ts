/**
 * What the respondent is told when "next" cannot go on: the unanswered items by their
 * position on the screen, or the one other thing missing. Shared by the phone's survey
 * and the kiosk's, so both name what is missing in the same words.
 */
import { local, t, type Lang } from '../i18n/index.ts';
import type { Missing } from './flow.ts';
import type { SurveyDefinition } from './questionnaire.ts';

function describe(def: SurveyDefinition, p: Missing, lang: Lang): string {
	if (p.kind === 'accessCode') return t(lang, 'survey.access.missing');
	if (p.kind === 'variant') return t(lang, 'survey.question.variantMissing');
	if (p.kind === 'demographic') {
		const d = def.demographics.find((x) => x.id === p.id);
		return t(lang, 'survey.about.missing', { items: d ? local(d.label, lang) : p.id });
	}
	return local(p.item.text, lang);
}

/** One line naming what blocks this step; empty when nothing does. */
export function problemMessage(def: SurveyDefinition, problems: Missing[], lang: Lang): string {
	if (problems.length === 0) return '';
	const items = problems.filter((p) => p.kind === 'item');
	if (items.length === 0) return describe(def, problems[0], lang);
	return t(lang, 'survey.question.missing', {
		items: items.map((p) => `${p.position}. ${describe(def, p, lang)}`).join(' · ')
	});
}

/**
 * The survey's flow, as plain functions: the steps and what blocks "next" (./finish.ts has
 * the end of it: the finished response). The screens only show what these return.
 */
import type { Item } from '../ita/framework.ts';
import type { SurveyDefinition, SurveyQuestionView } from './questionnaire.ts';
import { asksForCode } from './intro.ts';
import type { DemographicAnswer } from './response.ts';

export { asksForCode, estimatedMinutes } from './intro.ts';

export type Step =
	| { kind: 'intro' }
	| { kind: 'about' }
	| { kind: 'question'; question: SurveyQuestionView; number: number }
	| { kind: 'review' };

/** What the respondent has answered so far: saved on every change. */
export interface Draft {
	step: number;
	answers: Record<string, number>;
	demographics: Record<string, DemographicAnswer>;
	variants: Record<string, string>;
	accessCode?: string;
	/** Device clock, ms: when the respondent left the first screen (never sent: see secondsSpent). */
	startedAt?: number;
}

export function emptyDraft(): Draft {
	return { step: 0, answers: {}, demographics: {}, variants: {} };
}

/**
 * The screens in order. `aboutLast`: the optional background questions after the survey's
 * questions (the kiosk: a visitor at a tablet meets question 1 on the first tap, not a
 * long page of questions about themselves).
 */
export function steps(def: SurveyDefinition, options: { aboutLast?: boolean } = {}): Step[] {
	const about = def.demographics.length > 0 ? [{ kind: 'about' as const }] : [];
	const questions = def.questions.map((question, i) => ({
		kind: 'question' as const,
		question,
		number: i + 1
	}));
	return [
		{ kind: 'intro' },
		...(options.aboutLast ? [...questions, ...about] : [...about, ...questions]),
		{ kind: 'review' }
	];
}

export const answerKey = (question: { id: string }, item: { id: string }) =>
	`${question.id}.${item.id}`;

/** The items of a question as this respondent sees them (the chosen service's, for E3). */
export function itemsShown(question: SurveyQuestionView, draft: Draft): Item[] {
	if (!question.variants) return question.items;
	const chosen = question.variants.find((v) => v.id === draft.variants[question.id]);
	return chosen?.items ?? [];
}

export type Missing =
	| { kind: 'variant'; question: string }
	| { kind: 'item'; key: string; item: Item; position: number }
	| { kind: 'accessCode' }
	| { kind: 'demographic'; id: string };

/** What still blocks leaving this step; empty when "next" may go on. */
export function missing(def: SurveyDefinition, step: Step, draft: Draft): Missing[] {
	if (step.kind === 'intro') {
		return def.instrument === 'iit' && asksForCode(def) && !draft.accessCode?.trim()
			? [{ kind: 'accessCode' }]
			: [];
	}
	if (step.kind === 'about') {
		return def.demographics
			.filter((d) => d.required && draft.demographics[d.id] === undefined)
			.map((d) => ({ kind: 'demographic' as const, id: d.id }));
	}
	if (step.kind === 'question') {
		const q = step.question;
		if (q.variants && !draft.variants[q.id]) return [{ kind: 'variant', question: q.id }];
		return itemsShown(q, draft)
			.map((item, i) => ({ item, key: answerKey(q, item), position: i + 1 }))
			.filter(({ item, key }) => item.required !== false && draft.answers[key] === undefined)
			.map((m) => ({ kind: 'item' as const, ...m }));
	}
	return [];
}

/**
 * The survey's flow, as plain functions: the steps, what blocks "next", and the finished
 * response. The screens only show what these return.
 */
import type { Item } from '../ita/framework.ts';
import type { SurveyDefinition, SurveyQuestionView } from './questionnaire.ts';
import type { Channel, DemographicAnswer, SurveyResponse } from './response.ts';

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

/** About one minute per six items, never less than three: said on the first screen. */
export function estimatedMinutes(def: SurveyDefinition): number {
	const items = def.questions.reduce((n, q) => n + q.items.length, 0) + def.demographics.length;
	return Math.max(3, Math.round(items / 6));
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

/** True when staff need a code to answer this round's IIT: a slip's, or the shared one. */
export function asksForCode(def: SurveyDefinition): boolean {
	return def.round.iitCodes === 'single' || def.round.iitAccessCode;
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

/** The first step that is not complete, so a review can send the respondent back to it. */
export function firstIncomplete(def: SurveyDefinition, draft: Draft): number | null {
	const all = steps(def);
	const index = all.findIndex((s) => missing(def, s, draft).length > 0);
	return index === -1 ? null : index;
}

/** The finished response, as the outbox keeps it and the server receives it. */
export function buildResponse(
	def: SurveyDefinition,
	draft: Draft,
	context: { id: string; today: string; channel: Channel }
): SurveyResponse {
	const answers: Record<string, number> = {};
	const variants: Record<string, string> = {};
	for (const q of def.questions) {
		if (q.variants && draft.variants[q.id]) variants[q.id] = draft.variants[q.id];
		for (const item of itemsShown(q, draft)) {
			const key = answerKey(q, item);
			if (draft.answers[key] !== undefined) answers[key] = draft.answers[key];
		}
	}
	const demographics: Record<string, DemographicAnswer> = {};
	for (const d of def.demographics) {
		const a = draft.demographics[d.id];
		if (a !== undefined && (typeof a === 'string' || a.text.trim() !== '')) demographics[d.id] = a;
		else if (a !== undefined) demographics[d.id] = a.code;
	}
	return {
		id: context.id,
		round: def.round.code,
		instrument: def.instrument,
		channel: def.servicePoint ? 'qr' : context.channel,
		...(def.servicePoint ? { servicePoint: def.servicePoint.code } : {}),
		collectedOn: context.today,
		...(def.instrument === 'iit' && draft.accessCode
			? def.round.iitCodes === 'single'
				? { iitCode: draft.accessCode.trim() }
				: { accessCode: draft.accessCode.trim() }
			: {}),
		answers,
		demographics,
		variants
	};
}

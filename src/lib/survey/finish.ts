/**
 * The end of the survey's flow (./flow.ts has the rest): the first step still incomplete,
 * to which the review sends the respondent back, and the finished response built from the
 * draft. Apart from flow.ts because only the screens after the first need them, and
 * flow.ts comes with every phone's first screen.
 */
import { answerKey, itemsShown, missing, steps, type Draft } from './flow.ts';
import type { SurveyDefinition } from './questionnaire.ts';
import type { Channel, DemographicAnswer, SurveyResponse } from './response.ts';

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

/**
 * A kiosk's survey: the EIT of the respondent screens, with the question "which section
 * did you contact" first, and responses that carry the device key and the tablet's time.
 */
import { buildResponse } from '../survey/finish.ts';
import type { Draft } from '../survey/flow.ts';
import type { SurveyDefinition } from '../survey/questionnaire.ts';
import { thaiToday, type SurveyResponse } from '../survey/response.ts';

/** The EIT as the kiosk asks it: the section the visitor contacted comes first. */
export function kioskDefinition(def: SurveyDefinition): SurveyDefinition {
	const first = def.demographics.filter((d) => d.source === 'section');
	const rest = def.demographics.filter((d) => d.source !== 'section');
	return { ...def, servicePoint: null, demographics: [...first, ...rest] };
}

/**
 * The finished response of one visitor. `collectedAt` (the tablet's time) lets the server
 * refuse bursts; it is checked and kept only in the kiosk's bookkeeping, never on the
 * stored response, which keeps the day alone.
 */
export function kioskResponse(
	def: SurveyDefinition,
	draft: Draft,
	context: { id: string; now: number; deviceKey: string }
): SurveyResponse {
	return {
		...buildResponse(def, draft, {
			id: context.id,
			today: thaiToday(context.now),
			channel: 'kiosk'
		}),
		kioskKey: context.deviceKey,
		collectedAt: new Date(context.now).toISOString()
	};
}

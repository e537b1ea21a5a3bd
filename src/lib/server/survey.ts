import { error } from '@sveltejs/kit';
import { fetchQuestionnaire } from './questionnaire.ts';
import { supabaseConfig } from './config.ts';
import { surveyDefinition } from '../survey/questionnaire.ts';
import type { Instrument } from '../survey/response.ts';

/** What a survey page loads: one instrument of the round, ready for the screens. */
export async function loadSurvey(
	fetch: typeof globalThis.fetch,
	url: URL,
	round: string,
	instrument: Instrument
) {
	const config = await supabaseConfig(url.origin);
	const servicePoint = instrument === 'eit' ? url.searchParams.get('sp') : null;
	const q = await fetchQuestionnaire(fetch, config, round, servicePoint);
	if (!q) error(404, 'round not found');
	return { def: surveyDefinition(q, instrument) };
}

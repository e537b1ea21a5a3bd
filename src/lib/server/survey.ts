import { error } from '@sveltejs/kit';
import { readQuestionnaire } from './questionnaire.ts';
import { supabaseConfig, usesSupabase } from './config.ts';
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
	// Embedded, every change goes through this process, which forgets what it kept; on
	// Supabase, a change made elsewhere shows within a minute.
	const maxAge = usesSupabase() ? 60_000 : Infinity;
	const read = (sp: string | null) => readQuestionnaire(fetch, config, round, sp, maxAge);
	const q = await read(servicePoint);
	if (!q) {
		// A mistyped or deleted counter in a round that exists: say so, and offer the
		// round's general link rather than a dead end.
		const general = servicePoint ? await read(null) : null;
		if (general) {
			error(404, {
				message: 'service point not found',
				code: 'service_point_unknown',
				round,
				counter: servicePoint ?? undefined,
				agency: general.agency.name
			});
		}
		error(404, { message: 'round not found', code: 'round_unknown', round });
	}
	return { def: surveyDefinition(q, instrument) };
}

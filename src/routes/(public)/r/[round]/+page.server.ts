import type { PageServerLoad } from './$types';
import { loadSurvey } from '$lib/server/survey.ts';

/** The EIT survey: `/r/<round>`, `?sp=<service point>` when reached from a counter's QR code. */
export const load: PageServerLoad = ({ fetch, url, params }) =>
	loadSurvey(fetch, url, params.round, 'eit');

import type { PageServerLoad } from './$types';
import { loadSurvey } from '$lib/server/survey.ts';

/** The IIT survey for staff: `/r/<round>/iit`, `?code=<access code>` when the link carries it. */
export const load: PageServerLoad = ({ fetch, url, params }) =>
	loadSurvey(fetch, url, params.round, 'iit');

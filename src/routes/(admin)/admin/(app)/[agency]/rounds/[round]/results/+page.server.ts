import type { PageServerLoad } from './$types';
import { filterQuery } from '$lib/results/filters.ts';
import { respondentTables } from '$lib/results/respondents.ts';
import { resultsView } from '$lib/results/view.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { readHeld } from '$lib/server/admin/trust.ts';
import {
	readProgress,
	readResults,
	readWeakItems,
	roundContext
} from '$lib/server/results/load.ts';

/**
 * The round's results as the signed-in officer may read them: the page re-runs this
 * every few seconds while it is open (see +page.svelte), so it reads only the counters
 * (O(questions + days)), never the responses.
 */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const ctx = await roundContext(
		user,
		event.params.agency,
		event.params.round,
		event.url.searchParams
	);
	const [results, progress, weak] = await Promise.all([
		readResults(user, ctx.round.code, ctx.filter),
		readProgress(user, ctx.round.code),
		readWeakItems(user, ctx.round.code)
	]);
	// Held for review: round_results says how many; a filtered read asks the review's summary.
	const held = results.held
		? results.held.iit + results.held.eit
		: (await readHeld(user, ctx.round.code)).held;
	const sections = ctx.agency.sections.map((s) => ({ code: s.code, label: s.name }));
	return {
		agency: { code: ctx.agency.code, name: ctx.agency.name },
		round: ctx.round,
		frameworkTitle: ctx.framework.title,
		options: ctx.options,
		filter: ctx.filter,
		query: filterQuery(ctx.filter),
		view: resultsView(ctx.framework, results),
		respondents: respondentTables(ctx.framework, results, sections),
		progress,
		held,
		weak,
		loadedAt: new Date().toISOString()
	};
};

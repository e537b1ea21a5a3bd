import type { PageServerLoad } from './$types';
import { buildReport } from '$lib/results/report/report.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { frameworkDefinition, roundResults, roundWeakItems } from '$lib/server/reports/data.ts';

/** The round's report, every number from round_results and round_weak_items. */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const [results, weak, framework] = await Promise.all([
		roundResults(user, round.code),
		roundWeakItems(user, round.code),
		frameworkDefinition(user, round.framework)
	]);
	const report = buildReport({
		results,
		weak,
		framework,
		sections: agency.sections.map((s) => ({ code: s.code, name: s.name })),
		targets: { minIit: round.minIit, minEit: round.minEit },
		lang: event.locals.lang
	});
	return {
		agency: { code: agency.code, name: agency.name },
		round: { code: round.code, fiscalYear: round.fiscalYear },
		// The day the numbers were read, in Thailand.
		today: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
		report
	};
};

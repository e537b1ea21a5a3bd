import type { PageServerLoad } from './$types';
import {
	fiscalYearOf,
	parseCentralQuery,
	sortOverview,
	type QuestionAcross
} from '$lib/results/report/central.ts';
import type { Problem } from '$lib/admin/problems.ts';
import { refusal } from '$lib/server/admin/api.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import {
	fiscalYearOverview,
	questionAcrossAgencies,
	requireCentral
} from '$lib/server/reports/data.ts';

/** The first fiscal year the app's frameworks cover (NACC FY2565). */
const firstYear = 2022;

/** Central administrators only: an officer (who has one agency) gets "not found". */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	requireCentral(user);
	const today = new Date();
	const query = parseCentralQuery(event.url.searchParams, today);
	let overview = await fiscalYearOverview(user, query.fiscalYear);
	// No year asked for: open on the latest year that has responses, not an empty one.
	const hasData = (o: typeof overview) =>
		o.agencies.some((a) => a.respondents.iit + a.respondents.eit > 0);
	if (!event.url.searchParams.has('year') && !hasData(overview)) {
		for (let year = query.fiscalYear - 1; year >= firstYear; year--) {
			const earlier = await fiscalYearOverview(user, year);
			if (hasData(earlier)) {
				query.fiscalYear = year;
				overview = earlier;
				break;
			}
		}
	}

	let comparison: QuestionAcross | null = null;
	let questionProblem: Problem | null = null;
	if (query.question) {
		try {
			comparison = await questionAcrossAgencies(user, query.fiscalYear, query.question);
		} catch (err) {
			const sql = refusal(err);
			if (!sql) throw err;
			// The database's own words next to the question field (e.g. no such question).
			questionProblem = { form: 'question', field: 'question', sql };
		}
	}
	const last = Math.max(fiscalYearOf(today) + 1, query.fiscalYear);
	const years = Array.from(
		{ length: last - Math.min(firstYear, query.fiscalYear) + 1 },
		(_, i) => last - i
	);
	return {
		query,
		years,
		rows: sortOverview(overview.agencies, query.sort, query.dir),
		comparison,
		questionProblem
	};
};

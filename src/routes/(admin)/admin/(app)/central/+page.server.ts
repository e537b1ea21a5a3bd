import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import {
	centralHref,
	fiscalYearOf,
	PAGE_SIZE,
	parseCentralQuery,
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
	// Sorted and paged by SQL: one page of rows leaves the database, however many agencies.
	const options = { sort: query.sort, dir: query.dir, page: query.page, pageSize: PAGE_SIZE };
	let overview = await fiscalYearOverview(user, query.fiscalYear, options);
	// No year asked for: open on the latest year that has responses, not an empty one.
	const hasData = (o: typeof overview) =>
		o.progress.respondents.iit + o.progress.respondents.eit > 0;
	if (!event.url.searchParams.has('year') && !hasData(overview)) {
		for (let year = query.fiscalYear - 1; year >= firstYear; year--) {
			const earlier = await fiscalYearOverview(user, year, options);
			if (hasData(earlier)) {
				query.fiscalYear = year;
				overview = earlier;
				break;
			}
		}
	}

	// A page past the end (the list got shorter, or a typed address): its last page.
	if (overview.count > 0 && query.page > overview.pages) {
		redirect(303, centralHref(query, { page: overview.pages }));
	}

	let comparison: QuestionAcross | null = null;
	let questionProblem: Problem | null = null;
	if (query.question) {
		try {
			comparison = await questionAcrossAgencies(user, query.fiscalYear, query.question, {
				sort: query.qsort,
				dir: query.qdir,
				page: query.qpage,
				pageSize: PAGE_SIZE
			});
			if (comparison.count > 0 && query.qpage > comparison.pages) {
				redirect(303, centralHref(query, { qpage: comparison.pages }));
			}
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
		overview,
		rows: overview.agencies,
		comparison,
		questionProblem
	};
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { addDays, fiscalYearOf, suggestedRoundCode } from '$lib/admin/forms.ts';
import { allProblems, newRound, type RoundFormValues } from '$lib/admin/round-form.ts';
import type { Issue } from '$lib/admin/problems.ts';
import { change } from '$lib/server/admin/actions.ts';
import { rpc } from '$lib/server/admin/api.ts';
import { getAgency, listFrameworks } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';

/** Today in Thailand (UTC+7, no daylight saving), YYYY-MM-DD. */
function thaiToday(): string {
	return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const [agency, frameworks] = await Promise.all([
		getAgency(user, event.params.agency),
		listFrameworks(user)
	]);
	const today = thaiToday();
	const fiscalYear = fiscalYearOf(today);
	// Suggestions only: the current fiscal year, open from today for three months.
	const values: RoundFormValues = {
		code: suggestedRoundCode(agency.code, fiscalYear),
		framework: frameworks[0]?.id ?? '',
		fiscalYear: String(fiscalYear + 543),
		opensOn: today,
		closesOn: addDays(today, 90),
		iitAccessCode: '',
		targetStaff: '',
		minIit: '400',
		minEit: '400',
		allowRepeat: true,
		status: 'open'
	};
	return { agency, frameworks, values };
};

export const actions: Actions = {
	default: (event) =>
		change(event, 'createRound', async (user, form) => {
			const issues: Issue[] = [];
			const round = newRound(form, issues);
			if (issues.length) {
				// Our checks found something: the database names the rest, changing nothing.
				const problems = await rpc(user, 'round_settings_problems', {
					agency_code: event.params.agency,
					round_code: null,
					...round
				});
				throw allProblems(issues, problems);
			}
			await rpc(user, 'create_round', { agency_code: event.params.agency, ...round });
			redirect(303, `/admin/${event.params.agency}/rounds/${round.code}?created`);
		})
};

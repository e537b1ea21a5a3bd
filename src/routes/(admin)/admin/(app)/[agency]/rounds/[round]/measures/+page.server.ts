import type { Actions, PageServerLoad } from './$types';
import { measureInputs, rowsFromForm } from '$lib/results/report/measures.ts';
import { change } from '$lib/server/admin/actions.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { listMeasures, saveMeasures } from '$lib/server/reports/data.ts';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const rows = await listMeasures(user, round.code);
	return {
		agency: { code: agency.code, name: agency.name },
		round: { code: round.code, fiscalYear: round.fiscalYear, framework: round.framework },
		rows
	};
};

export const actions: Actions = {
	/** The whole worksheet, as on screen: saved all or nothing by save_measures. */
	save: (event) =>
		change(event, 'save', async (user, form) => {
			// The round must be this agency's (404 otherwise) before anything is written.
			await getRound(user, event.params.agency, event.params.round);
			const entries = [...form].filter((e): e is [string, string] => typeof e[1] === 'string');
			await saveMeasures(user, event.params.round, measureInputs(rowsFromForm(entries)));
			return { saved: 'save' };
		})
};

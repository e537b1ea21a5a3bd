import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { paperResponses } from '$lib/admin/paper.ts';
import { thaiToday } from '$lib/survey/response.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { storePaper } from '$lib/server/admin/paper.ts';
import { readSheet } from '$lib/server/admin/paper-sheet.ts';
import { requireUser } from '$lib/server/admin/session.ts';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	return { agency: { code: agency.code, name: agency.name }, round };
};

export const actions: Actions = {
	/**
	 * An uploaded CSV or XLSX of paper forms: every row read, every readable one sent to
	 * submit_responses as the officer (channel paper); a verdict per row comes back.
	 */
	default: async (event) => {
		const user = await requireUser(event);
		const { round } = await getRound(user, event.params.agency, event.params.round);
		const form = await event.request.formData();
		const instrument = form.get('instrument') === 'iit' ? 'iit' : 'eit';
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { instrument, problem: 'admin.paper.noFile' as const });
		}
		let rows: string[][];
		try {
			rows = await readSheet(file.name, Buffer.from(await file.arrayBuffer()));
		} catch {
			return fail(400, { instrument, problem: 'admin.paper.unreadable' as const });
		}
		const parsed = await paperResponses(rows, {
			round: round.code,
			instrument,
			today: thaiToday()
		});
		if (parsed.length === 0) {
			return fail(400, { instrument, problem: 'admin.paper.noRows' as const });
		}
		const verdicts = await storePaper(user, parsed);
		return { instrument, file: file.name, verdicts };
	}
};

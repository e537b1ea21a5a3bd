import type { RequestHandler } from './$types';
import { buddhistYear, local } from '$lib/i18n/index.ts';
import { rt } from '$lib/results/report/i18n.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { listMeasures } from '$lib/server/reports/data.ts';
import { measuresWorkbook } from '$lib/server/reports/xlsx.ts';

/** The worksheet as saved, as an XLSX file named after the round. */
export const GET: RequestHandler = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const rows = await listMeasures(user, round.code);
	const lang = event.locals.lang;
	const title = rt(lang, 'report.measures.heading', {
		agency: local(agency.name, lang),
		year: buddhistYear(round.fiscalYear)
	});
	const body = await measuresWorkbook(rows, title, lang);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="measures-${round.code}.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};

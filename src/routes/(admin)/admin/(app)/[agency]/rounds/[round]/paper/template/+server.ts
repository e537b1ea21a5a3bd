import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import type { Framework } from '$lib/ita/framework.ts';
import { paperColumns, templateCsv } from '$lib/admin/paper.ts';
import { rpc } from '$lib/server/admin/api.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { templateXlsx } from '$lib/server/admin/paper-sheet.ts';
import { requireUser } from '$lib/server/admin/session.ts';

/** The paper-form template of one instrument: `?instrument=iit|eit&format=csv|xlsx`. */
export const GET: RequestHandler = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const instrument = event.url.searchParams.get('instrument');
	const format = event.url.searchParams.get('format') ?? 'csv';
	if ((instrument !== 'iit' && instrument !== 'eit') || (format !== 'csv' && format !== 'xlsx')) {
		error(404, 'Not found');
	}
	const framework = await rpc<Framework>(user, 'get_framework', { framework_id: round.framework });
	const columns = paperColumns(framework, instrument, agency.sections);
	const name = `paper-${round.code}-${instrument}.${format}`;
	const headers = {
		'content-disposition': `attachment; filename="${name}"`,
		'cache-control': 'private, no-store'
	};
	if (format === 'csv') {
		return new Response(templateCsv(columns), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
		});
	}
	const body = await templateXlsx(columns, instrument.toUpperCase());
	return new Response(new Uint8Array(body), {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		}
	});
};

/**
 * The downloads of a round's results: the same checks as the page (the officer's session,
 * the round the agency's, 404 otherwise) and the same filter, then a file.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { buddhistYear, local } from '../../i18n/index.ts';
import { respondentsTable, scoresTable } from '../../results/aggregates.ts';
import { toCsv } from '../../results/csv.ts';
import { describeFilter, filterParams } from '../../results/filters.ts';
import { rt } from '../../results/i18n.ts';
import { respondentTables } from '../../results/respondents.ts';
import { responsesTable } from '../../results/responses.ts';
import { resultsView } from '../../results/view.ts';
import { requireUser } from '../admin/session.ts';
import { readResponses, readResults, roundContext, type RoundContext } from './load.ts';
import { workbook } from './xlsx.ts';

type Kind = 'aggregates.csv' | 'aggregates.xlsx' | 'responses.csv';

const types: Record<Kind, string> = {
	'aggregates.csv': 'text/csv; charset=utf-8',
	'aggregates.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'responses.csv': 'text/csv; charset=utf-8'
};

/** "wt-2565-aggregates-servicePoint-sp-1.csv": the round, the file, the filter. */
function fileName(ctx: RoundContext, kind: Kind): string {
	const [stem, ext] = kind.split('.');
	const filter = [...filterParams(ctx.filter)].map(([k, v]) => `${k}-${v}`).join('-');
	const name = [ctx.round.code, stem, filter].filter(Boolean).join('-');
	return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`;
}

function title(ctx: RoundContext): string {
	const lang = 'th';
	const filter = describeFilter(ctx.filter, ctx.options, lang);
	return [
		local(ctx.agency.name, lang),
		rt(lang, 'results.heading', { year: buddhistYear(ctx.round.fiscalYear) }),
		filter ? rt(lang, 'results.filter.active', { what: filter }) : rt(lang, 'results.filter.none')
	].join(' · ');
}

export async function download(event: RequestEvent, kind: Kind): Promise<Response> {
	const user = await requireUser(event);
	const ctx = await roundContext(
		user,
		event.params.agency!,
		event.params.round!,
		event.url.searchParams
	);
	let body: string | Uint8Array;
	if (kind === 'responses.csv') {
		const rows = await readResponses(user, ctx.round.code);
		const t = responsesTable(ctx.framework, rows, ctx.filter);
		body = toCsv(t.columns, t.rows);
	} else {
		const results = await readResults(user, ctx.round.code, ctx.filter);
		const view = resultsView(ctx.framework, results);
		const scores = scoresTable(view, 'th');
		if (kind === 'aggregates.csv') {
			body = toCsv(scores.columns, scores.rows);
		} else {
			const sections = ctx.agency.sections.map((s) => ({ code: s.code, label: s.name }));
			body = await workbook([
				{ name: rt('th', 'results.sheet.scores'), title: title(ctx), table: scores },
				{
					name: rt('th', 'results.sheet.respondents'),
					title: title(ctx),
					table: respondentsTable(respondentTables(ctx.framework, results, sections), 'th')
				}
			]);
		}
	}
	return new Response(body as BodyInit, {
		headers: {
			'content-type': types[kind],
			'content-disposition': `attachment; filename="${fileName(ctx, kind)}"`,
			'cache-control': 'private, no-store'
		}
	});
}

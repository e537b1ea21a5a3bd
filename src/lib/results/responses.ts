/**
 * The responses download: export_responses's rows (no ids, days only, no free texts) as
 * one table — a row per response, a column per background question, variant and item
 * in the framework's order — filtered as the page is.
 */
import type { Framework } from '../ita/framework.ts';
import { rt } from './i18n.ts';
import type { Column, Table, TableCell } from './aggregates.ts';
import type { ResultsFilter } from './filters.ts';
import type { ExportedResponse } from './types.ts';

/** Whether a response belongs to the filtered group (the same conditions as round_results_for). */
export function matches(r: ExportedResponse, filter: ResultsFilter): boolean {
	if (filter.servicePoint && r.servicePoint !== filter.servicePoint) return false;
	if (filter.channel && r.channel !== filter.channel) return false;
	if (filter.section && r.demographics.section !== filter.section) return false;
	for (const [k, v] of Object.entries(filter.demographics ?? {})) {
		if (r.demographics[k] !== v) return false;
	}
	return true;
}

export function responsesTable(
	f: Framework,
	responses: ExportedResponse[],
	filter: ResultsFilter
): Table {
	const lang = 'th';
	const demographics: string[] = [];
	for (const q of [...f.demographics.iit, ...f.demographics.eit]) {
		if (!demographics.includes(q.id)) demographics.push(q.id);
	}
	const variants: string[] = [];
	const answers: string[] = [];
	for (const ins of f.instruments) {
		for (const ind of ins.indicators) {
			for (const q of ind.questions ?? []) {
				if (!('scale' in q)) continue;
				if (q.variants) variants.push(q.id);
				const items = q.items ?? q.variants?.[0]?.items ?? [];
				for (const item of items) answers.push(`${q.id}.${item.id}`);
			}
		}
	}
	const columns: Column[] = [
		{ title: rt(lang, 'results.col.number'), type: 'count' },
		{ title: rt(lang, 'results.col.day'), type: 'text' },
		{ title: rt(lang, 'results.col.instrument'), type: 'text' },
		{ title: rt(lang, 'results.col.channel'), type: 'text' },
		{ title: rt(lang, 'results.col.servicePoint'), type: 'text' },
		...demographics.map((d) => ({ title: d, type: 'text' as const })),
		...variants.map((v) => ({ title: v, type: 'text' as const })),
		...answers.map((a) => ({ title: a, type: 'count' as const }))
	];
	const rows = responses
		.filter((r) => matches(r, filter))
		.map((r): TableCell[] => [
			r.n,
			r.day,
			r.instrument.toUpperCase(),
			r.channel,
			r.servicePoint,
			...demographics.map((d) => r.demographics[d] ?? null),
			...variants.map((v) => r.variants[v] ?? null),
			...answers.map((a) => r.answers[a] ?? null)
		]);
	return { columns, rows };
}

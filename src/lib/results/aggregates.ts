/**
 * The aggregates as tables for the downloads (CSV and the XLSX's sheets): scores from the
 * total down to each item with its answer shares, and the respondent tables. Cells are
 * typed so that each format writes them its own way: a score with two decimals, a count
 * whole, a hidden small group as the text "< 5" — never as a number.
 */
import { local, type Lang } from '../i18n/index.ts';
import { SMALL } from './format.ts';
import { rt } from './i18n.ts';
import type { RespondentTable } from './respondents.ts';
import type { ResultsView, Score } from './view.ts';

export type ColumnType = 'text' | 'count' | 'score';
export interface Column {
	title: string;
	type: ColumnType;
}
/** A number, a text ("< 5" included), or nothing. */
export type TableCell = string | number | null;
export interface Table {
	columns: Column[];
	rows: TableCell[][];
}

const cellOf = (s: Score): TableCell => (s.suppressed ? SMALL : s.value);

/** Every distinct answer option of the framework's scales, in order of first use. */
function optionLabels(view: ResultsView, lang: Lang): string[] {
	const labels: string[] = [];
	for (const ins of view.instruments)
		for (const ind of ins.indicators)
			for (const q of ind.questions)
				for (const o of q.scale) {
					const l = local(o.label, lang);
					if (!labels.includes(l)) labels.push(l);
				}
	return labels;
}

/**
 * One table of every score: the total and level, each instrument, indicator,
 * sub-indicator, question (and OIT item), and each survey item with the percentage of
 * each answer option.
 */
export function scoresTable(view: ResultsView, lang: Lang): Table {
	const options = optionLabels(view, lang);
	const columns: Column[] = [
		{ title: rt(lang, 'results.col.kind'), type: 'text' },
		{ title: rt(lang, 'results.col.instrument'), type: 'text' },
		{ title: rt(lang, 'results.col.indicator'), type: 'text' },
		{ title: rt(lang, 'results.col.question'), type: 'text' },
		{ title: rt(lang, 'results.col.text'), type: 'text' },
		{ title: rt(lang, 'results.col.n'), type: 'count' },
		...options.map((label) => ({
			title: rt(lang, 'results.col.option', { label }),
			type: 'score' as const
		})),
		{ title: rt(lang, 'results.col.score'), type: 'score' }
	];
	const blanks = () => options.map((): TableCell => null);
	const row = (
		kind: string,
		instrument: string,
		indicator: string,
		ref: string,
		text: string,
		n: TableCell,
		shares: TableCell[],
		s: TableCell
	): TableCell[] => [kind, instrument, indicator, ref, text, n, ...shares, s];

	const rows: TableCell[][] = [
		row(
			rt(lang, 'results.kind.total'),
			'',
			'',
			'',
			rt(lang, 'results.scores.total'),
			null,
			blanks(),
			cellOf(view.total)
		),
		row(
			rt(lang, 'results.kind.level'),
			'',
			'',
			'',
			view.total.suppressed ? SMALL : view.level ? local(view.level.label, lang) : '',
			null,
			blanks(),
			null
		)
	];
	for (const ins of view.instruments) {
		const id = ins.id.toUpperCase();
		rows.push(
			row(
				rt(lang, 'results.kind.instrument'),
				id,
				'',
				id,
				local(ins.name, lang),
				ins.respondents,
				blanks(),
				cellOf(ins.score)
			)
		);
		for (const ind of ins.indicators) {
			rows.push(
				row(
					rt(lang, 'results.kind.indicator'),
					id,
					ind.id,
					ind.id,
					local(ind.name, lang),
					null,
					blanks(),
					cellOf(ind.score)
				)
			);
			for (const sub of ind.subIndicators) {
				rows.push(
					row(
						rt(lang, 'results.kind.indicator'),
						id,
						ind.id,
						sub.id,
						local(sub.name, lang),
						null,
						blanks(),
						cellOf(sub.score)
					)
				);
				for (const q of sub.questions) {
					rows.push(
						row(
							rt(lang, 'results.kind.question'),
							id,
							sub.id,
							q.id,
							local(q.text, lang),
							null,
							blanks(),
							cellOf(q.score)
						)
					);
				}
			}
			for (const q of ind.questions) {
				rows.push(
					row(
						rt(lang, 'results.kind.question'),
						id,
						ind.id,
						q.id,
						local(q.text, lang),
						null,
						blanks(),
						cellOf(q.score)
					)
				);
				for (const item of q.items) {
					const shares = options.map((label): TableCell => {
						const o = item.options.find((x) => local(x.label, lang) === label);
						if (!o) return null;
						return item.score.suppressed ? SMALL : o.percent;
					});
					rows.push(
						row(
							rt(lang, 'results.kind.item'),
							id,
							ind.id,
							item.key,
							local(item.text, lang),
							item.score.suppressed ? SMALL : item.n,
							shares,
							cellOf(item.score)
						)
					);
				}
			}
		}
	}
	return { columns, rows };
}

/** The respondent tables (503–511) as one table: instrument, question, option, count, %. */
export function respondentsTable(tables: RespondentTable[], lang: Lang): Table {
	const columns: Column[] = [
		{ title: rt(lang, 'results.col.instrument'), type: 'text' },
		{ title: rt(lang, 'results.col.question'), type: 'text' },
		{ title: rt(lang, 'results.respondents.option'), type: 'text' },
		{ title: rt(lang, 'results.respondents.count'), type: 'count' },
		{ title: rt(lang, 'results.respondents.percent'), type: 'score' }
	];
	const rows: TableCell[][] = [];
	for (const t of tables) {
		const ins = t.instrument.toUpperCase();
		const q = local(t.label, lang);
		if (t.suppressed) {
			rows.push([ins, q, '', SMALL, SMALL]);
			continue;
		}
		for (const r of t.rows) rows.push([ins, q, local(r.label, lang), r.count, r.percent]);
		rows.push([ins, q, rt(lang, 'results.respondents.total'), t.n, t.n ? 100 : null]);
	}
	return { columns, rows };
}

/**
 * The printable report of a round, laid out like seed 000's results section: numbered
 * tables (ตารางที่ …) and figures (ภาพที่ …) built from round_results (every number
 * computed in SQL), round_weak_items and the framework's texts. This module only
 * arranges, labels and numbers them; it computes no score.
 */
import type { Framework, SurveyQuestion } from '../../ita/framework.ts';
import type { Lang } from '../../i18n/index.ts';
import { cellText, fixed2, isSuppressed, localText, scoreOf, type LocalText } from './cells.ts';
import { rt } from './i18n.ts';
import type {
	DemographicTable,
	Instrument,
	ItemCell,
	ResultsJson,
	SuppressedCell,
	WeakItem,
	WeakJson
} from '../types.ts';

/** What round_results and round_weak_items answer: the shapes of ../types.ts. */
export type RoundResults = ResultsJson;
export type WeakItems = WeakJson;
export type { WeakItem };

/** A numbered table or figure: its number and caption as printed. */
export interface Numbered {
	/** "ตารางที่ 3" / "ภาพที่ 1". */
	label: string;
	caption: string;
	/** Anchor on the page. */
	id: string;
}

export interface SummaryRow {
	indicator: string;
	name: string;
	score: string;
	/** The instrument's cells are on its first indicator's row, spanning its indicators. */
	instrument?: { id: Instrument; rows: number; weight: string; score: string; weighted: string };
}

export interface QuestionBlock {
	id: string;
	text: string;
	score: string;
	/** The answer options' labels (null for an OIT item, which has only a score). */
	options: string[] | null;
	items: { key: string; text: string; percents: string[]; score: string }[];
}

export interface IndicatorTable {
	table: Numbered;
	id: string;
	instrument: Instrument;
	/** Sub-indicators (OIT) as headings between their questions. */
	parts: { heading: string | null; score: string | null; questions: QuestionBlock[] }[];
	/** The widest option list of the table, for its column count. */
	optionColumns: number;
}

export interface DemographicBlock {
	table: Numbered;
	figure: Numbered;
	instrument: 'iit' | 'eit';
	id: string;
	label: string;
	rows: { code: string; label: string; count: number; percent: string }[];
	total: number;
}

export interface Bar {
	key: string;
	label: string;
	value: number | null;
	text: string;
}

export interface Report {
	title: string;
	subtitle: string;
	of: string;
	summary: {
		table: Numbered;
		rows: SummaryRow[];
		total: string;
		level: string;
	};
	/** Axes as the results page's Radar takes them: the indicator's number, its name, its score. */
	radar: {
		figure: Numbered;
		axes: { label: string; name: string; value: number | null; text: string }[];
	};
	bars: { figure: Numbered; bars: Bar[] };
	respondents: { table: Numbered; rows: { instrument: string; n: string; target: string }[] };
	indicators: IndicatorTable[];
	demographics: DemographicBlock[];
	weak: {
		table: Numbered;
		bar: number;
		rows: { ref: string; text: string; score: string; gap: string; more: string }[];
	};
	/** How many tables and figures, as numbered. */
	counts: { tables: number; figures: number };
}

export interface ReportInput {
	results: RoundResults;
	weak: WeakItems;
	framework: Framework;
	/** The agency's sections, to name the "section contacted" options a framework leaves to the agency. */
	sections: { code: string; name: LocalText }[];
	targets: { minIit: number | null; minEit: number | null };
	lang: Lang;
}

function numberer(lang: Lang, kind: 'table' | 'figure') {
	let n = 0;
	return (caption: string): Numbered => {
		n += 1;
		return {
			label: rt(lang, kind === 'table' ? 'report.table' : 'report.figure', { n }),
			caption,
			id: `${kind}-${n}`
		};
	};
}

function surveyItems(q: SurveyQuestion) {
	return q.items ?? q.variants?.[0]?.items ?? [];
}

/** "12.50%" — a percentage as table 501 prints it; "< 5" where SQL suppressed it. */
function percentText(cell: ItemCell | SuppressedCell | undefined, code: number): string {
	if (!cell || isSuppressed(cell)) return '< 5';
	const p = (cell as ItemCell).percent?.[String(code)];
	return typeof p === 'number' ? `${fixed2(p)}%` : '–';
}

/** Builds the report's content: every table and figure, numbered in reading order. */
export function buildReport(input: ReportInput): Report {
	const { results, weak, framework, lang } = input;
	const table = numberer(lang, 'table');
	const figure = numberer(lang, 'figure');
	const agency = localText(results.round.agency.name, lang);
	const year = results.round.fiscalYear + 543;
	const at = { agency, year };
	const L = (t: LocalText | null | undefined) => localText(t, lang);

	// 1. Summary: indicators with their instrument's weight, score and weighted score.
	const summaryTable = table(rt(lang, 'report.summary.caption', at));
	const rows: SummaryRow[] = [];
	const axes: Report['radar']['axes'] = [];
	for (const instrument of framework.instruments) {
		const cell = results.instruments[instrument.id];
		instrument.indicators.forEach((ind, i) => {
			const score = results.indicators[ind.id];
			axes.push({ label: ind.id, name: L(ind.name), value: scoreOf(score), text: cellText(score) });
			rows.push({
				indicator: ind.id,
				name: L(ind.name),
				score: cellText(score),
				instrument:
					i === 0
						? {
								id: instrument.id,
								rows: instrument.indicators.length,
								weight: fixed2(cell?.weight ?? framework.scoring.weights[instrument.id]),
								score: cellText(cell),
								weighted:
									cell && 'weighted' in cell && typeof cell.weighted === 'number'
										? fixed2(cell.weighted)
										: cellText(cell && isSuppressed(cell) ? cell : null)
							}
						: undefined
			});
		});
	}
	const radar = { figure: figure(rt(lang, 'report.radar.caption', at)), axes };
	const bars = {
		figure: figure(rt(lang, 'report.bars.caption', at)),
		bars: axes.map((a) => ({
			key: a.label,
			label: `${a.label}. ${a.name}`,
			value: a.value,
			text: a.text
		}))
	};

	const respondents = {
		table: table(rt(lang, 'report.respondents.caption')),
		rows: (['iit', 'eit'] as const).map((i) => ({
			instrument: rt(lang, `report.instrument.${i}`).trim(),
			n: String(results.respondents[i] ?? 0),
			target: String((i === 'iit' ? input.targets.minIit : input.targets.minEit) ?? '–')
		}))
	};

	// 2. Table 501: per indicator, each question's score, each item's answer percentages.
	const indicators: IndicatorTable[] = [];
	for (const instrument of framework.instruments) {
		for (const ind of instrument.indicators) {
			const parts: IndicatorTable['parts'] = [];
			let optionColumns = 0;
			const block = (q: NonNullable<typeof ind.questions>[number]): QuestionBlock => {
				if (!('scale' in q)) {
					return {
						id: q.id,
						text: L(q.text),
						score: cellText(results.questions[q.id]),
						options: null,
						items: []
					};
				}
				const options = framework.scales[q.scale]?.options ?? [];
				optionColumns = Math.max(optionColumns, options.length);
				return {
					id: q.id,
					text: L(q.text),
					score: cellText(results.questions[q.id]),
					options: options.map((o) => L(o.label)),
					items: surveyItems(q).map((item) => {
						const key = `${q.id}.${item.id}`;
						const cell = results.items[key];
						return {
							key,
							text: L(item.text),
							percents: options.map((o) => percentText(cell, o.code)),
							score: cellText(cell)
						};
					})
				};
			};
			if (ind.questions)
				parts.push({ heading: null, score: null, questions: ind.questions.map(block) });
			for (const sub of ind.subIndicators ?? []) {
				parts.push({
					heading: `${sub.id} ${L(sub.name)}`,
					score: cellText(results.indicators[sub.id]),
					questions: sub.questions.map(block)
				});
			}
			indicators.push({
				table: table(
					rt(lang, 'report.questions.caption', {
						id: ind.id,
						name: L(ind.name),
						score: cellText(results.indicators[ind.id])
					})
				),
				id: ind.id,
				instrument: instrument.id,
				parts,
				optionColumns
			});
		}
	}

	// 3. Respondents by each background question (tables 503–511), with a bar chart each.
	const demographics: DemographicBlock[] = [];
	for (const instrument of ['iit', 'eit'] as const) {
		const tables = results.demographics[instrument];
		const byQuestion: Record<string, DemographicTable> =
			tables && !isSuppressed(tables) ? (tables as Record<string, DemographicTable>) : {};
		for (const d of framework.demographics[instrument]) {
			const found = byQuestion[d.id];
			if (!found || isSuppressed(found)) continue;
			const t = found;
			const labels = new Map<string, string>();
			for (const o of d.options ?? []) labels.set(o.code, L(o.label));
			for (const s of input.sections) if (!labels.has(s.code)) labels.set(s.code, L(s.name));
			const codes = [...labels.keys()].filter((c) => c in t.options);
			for (const c of Object.keys(t.options)) if (!codes.includes(c)) codes.push(c);
			const instrumentName = rt(lang, `report.instrument.${instrument}`);
			const label = L(d.label);
			demographics.push({
				table: table(rt(lang, 'report.demographic.caption', { instrument: instrumentName, label })),
				figure: figure(
					rt(lang, 'report.demographic.figure', { instrument: instrumentName, label })
				),
				instrument,
				id: d.id,
				label,
				rows: codes.map((code) => ({
					code,
					label: labels.get(code) ?? code,
					count: t.options[code].count,
					percent: fixed2(t.options[code].percent)
				})),
				total: typeof t.n === 'number' ? t.n : codes.reduce((s, c) => s + t.options[c].count, 0)
			});
		}
	}

	// 4. The weakest items, lowest first.
	const weakTable = {
		table: table(rt(lang, 'report.weak.caption', { bar: fixed2(weak.bar) })),
		bar: weak.bar,
		rows: weak.items.map((w) => ({
			ref: w.ref,
			text: [L(w.questionText), L(w.itemText)].filter(Boolean).join(' — '),
			score: fixed2(w.score),
			gap: fixed2(w.gap),
			more: w.moreFavourable === null ? '–' : String(w.moreFavourable)
		}))
	};

	return {
		title: rt(lang, 'report.title'),
		subtitle: rt(lang, 'report.subtitle'),
		of: rt(lang, 'report.of', at),
		summary: {
			table: summaryTable,
			rows,
			total: cellText(results.total),
			level: localText(results.levelLabel, lang) || (results.level ?? '–')
		},
		radar,
		bars,
		respondents,
		indicators,
		demographics,
		weak: weakTable,
		counts: {
			tables: 2 + indicators.length + demographics.length + 1,
			figures: 2 + demographics.length
		}
	};
}

/**
 * The improvement-measures worksheet (seeds 001, 003): its columns, the form that edits
 * it and the rows of its XLSX export. SQL (list_measures, save_measures) pre-fills it
 * with the weak items, checks every row and saves all or nothing; this module only turns
 * the form into rows and back, and never decides whether a row is valid.
 */
import { issuesOf, type Issue, type Problem } from '../../admin/problems.ts';
import type { Lang } from '../../i18n/index.ts';
import { fixed2, localText, type LocalText } from './cells.ts';
import { rt, type ReportKey } from './i18n.ts';

/** The worksheet's free-text columns, in the seeds' order. */
export const textFields = [
	'weakness',
	'measure',
	'communication',
	'monitoring',
	'cadence',
	'responsibleSection',
	'result'
] as const;
export type TextField = (typeof textFields)[number];

export const fieldLabels: Record<'itemRef' | 'score' | TextField, ReportKey> = {
	itemRef: 'report.measures.itemRef',
	score: 'report.measures.score',
	weakness: 'report.measures.weakness',
	measure: 'report.measures.measure',
	communication: 'report.measures.communication',
	monitoring: 'report.measures.monitoring',
	cadence: 'report.measures.cadence',
	responsibleSection: 'report.measures.responsibleSection',
	result: 'report.measures.result'
};

/** A row as list_measures returns it. */
export interface MeasureRow extends Record<TextField, string | null> {
	ord: number;
	itemRef: string;
	kind: string | null;
	instrument: string | null;
	text: LocalText | null;
	score: number | null;
}

/** A row as save_measures takes it; score stays text when it is not a number, for SQL to refuse. */
export interface MeasureInput extends Record<TextField, string | null> {
	itemRef: string;
	score: number | string | null;
}

/** A row in the form: every field as typed. */
export interface FormRow extends Record<TextField, string> {
	itemRef: string;
	score: string;
	/** The framework's text of the item, shown beside the reference (read only). */
	text: string;
}

/** The name of a field of row `i` in the form. */
export function fieldName(i: number, field: 'itemRef' | 'score' | TextField): string {
	return `m-${i}-${field}`;
}

/**
 * The problems of a refused save, each on its field: save_measures numbers the rows it
 * was sent from 1 (detail.problems: {row, field, code}), and the refused form is shown
 * again with those rows, in that order, keyed 0, 1, … (so row r is key r − 1).
 */
export function measureIssues(problem: Problem | undefined): Issue[] {
	if (!problem) return [];
	const fields = new Set<string>(['itemRef', 'score', ...textFields]);
	return issuesOf(problem).map((issue) => {
		const row = Number(issue.params?.row);
		return Number.isInteger(row) && row >= 1 && issue.field && fields.has(issue.field)
			? { ...issue, field: fieldName(row - 1, issue.field as 'itemRef' | 'score' | TextField) }
			: issue;
	});
}

export function blankRow(): FormRow {
	return {
		itemRef: '',
		score: '',
		text: '',
		weakness: '',
		measure: '',
		communication: '',
		monitoring: '',
		cadence: '',
		responsibleSection: '',
		result: ''
	};
}

/** The saved rows as the form shows them. */
export function formRows(rows: MeasureRow[], lang: Lang): FormRow[] {
	return rows.map((r) => ({
		itemRef: r.itemRef,
		score: r.score === null ? '' : String(r.score),
		text: localText(r.text, lang),
		...(Object.fromEntries(textFields.map((f) => [f, r[f] ?? ''])) as Record<TextField, string>)
	}));
}

const fieldPattern =
	/^m-(\d+)-(itemRef|score|weakness|measure|communication|monitoring|cadence|responsibleSection|result)$/;

/**
 * The form's rows in their order on the page (`m-<i>-<field>` names; removed rows leave
 * gaps in i). A row left entirely blank is dropped: it is an added row never filled in.
 */
export function rowsFromForm(values: Iterable<[string, string]>): FormRow[] {
	const byIndex = new Map<number, FormRow>();
	for (const [name, value] of values) {
		const m = fieldPattern.exec(name);
		if (!m) continue;
		const i = Number(m[1]);
		const row = byIndex.get(i) ?? blankRow();
		row[m[2] as 'itemRef' | 'score' | TextField] = value;
		byIndex.set(i, row);
	}
	return [...byIndex.entries()]
		.sort(([a], [b]) => a - b)
		.map(([, row]) => row)
		.filter(
			(row) =>
				row.itemRef.trim() !== '' ||
				row.score.trim() !== '' ||
				textFields.some((f) => row[f].trim() !== '')
		);
}

/**
 * What save_measures receives. A score that reads as a number is sent as one; anything
 * else typed there is sent as typed, and the database answers with what a score must be.
 */
export function measureInputs(rows: FormRow[]): MeasureInput[] {
	return rows.map((row) => {
		const s = row.score.trim().replace(',', '.');
		const score = s === '' ? null : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
		return {
			itemRef: row.itemRef.trim(),
			score,
			...(Object.fromEntries(textFields.map((f) => [f, row[f]])) as Record<TextField, string>)
		};
	});
}

/** The item column as the seeds write it: "e1.1 text", the score in its own column. */
export function itemLabel(row: MeasureRow, lang: Lang): string {
	const text = localText(row.text, lang);
	return text ? `${row.itemRef} ${text}` : row.itemRef;
}

/** The export's header row and data rows (the same columns as the page, the seeds' Thai headers). */
export function sheetRows(
	rows: MeasureRow[],
	lang: Lang
): { header: string[]; data: (string | number | null)[][] } {
	const header = [
		'#',
		rt(lang, fieldLabels.itemRef),
		rt(lang, fieldLabels.score),
		...textFields.map((f) => rt(lang, fieldLabels[f]))
	];
	const data = rows.map((r, i) => [
		i + 1,
		itemLabel(r, lang),
		r.score,
		...textFields.map((f) => r[f])
	]);
	return { header, data };
}

/** A score as the worksheet prints it. */
export function scoreText(score: number | null): string {
	return score === null ? '' : fixed2(score);
}

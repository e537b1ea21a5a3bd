/**
 * Reading the officers' forms: pure functions from FormData to the values the database
 * functions take. They check only what the database cannot say in the form's own terms
 * (a Buddhist-era year, a whole number); everything else — codes, names, dates, targets —
 * the database checks and explains, so that both say the same thing.
 */
import type { AdminKey } from './i18n.ts';
import type { Issue } from './problems.ts';

/** A field the form cannot send as it is; `key` says why in words a person can act on. */
export class FieldProblem extends Error {
	constructor(
		readonly field: string,
		readonly key: AdminKey,
		readonly params: Record<string, string | number> = {}
	) {
		super(`${field}: ${key}`);
		this.name = 'FieldProblem';
	}
}

/** Several fields at once: every problem the form has, to show them all in one answer. */
export class FieldProblems extends Error {
	constructor(readonly issues: Issue[]) {
		super(issues.map((i) => `${i.field}: ${i.key ?? i.code}`).join('; '));
		this.name = 'FieldProblems';
	}
}

/**
 * Runs one field's reading; a FieldProblem is noted in `issues` (and the value is null)
 * instead of stopping the others, so that the form can name every problem at once.
 */
export function collect<T>(issues: Issue[], read: () => T): T | null {
	try {
		return read();
	} catch (err) {
		if (!(err instanceof FieldProblem)) throw err;
		issues.push({ field: err.field, key: err.key, params: err.params });
		return null;
	}
}

/** The field's text exactly as typed ('' when absent): passwords are not trimmed. */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** The field's text, trimmed ('' when absent). */
export function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** A code as people type it: spaces around dropped, capitals lowered (the database checks the rest). */
export function code(form: FormData, name: string): string {
	return text(form, name).toLowerCase();
}

/** The field's text, or null when left empty. */
export function optionalText(form: FormData, name: string): string | null {
	return text(form, name) || null;
}

export function checkbox(form: FormData, name: string): boolean {
	const value = form.get(name);
	return value === 'on' || value === 'true' || value === '1';
}

/** A whole number of 0 or more, or null when left empty. */
export function optionalCount(form: FormData, name: string): number | null {
	const raw = text(form, name).replace(/[,\s]/g, '');
	if (raw === '') return null;
	const thaiDigits = raw.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
	if (!/^\d{1,9}$/.test(thaiDigits)) throw new FieldProblem(name, 'admin.form.wholeNumber');
	return Number(thaiDigits);
}

/** A name as the database stores it: Thai required (checked there), English optional. */
export function localName(form: FormData, prefix: string): { th: string; en?: string } {
	const th = text(form, `${prefix}Th`);
	const en = text(form, `${prefix}En`);
	return en ? { th, en } : { th };
}

/** Buddhist-era years that could be a fiscal year of this app (the database holds 2000–2100 CE). */
const BE_MIN = 2543;
const BE_MAX = 2643;

/**
 * The Gregorian fiscal year for a Buddhist-era one as typed (Thai digits too). A year that
 * looks Gregorian is refused with the Buddhist-era year it probably meant, rather than
 * silently shifted by 543 years.
 */
export function fiscalYearFromBuddhist(raw: string, field = 'fiscalYear'): number {
	const digits = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
	if (digits === '') throw new FieldProblem(field, 'admin.round.yearMissing');
	if (!/^\d{4}$/.test(digits)) throw new FieldProblem(field, 'admin.round.yearInvalid');
	const year = Number(digits);
	if (year >= 1900 && year <= 2200) {
		throw new FieldProblem(field, 'admin.round.yearGregorian', { ce: year, be: year + 543 });
	}
	if (year < BE_MIN || year > BE_MAX) throw new FieldProblem(field, 'admin.round.yearInvalid');
	return year - 543;
}

/**
 * The Thai government's fiscal year (Gregorian) that a day falls in: FY N runs from
 * 1 October N−1 to 30 September N, so 22 November 2026 is in FY 2027 (พ.ศ. 2570).
 */
export function fiscalYearOf(isoDay: string): number {
	const [y, m] = isoDay.split('-').map(Number);
	return m >= 10 ? y + 1 : y;
}

/** A day as YYYY-MM-DD, or null when left empty; the browser's date field sends that already. */
export function optionalDay(form: FormData, name: string): string | null {
	const value = text(form, name);
	if (value === '') return null;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new FieldProblem(name, 'admin.form.day');
	return value;
}

/** A suggested round code: the agency's code and the Buddhist-era year, as the database's hint says. */
export function suggestedRoundCode(agency: string, fiscalYear: number): string {
	return `${agency}-${fiscalYear + 543}`;
}

/**
 * An OIT score as typed: empty (not scored) or a number from 0 to 100 with at most two
 * decimals, a comma accepted as the decimal mark.
 */
export function oitScore(raw: string, field: string, item: string): number | null {
	const value = raw.trim().replace(',', '.');
	if (value === '') return null;
	if (!/^\d{1,3}(\.\d{1,2})?$/.test(value) || Number(value) > 100) {
		throw new FieldProblem(field, 'admin.oit.scoreInvalid', { item });
	}
	return Number(value);
}

/** Days from `from`, as YYYY-MM-DD (for a new round's suggested dates). */
export function addDays(isoDay: string, days: number): string {
	const [y, m, d] = isoDay.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * An evidence address as typed: empty (none) or one web address, the same rule the
 * database applies — checked here too so that the message can name the item.
 */
export function evidenceUrl(raw: string, field: string, item: string): string {
	const value = raw.trim();
	if (value !== '' && (!/^https?:\/\/[^\s/?#]+\S*$/i.test(value) || value.length > 2000)) {
		throw new FieldProblem(field, 'admin.oit.urlInvalid', { item });
	}
	return value;
}

/** A row of the OIT table as save_oit_table() takes it. */
export interface OitRow {
	question: string;
	score: number | null;
	evidenceUrl: string | null;
}

/**
 * The rows of the OIT table form that differ from what is saved (`items`): an emptied
 * score or address removes the saved one. Throws FieldProblems naming every bad cell.
 */
export function changedOitRows(
	form: FormData,
	items: readonly { question: string; score: number | null; evidenceUrl: string | null }[]
): OitRow[] {
	const rows: OitRow[] = [];
	const issues: Issue[] = [];
	for (const item of items) {
		const scoreField = `score-${item.question}`;
		const urlField = `url-${item.question}`;
		const before = issues.length;
		const score = collect(issues, () =>
			oitScore(text(form, scoreField), scoreField, item.question)
		);
		const url =
			collect(issues, () => evidenceUrl(text(form, urlField), urlField, item.question)) || null;
		if (issues.length > before) continue;
		if (score !== item.score || url !== item.evidenceUrl) {
			rows.push({ question: item.question, score, evidenceUrl: url });
		}
	}
	if (issues.length) throw new FieldProblems(issues);
	return rows;
}

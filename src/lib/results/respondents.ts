/**
 * The respondent tables of seed 000's tables 503–511: per instrument and background
 * question (sex, age, position, years of service; occupation, type of contact, section
 * contacted), each option's count and percentage, in the framework's order. The agency's
 * own sections, which respondents may name, follow the framework's options.
 */
import type { Framework } from '../ita/framework.ts';
import type { LocalText } from '../admin/views.ts';
import { isSuppressed, type ResultsJson, type Surveyed } from './types.ts';

export interface RespondentRow {
	code: string;
	label: LocalText;
	count: number;
	percent: number;
}

export interface RespondentTable {
	instrument: Surveyed;
	question: string;
	label: LocalText;
	/** Respondents who answered the question; null when the table is hidden. */
	n: number | null;
	/** A subgroup under 5: the table reads "< 5". */
	suppressed: boolean;
	rows: RespondentRow[];
}

export function respondentTables(
	f: Framework,
	results: ResultsJson,
	sections: { code: string; label: LocalText }[] = []
): RespondentTable[] {
	const out: RespondentTable[] = [];
	for (const instrument of ['iit', 'eit'] as const) {
		const all = results.demographics[instrument];
		for (const q of f.demographics[instrument]) {
			if (isSuppressed(all)) {
				out.push({
					instrument,
					question: q.id,
					label: q.label,
					n: null,
					suppressed: true,
					rows: []
				});
				continue;
			}
			const table = all?.[q.id];
			const options = table?.options ?? {};
			const labels = new Map<string, LocalText>(q.options.map((o) => [o.code, o.label]));
			if (q.source === 'section') for (const s of sections) labels.set(s.code, s.label);
			const codes = [
				...q.options.map((o) => o.code),
				...Object.keys(options).filter((c) => !q.options.some((o) => o.code === c))
			];
			out.push({
				instrument,
				question: q.id,
				label: q.label,
				n: table?.n ?? 0,
				suppressed: false,
				rows: codes.map((code) => ({
					code,
					label: labels.get(code) ?? { th: code },
					count: options[code]?.count ?? 0,
					percent: options[code]?.percent ?? 0
				}))
			});
		}
	}
	return out;
}

/**
 * CSV as Excel opens Thai: UTF-8 with a byte-order mark, CRLF line ends, every field
 * quoted when it needs to be. Scores with two decimals, counts whole, "< 5" as text.
 */
import { fixed2 } from './format.ts';
import type { Column, TableCell } from './aggregates.ts';

/** The byte-order mark that tells Excel the file is UTF-8. */
export const BOM = '\uFEFF';

function field(value: TableCell, type: Column['type'] = 'text'): string {
	let text: string;
	if (value === null || value === undefined) text = '';
	else if (typeof value === 'number') text = type === 'score' ? fixed2(value) : String(value);
	else text = value;
	// A leading = + - @ would make a spreadsheet run the text as a formula.
	if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file (with the BOM) of a header and rows. */
export function toCsv(columns: Column[], rows: TableCell[][]): string {
	const lines = [columns.map((c) => field(c.title)).join(',')];
	for (const r of rows) lines.push(r.map((v, i) => field(v, columns[i]?.type)).join(','));
	return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * The aggregates as an Excel workbook (exceljs): Thai sheet names and headers, a title
 * row naming the agency, fiscal year and filter, scores with two decimals, and a hidden
 * small group as the text "< 5" — never as a number.
 */
import ExcelJS from 'exceljs';
import type { Table } from '../../results/aggregates.ts';

export interface Sheet {
	name: string;
	title: string;
	table: Table;
}

export async function workbook(sheets: Sheet[]): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	book.creator = 'ITA Collect';
	for (const s of sheets) {
		const ws = book.addWorksheet(s.name);
		ws.addRow([s.title]).font = { bold: true, size: 14 };
		const header = ws.addRow(s.table.columns.map((c) => c.title));
		header.font = { bold: true };
		for (const r of s.table.rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
		s.table.columns.forEach((c, i) => {
			const col = ws.getColumn(i + 1);
			if (c.type === 'score') col.numFmt = '0.00';
			col.width = c.type === 'text' ? (i === 4 ? 60 : 16) : 12;
		});
		ws.views = [{ state: 'frozen', ySplit: 2 }];
	}
	return new Uint8Array(await book.xlsx.writeBuffer());
}

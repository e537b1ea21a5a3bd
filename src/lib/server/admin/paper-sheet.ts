/**
 * Paper forms' files on the server: the XLSX template, and an uploaded CSV or XLSX read
 * into rows of text (src/lib/admin/paper.ts turns the rows into responses).
 */
import ExcelJS from 'exceljs';
import { parseCsv, type PaperColumn } from '../../admin/paper.ts';

/** The template as an XLSX workbook: the keys, then the Thai labels as a `#` note row. */
export async function templateXlsx(columns: readonly PaperColumn[], sheetName: string) {
	const book = new ExcelJS.Workbook();
	book.creator = 'ITA Collect';
	const sheet = book.addWorksheet(sheetName);
	sheet.addRow(columns.map((c) => c.key)).font = { bold: true };
	const labels = sheet.addRow(columns.map((c, i) => (i === 0 ? `# ${c.label}` : c.label)));
	labels.alignment = { wrapText: true, vertical: 'top' };
	labels.font = { color: { argb: 'FF374151' } };
	columns.forEach((c, i) => {
		sheet.getColumn(i + 1).width =
			c.key === 'id' ? 38 : Math.max(10, Math.min(30, c.key.length + 4));
	});
	sheet.views = [{ state: 'frozen', ySplit: 2 }];
	return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell's value as the text a person sees in it. */
function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('result' in value) return cellText(value.result);
		if ('richText' in value) return value.richText.map((t) => t.text).join('');
		if ('text' in value) return String(value.text);
		return '';
	}
	return String(value);
}

/** The rows of an uploaded file: XLSX (its first sheet) or CSV, by name or content. */
export async function readSheet(name: string, body: Buffer): Promise<string[][]> {
	const zip = body.length > 4 && body[0] === 0x50 && body[1] === 0x4b;
	if (zip || /\.xlsx$/i.test(name)) {
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(body as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		const rows: string[][] = [];
		sheet?.eachRow({ includeEmpty: true }, (row, n) => {
			const values = row.values as ExcelJS.CellValue[];
			rows[n - 1] = values.slice(1).map(cellText);
		});
		return Array.from(rows, (r) => r ?? []);
	}
	return parseCsv(body.toString('utf8'));
}

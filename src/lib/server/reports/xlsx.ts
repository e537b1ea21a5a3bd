/**
 * The measures worksheet as an XLSX file (exceljs): one sheet, a title row, the seeds'
 * column headers, one row per measure, wrapped text, A4 landscape when printed.
 */
import ExcelJS from 'exceljs';
import type { Lang } from '../../i18n/index.ts';
import { sheetRows, type MeasureRow } from '../../results/report/measures.ts';
import { rt } from '../../results/report/i18n.ts';

export async function measuresWorkbook(
	rows: MeasureRow[],
	title: string,
	lang: Lang
): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	book.creator = 'ITA Collect';
	const sheet = book.addWorksheet(rt(lang, 'report.measures.sheet'), {
		pageSetup: {
			paperSize: 9,
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0
		}
	});
	const { header, data } = sheetRows(rows, lang);
	sheet.addRow([title]).font = { bold: true, size: 14 };
	const head = sheet.addRow(header);
	head.font = { bold: true };
	head.alignment = { wrapText: true, vertical: 'top' };
	for (const values of data) {
		const row = sheet.addRow(values);
		row.alignment = { wrapText: true, vertical: 'top' };
	}
	sheet.getColumn(3).numFmt = '0.00';
	const widths = [5, 40, 9, 36, 36, 28, 28, 20, 24, 28];
	widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
	// The headers repeat on every printed page.
	sheet.pageSetup.printTitlesRow = '2:2';
	return Buffer.from(await book.xlsx.writeBuffer());
}

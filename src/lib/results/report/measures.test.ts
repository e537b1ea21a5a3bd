import { expect, test } from 'vitest';
import {
	fieldName,
	formRows,
	measureInputs,
	measureIssues,
	rowsFromForm,
	sheetRows,
	type MeasureRow
} from './measures.ts';

function saved(o: Partial<MeasureRow> = {}): MeasureRow {
	return {
		ord: 1,
		itemRef: 'o9',
		kind: 'oit',
		instrument: 'oit',
		text: { th: 'Social Network' },
		score: 0,
		weakness: null,
		measure: null,
		communication: null,
		monitoring: null,
		cadence: null,
		responsibleSection: null,
		result: null,
		...o
	};
}

test('the form gives the rows in page order, with gaps where rows were removed, and drops rows never filled in', () => {
	const form: [string, string][] = [
		[fieldName(0, 'itemRef'), 'o9'],
		[fieldName(0, 'measure'), 'เปิดเพจ'],
		[fieldName(10, 'itemRef'), 'e9'],
		[fieldName(10, 'score'), '99.43'],
		[fieldName(2, 'itemRef'), 'o27'],
		[fieldName(7, 'itemRef'), ' '],
		[fieldName(7, 'measure'), ''],
		['other', 'x']
	];
	const rows = rowsFromForm(form);
	expect(rows.map((r) => r.itemRef)).toEqual(['o9', 'o27', 'e9']);
	expect(rows[0].measure).toBe('เปิดเพจ');
});

test('a score that reads as a number goes as one; anything else as typed, for the database to refuse', () => {
	const rows = rowsFromForm([
		[fieldName(0, 'itemRef'), ' e9 '],
		[fieldName(0, 'score'), '99,43'],
		[fieldName(1, 'itemRef'), 'e1'],
		[fieldName(1, 'score'), 'ดีมาก'],
		[fieldName(2, 'itemRef'), 'e2']
	]);
	expect(measureInputs(rows).map((r) => [r.itemRef, r.score])).toEqual([
		['e9', 99.43],
		['e1', 'ดีมาก'],
		['e2', null]
	]);
});

test('saved rows fill the form and the XLSX rows with the seeds’ Thai headers', () => {
	const rows = [
		saved({ measure: 'เปิดเพจ', responsibleSection: 'ฝ่ายปกครอง' }),
		saved({ ord: 2, itemRef: 'e9', text: null, score: 99.43 })
	];
	expect(formRows(rows, 'th')[0]).toMatchObject({
		itemRef: 'o9',
		score: '0',
		text: 'Social Network',
		measure: 'เปิดเพจ',
		result: ''
	});
	const { header, data } = sheetRows(rows, 'th');
	expect(header.slice(0, 3)).toEqual(['#', 'ตัวชี้วัด/ข้อคำถาม', 'คะแนน']);
	expect(header).toContain('การกำกับติดตามโดย ผอ.เขต');
	expect(data[0]).toEqual([
		1,
		'o9 Social Network',
		0,
		null,
		'เปิดเพจ',
		null,
		null,
		null,
		'ฝ่ายปกครอง',
		null
	]);
	expect(data[1].slice(0, 3)).toEqual([2, 'e9', 99.43]);
	expect(sheetRows(rows, 'en').header[1]).toBe('Indicator / question');
});

test('save_measures’ problems land on the cells of the rows shown again (row r is key r − 1)', () => {
	const issues = measureIssues({
		form: 'save',
		sql: {
			code: '22023',
			message: 'measures_invalid',
			hint: null,
			detail: {
				problems: [
					{ row: 2, field: 'itemRef', code: 'measures_item_ref_unknown', value: 'zz9' },
					{ row: 3, field: 'responsibleSection', code: 'measures_text_too_long' },
					{ row: 4, code: 'measures_row_invalid', keys: '"owner"' }
				]
			}
		}
	});
	expect(issues.map((i) => [i.field, i.code])).toEqual([
		[fieldName(1, 'itemRef'), 'measures_item_ref_unknown'],
		[fieldName(2, 'responsibleSection'), 'measures_text_too_long'],
		[undefined, 'measures_row_invalid']
	]);
	expect(issues[0].params).toEqual({ row: 2, value: 'zz9' });
	expect(measureIssues(undefined)).toEqual([]);
});

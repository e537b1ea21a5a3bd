import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { FrameworkSchema } from '../ita/framework.ts';
import { readSheet, templateXlsx } from '../server/admin/paper-sheet.ts';
import { paperColumns, paperResponses, parseCsv, templateCsv } from './paper.ts';

const framework = FrameworkSchema.parse(
	JSON.parse(await readFile('supabase/seed/frameworks/bma-2567.json', 'utf8'))
);

describe('paper forms: the template and the rows read back', () => {
	test('the EIT template names every item, the per-service question and the background questions, with Thai labels', () => {
		const columns = paperColumns(framework, 'eit', [
			{ code: 'registration', name: { th: 'ฝ่ายทะเบียน' } }
		]);
		const keys = columns.map((c) => c.key);
		expect(keys.slice(0, 3)).toEqual(['id', 'collected_on', 'service_point']);
		expect(keys).toEqual(expect.arrayContaining(['E1.1', 'E6.1', 'variant:E3', 'demo:sex']));
		expect(columns.find((c) => c.key === 'E1.1')?.label).toMatch(/^E1\.1 .*[ก-๙].*\(1=/);
		expect(columns.find((c) => c.key === 'demo:section')?.label).toContain(
			'registration=ฝ่ายทะเบียน'
		);
	});

	test('CSV: quotes, commas and line breaks inside cells, a byte-order mark, semicolons', () => {
		expect(parseCsv('\uFEFFa,b\r\n"x, ""y""",2\n"line\nbreak",3')).toEqual([
			['a', 'b'],
			['x, "y"', '2'],
			['line\nbreak', '3']
		]);
		expect(parseCsv('a;b\n1;2')).toEqual([
			['a', 'b'],
			['1', '2']
		]);
	});

	test('rows become paper responses with stable ids; notes and empty rows are skipped; Thai digits read', async () => {
		const rows = parseCsv(
			templateCsv([
				{ key: 'id', label: 'รหัส' },
				{ key: 'E1.1', label: 'ข้อ 1' },
				{ key: 'demo:sex', label: 'เพศ' }
			]) + ',๔,female\n,,\n,x,\n'
		);
		const opts = { round: 'r-1', instrument: 'eit' as const, today: '2026-12-06' };
		const first = await paperResponses(rows, opts);
		expect(first).toHaveLength(2);
		expect(first[0]).toMatchObject({
			row: 3,
			response: {
				round: 'r-1',
				channel: 'paper',
				answers: { 'E1.1': 4 },
				demographics: { sex: 'female' }
			}
		});
		expect(first[1]).toMatchObject({ row: 5, problem: { code: 'invalid_answer' } });
		// The same file read again gives the same ids: stored once.
		const again = await paperResponses(rows, opts);
		expect(again[0].response?.id).toBe(first[0].response?.id);
		expect(first[0].response?.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('the XLSX template reads back as the CSV one does', async () => {
		const columns = paperColumns(framework, 'iit');
		const xlsx = await templateXlsx(columns, 'IIT');
		const rows = await readSheet('template.xlsx', xlsx);
		expect(rows[0]).toEqual(columns.map((c) => c.key));
		expect(rows[1][0]).toMatch(/^# /);
		expect(await readSheet('t.csv', Buffer.from(templateCsv(columns)))).toEqual(rows);
	});
});

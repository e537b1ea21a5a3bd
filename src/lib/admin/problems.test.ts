/**
 * A database refusal becomes the problems a form shows: each with the catalogue code, its
 * parameters and the field to mark — the OIT table's cells (`score-O6`, `url-O6`) included.
 */
import { describe, expect, test } from 'vitest';
import { errorText } from '../i18n/errors.ts';
import { fieldIssues, sqlIssues, type Problem } from './problems.ts';

describe('a refusal of the database, next to its fields', () => {
	const oit: Problem = {
		form: 'saveOit',
		sql: {
			code: '22023',
			message: 'oit_scores_invalid',
			hint: null,
			detail: {
				problems: [
					{ code: 'oit_score_invalid', row: 1, item: 'O6', field: 'score-O6' },
					{ code: 'oit_evidence_url_invalid', row: 1, item: 'O6', field: 'url-O6' },
					{ code: 'oit_item_twice', row: 2, item: 'O6' }
				]
			}
		}
	};

	test('every bad cell of the OIT table is named, in the screen’s language', () => {
		const issues = sqlIssues(oit.sql!);
		expect(issues.map((i) => i.field)).toEqual(['score-O6', 'url-O6', undefined]);
		expect(fieldIssues(oit, 'score-O6')).toHaveLength(1);
		expect(fieldIssues(oit, 'url-O7')).toEqual([]);
		expect(issues.map((i) => errorText('th', i.code!, i.params))).toEqual([
			'คะแนนข้อ O6 ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง หรือเว้นว่าง',
			'หลักฐานข้อ O6 ต้องเป็นลิงก์เดียวที่ขึ้นต้นด้วย https:// ไม่มีช่องว่าง',
			'ข้อ O6 อยู่ในตารางคะแนน OIT ซ้ำกัน 2 แถว'
		]);
	});

	test('one refusal with its field: the kiosk form’s idle time', () => {
		const [issue] = sqlIssues({
			code: '22023',
			message: 'kiosk_idle_invalid',
			hint: null,
			detail: { field: 'idle', value: 5 }
		});
		expect(issue).toEqual({ field: 'idle', code: 'kiosk_idle_invalid', params: { value: 5 } });
		expect(errorText('en', issue.code!, issue.params)).toBe(
			'The idle time before the kiosk starts over is 20 to 600 seconds.'
		);
	});
});

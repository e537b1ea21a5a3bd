/**
 * The command line prints a database refusal as the catalogue's text in the operator's
 * language, never the bare code; other errors as they are.
 */
import { describe, expect, test } from 'vitest';
import { cliLang, failureText, httpFailure } from './failure.ts';

const refusal = (message: string, detail?: unknown) =>
	Object.assign(new Error(message), {
		code: '22023',
		detail: detail === undefined ? undefined : JSON.stringify(detail)
	});

describe('what the command line says when something is refused', () => {
	test('Thai with ITA_LANG=th or a Thai locale, English otherwise', () => {
		expect(cliLang({ ITA_LANG: 'th' })).toBe('th');
		expect(cliLang({ LANG: 'th_TH.UTF-8' })).toBe('th');
		expect(cliLang({ ITA_LANG: 'en', LANG: 'th_TH.UTF-8' })).toBe('en');
		expect(cliLang({ LANG: 'C.UTF-8' })).toBe('en');
		expect(cliLang({})).toBe('en');
	});

	test('a refusal is the catalogue’s text with its parameters; several problems one per line', () => {
		expect(failureText(refusal('oit_item_unknown', { item: 'O99' }), 'en')).toBe(
			'"O99" is not an OIT item of this framework.'
		);
		expect(failureText(refusal('oit_item_unknown', { item: 'O99' }), 'th')).toBe(
			'"O99" ไม่ใช่ข้อ OIT ของชุดแบบวัดนี้'
		);
		const table = failureText(
			refusal('oit_scores_invalid', {
				problems: [
					{ code: 'oit_score_invalid', row: 1, item: 'O7', field: 'score-O7' },
					{ code: 'oit_item_twice', row: 2, item: 'O7' }
				]
			}),
			'en'
		);
		expect(table.split('\n')).toEqual([
			'Some OIT scores need fixing; see the list below.',
			'  - The score of O7 is a number from 0 to 100 with two decimals at most, or left empty.',
			'  - Item O7 is in the OIT table twice.'
		]);
	});

	test('anything else keeps its own message', () => {
		expect(failureText(new Error('No database in ./data'), 'th')).toBe('No database in ./data');
	});

	test('a server’s PostgREST answer is read like the database’s own refusal', () => {
		const body = JSON.stringify({
			code: 'PT413',
			message: 'batch_too_large',
			details: JSON.stringify({ max: 500, count: 501 }),
			hint: 'Send the rest in further batches.'
		});
		expect(failureText(httpFailure('http://127.0.0.1:3000', 413, body), 'en')).toBe(
			'At most 500 responses can be sent at once (501 were sent); send the rest separately.'
		);
		expect(failureText(httpFailure('http://127.0.0.1:3000', 502, '<html>Bad gateway'), 'en')).toBe(
			'The server at http://127.0.0.1:3000 answered 502: <html>Bad gateway'
		);
	});
});

/**
 * Thai and English for every text a person can see: each dictionary has both languages
 * with the same keys and placeholders, and every message the database raises is a code
 * of the error catalogue (never prose written in SQL for a screen).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adminEn, adminTh } from '../admin/i18n.ts';
import { reportEn, reportTh } from '../results/report/i18n.ts';
import { resultsEn, resultsTh } from '../results/i18n.ts';
import { en } from './en.ts';
import { errors, errorText, verdictText } from './errors.ts';
import { pagesEn, pagesTh } from './pages.ts';
import { th } from './th.ts';
import { thIit } from './th-iit.ts';
import { thLater } from './th-later.ts';
import { notFoundEn, notFoundTh } from './not-found.ts';
import { statusEn, statusTh } from './status.ts';
import { kioskEn, kioskTh } from '../kiosk/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const dictionaries: [string, Record<string, string>, Record<string, string>][] = [
	// The phone's Thai comes in parts (the first screen's, the IIT code field's, then the
	// later screens').
	['shared', { ...th, ...thIit, ...thLater }, en],
	['status', statusTh, statusEn],
	['kiosk', kioskTh, kioskEn],
	['admin', adminTh, adminEn],
	['pages', pagesTh, pagesEn],
	['not found', notFoundTh, notFoundEn],
	['results', resultsTh, resultsEn],
	['report', reportTh, reportEn],
	[
		'errors',
		Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.th])),
		Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.en]))
	]
];

describe('every visible text in Thai and in English', () => {
	test.each(dictionaries)(
		'the %s dictionary: same keys, both languages, same placeholders',
		(_, a, b) => {
			expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
			for (const key of Object.keys(a)) {
				expect(a[key].trim(), key).not.toBe('');
				expect(b[key].trim(), key).not.toBe('');
				expect(placeholders(b[key]), key).toEqual(placeholders(a[key]));
			}
		}
	);

	test('the Thai texts are Thai (a Thai letter in each, bar names and codes)', () => {
		const notThai = Object.entries(errors).filter(([, v]) => !/[ก-๙]/.test(v.th));
		expect(notThai).toEqual([]);
	});

	test('every message the migrations raise is a code of the catalogue', async () => {
		const dir = join(process.cwd(), 'supabase', 'migrations');
		const found: string[] = [];
		for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) {
			const sql = (await readFile(join(dir, file), 'utf8'))
				.replace(/\/\*[\s\S]*?\*\//g, '')
				.replace(/--.*$/gm, '');
			// The admin file still holds ita_private.create_account (the accounts' own
			// function, for the command line; see below).
			const checked = file.startsWith('20261122000600')
				? sql.slice(0, sql.indexOf('create or replace function ita_private.create_account'))
				: sql;
			for (const m of checked.matchAll(/message\s*=\s*([^,;\n]+)/g)) {
				// PostgREST's `raise sqlstate 'PGRST'` gives its body as JSON: its message is the code.
				const body = m[1].trim().startsWith('jsonb_build_object(')
					? /'message',\s*('[^']*')/.exec(checked.slice(m.index))
					: null;
				const literal = /^'([a-z_]+)'$/.exec(body ? body[1] : m[1].trim());
				if (!literal || !(literal[1] in errors)) found.push(`${file}: message = ${m[1].trim()}`);
			}
			// The problems a refusal lists in detail.problems ({"code": "oit_score_invalid", …})
			// are shown one by one: each is a code of the catalogue too.
			for (const m of checked.matchAll(/'code',\s*'([a-z]+_[a-z_]+)'/g)) {
				if (!(m[1] in errors)) found.push(`${file}: problem code ${m[1]}`);
			}
		}
		expect(found).toEqual([]);
	});

	test('a code is shown in the screen’s language with its parameters; an unknown one never as raw SQL', () => {
		expect(
			errorText('th', 'round_code_taken', { value: 'bang-rak-2570', suggestion: 'x' })
		).toMatch(/^มีรอบการประเมินรหัส "bang-rak-2570" อยู่แล้ว/);
		expect(errorText('en', 'fiscal_year_buddhist', { year: 2570, gregorian: 2027 })).toBe(
			'Fiscal year 2570 is a Buddhist-era year; rounds store the Gregorian year, 2027.'
		);
		// A sentence from a function not yet converted: the generic text, then its reason.
		expect(errorText('th', 'a round code is 1 to 60 lower-case letters')).toBe(
			`${errors.unknown.th} (a round code is 1 to 60 lower-case letters)`
		);
		expect(errorText('th', 'some_unknown_code')).toBe(errors.unknown.th);
		expect(verdictText('th', 'missing_item', 'Required item E1.1 not answered.')).toBe(
			'ยังไม่ได้ตอบข้อที่ต้องตอบ: E1.1'
		);
		expect(verdictText('en', 'kiosk_too_soon', 'Collected 10 seconds after…')).not.toMatch(
			/kiosk_too_soon|Collected/
		);
	});
});

/**
 * Issue 15: one digit style per language. Every screen writes numbers in Arabic digits
 * (0–9), in Thai as in English — counts, minutes, dates, scores — so no screen may show
 * "๑ ปีที่ผ่านมา" beside "4 นาที". The dictionaries hold no Thai digit, and the framework
 * texts copied from printed forms (which do) are shown through local(), which writes them
 * in Arabic digits. (No screen reproduces a printed form's Thai digits: the printed report
 * numbers its tables "ตารางที่ 3".) tests/e2e/officer.test.ts looks at the rendered
 * survey too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { arabicDigits, formatDay, local } from './index.ts';
import { errors } from './errors.ts';

const thaiDigit = /[\u0E50-\u0E59]/;

/** Every text of a dictionary that holds a Thai digit, as `key: text`. */
function withThaiDigits(name: string, dictionary: Record<string, unknown>): string[] {
	const found: string[] = [];
	const walk = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			if (thaiDigit.test(value)) found.push(`${name} ${key}: ${value}`);
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
		}
	};
	walk(dictionary, '');
	return found;
}

/** Every {th, en?} text of a framework file. */
function frameworkTexts(file: string): { th: string; en?: string }[] {
	const texts: { th: string; en?: string }[] = [];
	const walk = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (value && typeof value === 'object') {
			const o = value as Record<string, unknown>;
			if (typeof o.th === 'string') texts.push(o as { th: string; en?: string });
			Object.values(o).forEach(walk);
		}
	};
	walk(
		JSON.parse(
			readFileSync(new URL(`../../../supabase/seed/frameworks/${file}`, import.meta.url), 'utf8')
		)
	);
	return texts;
}

describe('one digit style per language', () => {
	test("no screen's dictionary writes a Thai digit: the phone's, the kiosk's, the status page's, the officers', the results' and the report's", async () => {
		const dictionaries: Record<string, Record<string, unknown>> = {
			th: (await import('./th.ts')).th,
			thLater: (await import('./th-later.ts')).thLater,
			thIit: (await import('./th-iit.ts')).thIit,
			en: (await import('./en.ts')).en,
			status: {
				...(await import('./status.ts')).statusTh,
				...(await import('./status.ts')).statusEn
			},
			pages: { ...(await import('./pages.ts')).pagesTh, ...(await import('./pages.ts')).pagesEn },
			notFound: {
				...(await import('./not-found.ts')).notFoundTh,
				...(await import('./not-found.ts')).notFoundEn
			},
			kiosk: {
				...(await import('../kiosk/i18n.ts')).kioskTh,
				...(await import('../kiosk/i18n.ts')).kioskEn
			},
			admin: {
				...(await import('../admin/i18n.ts')).adminTh,
				...(await import('../admin/i18n.ts')).adminEn
			},
			results: {
				...(await import('../results/i18n.ts')).resultsTh,
				...(await import('../results/i18n.ts')).resultsEn
			},
			report: {
				...(await import('../results/report/i18n.ts')).reportTh,
				...(await import('../results/report/i18n.ts')).reportEn
			},
			errors
		};
		const found = Object.entries(dictionaries).flatMap(([name, d]) => withThaiDigits(name, d));
		expect(found).toEqual([]);
	});

	test('framework texts copied from printed forms are shown with Arabic digits', () => {
		for (const file of ['bma-2567.json', 'nacc-2565.json']) {
			const texts = frameworkTexts(file);
			// The forms do write Thai digits ("๓๑ - ๔๐ ปี"): this is what is being tested.
			expect(
				texts.some((t) => thaiDigit.test(t.th)),
				file
			).toBe(true);
			for (const lang of ['th', 'en'] as const) {
				const shown = texts.map((t) => local(t, lang)).filter((s) => thaiDigit.test(s));
				expect(shown, `${file} ${lang}`).toEqual([]);
			}
		}
		expect(local({ th: 'ในระยะเวลา ๑ ปีที่ผ่านมา', en: 'In the past year' }, 'th')).toBe(
			'ในระยะเวลา 1 ปีที่ผ่านมา'
		);
		expect(arabicDigits('๓๑ - ๔๐ ปี')).toBe('31 - 40 ปี');
	});

	test('dates and numbers formatted for Thai use Arabic digits too', () => {
		expect(formatDay('2026-11-22', 'th')).toBe('22 พฤศจิกายน 2569');
		expect((12345.5).toLocaleString('th-TH')).toBe('12,345.5');
		expect(
			new Date('2026-12-06T06:46:00Z').toLocaleString('th-TH', { timeZone: 'Asia/Bangkok' })
		).not.toMatch(thaiDigit);
	});
});

import { describe, expect, test } from 'vitest';
import { buddhistYear, formatDay, t } from './index.ts';

describe('dates and years as a Thai reader expects them', () => {
	test('fiscal years are shown in the Buddhist era', () => {
		expect(buddhistYear(2024)).toBe(2567);
		expect(t('th', 'home.rounds.fiscalYear', { year: buddhistYear(2025) })).toBe(
			'ปีงบประมาณ พ.ศ. 2568'
		);
	});

	test('a day reads with its Buddhist-era year in Thai and in English', () => {
		expect(formatDay('2026-11-22', 'th')).toBe('22 พฤศจิกายน 2569');
		expect(formatDay('2026-11-22', 'en')).toContain('2569');
	});
});

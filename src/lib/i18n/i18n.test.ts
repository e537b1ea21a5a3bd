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

describe('each screen carries only its own words', () => {
	test("a phone's survey dictionary holds no kiosk, status-page or officers' words", async () => {
		const { th } = await import('./th.ts');
		const foreign = Object.keys(th).filter(
			(k) =>
				/^(kiosk|admin|results|report)\./.test(k) ||
				(k.startsWith('status.') && k !== 'status.link')
		);
		expect(foreign).toEqual([]);
	});

	test('every audience has English for each of its Thai texts, with the same placeholders', async () => {
		const { th } = await import('./th.ts');
		const { thLater } = await import('./th-later.ts');
		const { thIit } = await import('./th-iit.ts');
		const { en } = await import('./en.ts');
		const { statusTh, statusEn } = await import('./status.ts');
		const { kioskTh, kioskEn } = await import('../kiosk/i18n.ts');
		const holes = (a: Record<string, string>, b: Record<string, string>) =>
			Object.keys(a).filter(
				(k) =>
					!(k in b) ||
					JSON.stringify(a[k].match(/\{\w+\}/g)?.sort()) !==
						JSON.stringify(b[k].match(/\{\w+\}/g)?.sort())
			);
		expect(Object.keys(th).filter((k) => k in thLater || k in thIit)).toEqual([]);
		expect(holes({ ...th, ...thLater, ...thIit }, en)).toEqual([]);
		expect(holes(en, { ...th, ...thLater, ...thIit })).toEqual([]);
		expect(holes(statusTh, statusEn)).toEqual([]);
		expect(holes(kioskTh, kioskEn)).toEqual([]);
		const { homeTh, homeEn } = await import('./home.ts');
		expect(holes(homeTh, homeEn)).toEqual([]);
		expect(holes(homeEn, homeTh)).toEqual([]);
	});

	test("the pages every first screen carries (the root error page's) hold none of the home page's long texts", async () => {
		const { pagesTh } = await import('./pages.ts');
		expect(Object.keys(pagesTh).filter((k) => k.startsWith('home.'))).toEqual([]);
	});

	test("an audience's t knows its own words and the shared ones", async () => {
		const kiosk = await import('../kiosk/i18n.ts');
		const status = await import('./status.ts');
		expect(kiosk.t('th', 'kiosk.pin.wrong', { n: 2 })).toBe('รหัส PIN ไม่ถูกต้อง ใส่ได้อีก 2 ครั้ง');
		expect(kiosk.t('en', 'status.queued')).toBe(status.statusEn['status.queued']);
		expect(status.t('th', 'app.lang.switch')).toBe('English');
	});
});

describe('the first screen and the screens after it', () => {
	test("the first screen's Thai holds none of the later screens' words, which come with them", async () => {
		const { th } = await import('./th.ts');
		expect(
			Object.keys(th).filter((k) => /^survey\.(about|question|review|thanks|answered)\./.test(k))
		).toEqual([]);
		const { thLater } = await import('./th-later.ts');
		const { addTexts } = await import('./index.ts');
		addTexts('th', thLater);
		expect(t('th', 'survey.review.send')).toBe('ส่งคำตอบ');
		expect(t('th', 'survey.question.missing', { items: '2.' })).toBe('ยังไม่ได้ตอบ: 2.');
	});
});

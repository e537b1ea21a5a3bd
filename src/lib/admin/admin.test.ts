/**
 * The officers' screens' pure rules: what their forms accept, the links the QR codes
 * carry, and the texts in both languages.
 */
import { describe, expect, test } from 'vitest';
import {
	changedOitRows,
	evidenceUrl,
	FieldProblem,
	fiscalYearFromBuddhist,
	fiscalYearOf,
	FieldProblems,
	oitScore,
	optionalCount
} from './forms.ts';
import { adminEn, adminTh, at } from './i18n.ts';
import { eitLink, iitLink, lineShareUrl, qrFileName } from './links.ts';
import { refusalTitle } from './problems.ts';

function problem(work: () => unknown): { field: string; key: string; params: object } {
	try {
		work();
	} catch (error) {
		if (error instanceof FieldProblem) {
			return { field: error.field, key: error.key, params: error.params };
		}
		throw error;
	}
	throw new Error('expected a FieldProblem');
}

describe('round forms', () => {
	test('a fiscal year is typed in the Buddhist era and stored Gregorian', () => {
		expect(fiscalYearFromBuddhist('2570')).toBe(2027);
		expect(fiscalYearFromBuddhist(' ๒๕๖๘ ')).toBe(2025);
		// A Gregorian year is not shifted silently: the officer is told which year to type.
		expect(problem(() => fiscalYearFromBuddhist('2027'))).toEqual({
			field: 'fiscalYear',
			key: 'admin.round.yearGregorian',
			params: { ce: 2027, be: 2570 }
		});
		expect(problem(() => fiscalYearFromBuddhist('')).key).toBe('admin.round.yearMissing');
		expect(problem(() => fiscalYearFromBuddhist('25x0')).key).toBe('admin.round.yearInvalid');
		expect(problem(() => fiscalYearFromBuddhist('3000')).key).toBe('admin.round.yearInvalid');
	});

	test('the fiscal year of a day starts on 1 October', () => {
		expect(fiscalYearOf('2026-09-30')).toBe(2026);
		expect(fiscalYearOf('2026-10-01')).toBe(2027);
		expect(fiscalYearOf('2026-11-22')).toBe(2027);
	});

	test('counts are whole numbers, Thai digits and thousands separators welcome', () => {
		const form = new FormData();
		form.set('minIit', '๔๐๐');
		form.set('targetStaff', '1,250');
		form.set('minEit', '');
		form.set('bad', '12.5');
		expect(optionalCount(form, 'minIit')).toBe(400);
		expect(optionalCount(form, 'targetStaff')).toBe(1250);
		expect(optionalCount(form, 'minEit')).toBeNull();
		expect(problem(() => optionalCount(form, 'bad')).key).toBe('admin.form.wholeNumber');
	});

	test('OIT scores and evidence are checked with the item named', () => {
		expect(oitScore('87,5', 'score-O1', 'O1')).toBe(87.5);
		expect(oitScore('', 'score-O1', 'O1')).toBeNull();
		expect(problem(() => oitScore('100.5', 'score-O1', 'O1'))).toEqual({
			field: 'score-O1',
			key: 'admin.oit.scoreInvalid',
			params: { item: 'O1' }
		});
		expect(problem(() => oitScore('1.234', 'score-O2', 'O2')).key).toBe('admin.oit.scoreInvalid');
		expect(evidenceUrl(' https://bangrak.go.th/ita/o1 ', 'url-O1', 'O1')).toBe(
			'https://bangrak.go.th/ita/o1'
		);
		expect(problem(() => evidenceUrl('bangrak.go.th/o1', 'url-O1', 'O1')).params).toEqual({
			item: 'O1'
		});
	});

	test('the OIT table sends only the rows that changed; an emptied cell removes what was saved', () => {
		const saved = [
			{ question: 'O1', score: 100, evidenceUrl: 'https://bangrak.go.th/o1' },
			{ question: 'O2', score: 50, evidenceUrl: null },
			{ question: 'O3', score: null, evidenceUrl: null }
		];
		const form = new FormData();
		form.set('score-O1', '100');
		form.set('url-O1', 'https://bangrak.go.th/o1');
		form.set('score-O2', '');
		form.set('score-O3', '75');
		form.set('url-O3', ' https://bangrak.go.th/o3 ');
		expect(changedOitRows(form, saved)).toEqual([
			{ question: 'O2', score: null, evidenceUrl: null },
			{ question: 'O3', score: 75, evidenceUrl: 'https://bangrak.go.th/o3' }
		]);
		form.set('score-O3', 'เจ็ดสิบ');
		form.set('score-O1', '101');
		// Every bad cell at once (issue 15), each named by its field.
		let fields: string[] = [];
		try {
			changedOitRows(form, saved);
		} catch (error) {
			if (!(error instanceof FieldProblems)) throw error;
			fields = error.issues.map((i) => i.field ?? '');
		}
		expect(fields.sort()).toEqual(['score-O1', 'score-O3']);
	});
});

describe('links', () => {
	test('a counter’s EIT link and the staff IIT link, the access code only when asked', () => {
		const origin = 'http://192.168.1.20:3000';
		expect(eitLink(origin, 'bang-rak-2570', 'registration-1')).toBe(
			'http://192.168.1.20:3000/r/bang-rak-2570?sp=registration-1'
		);
		expect(iitLink(origin, 'bang-rak-2570')).toBe('http://192.168.1.20:3000/r/bang-rak-2570/iit');
		expect(iitLink(origin, 'bang-rak-2570', 'staff 2570&x')).toBe(
			'http://192.168.1.20:3000/r/bang-rak-2570/iit?code=staff+2570%26x'
		);
		expect(qrFileName('bang-rak-2570', 'registration-1', 'png')).toBe(
			'qr-bang-rak-2570-registration-1.png'
		);
	});

	test('LINE’s share screen gets the link and the Thai message', () => {
		const share = new URL(lineShareUrl('http://x.th/r/a/iit', 'ขอเชิญบุคลากรตอบแบบวัด'));
		expect(share.origin + share.pathname).toBe('https://social-plus.line.me/lineit/share');
		expect(share.searchParams.get('url')).toBe('http://x.th/r/a/iit');
		expect(share.searchParams.get('text')).toBe('ขอเชิญบุคลากรตอบแบบวัด');
	});
});

describe('texts', () => {
	test('every text has the same placeholders in Thai and in English', () => {
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(adminTh) as (keyof typeof adminTh)[]) {
			expect(placeholders(adminEn[key]), key).toEqual(placeholders(adminTh[key]));
		}
	});

	test('posters and LINE messages are Thai whatever the screen’s language', () => {
		for (const key of Object.keys(adminTh) as (keyof typeof adminTh)[]) {
			if (key.startsWith('admin.poster.') || key.startsWith('admin.line.')) {
				expect(adminEn[key], key).toBe(adminTh[key]);
			}
		}
		expect(at('en', 'admin.round.yearGregorian', { ce: 2027, be: 2570 })).toBe(
			'2027 is a Gregorian year: enter the Buddhist-era year (2570).'
		);
	});

	test('a database refusal is titled by its kind', () => {
		expect(at('th', refusalTitle('23505'))).toBe('รหัสนี้มีอยู่แล้ว');
		expect(at('en', refusalTitle('PT404'))).toBe('Not found, or not yours to manage');
		expect(refusalTitle('XX000')).toBe('admin.error.other');
	});
});

/** The officers' side of trustworthy counts: forms, the IIT minimum sample, slips, review picks. */
import { describe, expect, test } from 'vitest';
import { FieldProblem } from './forms.ts';
import {
	answerShares,
	groupKey,
	iitMinimumSample,
	pickedIds,
	refilledTrust,
	sheets,
	slipCount,
	slipLink,
	suggestedSlips,
	trustFormValues,
	trustIssues,
	trustSettingsFromForm,
	type TrustSettings
} from './trust.ts';
import type { Problem } from './problems.ts';
import { heldReasonText, trt } from './trust-i18n.ts';

const settings: TrustSettings = {
	round: 'bang-rak-2570',
	iitCodes: 'single',
	allowRepeat: true,
	deviceLimit: 5,
	addressLimit: 30,
	secondsPerQuestion: 2,
	eligibleStaff: 500,
	iitMinimumSample: 218,
	minIit: 218,
	servicePoints: [
		{ code: 'registration', name: { th: 'ฝ่ายทะเบียน' }, addressLimit: 120 },
		{ code: 'revenue', name: { th: 'ฝ่ายรายได้' }, addressLimit: null }
	],
	codes: { issued: 100, used: 40 }
};

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [k, v] of entries) form.append(k, v);
	return form;
}

describe('the trust settings form', () => {
	test('filled from the saved settings; an empty service point limit means the round’s', () => {
		const values = trustFormValues(settings);
		expect(values).toEqual({
			iitCodes: 'single',
			eligibleStaff: '500',
			deviceLimit: '5',
			addressLimit: '30',
			secondsPerQuestion: '2',
			pointLimits: { registration: '120', revenue: '' }
		});
	});

	test('sent as set_round_trust_settings takes it, Thai digits and thousands commas read', () => {
		const form = formOf([
			['iitCodes', 'shared'],
			['eligibleStaff', '1,250'],
			['deviceLimit', '๓'],
			['addressLimit', '60'],
			['secondsPerQuestion', '1,5'],
			['pointLimit-registration', '200'],
			['pointLimit-revenue', '']
		]);
		expect(trustSettingsFromForm(form, ['registration', 'revenue'])).toEqual({
			iitCodes: 'shared',
			eligibleStaff: 1250,
			deviceLimit: 3,
			addressLimit: 60,
			secondsPerQuestion: 1.5,
			servicePoints: { registration: 200, revenue: null }
		});
	});

	test('a limit left empty or not a number is sent as typed, for the database to name with the rest', () => {
		const form = formOf([
			['deviceLimit', ''],
			['addressLimit', 'many'],
			['secondsPerQuestion', '2.25'],
			['pointLimit-registration', 'ten']
		]);
		expect(trustSettingsFromForm(form, ['registration'])).toEqual({
			deviceLimit: null,
			addressLimit: 'many',
			secondsPerQuestion: 2.25,
			servicePoints: { registration: 'ten' }
		});
	});

	test('the database’s refusal: every problem on its form field, in the order of the page', () => {
		const problem: Problem = {
			form: 'saveTrust',
			sql: {
				code: '22023',
				message: 'trust_settings_invalid',
				hint: null,
				detail: {
					problems: [
						{ field: 'servicePoints.counter-1', code: 'service_point_limit_invalid' },
						{ field: 'addressLimit', code: 'address_limit_invalid' },
						{ field: 'deviceLimit', code: 'device_limit_invalid' }
					]
				}
			}
		};
		expect(trustIssues(problem, ['counter-1']).map((i) => [i.field, i.code])).toEqual([
			['deviceLimit', 'device_limit_invalid'],
			['addressLimit', 'address_limit_invalid'],
			['pointLimit-counter-1', 'service_point_limit_invalid']
		]);
		expect(trustIssues(undefined, [])).toEqual([]);
	});

	test('after a refusal, what was typed comes back', () => {
		const back = refilledTrust(
			{ iitCodes: 'shared', addressLimit: '99999', 'pointLimit-revenue': '45' },
			trustFormValues(settings)
		);
		expect(back.iitCodes).toBe('shared');
		expect(back.addressLimit).toBe('99999');
		expect(back.deviceLimit).toBe('5');
		expect(back.pointLimits).toEqual({ registration: '120', revenue: '45' });
	});
});

describe('the IIT minimum sample', () => {
	test('Krejcie & Morgan at 95 % and ±5 %, as the database computes it', () => {
		expect(iitMinimumSample(100)).toBe(80);
		expect(iitMinimumSample(500)).toBe(218);
		expect(iitMinimumSample(1000)).toBe(278);
		expect(iitMinimumSample(8)).toBe(8);
	});

	test('slips suggested: what the target still needs beyond the codes issued', () => {
		expect(suggestedSlips(settings)).toBe(118);
		expect(suggestedSlips({ ...settings, codes: { issued: 300, used: 0 } })).toBe(1);
		expect(
			suggestedSlips({ minIit: null, iitMinimumSample: null, codes: { issued: 0, used: 0 } })
		).toBe(1);
	});
});

describe('slips', () => {
	test('the QR link carries the one-time code; ten slips to an A4 sheet', () => {
		expect(slipLink('https://ita.bangrak.go.th', 'bang-rak-2570', 'ABCDE-FGH23')).toBe(
			'https://ita.bangrak.go.th/r/bang-rak-2570/iit?code=ABCDE-FGH23'
		);
		const pages = sheets(Array.from({ length: 23 }, (_, i) => i));
		expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
	});

	test('how many: 1 to 1,000', () => {
		expect(slipCount(formOf([['count', '๒๐']]))).toBe(20);
		expect(() => slipCount(formOf([['count', '0']]))).toThrow(FieldProblem);
		expect(() => slipCount(formOf([['count', '1001']]))).toThrow(FieldProblem);
		expect(() => slipCount(formOf([]))).toThrow(FieldProblem);
	});
});

describe('the review', () => {
	const a = '6f0c6a8e-5a3b-4c0e-9d6a-0c3f1f2b7a11';
	const b = '7f0c6a8e-5a3b-4c0e-9d6a-0c3f1f2b7a12';
	const c = '8f0c6a8e-5a3b-4c0e-9d6a-0c3f1f2b7a13';

	test('picks single answers and whole groups, each once; anything else is dropped', () => {
		const form = formOf([
			['id', a],
			['group', `${a},${b}`],
			['group', `${c.toUpperCase()}`],
			['id', "1'; drop table responses; --"]
		]);
		expect(pickedIds(form).sort()).toEqual([a, b, c].sort());
		expect(pickedIds(formOf([]))).toEqual([]);
	});

	test('an answer pattern reads as shares, largest first', () => {
		expect(answerShares({ '1': 0, '2': 1, '3': 1, '4': 18 })).toEqual([
			{ code: '4', n: 18, percent: 90 },
			{ code: '2', n: 1, percent: 5 },
			{ code: '3', n: 1, percent: 5 }
		]);
	});

	test('a group’s key is the same whatever order its reasons come in', () => {
		const g = {
			day: '2026-12-06',
			instrument: 'eit' as const,
			channel: 'qr',
			servicePoint: { code: 'registration', name: { th: 'ฝ่ายทะเบียน' } }
		};
		expect(groupKey({ ...g, reasons: ['too_fast', 'address_limit'] })).toBe(
			groupKey({ ...g, reasons: ['address_limit', 'too_fast'] })
		);
		expect(groupKey({ ...g, reasons: ['too_fast'] })).toMatch(/^[a-z0-9_-]+$/i);
	});

	test('reasons in Thai and English; an unknown one as its code', () => {
		expect(heldReasonText('th', 'address_limit')).toMatch(/10 นาที/);
		expect(heldReasonText('en', 'device_limit')).toMatch(/device/);
		expect(heldReasonText('th', 'new_rule')).toBe('new_rule');
		expect(trt('th', 'held.badge', { n: 3 })).toBe('รอตรวจสอบ 3 รายการ');
		expect(trt('en', 'held.badge', { n: 3 })).toBe('3 held for review');
	});
});

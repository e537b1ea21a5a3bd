import { describe, expect, test } from 'vitest';
import { FieldProblem } from './forms.ts';
import { enrolmentLink, kioskSettings } from './kiosks.ts';

const form = (values: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.set(k, v);
	return f;
};

describe('the add-a-kiosk form', () => {
	test('defaults to 20 s between answers and 60 s idle; Thai digits are read', () => {
		expect(kioskSettings(form({ name: ' Door ', pin: '2468' }))).toEqual({
			name: 'Door',
			pin: '2468',
			min_interval_seconds: 20,
			idle_seconds: 60
		});
		expect(kioskSettings(form({ name: 'x', pin: '1234', minInterval: '๓๐', idle: '90' }))).toEqual(
			expect.objectContaining({ min_interval_seconds: 30, idle_seconds: 90 })
		);
	});

	test('a PIN that is not 4–8 digits is named at its field', () => {
		expect(() => kioskSettings(form({ name: 'x', pin: '12a4' }))).toThrow(FieldProblem);
	});

	test('the enrolment QR code opens the kiosk with the code filled in', () => {
		expect(enrolmentLink('http://192.168.1.5:3000', 'ABCD-EF23')).toBe(
			'http://192.168.1.5:3000/kiosk?code=ABCD-EF23'
		);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FrameworkSchema } from '../ita/framework.ts';
import { emptyDraft } from '../survey/flow.ts';
import { surveyDefinition, type RoundQuestionnaire } from '../survey/questionnaire.ts';
import { kioskDefinition, kioskResponse } from './response.ts';

const questionnaire: RoundQuestionnaire = {
	round: {
		code: 'demo-bma-2567',
		fiscalYear: 2024,
		opensOn: '2026-11-01',
		closesOn: '2027-01-31',
		open: true,
		iitAccessCode: false,
		allowRepeat: true
	},
	agency: { code: 'demo', name: { th: 'สำนักงานเขตตัวอย่าง' } },
	sections: [{ code: 'registration', name: { th: 'ฝ่ายทะเบียน' }, kind: 'section' }],
	servicePoint: null,
	framework: FrameworkSchema.parse(
		JSON.parse(readFileSync('supabase/seed/frameworks/bma-2567.json', 'utf8'))
	)
};
const eit = kioskDefinition(surveyDefinition(questionnaire, 'eit'));

describe("a kiosk's survey", () => {
	test('asks first which section the visitor contacted', () => {
		expect(eit.demographics[0].source).toBe('section');
		expect(eit.demographics[0].options[0].code).toBe('registration');
	});

	test("a response carries the channel, the device key and the tablet's time, and the Thai day", () => {
		// 23:30 UTC is already the next day in Bangkok.
		const now = Date.UTC(2026, 10, 21, 23, 30);
		const r = kioskResponse(
			eit,
			{ ...emptyDraft(), answers: { 'E1.1': 4 } },
			{ id: 'a1', now, deviceKey: 'k'.repeat(64) }
		);
		expect(r).toMatchObject({
			id: 'a1',
			round: 'demo-bma-2567',
			instrument: 'eit',
			channel: 'kiosk',
			kioskKey: 'k'.repeat(64),
			collectedAt: '2026-11-21T23:30:00.000Z',
			collectedOn: '2026-11-22',
			answers: { 'E1.1': 4 }
		});
		expect(r).not.toHaveProperty('servicePoint');
	});
});

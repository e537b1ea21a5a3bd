import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FrameworkSchema } from '../ita/framework.ts';
import { buildResponse, firstIncomplete } from './finish.ts';
import { emptyDraft, missing, steps, type Draft } from './flow.ts';
import { surveyDefinition, type RoundQuestionnaire } from './questionnaire.ts';

const framework = (id: string) =>
	FrameworkSchema.parse(JSON.parse(readFileSync(`supabase/seed/frameworks/${id}.json`, 'utf8')));

function questionnaire(id: string, extra: Partial<RoundQuestionnaire> = {}): RoundQuestionnaire {
	return {
		round: {
			code: 'demo',
			fiscalYear: 2025,
			opensOn: '2026-11-01',
			closesOn: '2027-01-31',
			open: true,
			iitAccessCode: true,
			allowRepeat: true
		},
		agency: { code: 'demo', name: { th: 'สำนักงานเขตตัวอย่าง' } },
		sections: [],
		servicePoint: null,
		framework: framework(id),
		...extra
	};
}

const bmaEit = surveyDefinition(questionnaire('bma-2567'), 'eit');

describe('the survey flow', () => {
	test('intro, background questions, one screen per question, then review', () => {
		const kinds = steps(bmaEit).map((s) => (s.kind === 'question' ? s.question.id : s.kind));
		expect(kinds).toEqual(['intro', 'about', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'review']);
	});

	test('a required item left blank blocks "next" and is named', () => {
		const nacc = surveyDefinition(questionnaire('nacc-2565'), 'eit');
		const e1 = steps(nacc).find((s) => s.kind === 'question')!;
		const draft: Draft = { ...emptyDraft(), answers: { 'e1.1': 4 } };
		const blocking = missing(nacc, e1, draft);
		expect(blocking).toHaveLength(1);
		expect(blocking[0]).toMatchObject({ kind: 'item', key: 'e1.2', position: 2 });
	});

	test("E3 first asks which service was used, then shows that service's statement", () => {
		const e3 = steps(bmaEit).find((s) => s.kind === 'question' && s.question.id === 'E3')!;
		expect(missing(bmaEit, e3, emptyDraft())).toEqual([{ kind: 'variant', question: 'E3' }]);
		const draft: Draft = { ...emptyDraft(), variants: { E3: 'registration' } };
		expect(missing(bmaEit, e3, draft)).toMatchObject([{ kind: 'item', key: 'E3.1' }]);
	});

	test('staff cannot start the IIT without the access code when the round asks for one', () => {
		const iit = surveyDefinition(questionnaire('bma-2567'), 'iit');
		expect(missing(iit, { kind: 'intro' }, emptyDraft())).toEqual([{ kind: 'accessCode' }]);
		expect(missing(iit, { kind: 'intro' }, { ...emptyDraft(), accessCode: 'x1y2' })).toEqual([]);
	});

	test('the finished response: the day only, the counter, the chosen service, nothing else', () => {
		const def = surveyDefinition(
			questionnaire('bma-2567', {
				servicePoint: { code: 'registration-1', name: { th: 'ช่อง 1' } }
			}),
			'eit'
		);
		const answers = { 'E1.1': 4, 'E2.1': 3, 'E3.1': 1, 'E4.1': 4, 'E5.1': 4, 'E6.1': 2 };
		const draft: Draft = {
			...emptyDraft(),
			answers,
			variants: { E3: 'permit' },
			demographics: { sex: 'female', occupation: { code: 'other', text: '' } },
			accessCode: 'ignored for EIT'
		};
		expect(firstIncomplete(def, draft)).toBeNull();
		const r = buildResponse(def, draft, { id: 'id-1', today: '2026-11-22', channel: 'link' });
		expect(r).toEqual({
			id: 'id-1',
			round: 'demo',
			instrument: 'eit',
			channel: 'qr',
			servicePoint: 'registration-1',
			collectedOn: '2026-11-22',
			answers,
			// "Other" with nothing typed is sent as plain "other".
			demographics: { sex: 'female', occupation: 'other' },
			variants: { E3: 'permit' }
		});
	});

	test("the section question lists the agency's own sections first", () => {
		const def = surveyDefinition(
			questionnaire('nacc-2565', {
				sections: [{ code: 'tax-desk', name: { th: 'งานภาษีป้าย' }, kind: 'section' }]
			}),
			'eit'
		);
		const section = def.demographics.find((d) => d.id === 'section')!;
		expect(section.options[0]).toEqual({ code: 'tax-desk', label: { th: 'งานภาษีป้าย' } });
		expect(section.options.map((o) => o.code)).toContain('school');
	});
});

describe('issue 15: on a kiosk the background questions come last', () => {
	test('aboutLast puts the about screen after the questions, before the review', () => {
		const kinds = steps(bmaEit, { aboutLast: true }).map((s) => s.kind);
		expect(kinds[0]).toBe('intro');
		expect(kinds[1]).toBe('question');
		expect(kinds.at(-2)).toBe('about');
		expect(kinds.at(-1)).toBe('review');
	});
});

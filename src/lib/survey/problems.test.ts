import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { addTexts } from '../i18n/index.ts';
import { thLater } from '../i18n/th-later.ts';
import { FrameworkSchema } from '../ita/framework.ts';
import { answerKey, emptyDraft, missing, steps } from './flow.ts';
import { problemMessage } from './problems.ts';
import { surveyDefinition } from './questionnaire.ts';

// A question's problems are shown on the question screens, whose Thai words come with them
// (components/steps.ts adds them): as the app has them there.
addTexts('th', thLater);

const nacc = FrameworkSchema.parse(
	JSON.parse(readFileSync('supabase/seed/frameworks/nacc-2565.json', 'utf8'))
);
const def = surveyDefinition(
	{
		round: {
			code: 'demo',
			fiscalYear: 2022,
			opensOn: '2026-11-01',
			closesOn: '2027-01-31',
			open: true,
			iitAccessCode: false,
			allowRepeat: true
		},
		agency: { code: 'demo', name: { th: 'สำนักงานเขตตัวอย่าง' } },
		sections: [],
		servicePoint: null,
		framework: nacc
	},
	'eit'
);

test('the unanswered items are named by their number on the screen, in Thai', () => {
	const e1 = steps(def).find((s) => s.kind === 'question')!;
	const draft = { ...emptyDraft(), answers: { 'e1.1': 4 } };
	const message = problemMessage(def, missing(def, e1, draft), 'th');
	expect(message).toMatch(/^ยังไม่ได้ตอบ: 2\. /);
	expect(message).not.toContain('1. ');
});

test('nothing missing, nothing said', () => {
	const e1 = steps(def).find((s) => s.kind === 'question')!;
	const q = e1.kind === 'question' ? e1.question : null;
	const answers = Object.fromEntries((q?.items ?? []).map((item) => [answerKey(q!, item), 4]));
	expect(problemMessage(def, missing(def, e1, { ...emptyDraft(), answers }), 'th')).toBe('');
});

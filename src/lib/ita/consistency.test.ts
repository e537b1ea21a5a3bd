import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { frameworkProblems } from './consistency.ts';
import { FrameworkSchema, type Framework } from './framework.ts';

const load = (id: string): Framework =>
	FrameworkSchema.parse(JSON.parse(readFileSync(`supabase/seed/frameworks/${id}.json`, 'utf8')));

describe('framework files', () => {
	test.each(['nacc-2565', 'bma-2567'])('%s is valid and consistent', (id) => {
		expect(frameworkProblems(load(id))).toEqual([]);
	});

	test('nacc-2565 has the questionnaire of seed 000: i1–i30, e1–e15, o1–o43', () => {
		const f = load('nacc-2565');
		const ids = (instrument: string) =>
			f.instruments
				.find((i) => i.id === instrument)!
				.indicators.flatMap((i) => [
					...(i.questions ?? []),
					...(i.subIndicators ?? []).flatMap((s) => s.questions)
				])
				.map((q) => q.id);
		expect(ids('iit')).toEqual(Array.from({ length: 30 }, (_, i) => `i${i + 1}`));
		expect(ids('eit')).toEqual(Array.from({ length: 15 }, (_, i) => `e${i + 1}`));
		expect(ids('oit')).toEqual(Array.from({ length: 43 }, (_, i) => `o${i + 1}`));
	});

	test('bma-2567 lets the EIT respondent answer E3 for the service they used', () => {
		const f = load('bma-2567');
		const e3 = f.instruments[1].indicators[0].questions!.find((q) => q.id === 'E3');
		expect(e3 && 'variants' in e3 && e3.variants!.map((v) => v.label.th)).toContain('งานทะเบียน');
	});
});

describe("a new year's file with mistakes is refused with what is wrong", () => {
	test('points that do not add up to the weights', () => {
		const f = load('bma-2567');
		f.scoring.weights = { iit: 30, eit: 35, oit: 35 };
		expect(frameworkProblems(f)).toEqual([
			'EIT questions carry 30 points, its weight is 35',
			'OIT questions carry 40 points, its weight is 35'
		]);
	});

	test('a question id used twice and a group listing a stranger', () => {
		const f = load('nacc-2565');
		const iit = f.instruments[0].indicators[0].questions!;
		iit[1] = { ...iit[1], id: 'i1' };
		f.instruments[2].indicators[0].subIndicators![0].groups![0].questions.push('o40');
		const problems = frameworkProblems(f);
		expect(problems).toContain('question i1 appears more than once');
		expect(problems).toContain('group 9.1.1 lists o40, not a question of 9.1');
	});

	test('levels out of order, and an unknown scale', () => {
		const f = load('nacc-2565');
		f.levels.reverse();
		(f.instruments[1].indicators[0].questions![0] as { scale: string }).scale = 'five-level';
		const problems = frameworkProblems(f);
		expect(problems).toContain('levels must go from the best down');
		expect(problems).toContain('e1 uses scale five-level, which "scales" lacks');
	});
});

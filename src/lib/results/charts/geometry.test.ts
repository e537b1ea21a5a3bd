import { describe, expect, test } from 'vitest';
import {
	barLength,
	labelEvery,
	niceMax,
	radarLabel,
	radarPoint,
	stackColumns,
	stackSegments
} from './geometry.ts';
import { fillFor } from './palette.ts';

describe('stacked bar', () => {
	test('the parts fill the bar in order even when the rounded percentages add up to 100.01', () => {
		const s = stackSegments([0.25, 0, 0.74, 99.02], 400);
		expect(s.map((p) => p.index)).toEqual([0, 2, 3]);
		const last = s[s.length - 1];
		expect(last.x + last.width).toBeCloseTo(400, 6);
		expect(s[1].x).toBeCloseTo(s[0].width, 6);
	});

	test('a part too narrow for its number prints it in the legend instead', () => {
		const [small, big] = stackSegments([5, 95], 400, 36);
		expect(small.labelInside).toBe(false);
		expect(big.labelInside).toBe(true);
	});

	test('nothing to draw when there is no answer', () => {
		expect(stackSegments([null, 0], 400)).toEqual([]);
	});
});

describe('bars and axes', () => {
	test('a bar is clamped to its scale', () => {
		expect(barLength(200, 400, 300)).toBe(150);
		expect(barLength(500, 400, 300)).toBe(300);
		expect(barLength(null, 400, 300)).toBe(0);
	});

	test('axis tops are round numbers above the highest value', () => {
		expect([niceMax(0), niceMax(7), niceMax(358), niceMax(400), niceMax(401)]).toEqual([
			1, 10, 500, 500, 500
		]);
		expect(niceMax(150)).toBe(200);
	});
});

describe('radar', () => {
	test('the first axis points up, the others go clockwise, and 100 reaches the rim', () => {
		expect(radarPoint(0, 4, 100, 100, 100, 200, 200)).toEqual({ x: 200, y: 100 });
		expect(radarPoint(1, 4, 100, 100, 100, 200, 200)).toEqual({ x: 300, y: 200 });
		expect(radarPoint(2, 4, 50, 100, 100, 200, 200)).toEqual({ x: 200, y: 250 });
		expect(radarPoint(3, 4, 0, 100, 100, 200, 200)).toEqual({ x: 200, y: 200 });
	});

	test('labels on the right start at the rim, on the left end there', () => {
		expect(radarLabel(0, 4, 100, 200, 200).anchor).toBe('middle');
		expect(radarLabel(1, 4, 100, 200, 200).anchor).toBe('start');
		expect(radarLabel(3, 4, 100, 200, 200).anchor).toBe('end');
	});
});

describe('columns', () => {
	test('series stack from the bottom, on a round scale', () => {
		const { columns, max } = stackColumns(
			[
				[2, 3],
				[0, 0],
				[4, 4]
			],
			300,
			100
		);
		expect(max).toBe(10);
		expect(columns[0].parts).toEqual([
			{ y: 80, height: 20, value: 2 },
			{ y: 50, height: 30, value: 3 }
		]);
		expect(columns[2].total).toBe(8);
		expect(columns[1].x).toBeGreaterThan(columns[0].x + columns[0].width);
	});

	test('a long trend labels a few days, always the first and the last', () => {
		const shown = labelEvery(61, 10);
		expect(shown[0]).toBe(0);
		expect(shown[shown.length - 1]).toBe(60);
		expect(shown.length).toBeLessThanOrEqual(11);
		expect(labelEvery(5, 10)).toEqual([0, 1, 2, 3, 4]);
	});
});

test('two options get the lightest and the darkest fill', () => {
	expect(fillFor(0, 2).fill).toBe('#e5ebf5');
	expect(fillFor(1, 2).fill).toBe('#0b3d91');
});

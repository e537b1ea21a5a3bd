/**
 * The arithmetic of the results' charts, apart from the SVG so that it can be tested:
 * where each segment, bar, column and radar point goes for given values. Pure functions;
 * the components in this folder only draw what these return.
 */

/** A part of a 100 % stacked bar: its x and width in the bar's own units. */
export interface Segment {
	index: number;
	x: number;
	width: number;
	/** The value itself (a percentage for answer options). */
	value: number;
	/** Wide enough to print its number inside; otherwise the number goes in the legend only. */
	labelInside: boolean;
}

/**
 * Lays out values side by side over `width`, in proportion to their sum (percentages that
 * add up to 99.99 or 100.01 after rounding still fill the bar exactly). Null or negative
 * values take no room. `minLabel` is the narrowest segment that holds a printed number.
 */
export function stackSegments(
	values: readonly (number | null)[],
	width: number,
	minLabel = 36
): Segment[] {
	const clean = values.map((v) => (v !== null && Number.isFinite(v) && v > 0 ? v : 0));
	const sum = clean.reduce((a, b) => a + b, 0);
	if (sum <= 0) return [];
	const out: Segment[] = [];
	let x = 0;
	clean.forEach((value, index) => {
		if (value === 0) return;
		const w = (value / sum) * width;
		out.push({ index, x, width: w, value, labelInside: w >= minLabel });
		x += w;
	});
	return out;
}

/** The length of a bar for `value` on a scale from 0 to `max` drawn over `width` (clamped). */
export function barLength(value: number | null, max: number, width: number): number {
	if (value === null || !Number.isFinite(value) || max <= 0) return 0;
	return Math.max(0, Math.min(1, value / max)) * width;
}

/**
 * A round upper bound for an axis: the smallest 1, 2 or 5 × 10ⁿ at or above `value`
 * (and at least 1), so that the axis ticks are round numbers.
 */
export function niceMax(value: number): number {
	if (!Number.isFinite(value) || value <= 1) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 5, 10]) {
		if (step * power >= value) return step * power;
	}
	return 10 * power;
}

/** Evenly spaced ticks from 0 to max inclusive (`count` intervals). */
export function ticks(max: number, count = 4): number[] {
	return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

export interface Point {
	x: number;
	y: number;
}

/**
 * The point of axis `index` of `count` on a radar of `radius` around (cx, cy) for
 * `value` out of `max`; the first axis points straight up and the rest go clockwise.
 */
export function radarPoint(
	index: number,
	count: number,
	value: number,
	max: number,
	radius: number,
	cx: number,
	cy: number
): Point {
	const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
	const r = max > 0 ? (Math.max(0, Math.min(value, max)) / max) * radius : 0;
	return { x: round(cx + r * Math.cos(angle)), y: round(cy + r * Math.sin(angle)) };
}

/**
 * The polygon of a radar's values as an SVG `points` attribute. A missing value (a
 * suppressed score) is drawn at the centre so that the shape still closes; the chart
 * says "< 5" at its label.
 */
export function radarPolygon(
	values: readonly (number | null)[],
	max: number,
	radius: number,
	cx: number,
	cy: number
): string {
	return values
		.map((v, i) => radarPoint(i, values.length, v ?? 0, max, radius, cx, cy))
		.map((p) => `${p.x},${p.y}`)
		.join(' ');
}

/** Where an axis label goes (just outside the rim) and how it is anchored. */
export function radarLabel(
	index: number,
	count: number,
	radius: number,
	cx: number,
	cy: number,
	gap = 12
): Point & { anchor: 'start' | 'middle' | 'end' } {
	const p = radarPoint(index, count, 1, 1, radius + gap, cx, cy);
	const dx = p.x - cx;
	const anchor = Math.abs(dx) < radius * 0.15 ? 'middle' : dx > 0 ? 'start' : 'end';
	return { ...p, anchor };
}

export interface Column {
	index: number;
	x: number;
	width: number;
	/** One rectangle per series, bottom first. */
	parts: { y: number; height: number; value: number }[];
	total: number;
}

/**
 * Stacked columns over `width` × `height` (y grows downwards, as in SVG) for each
 * entry's series values; the scale runs from 0 to `max` (default: a round number above
 * the highest total).
 */
export function stackColumns(
	entries: readonly (readonly number[])[],
	width: number,
	height: number,
	max?: number,
	gapRatio = 0.2
): { columns: Column[]; max: number } {
	const totals = entries.map((parts) => parts.reduce((a, b) => a + Math.max(0, b), 0));
	const top = max ?? niceMax(Math.max(0, ...totals));
	const slot = entries.length > 0 ? width / entries.length : 0;
	const w = slot * (1 - gapRatio);
	const columns = entries.map((parts, index) => {
		let y = height;
		const rects = parts.map((value) => {
			const h = (Math.max(0, value) / top) * height;
			y -= h;
			return { y: round(y), height: round(h), value };
		});
		return {
			index,
			x: round(index * slot + (slot - w) / 2),
			width: round(w),
			parts: rects,
			total: totals[index]
		};
	});
	return { columns, max: top };
}

/** Indexes of the labels to print under `count` columns so that no more than `most` show. */
export function labelEvery(count: number, most: number): number[] {
	if (count <= 0) return [];
	const step = Math.max(1, Math.ceil(count / Math.max(1, most)));
	const out: number[] = [];
	for (let i = 0; i < count; i += step) out.push(i);
	if (out[out.length - 1] !== count - 1 && count - 1 - out[out.length - 1] >= step / 2) {
		out.push(count - 1);
	}
	return out;
}

function round(x: number): number {
	return Math.round(x * 100) / 100;
}

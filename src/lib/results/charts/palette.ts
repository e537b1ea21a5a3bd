/**
 * Fills of the charts' parts, light to dark, each with a text colour that keeps AA
 * contrast on it. Sequential blues: they stay distinct as greys on a black-and-white
 * printer, and every part also carries its number in text, so no meaning rests on colour.
 */
export const fills = [
	{ fill: '#e5ebf5', ink: '#111827' },
	{ fill: '#a9bde0', ink: '#111827' },
	{ fill: '#4f74b8', ink: '#ffffff' },
	{ fill: '#0b3d91', ink: '#ffffff' }
] as const;

/** The fill of part `index` of `count`: spread over the palette, the last part darkest. */
export function fillFor(index: number, count: number): { fill: string; ink: string } {
	if (count <= 1) return fills[fills.length - 1];
	const at = Math.round((index * (fills.length - 1)) / (count - 1));
	return fills[Math.max(0, Math.min(fills.length - 1, at))];
}

/**
 * Makes the Sarabun files the app ships (src/lib/styles/fonts/), once, from
 * @fontsource/sarabun's Thai faces: only the glyphs Thai text uses — the Thai block
 * (U+0E01–0E5B: every consonant, vowel, tone mark and Thai digit, since an agency's name or
 * a typed answer may use any of them), the zero-width joiners and the dotted circle that
 * shaping draws under a lone mark — with the layout tables that place Thai marks kept.
 * Latin letters and digits come from the fallback face (fonts.css). Run again after an
 * update of @fontsource/sarabun, and commit the result:
 *
 *   node --import tsx scripts/subset-fonts.ts
 *
 * It prints each file's size and the unicode-range for fonts.css.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const ranges: [number, number][] = [
	[0x0e01, 0x0e3a],
	[0x0e3f, 0x0e5b],
	[0x200c, 0x200d],
	[0x25cc, 0x25cc]
];
const text = ranges
	.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i))
	.map((code) => String.fromCodePoint(code))
	.join('');

for (const weight of [400, 700]) {
	const source = readFileSync(
		require.resolve(`@fontsource/sarabun/files/sarabun-thai-${weight}-normal.woff2`)
	);
	const subset = await subsetFont(source, text, { targetFormat: 'woff2' });
	const target = new URL(`../src/lib/styles/fonts/sarabun-thai-${weight}.woff2`, import.meta.url);
	writeFileSync(target, subset);
	console.log(`sarabun-thai-${weight}.woff2: ${source.length} → ${subset.length} bytes`);
}
const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
console.log(
	'unicode-range:',
	ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ')
);

/**
 * The fallback faces in fonts.css have Sarabun's vertical metrics (once size-adjust has
 * scaled them), read here from the very woff2 files the app ships and from the
 * @fontsource/sarabun files they are made from: if those change, this says so before a
 * phone's text starts to jump when the font arrives.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const TAGS = [
	'cmap',
	'head',
	'hhea',
	'hmtx',
	'maxp',
	'name',
	'OS/2',
	'post',
	'cvt ',
	'fpgm',
	'glyf',
	'loca',
	'prep'
];

/** The `head`, `hhea` and `OS/2` tables of a WOFF2 file (they are never transformed). */
function woff2Tables(file: string): Record<string, Buffer> {
	const buf = readFileSync(file);
	const numTables = buf.readUInt16BE(12);
	const compressed = buf.readUInt32BE(20);
	let p = 48;
	const base128 = () => {
		let value = 0;
		for (let i = 0; i < 5; i++) {
			const byte = buf[p++];
			value = (value << 7) | (byte & 0x7f);
			if (!(byte & 0x80)) break;
		}
		return value;
	};
	const entries: { tag: string; length: number }[] = [];
	for (let i = 0; i < numTables; i++) {
		const flags = buf[p++];
		let tag = TAGS[flags & 0x3f] ?? `#${flags & 0x3f}`;
		if ((flags & 0x3f) === 63) {
			tag = buf.toString('latin1', p, p + 4);
			p += 4;
		}
		const original = base128();
		const version = flags >> 6;
		const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
		entries.push({ tag, length: transformed ? base128() : original });
	}
	const data = brotliDecompressSync(buf.subarray(p, p + compressed));
	const tables: Record<string, Buffer> = {};
	let offset = 0;
	for (const e of entries) {
		tables[e.tag] = data.subarray(offset, offset + e.length);
		offset += e.length;
	}
	return tables;
}

const require = createRequire(import.meta.url);
const css = readFileSync(new URL('./fonts.css', import.meta.url), 'utf8');
const faces = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map((m) => m[1]);
const fallback = (weight: number) =>
	faces.find((f) => f.includes("'Sarabun Fallback'") && f.includes(`font-weight: ${weight};`)) ??
	'';
const percent = (face: string, name: string) =>
	Number(new RegExp(`${name}:\\s*([\\d.]+)%`).exec(face)?.[1]) / 100;

describe("Sarabun's fallback faces", () => {
	for (const weight of [400, 700]) {
		test(`take the room of the Thai ${weight} face: its vertical metrics once size-adjust scales them`, () => {
			for (const file of [
				require.resolve(`@fontsource/sarabun/files/sarabun-thai-${weight}-normal.woff2`),
				fileURLToPath(new URL(`./fonts/sarabun-thai-${weight}.woff2`, import.meta.url))
			]) {
				const tables = woff2Tables(file);
				const unitsPerEm = tables.head.readUInt16BE(18);
				const os2 = tables['OS/2'];
				// USE_TYPO_METRICS: browsers take the typo ascender, descender and line gap.
				expect(os2.readUInt16BE(62) & 0x80).toBe(0x80);
				const face = fallback(weight);
				const scale = percent(face, 'size-adjust');
				expect(scale).toBeGreaterThan(0.95);
				expect(scale).toBeLessThan(1.08);
				expect(percent(face, 'ascent-override') * scale).toBeCloseTo(
					os2.readInt16BE(68) / unitsPerEm,
					4
				);
				expect(percent(face, 'descent-override') * scale).toBeCloseTo(
					-os2.readInt16BE(70) / unitsPerEm,
					4
				);
				expect(percent(face, 'line-gap-override')).toBeCloseTo(os2.readInt16BE(72) / unitsPerEm, 4);
			}
		});
	}

	test('Sarabun swaps in when it arrives (it shows from the first visit) and only its Thai glyphs are bundled', () => {
		expect([...css.matchAll(/font-display:\s*(\w+);/g)].map((m) => m[1])).toEqual(['swap', 'swap']);
		expect([...css.matchAll(/url\('\.\/fonts\/([\w-]+)\.woff2'\)/g)].map((m) => m[1])).toEqual([
			'sarabun-thai-400',
			'sarabun-thai-700'
		]);
		for (const weight of [400, 700]) {
			const subset = statSync(new URL(`./fonts/sarabun-thai-${weight}.woff2`, import.meta.url));
			const source = statSync(
				require.resolve(`@fontsource/sarabun/files/sarabun-thai-${weight}-normal.woff2`)
			);
			expect(subset.size).toBeLessThan(source.size);
		}
	});
});

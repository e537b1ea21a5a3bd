/** The part of subset-font (2.9, untyped) that scripts/subset-fonts.ts uses. */
declare module 'subset-font' {
	export default function subsetFont(
		font: Buffer,
		text: string,
		options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2'; noHinting?: boolean }
	): Promise<Buffer>;
}

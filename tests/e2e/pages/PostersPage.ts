/**
 * The printable posters (/admin/<agency>/rounds/<round>/posters) as they come out of a
 * printer: saved as PDF by Chromium, each page rendered to an image by pdftoppm
 * (poppler-utils), and the QR codes read back from the pixels with jsQR — what a phone's
 * camera would find on the printed sheet.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

const run = promisify(execFile);

/** The QR code's text in a PNG image, or null when none is found. */
export function decodeQr(png: Buffer): string | null {
	const image = PNG.sync.read(png);
	const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
	return found?.data ?? null;
}

export class PostersPage {
	constructor(readonly page: Page) {}

	/** How many posters the page holds. */
	count(): Promise<number> {
		return this.page.locator('article.sheet').count();
	}

	/** The page printed to PDF with its own page size (A4), backgrounds included. */
	pdf(): Promise<Buffer> {
		return this.page.pdf({ preferCSSPageSize: true, printBackground: true });
	}

	/**
	 * Prints to PDF, renders every page at 150 dpi, and decodes one QR code per page.
	 * Returns the page count and what each page's code says.
	 */
	async scanPrintout(): Promise<{ pages: number; codes: (string | null)[]; pdf: Buffer }> {
		const pdf = await this.pdf();
		const dir = await mkdtemp(join(tmpdir(), 'ita-posters-'));
		try {
			await writeFile(join(dir, 'posters.pdf'), pdf);
			await run('pdftoppm', ['-r', '150', '-png', join(dir, 'posters.pdf'), join(dir, 'page')]);
			const pageNumber = (f: string) => Number(/(\d+)\.png$/.exec(f)?.[1] ?? 0);
			const images = (await readdir(dir))
				.filter((f) => f.endsWith('.png'))
				.sort((a, b) => pageNumber(a) - pageNumber(b));
			const codes = await Promise.all(
				images.map(async (f) => decodeQr(await readFile(join(dir, f))))
			);
			return { pages: images.length, codes, pdf };
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
}

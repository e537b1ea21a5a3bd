/** Creating a round (/admin/<agency>/rounds/new) and a round's page (/admin/<agency>/rounds/<round>). */
import type { Page } from 'playwright-core';

export interface NewRound {
	code: string;
	/** Buddhist era, as an officer types it. */
	fiscalYear: string;
	opensOn: string;
	closesOn: string;
	accessCode?: string;
}

export class RoundPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	/** On the "new round" screen: fills the settings a person changes, sends, lands on the round. */
	async create(round: NewRound) {
		const page = this.page;
		await page.getByLabel(/^(รหัสรอบ|Round code)$/).fill(round.code);
		await page.getByLabel(/^(ปีงบประมาณ \(พ\.ศ\.\)|Fiscal year \(BE\))$/).fill(round.fiscalYear);
		await page.getByLabel(/^(วันเปิดรับคำตอบ|Opens on)$/).fill(round.opensOn);
		await page.getByLabel(/^(วันปิดรับคำตอบ|Closes on)$/).fill(round.closesOn);
		if (round.accessCode) {
			await page
				.getByLabel(/^(รหัสสำหรับบุคลากร \(IIT\)|Staff access code \(IIT\))$/)
				.fill(round.accessCode);
		}
		await page.getByRole('button', { name: /^(สร้างรอบการประเมิน|Create the round)$/ }).click();
		await page.waitForURL(new RegExp(`/rounds/${round.code}\\?created`));
	}

	async open(agency: string, round: string) {
		await this.page.goto(new URL(`/admin/${agency}/rounds/${round}`, this.baseUrl).toString());
		await this.page.getByRole('heading', { level: 1 }).waitFor();
	}

	/** The links shown with a QR code on the page (every service point's, then the IIT one). */
	async links(): Promise<string[]> {
		return this.page
			.locator('[data-link]')
			.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-link') ?? ''));
	}

	/** The card of one link (a service point's name, or the staff link). */
	card(title: RegExp) {
		return this.page.locator('article.qr-card', {
			has: this.page.getByRole('heading', { level: 3, name: title })
		});
	}

	/** Clicks a card's download button and returns the file. */
	async download(title: RegExp, format: 'SVG' | 'PNG'): Promise<{ name: string; body: Buffer }> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.card(title)
				.getByRole('link', { name: new RegExp(`(ดาวน์โหลด|Download) ${format}`) })
				.click()
		]);
		const { readFile } = await import('node:fs/promises');
		return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
	}

	/** "Print all" as A4 posters (or A5 table tents). */
	async printAll(size: 'a4' | 'a5' = 'a4') {
		const name =
			size === 'a4'
				? /^(พิมพ์ทั้งหมด|Print all) · (โปสเตอร์ A4|A4 posters)$/
				: /^(พิมพ์ทั้งหมด|Print all) · (ป้ายตั้งโต๊ะ A5|A5 table tents)/;
		await this.page.getByRole('link', { name }).click();
		await this.page.waitForURL(new RegExp(`/posters\\?size=${size}`));
		// The posters, or — links to a private address — the question whether to go ahead.
		await this.page.locator('article.sheet, main.held').first().waitFor();
	}

	/** On the posters page held for a private address: "print with this address" (then the posters). */
	async confirmPrivateAddress() {
		await this.page
			.getByRole('link', { name: /พิมพ์ด้วยที่อยู่ภายในนี้|print with this private address/ })
			.click();
		await this.page.locator('article.sheet').first().waitFor();
	}
}

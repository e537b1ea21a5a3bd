/** The device's sending status (/status): what is queued, sent and refused. */
import type { Page } from 'playwright-core';

export class StatusPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	async open() {
		await this.page.goto(new URL('/status', this.baseUrl).toString());
		// The counts show once the outbox has been read.
		await this.page.waitForFunction(() =>
			/\d/.test(document.querySelector('[data-count="queued"]')?.textContent ?? '')
		);
	}

	/** The number shown for queued, sent or refused. */
	async count(kind: 'queued' | 'sent' | 'refused'): Promise<number> {
		const text = await this.page.locator(`[data-count="${kind}"]`).textContent();
		return Number(text?.replace(/[^0-9]/g, '') ?? NaN);
	}

	async sendNow() {
		await this.page.getByRole('button', { name: /ส่งตอนนี้|Send now/ }).click();
	}

	async refusalReasons(): Promise<string[]> {
		return this.page.locator('[data-refusal-reason]').allTextContents();
	}

	/** Clicks "save to a file" and returns the file's text. */
	async export(): Promise<string> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: /บันทึกคำตอบที่ค้างเป็นไฟล์|Save kept answers/ }).click()
		]);
		const path = await download.path();
		const { readFile } = await import('node:fs/promises');
		return readFile(path, 'utf8');
	}
}

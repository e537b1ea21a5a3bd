/**
 * A kiosk tablet as visitors and staff use it (/kiosk): by the visible labels and roles.
 */
import type { Page } from 'playwright-core';

const welcome = /ช่วยประเมินการให้บริการ|Help us improve the services/;
const thanks = /ขอบคุณที่ร่วมตอบแบบวัด|Thank you for answering/;

export class KioskPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	/** Opens /kiosk; with `code`, as the enrolment QR code opens it (it enrols at once). */
	async open(code?: string) {
		const url = new URL('/kiosk', this.baseUrl);
		if (code) url.searchParams.set('code', code);
		await this.page.goto(url.toString());
		await this.heading().waitFor();
		// With a code the tablet enrols at once: wait until it has (the form goes away).
		if (code) {
			await this.page
				.getByLabel(/^(รหัสลงทะเบียน|Enrolment code)$/)
				.waitFor({ state: 'detached', timeout: 60_000 });
		}
	}

	heading() {
		return this.page.getByRole('heading', { level: 1 });
	}

	async headingText(): Promise<string> {
		return (await this.heading().textContent())?.trim() ?? '';
	}

	async enrol(code: string) {
		await this.page.getByLabel(/^(รหัสลงทะเบียน|Enrolment code)$/).fill(code);
		await this.page.getByRole('button', { name: /^(ลงทะเบียน|Enrol)$/ }).click();
		await this.welcome();
	}

	/** Waits for the welcome screen. */
	async welcome() {
		await this.page.getByRole('heading', { level: 1, name: welcome }).waitFor();
	}

	async start() {
		await this.page.getByRole('button', { name: /^(เริ่มตอบแบบวัด|Start the survey)$/ }).click();
		await this.page.locator('form').waitFor();
	}

	primary() {
		return this.page.locator('main button.primary');
	}

	/** In every question group on the screen, picks the last option. */
	async answerScreen() {
		const groups = this.page.getByRole('group');
		for (let pass = 0; pass < 2; pass++) {
			const count = await groups.count();
			for (let g = 0; g < count; g++) {
				const radios = groups.nth(g).getByRole('radio');
				const n = await radios.count();
				if (n === 0 || (await groups.nth(g).locator('input:checked').count()) > 0) continue;
				await radios.nth(n - 1).check();
			}
		}
	}

	async next() {
		const before = await this.headingText();
		await this.primary().click();
		await this.page.waitForFunction(
			(text) => document.querySelector('h1')?.textContent?.trim() !== text,
			before
		);
	}

	/** One visitor, from the start button to the thank-you screen. */
	async visitor() {
		await this.start();
		for (let guard = 0; guard < 40; guard++) {
			if ((await this.page.locator('.review').count()) > 0) break;
			await this.answerScreen();
			await this.next();
		}
		await this.primary().click();
		await this.page.getByRole('heading', { level: 1, name: thanks }).waitFor();
	}

	/** How many answers are checked on the screen now. */
	checked(): Promise<number> {
		return this.page.locator('input:checked').count();
	}

	/** What the status corner says waits on the tablet. */
	async queued(): Promise<number> {
		return Number(await this.page.locator('[data-kiosk-queued]').getAttribute('data-kiosk-queued'));
	}

	async online(): Promise<string | null> {
		return this.page.locator('[data-kiosk-online]').getAttribute('data-kiosk-online');
	}

	async openPin() {
		await this.page.getByRole('button', { name: /^(เจ้าหน้าที่|Staff)$/ }).click();
		await this.page.getByLabel(/^(รหัส PIN|PIN)$/).waitFor();
	}

	async typePin(pin: string) {
		await this.page.getByLabel(/^(รหัส PIN|PIN)$/).fill(pin);
		await this.page.getByRole('button', { name: /^(เข้าสู่การตั้งค่า|Open settings)$/ }).click();
	}

	alert() {
		return this.page.getByRole('alert');
	}

	/** Waits until the service worker controls the page, so a reload works offline. */
	async controlled() {
		await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 60_000
		});
	}
}

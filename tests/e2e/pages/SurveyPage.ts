/**
 * The respondent's survey as a person uses it: by the visible labels and roles only.
 */
import type { Page } from 'playwright-core';

/** Which option to pick in each question group: an index, the last, or a different one each time. */
export type Choice = number | 'last' | 'mixed';

export class SurveyPage {
	/** Counts the groups answered with `mixed`, so that answers differ from screen to screen. */
	private turn = 0;

	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	async open(round: string, options: { servicePoint?: string; iit?: boolean; code?: string } = {}) {
		const url = new URL(`/r/${round}${options.iit ? '/iit' : ''}`, this.baseUrl);
		if (options.servicePoint) url.searchParams.set('sp', options.servicePoint);
		if (options.code) url.searchParams.set('code', options.code);
		await this.page.goto(url.toString());
		await this.heading().waitFor();
	}

	heading() {
		return this.page.getByRole('heading', { level: 1 });
	}

	async headingText(): Promise<string> {
		return (await this.heading().textContent())?.trim() ?? '';
	}

	/** The main button: start, next, review or send — whatever the screen offers. */
	primary() {
		return this.page.locator('button.primary');
	}

	alert() {
		return this.page.getByRole('alert');
	}

	async typeAccessCode(code: string) {
		await this.page
			.getByLabel(/รหัสสำหรับบุคลากร|Staff access code|รหัสใช้ครั้งเดียว|One-time code/)
			.fill(code);
	}

	/**
	 * In every question group on the screen, picks the option at `choice` (0 = first);
	 * `mixed` (the default) picks the first, second, third… option in turn from one group
	 * to the next, across screens, as a person's answers differ: the server holds for
	 * review a burst of responses that give one extreme answer to every item.
	 */
	async answerScreen(choice: Choice = 'mixed') {
		const groups = this.page.getByRole('group');
		// The service question of E3 comes first and reveals the statement: answer it, then the rest.
		for (let pass = 0; pass < 2; pass++) {
			const count = await groups.count();
			for (let g = 0; g < count; g++) {
				const radios = groups.nth(g).getByRole('radio');
				const n = await radios.count();
				if (n === 0 || (await groups.nth(g).locator('input:checked').count()) > 0) continue;
				const index =
					choice === 'last'
						? n - 1
						: choice === 'mixed'
							? this.turn++ % n
							: Math.min(choice, n - 1);
				await radios.nth(index).check();
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

	/** From the first screen to the thank-you: every question answered, then sent. */
	async answerAll(options: { choice?: Choice; accessCode?: string } = {}) {
		if (options.accessCode !== undefined) await this.typeAccessCode(options.accessCode);
		await this.next();
		await this.answerToEnd(options);
	}

	/** From the screen after the first to the thank-you: every question answered, then sent. */
	async answerToEnd(options: { choice?: Choice } = {}) {
		for (let guard = 0; guard < 60; guard++) {
			const onReview = (await this.page.locator('.review').count()) > 0;
			if (onReview) break;
			await this.answerScreen(options.choice ?? 'mixed');
			await this.next();
		}
		await this.primary().click();
		await this.page
			.getByRole('heading', { name: /ขอบคุณที่ร่วมตอบแบบวัด|Thank you for answering/ })
			.waitFor();
	}

	async answerAnother() {
		await this.page.getByRole('button', { name: /ตอบแทนบุคคลอื่น|Answer for another person/ }).click();
		await this.heading().waitFor();
	}
}

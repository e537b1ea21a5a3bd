/** An agency's set-up screen (/admin/<agency>): rounds, service points, sections. */
import type { Page } from 'playwright-core';

export class AgencyPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	async open(agency: string) {
		await this.page.goto(new URL(`/admin/${agency}`, this.baseUrl).toString());
		await this.page.getByRole('heading', { level: 1 }).waitFor();
	}

	private addForm() {
		return this.page.locator('form', {
			has: this.page.getByRole('heading', { name: /^(เพิ่มจุดบริการ|Add a service point)$/ })
		});
	}

	/**
	 * Fills and sends "add a service point"; resolves when the page shows the outcome: the
	 * new row in the table and a notice, or the refusal beside the form.
	 */
	async addServicePoint(point: { code: string; nameTh: string; section?: string }) {
		const form = this.addForm();
		await form.getByLabel(/^(รหัส|Code)$/).fill(point.code);
		await form.getByLabel(/^(ชื่อภาษาไทย|Thai name)$/).fill(point.nameTh);
		if (point.section) await form.getByLabel(/^(ฝ่าย|Section)$/).selectOption(point.section);
		// A plain form post: the page comes back with the new row, or with the refusal.
		const reloaded = this.page.waitForEvent('load');
		await form.getByRole('button', { name: /^(เพิ่มจุดบริการ|Add a service point)$/ }).click();
		await reloaded;
	}

	private pointsSection() {
		return this.page.locator('section', {
			has: this.page.getByRole('heading', { level: 2, name: /^(จุดบริการ|Service points)$/ })
		});
	}

	/** The refusal shown in the "add a service point" form ('' when none). */
	async addServicePointProblem(): Promise<string> {
		const alert = this.addForm().getByRole('alert');
		if ((await alert.count()) === 0) return '';
		return ((await alert.textContent()) ?? '').replace(/\s+/g, ' ').trim();
	}

	/** The codes in the service points' table, in order. */
	async servicePointCodes(): Promise<string[]> {
		return (await this.pointsSection().locator('tbody th[scope="row"]').allTextContents()).map(
			(s) => s.trim()
		);
	}

	/** The Thai name now in a service point's row. */
	servicePointName(code: string) {
		return this.page.getByLabel(new RegExp(`^(ชื่อภาษาไทย ของ|Thai name of) ${code}$`));
	}

	async newRound() {
		await this.page.getByRole('link', { name: /^(สร้างรอบการประเมินใหม่|New round)$/ }).click();
		await this.page.waitForURL(/\/rounds\/new$/);
	}
}

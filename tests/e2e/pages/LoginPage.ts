/** The officers' sign-in screen (/admin/login), by its visible labels. */
import type { Page } from 'playwright-core';

export class LoginPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	async open(path = '/admin/login') {
		await this.page.goto(new URL(path, this.baseUrl).toString());
		await this.page.getByRole('heading', { level: 1 }).waitFor();
	}

	async signIn(email: string, password: string) {
		await this.page.getByLabel(/^(อีเมล|Email)$/).fill(email);
		await this.page.getByLabel(/^(รหัสผ่าน|Password)$/).fill(password);
		await this.page.getByRole('button', { name: /^(เข้าสู่ระบบ|Sign in)$/ }).click();
	}

	/** The message in the alert box, or '' when there is none. */
	async alertText(): Promise<string> {
		const alert = this.page.getByRole('alert');
		await alert.first().waitFor();
		return ((await alert.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
	}
}

/** A round's results page (/admin/<agency>/rounds/<round>/results), read as a person reads it. */
import type { Page } from 'playwright-core';

export class ResultsPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	url(agency: string, round: string, query = ''): string {
		return new URL(`/admin/${agency}/rounds/${round}/results${query}`, this.baseUrl).toString();
	}

	async open(agency: string, round: string, query = '') {
		const response = await this.page.goto(this.url(agency, round, query));
		await this.page.getByRole('heading', { level: 1 }).waitFor();
		return response;
	}

	/** Once the page's script runs, it says that it updates itself. */
	async waitUntilLive() {
		await this.page.getByText(/ปรับปรุงเองทุก|updates itself every/).waitFor();
	}

	private async text(selector: string): Promise<string> {
		const t = await this.page.locator(selector).first().textContent();
		return (t ?? '').replace(/\s+/g, ' ').trim();
	}

	/** A printed score: an item ("e9.1"), a question ("e9"), an instrument ("iit"), "indicator-6". */
	score(key: string): Promise<string> {
		return this.text(`[data-score="${key}"]`);
	}

	total(): Promise<string> {
		return this.text('[data-total]');
	}

	level(): Promise<string> {
		return this.text('[data-level]');
	}

	/** One row of a respondent table: [count, percent] of an option ("iit-sex", "male"). */
	async respondentRow(table: string, option: string): Promise<string[]> {
		return this.page
			.locator(`[data-table="${table}"] tr[data-option="${option}"] td`)
			.allTextContents()
			.then((cells) => cells.map((c) => c.trim()));
	}

	/** The head-count on the respondents-against-target bar of an instrument. */
	async respondents(instrument: 'IIT' | 'EIT'): Promise<string> {
		const row = this.page
			.getByRole('figure', { name: /จำนวนผู้ตอบเทียบกับเป้าหมาย|Respondents against the targets/ })
			.getByRole('listitem')
			.filter({ hasText: instrument });
		return ((await row.locator('.value').textContent()) ?? '').replace(/\s+/g, ' ').trim();
	}

	/** Chooses a filter by its label and applies it (the GET form). */
	async filter(label: RegExp, option: string) {
		await this.page.getByLabel(label).selectOption(option);
		await Promise.all([
			this.page.waitForURL(/results\?/),
			this.page.getByRole('button', { name: /^(กรองผล|Filter)$/ }).click()
		]);
		await this.page.getByRole('heading', { level: 1 }).waitFor();
	}

	/** Follows a download link with the page's session; the file's status, name and bytes. */
	async download(name: RegExp): Promise<{ status: number; name: string; body: Buffer }> {
		const href = await this.page.getByRole('link', { name }).getAttribute('href');
		const response = await this.page.request.get(new URL(href!, this.baseUrl).toString());
		const disposition = response.headers()['content-disposition'] ?? '';
		return {
			status: response.status(),
			name: /filename="([^"]+)"/.exec(disposition)?.[1] ?? '',
			body: await response.body()
		};
	}
}

/**
 * The officers' screens of trustworthy counts (issue 13), used as a person uses them: the
 * round's trust settings, the printable slips of one-time IIT codes (read back from the
 * printed PDF as a phone's camera would), and the review of held answers.
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

/** The round page's "trustworthy counts" form. */
export class TrustSettingsForm {
	constructor(readonly page: Page) {}

	form() {
		return this.page.locator('form[action^="?/saveTrust"]');
	}

	/** Which way staff get into the IIT, as the form says. */
	async iitCodes(): Promise<'single' | 'shared' | null> {
		const checked = this.form().locator('input[name="iitCodes"]:checked');
		return (await checked.count()) === 0
			? null
			: ((await checked.getAttribute('value')) as 'single' | 'shared');
	}

	async set(values: {
		eligibleStaff?: string;
		addressLimit?: string;
		deviceLimit?: string;
		secondsPerQuestion?: string;
		iitCodes?: 'single' | 'shared';
	}) {
		const form = this.form();
		if (values.eligibleStaff !== undefined) {
			await form
				.getByLabel(/จำนวนบุคลากรที่ปฏิบัติงาน|Staff with at least one year/)
				.fill(values.eligibleStaff);
		}
		if (values.addressLimit !== undefined) {
			await form
				.getByLabel(/^(คำตอบจากเครือข่ายเดียวกัน|Answers from one network)/)
				.fill(values.addressLimit);
		}
		if (values.deviceLimit !== undefined) {
			await form
				.getByLabel(/^(ตอบแทนบุคคลอื่น|Answering for another person)/)
				.fill(values.deviceLimit);
		}
		if (values.secondsPerQuestion !== undefined) {
			await form.getByLabel(/^(เวลาตอบขั้นต่ำ|Least time to answer)/).fill(values.secondsPerQuestion);
		}
		if (values.iitCodes) {
			await form
				.getByRole('radio', {
					name:
						values.iitCodes === 'single'
							? /รหัสใช้ครั้งเดียว|Single-use codes/
							: /รหัสเดียวใช้ร่วมกัน|One code shared/
				})
				.check();
		}
		const reloaded = this.page.waitForEvent('load');
		await form
			.getByRole('button', { name: /บันทึกการตั้งค่าความน่าเชื่อถือ|Save the trust settings/ })
			.click();
		await reloaded;
	}

	/** What the form says after saving: the notice, or the refusal ('' when neither). */
	async outcome(): Promise<string> {
		const shown = this.form().locator('[role="alert"], [role="status"]');
		if ((await shown.count()) === 0) return '';
		return ((await shown.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
	}

	/** The IIT minimum sample as the page shows it. */
	async minimumSample(): Promise<string> {
		return (await this.page.locator('[data-iit-minimum]').textContent())?.trim() ?? '';
	}
}

/** The slips of one-time codes (/admin/<agency>/rounds/<round>/slips). */
export class SlipsPage {
	constructor(readonly page: Page) {}

	/** Asks for `n` new codes; resolves when the sheet of slips is on screen. */
	async issue(n: number) {
		await this.page.getByLabel(/^(จำนวนใบที่จะออก|How many slips to issue)$/).fill(String(n));
		await this.page.getByRole('button', { name: /ออกรหัสและแสดงใบรหัส|Issue the codes/ }).click();
		await this.page.locator('article[data-slip]').first().waitFor();
	}

	/** The codes printed on the slips, as typed out on each. */
	async printedCodes(): Promise<string[]> {
		return this.page
			.locator('article[data-slip] .code')
			.allTextContents()
			.then((c) => c.map((s) => s.trim()));
	}

	/**
	 * Prints to PDF (A4), renders the first page at 150 dpi, cuts it into the slips' ten
	 * cells (two columns of five) and decodes the QR code of each of the first `count`.
	 */
	async scanFirstSheet(count: number): Promise<{ pages: number; codes: (string | null)[] }> {
		const pdf = await this.page.pdf({ preferCSSPageSize: true, printBackground: true });
		const dir = await mkdtemp(join(tmpdir(), 'ita-slips-'));
		try {
			await writeFile(join(dir, 'slips.pdf'), pdf);
			await run('pdftoppm', ['-r', '150', '-png', join(dir, 'slips.pdf'), join(dir, 'page')]);
			const images = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
			const sheet = PNG.sync.read(await readFile(join(dir, images[0])));
			const codes: (string | null)[] = [];
			for (let i = 0; i < count; i++) {
				const col = i % 2;
				const row = Math.floor(i / 2);
				const w = Math.floor(sheet.width / 2);
				const h = Math.floor(sheet.height / 5);
				const cell = new PNG({ width: w, height: h });
				PNG.bitblt(sheet, cell, col * w, row * h, w, h, 0, 0);
				const found = jsQR(new Uint8ClampedArray(cell.data), w, h);
				codes.push(found?.data ?? null);
			}
			return { pages: images.length, codes };
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
}

/** The review of held answers (/admin/<agency>/rounds/<round>/review). */
export class ReviewPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	async open(agency: string, round: string) {
		await this.page.goto(
			new URL(`/admin/${agency}/rounds/${round}/review`, this.baseUrl).toString()
		);
		await this.page.getByRole('heading', { level: 1 }).waitFor();
	}

	/** How many answers wait for review, as the page says. */
	async heldCount(): Promise<number> {
		return Number(await this.page.locator('.total[data-held]').getAttribute('data-held'));
	}

	/** The groups' titles (their reasons and counts). */
	async groupTitles(): Promise<string[]> {
		return this.page
			.locator('fieldset.group legend')
			.allTextContents()
			.then((t) => t.map((s) => s.replace(/\s+/g, ' ').trim()));
	}

	/** Ticks "whole group" of the group whose title matches, gives a reason and counts or discards. */
	async decideGroup(title: RegExp, action: 'release' | 'discard', reason: string) {
		const group = this.page
			.locator('fieldset.group', { has: this.page.locator('legend', { hasText: title }) })
			.first();
		await group.getByLabel(/เลือกทั้งกลุ่ม|Select the whole group/).check();
		await this.decide(action, reason);
	}

	/** Ticks "whole group" of every group (or of those whose title matches), then decides. */
	async decideGroups(title: RegExp, action: 'release' | 'discard', reason: string) {
		const groups = this.page.locator('fieldset.group', {
			has: this.page.locator('legend', { hasText: title })
		});
		for (let i = 0; i < (await groups.count()); i++) {
			await groups
				.nth(i)
				.getByLabel(/เลือกทั้งกลุ่ม|Select the whole group/)
				.check();
		}
		await this.decide(action, reason);
	}

	async decide(action: 'release' | 'discard', reason: string) {
		await this.page.getByLabel(/^(เหตุผลในการตัดสินใจ|Reason for the decision)/).fill(reason);
		const reloaded = this.page.waitForEvent('load');
		await this.page
			.getByRole('button', {
				name:
					action === 'release'
						? /นับคำตอบที่เลือก|Count the selected/
						: /ตัดทิ้งคำตอบที่เลือก|Discard the selected/
			})
			.click();
		await reloaded;
	}

	/** The notice or refusal after a decision. */
	async outcome(): Promise<string> {
		const shown = this.page.locator('main [role="alert"], main [role="status"]');
		await shown.first().waitFor();
		return ((await shown.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
	}
}

/**
 * The central view, the improvement-measures worksheet and the printable report, in
 * Debian's Chromium against the embedded server holding Wang Thonglang's FY2565 round
 * (synthetic answers that reproduce seed 000) beside two other offices' rounds of the
 * same year. The report is printed to PDF and rendered to images as a printer would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Framework } from '../../src/lib/ita/framework.ts';
import { createAccount, type Account } from '../../src/lib/server/auth/accounts.ts';
import { issueSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { callRpc, service } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { createRound, favourableResponse, type ResponseInput } from '../support/fixtures.ts';
import { responsesFromDistributions } from '../support/published.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import wang from '../fixtures/wang-thonglang-2565.json' with { type: 'json' };
import { axeViolations } from './browser.ts';

const run = promisify(execFile);
const nacc = await readFrameworkFile(`${frameworksDir()}/nacc-2565.json`);
const wt = 'wt-2565';
const wtPath = `/admin/wang-thonglang/rounds/${wt}`;

function oitItems(f: Framework): string[] {
	const oit = f.instruments.find((i) => i.id === 'oit')!;
	return oit.indicators.flatMap((ind) => [
		...(ind.questions ?? []).map((q) => q.id),
		...(ind.subIndicators ?? []).flatMap((s) => s.questions.map((q) => q.id))
	]);
}

async function submit(db: Sql, batch: ResponseInput[]): Promise<void> {
	for (let i = 0; i < batch.length; i += 200) {
		const out = await callRpc<{ accepted: number }>(db, service, 'submit_responses', {
			batch: batch.slice(i, i + 200)
		});
		expect(out.accepted).toBe(batch.slice(i, i + 200).length);
	}
}

const text = async (page: Page, selector: string) =>
	((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('reports', () => {
	let e2e: E2e;
	let server: EmbeddedServer;
	let secret: Buffer;
	const accounts: Record<'central' | 'wang' | 'bangRak', Account> = {} as never;

	beforeAll(async () => {
		e2e = await startE2e({
			name: 'reports',
			prepare: async (db) => {
				const password = 'รายงาน-ผลการประเมิน-2565';
				accounts.central = await createAccount(db, {
					email: 'central@bangkok.go.th',
					password,
					role: 'central'
				});
				accounts.wang = await createAccount(db, {
					email: 'ita@wangthonglang.go.th',
					password,
					role: 'officer',
					agencyCode: 'wang-thonglang'
				});
				accounts.bangRak = await createAccount(db, {
					email: 'ita@bangrak.go.th',
					password,
					role: 'officer',
					agencyCode: 'bang-rak'
				});
				const all100 = Object.fromEntries(oitItems(nacc).map((q) => [q, 100]));
				await createRound(db, {
					framework: 'nacc-2565',
					agency: 'wang-thonglang',
					code: wt,
					fiscalYear: 2022
				});
				await submit(db, responsesFromDistributions(nacc, wang, wt));
				await callRpc(db, service, 'set_oit_scores', { round_code: wt, scores: wang.oit });
				// Bang Rak: everyone most favourable, every OIT item 100 — total 100.
				await createRound(db, {
					framework: 'nacc-2565',
					agency: 'bang-rak',
					code: 'br-2565',
					fiscalYear: 2022
				});
				await submit(db, [
					...Array.from({ length: 6 }, () => favourableResponse(nacc, 'br-2565', 'iit')),
					...Array.from({ length: 6 }, () => favourableResponse(nacc, 'br-2565', 'eit'))
				]);
				await callRpc(db, service, 'set_oit_scores', { round_code: 'br-2565', scores: all100 });
				// Samphanthawong: 3 EIT respondents, so its EIT score and total read "< 5".
				await createRound(db, {
					framework: 'nacc-2565',
					agency: 'samphanthawong',
					code: 'sp-2565',
					fiscalYear: 2022
				});
				await submit(db, [
					...Array.from({ length: 6 }, () => favourableResponse(nacc, 'sp-2565', 'iit')),
					...Array.from({ length: 3 }, () => favourableResponse(nacc, 'sp-2565', 'eit'))
				]);
				await callRpc(db, service, 'set_oit_scores', { round_code: 'sp-2565', scores: all100 });
			}
		});
		server = e2e.server;
		secret = Buffer.from((await server.keys()).jwtSecret, 'base64url');
	}, 600_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	/** A browser signed in as `who` (the session cookie the sign-in screen would set). */
	async function as(who: keyof typeof accounts, lang = 'th') {
		const { context, page } = await e2e.newPage(desk);
		const token = await issueSession(secret, accounts[who]);
		await context.addCookies([
			{ name: SESSION_COOKIE, value: token, url: server.url },
			{ name: 'lang', value: lang, url: server.url }
		]);
		const go = async (path: string) => {
			const response = await page.goto(new URL(path, server.url).toString());
			return response?.status() ?? 0;
		};
		return { context, page, go };
	}

	const agencyOrder = (page: Page) =>
		page
			.locator('table.overview tbody tr')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agency')));

	test('central view: agencies of FY2565 sorted by total both ways, "< 5" where SQL suppressed, one question across agencies', async () => {
		const { page, go } = await as('central');
		await go('/admin');
		await page.getByRole('link', { name: 'ภาพรวมทุกหน่วยงาน' }).click();
		await page.waitForURL(/\/admin\/central/);
		await go('/admin/central?year=2565&sort=total&dir=desc');
		expect(await agencyOrder(page)).toEqual(['bang-rak', 'wang-thonglang', 'samphanthawong']);
		expect(await text(page, 'tr[data-agency="wang-thonglang"] [data-cell="total"]')).toBe('96.15');
		expect(await text(page, 'tr[data-agency="samphanthawong"] [data-cell="eit"]')).toBe('< 5');
		expect(await text(page, 'tr[data-agency="samphanthawong"] [data-cell="total"]')).toBe('< 5');
		expect(await page.locator('th[aria-sort="descending"] a').getAttribute('data-sort')).toBe(
			'total'
		);
		// The ranking, the distribution of levels and the year's progress, from SQL.
		expect(await text(page, 'tr[data-agency="bang-rak"] [data-cell="rank"]')).toBe('1');
		expect(await text(page, 'tr[data-agency="wang-thonglang"] [data-cell="rank"]')).toBe('2');
		expect(await text(page, 'tr[data-agency="samphanthawong"] [data-cell="rank"]')).toBe('–');
		expect(await text(page, 'tr[data-level="none"] td')).toBe('1');
		expect(await text(page, '[data-progress]')).toMatch(/3 รอบการประเมิน/);
		await expect
			.poll(() => page.getByRole('navigation', { name: 'เลือกหน้า' }).textContent())
			.toMatch(/แสดงลำดับที่ 1–3 จาก 3 หน่วยงาน/);

		// The header link, from the keyboard: the same column, the other way.
		await page.locator('a[data-sort="total"]').focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/dir=asc/);
		expect(new URL(page.url()).searchParams.get('sort')).toBe('total');
		expect(await agencyOrder(page)).toEqual(['wang-thonglang', 'bang-rak', 'samphanthawong']);
		expect(await axeViolations(page)).toEqual([]);

		await page.getByLabel(/^ข้อคำถาม/).fill('e9');
		await page.getByRole('button', { name: 'เปรียบเทียบ' }).click();
		await page.waitForURL(/question=e9/);
		const bars = await page
			.locator('#question-bars li')
			.evaluateAll((rows) =>
				rows.map((r) => [
					r.querySelector('span')?.textContent?.replace(/ \(.*$/, ''),
					r.querySelector('.value')?.textContent?.trim()
				])
			);
		// By agency (Thai names in dictionary order) until another order is picked.
		expect(bars).toEqual([
			['สำนักงานเขตบางรัก', '100.00'],
			['สำนักงานเขตวังทองหลาง', '99.43'],
			['สำนักงานเขตสัมพันธวงศ์', '< 5']
		]);
		expect(await axeViolations(page)).toEqual([]);

		// Lowest score first, as SQL sorts it: the suppressed one stays last.
		await page.locator('a[data-qsort="score"]').click();
		await page.waitForURL(/qsort=score&qdir=desc/);
		await page.locator('a[data-qsort="score"]').click();
		await page.waitForURL(/qsort=score&qdir=asc/);
		expect(
			await page
				.locator('#question-bars li')
				.evaluateAll((rows) => rows.map((r) => r.querySelector('.value')?.textContent?.trim()))
		).toEqual(['99.43', '100.00', '< 5']);
		expect(await text(page, '[data-stats]')).toMatch(/มีคะแนน 2 หน่วยงาน: เฉลี่ย 99.72/);

		// A question no framework of the year has: said in Thai from the catalogue, beside the field.
		await go('/admin/central?year=2565&question=zz9');
		expect(await text(page, '[role="alert"]')).toMatch(
			/ชุดแบบวัดของรอบการประเมินปีงบประมาณ 2565 ไม่มีข้อ "zz9"/
		);
	});

	test('central view is not for officers: 404', async () => {
		const { go } = await as('wang');
		expect(await go('/admin/central?year=2565')).toBe(404);
	});

	test('measures: pre-filled with the weak items, edited and saved, kept after reload; a bad row saves nothing; XLSX reads back', async () => {
		const { page, go } = await as('wang');
		await go(wtPath);
		await page.getByRole('link', { name: 'มาตรการปรับปรุง' }).click();
		// The form (the printable table below it says the same words).
		const sheet = page.locator('#measures-form');
		await page.waitForURL(/\/measures$/);
		const refs = () =>
			page
				.locator('input[name$="-itemRef"]')
				.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
		// Wang Thonglang's weak items: the four OIT items scored 0.
		expect(await refs()).toEqual(['o9', 'o27', 'o28', 'o41']);
		expect(await axeViolations(page)).toEqual([]);

		await sheet
			.getByLabel('มาตรการ/กิจกรรมในการพัฒนาปรับปรุง')
			.first()
			.fill('เปิดเพจ Facebook ของสำนักงานเขต');
		await sheet.getByLabel('ส่วนราชการที่รับผิดชอบ').first().fill('ฝ่ายปกครอง');
		// A row from the middle goes; the one added after takes the end.
		await page.getByRole('button', { name: 'ลบแถวที่ 2' }).click();
		await page.getByRole('button', { name: 'เพิ่มแถว' }).click();
		await sheet.getByLabel('ตัวชี้วัด/ข้อคำถาม').last().fill('e9');
		await sheet.getByLabel('คะแนน').last().fill('99.43');
		await sheet.getByLabel('มาตรการ/กิจกรรมในการพัฒนาปรับปรุง').last().fill('ชี้แจงขั้นตอนที่หน้าเคาน์เตอร์');
		await page.getByRole('button', { name: 'บันทึกทั้งตาราง' }).click();
		await expect.poll(() => text(page, '[role="status"]')).toMatch(/บันทึกมาตรการแล้ว/);

		await page.reload();
		expect(await refs()).toEqual(['o9', 'o28', 'o41', 'e9']);
		expect(await sheet.getByLabel('มาตรการ/กิจกรรมในการพัฒนาปรับปรุง').first().inputValue()).toBe(
			'เปิดเพจ Facebook ของสำนักงานเขต'
		);
		expect(await sheet.getByLabel('คะแนน').last().inputValue()).toBe('99.43');

		// A row that refers to nothing in the framework: SQL's message, nothing saved.
		await sheet.getByLabel('ตัวชี้วัด/ข้อคำถาม').nth(1).fill('zz9');
		await sheet.getByLabel('มาตรการ/กิจกรรมในการพัฒนาปรับปรุง').first().fill('ไม่ควรถูกบันทึก');
		await page.getByRole('button', { name: 'บันทึกทั้งตาราง' }).click();
		const alert = await page.getByRole('alert').first().textContent();
		expect(alert).toMatch(/แถวที่ 2: "zz9" ไม่ใช่ตัวชี้วัด ข้อ หรือประเด็นย่อยของชุดแบบวัดนี้/);
		// Beside the cell at fault, which is marked.
		const wrong = sheet.getByLabel('ตัวชี้วัด/ข้อคำถาม').nth(1);
		expect(await wrong.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator(`#${await wrong.getAttribute('id')}-problem`).textContent()).toMatch(
			/"zz9" ไม่ใช่ตัวชี้วัด/
		);
		// What was typed stays in the form to be corrected.
		expect(await refs()).toEqual(['o9', 'zz9', 'o41', 'e9']);
		expect(await axeViolations(page)).toEqual([]);
		await go(`${wtPath}/measures`);
		expect(await refs()).toEqual(['o9', 'o28', 'o41', 'e9']);
		expect(await sheet.getByLabel('มาตรการ/กิจกรรมในการพัฒนาปรับปรุง').first().inputValue()).toBe(
			'เปิดเพจ Facebook ของสำนักงานเขต'
		);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('a[data-export="xlsx"]').click()
		]);
		expect(download.suggestedFilename()).toBe(`measures-${wt}.xlsx`);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
		const ws = book.worksheets[0];
		const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
		expect(values(2)).toEqual([
			'#',
			'ตัวชี้วัด/ข้อคำถาม',
			'คะแนน',
			'การวิเคราะห์ข้อบกพร่อง/จุดอ่อน',
			'มาตรการ/กิจกรรมในการพัฒนาปรับปรุง',
			'วิธีการสร้างการรับรู้',
			'การกำกับติดตามโดย ผอ.เขต',
			'ระยะเวลา/ความถี่ในการติดตาม',
			'ส่วนราชการที่รับผิดชอบ',
			'ผลการดำเนินการ'
		]);
		expect(ws.rowCount).toBe(6);
		expect(values(3)).toEqual(
			expect.arrayContaining([
				1,
				'o9 Social Network',
				0,
				'เปิดเพจ Facebook ของสำนักงานเขต',
				'ฝ่ายปกครอง'
			])
		);
		expect(values(6).slice(0, 3)).toEqual([4, expect.stringMatching(/^e9 /), 99.43]);

		// Printed: the worksheet as a table on A4 landscape, the form hidden.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.sheet tbody tr').count()).toBe(4);
		expect(await page.locator('#measures-form').isVisible()).toBe(false);
	});

	test("an officer of another agency gets 404 for Wang Thonglang's measures, worksheet file and report", async () => {
		const { go } = await as('bangRak');
		expect(await go(`${wtPath}/measures`)).toBe(404);
		expect(await go(`${wtPath}/report`)).toBe(404);
		const other = await as('bangRak');
		const response = await other.context.request.get(
			new URL(`${wtPath}/measures/xlsx`, server.url).toString()
		);
		expect(response.status()).toBe(404);
	});

	test('the printed report: numbered tables and figures, seed 000 numbers, nothing overflowing, in Thai and in English', async () => {
		const { page, go } = await as('wang');
		await go(wtPath);
		await page.getByRole('link', { name: 'รายงานผลการประเมิน' }).click();
		await page.waitForURL(/\/report$/);
		expect(await text(page, 'h1')).toContain('สำนักงานเขตวังทองหลาง ประจำปีงบประมาณ พ.ศ. 2565');

		const tables = await page.locator('article.report table').count();
		const figures = await page.locator('article.report figure').count();
		// Summary, respondents, 10 indicators, 9 background tables, weak items; radar, bars, 9 charts.
		expect([tables, figures]).toEqual([22, 11]);
		const tableLabels = await page.locator('article.report caption strong').allTextContents();
		expect(tableLabels).toEqual(Array.from({ length: tables }, (_, i) => `ตารางที่ ${i + 1}`));
		const figureLabels = await page
			.locator('article.report figcaption')
			.evaluateAll((els) => els.map((e) => /^\s*(ภาพที่ \d+)/.exec(e.textContent ?? '')?.[1]));
		expect(figureLabels).toEqual(Array.from({ length: figures }, (_, i) => `ภาพที่ ${i + 1}`));
		// Seed 000 table 501 and table 1: e9 99.43, indicator 6 99.61, OIT 90.77, total 96.15 AA.
		expect(await text(page, '[data-score="e9"]')).toBe('99.43');
		expect(await text(page, 'td[data-indicator="6"]')).toBe('99.61');
		expect(await text(page, '[data-instrument="oit"]')).toBe('90.77');
		expect(await text(page, '[data-total]')).toBe('96.15');
		expect(await text(page, '[data-level]')).toBe('AA');
		// Table 503: IIT men 196, 54.75 %.
		const men = page.locator('table.demographic').first().locator('tbody tr').first();
		expect((await men.textContent())?.replace(/\s+/g, ' ')).toMatch(/ชาย\s*54\.75\s*196/);
		expect(await axeViolations(page)).toEqual([]);

		await page.emulateMedia({ media: 'print' });
		const overflowing = await page.evaluate(() =>
			[
				...document.querySelectorAll(
					'article.report :is(th, td, caption, figcaption, h1, h2, p, li, figure, table, figure li > span)'
				)
			]
				.filter(
					(el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline'
				)
				.map((el) => `${el.tagName} ${(el.textContent ?? '').slice(0, 40)}`)
		);
		expect(overflowing).toEqual([]);

		const work = await mkdtemp(join(tmpdir(), 'ita-report-'));
		try {
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			await writeFile(join(work, 'report.pdf'), pdf);
			await run('pdftotext', ['-layout', join(work, 'report.pdf'), join(work, 'report.txt')]);
			const printed = await readFile(join(work, 'report.txt'), 'utf8');
			for (const n of [1, 2, tables]) expect(printed).toContain(`ตารางที่ ${n}`);
			for (const n of [1, figures]) expect(printed).toContain(`ภาพที่ ${n}`);
			expect(printed.match(/ตารางที่ \d+/g)?.length).toBe(tables);
			for (const number of ['99.43', '99.61', '90.77', '96.15', '54.75'])
				expect(printed).toContain(number);
			await run('pdftoppm', ['-r', '50', '-png', join(work, 'report.pdf'), join(work, 'page')]);
			const pages = (await readdir(work)).filter((f) => f.endsWith('.png'));
			// Sections start on new pages: the four parts take more than four A4 pages.
			expect(pages.length).toBeGreaterThan(4);
		} finally {
			await rm(work, { recursive: true, force: true });
		}

		await page.emulateMedia({ media: 'screen' });
		await go(`${wtPath}/report?lang=en`);
		expect(await text(page, 'h1')).toContain('Wang Thonglang District Office, fiscal year 2565 BE');
		expect(await page.locator('article.report caption strong').first().textContent()).toBe(
			'Table 1'
		);
		expect(await axeViolations(page)).toEqual([]);
	});
});

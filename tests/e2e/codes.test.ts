/**
 * A refusal of the database reaches the officer as the catalogue's text in the screen's
 * language (issue 15), never as the code or the SQL's English: the kiosk form with an idle
 * time the database refuses, in Thai and in English, the field marked and linked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import { axeViolations } from './browser.ts';
import { LoginPage } from './pages/LoginPage.ts';

const round = 'demo-bma-2567';
const email = 'central@ita.example';
const password = 'รหัสข้อผิดพลาด-ไทย-2570';

describe('database refusals in the screen’s language', () => {
	let e2e: E2e;

	beforeAll(async () => {
		e2e = await startE2e({
			name: 'codes',
			start: true,
			prepare: (db) => createAccount(db, { email, password, role: 'central', agencyCode: null })
		});
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	test('a kiosk idle time the database refuses: Thai, then English, beside the marked field', async () => {
		const { context, page } = await e2e.newPage(desk);
		const login = new LoginPage(page, e2e.server.url);
		await login.open();
		await login.signIn(email, password);
		await page.waitForURL(/\/admin$/);

		const expected = {
			th: 'เวลาที่ไม่มีผู้ใช้งานก่อนเริ่มหน้าแรกใหม่ต้องเป็น 20–600 วินาที',
			en: 'The idle time before the kiosk starts over is 20 to 600 seconds.'
		};
		for (const lang of ['th', 'en'] as const) {
			await context.addCookies([{ name: 'lang', value: lang, url: e2e.server.url }]);
			await page.goto(new URL(`/admin/demo/rounds/${round}/kiosks`, e2e.server.url).toString());
			await page.getByRole('heading', { level: 1, name: /เครื่องคีออสก์|Kiosks/ }).waitFor();
			await page.getByLabel(/^(ชื่อเครื่อง|Kiosk name)$/).fill('ประตูหน้า');
			await page.getByLabel(/^(รหัส PIN สำหรับออกจากหน้าคีออสก์|Exit PIN)$/).fill('2468');
			const idle = page.locator('#kiosk-idle');
			await idle.fill('5');
			await page.getByRole('button', { name: /^(เพิ่มเครื่องคีออสก์|Add a kiosk)$/ }).click();

			const alert = page.locator('#add-kiosk-problem');
			await alert.getByText(expected[lang]).waitFor();
			const said = (await alert.textContent()) ?? '';
			expect(said).not.toMatch(/kiosk_idle_invalid|SQL/);
			if (lang === 'th') expect(said).not.toMatch(/[A-Za-z]{4,}/);
			// The field is marked, keeps what was typed, and the message links to it.
			expect(await idle.getAttribute('aria-invalid')).toBe('true');
			expect(await idle.inputValue()).toBe('5');
			expect(await alert.getByRole('link', { name: expected[lang] }).getAttribute('href')).toBe(
				'#kiosk-idle'
			);
			expect(await axeViolations(page)).toEqual([]);
		}
	});
});

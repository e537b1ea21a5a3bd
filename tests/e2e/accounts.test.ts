/**
 * The accounts screen, as BMA's central administrator uses it on the embedded server:
 * adds an officer for a district office, gives them a new password when they forget it,
 * pauses it while they are away and resumes it when they are back, removes the account
 * when they leave — and an officer never sees the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import { axeViolations } from './browser.ts';
import { LoginPage } from './pages/LoginPage.ts';

const admin = { email: 'ita@bangkok.go.th', password: 'ศาลาว่าการ-กทม-2570' };
const officer = { email: 'somchai@bangrak.go.th', password: 'ตึกใบหยก-บางรัก-2570' };

describe('the accounts screen', () => {
	let e2e: E2e;
	beforeAll(async () => {
		e2e = await startE2e({
			name: 'accounts',
			prepare: (db) => createAccount(db, { ...admin, role: 'central' })
		});
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	async function signIn(who: { email: string; password: string }, lands: RegExp) {
		const { page } = await e2e.newPage(desk);
		const login = new LoginPage(page, e2e.server.url);
		await login.open();
		await login.signIn(who.email, who.password);
		await page.waitForURL(lands);
		return { page, login };
	}

	const row = (page: Page, email: string) => page.getByRole('row', { name: new RegExp(email) });

	test('a central administrator adds an officer, resets their password and removes the account', async () => {
		const { page } = await signIn(admin, /\/admin$/);
		await page.getByRole('link', { name: 'บัญชีผู้ใช้' }).click();
		await page.waitForURL(/\/admin\/accounts$/);
		expect(await row(page, admin.email).textContent()).toMatch(/บัญชีของท่าน/);
		// One's own account has no remove button.
		expect(await row(page, admin.email).getByText(/ลบบัญชี/).count()).toBe(0);
		expect(await axeViolations(page)).toEqual([]);

		const add = page.locator('form#add-account');
		const send = async () => {
			const loaded = page.waitForEvent('load');
			await add.getByRole('button', { name: 'เพิ่มบัญชี' }).click();
			await loaded;
		};
		// Too short a password, then no agency for an officer: each says what to fix.
		await add.getByLabel('อีเมล').fill(officer.email);
		await add.getByLabel('รหัสผ่าน').fill('สั้นไป');
		await send();
		expect(await add.getByRole('alert').textContent()).toMatch(/อย่างน้อย 10 ตัวอักษร/);
		expect(await add.getByLabel('อีเมล').inputValue()).toBe(officer.email);
		expect(await axeViolations(page)).toEqual([]);
		await add.getByLabel('รหัสผ่าน').fill(officer.password);
		await send();
		expect(await add.getByRole('alert').textContent()).toMatch(/กรุณาเลือกหน่วยงาน/);
		expect(await row(page, officer.email).count()).toBe(0);

		await add.getByLabel('หน่วยงาน').selectOption('bang-rak');
		await add.getByLabel('รหัสผ่าน').fill(officer.password);
		await send();
		expect(await add.getByRole('status').textContent()).toMatch(`เพิ่มบัญชี ${officer.email} แล้ว`);
		expect(await row(page, officer.email).textContent()).toMatch(/เจ้าหน้าที่หน่วยงาน.*บางรัก/);

		// The officer signs in with it.
		await signIn(officer, /\/admin\/bang-rak$/);

		// They forgot it: a new one.
		const newPassword = 'ตึกใบหยก-บางรัก-2571';
		const reset = row(page, officer.email);
		await reset.getByLabel(`รหัสผ่านใหม่ ${officer.email}`).fill(newPassword);
		let loaded = page.waitForEvent('load');
		await reset.getByRole('button', { name: 'ตั้งรหัสผ่านใหม่' }).click();
		await loaded;
		expect(await row(page, officer.email).getByRole('status').textContent()).toMatch(
			/ตั้งรหัสผ่านใหม่ของ .* แล้ว/
		);
		const away = await signIn({ ...officer, password: newPassword }, /\/admin\/bang-rak$/);
		// An officer is not shown the screen, nor can open it.
		expect(await away.page.getByRole('link', { name: 'บัญชีผู้ใช้' }).count()).toBe(0);
		const refused = await away.page.goto(new URL('/admin/accounts', e2e.server.url).toString());
		expect(refused?.status()).toBe(404);

		// On leave: paused. Their open session ends at once, and signing in is refused.
		expect(
			await row(page, admin.email)
				.getByRole('button', { name: /ระงับบัญชี/ })
				.count()
		).toBe(0);
		loaded = page.waitForEvent('load');
		await row(page, officer.email)
			.getByRole('button', { name: /^ระงับบัญชีชั่วคราว/ })
			.click();
		await loaded;
		expect(await row(page, officer.email).getByRole('status').textContent()).toMatch(
			`ระงับบัญชี ${officer.email} แล้ว`
		);
		// When, in the Buddhist era.
		const thisYear = new Date().getFullYear() + 543;
		expect(await row(page, officer.email).textContent()).toMatch(
			new RegExp(`ระงับบัญชีตั้งแต่ .*(${thisYear}|${thisYear - 1})`)
		);
		expect(await axeViolations(page)).toEqual([]);
		await away.page.goto(new URL('/admin/bang-rak', e2e.server.url).toString());
		expect(new URL(away.page.url()).pathname).toBe('/admin/login');
		await away.login.signIn(officer.email, newPassword);
		expect(await away.login.alertText()).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);

		// Back: resumed, the same password works again.
		loaded = page.waitForEvent('load');
		await row(page, officer.email)
			.getByRole('button', { name: /^เปิดใช้บัญชีอีกครั้ง/ })
			.click();
		await loaded;
		expect(await row(page, officer.email).getByRole('status').textContent()).toMatch(
			`เปิดใช้บัญชี ${officer.email} อีกครั้งแล้ว`
		);
		expect(await row(page, officer.email).textContent()).not.toMatch(/ระงับบัญชีตั้งแต่/);
		const again = await signIn({ ...officer, password: newPassword }, /\/admin\/bang-rak$/);

		await row(page, officer.email).getByText('ลบบัญชี', { exact: true }).click();
		loaded = page.waitForEvent('load');
		await row(page, officer.email)
			.getByRole('button', { name: `ยืนยันการลบบัญชี ${officer.email}` })
			.click();
		await loaded;
		expect(await page.getByRole('status').first().textContent()).toMatch(
			`ลบบัญชี ${officer.email} แล้ว`
		);
		expect(await row(page, officer.email).count()).toBe(0);

		// The removed officer's session ends with the account.
		await again.page.goto(new URL('/admin/bang-rak', e2e.server.url).toString());
		expect(new URL(again.page.url()).pathname).toBe('/admin/login');
		await again.login.signIn(officer.email, newPassword);
		expect(await again.login.alertText()).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
	});
});

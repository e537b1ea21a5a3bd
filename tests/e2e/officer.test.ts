/**
 * Issue 15, the officer's remaining items, as a district officer meets them:
 * - changes their own password from "บัญชีของฉัน" (every problem at once beside its field,
 *   in Thai and English; the new password works at the next sign-in, the old one not; the
 *   account's other sessions end, this device stays signed in) — on the embedded server
 *   and on Supabase Auth (a second app process with PUBLIC_SUPABASE_URL pointing at the
 *   first, which plays the project);
 * - during a sign-in pause, even the right password gets "signing in is paused, try again
 *   in N minutes", and an unknown email gets the very same words;
 * - one digit style: the survey's first screen says "1 ปีที่ผ่านมา" beside "4 นาที";
 * - screenshots of issue 15's new pages at 390×844, 1024×768, 768×1024 and 1280×800
 *   (test-results/screens/).
 *
 * The embedded server believes X-Forwarded-For from 127.0.0.1 here, so that each test
 * signs in from an address of its own (the sign-in throttles count per address).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { callRpc, service } from '../../src/lib/server/db/rpc.ts';
import { favourableResponse } from '../support/fixtures.ts';
import { createSupabase } from '../../src/lib/supabase.ts';
import { desk, patient, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';
import { axeViolations, holdScripts, interactive, phone, tablet } from './browser.ts';
import { KioskPage } from './pages/KioskPage.ts';
import { LoginPage } from './pages/LoginPage.ts';

const agency = 'demo';
const first = 'ตึกใบหยก-บางรัก-2570';
const second = 'ถนนสีลม-บางรัก-2571';
const officers = {
	changer: 'somsri@demo.go.th',
	paused: 'somchai@demo.go.th',
	shots: 'somying@demo.go.th',
	supabase: 'sompong@demo.go.th'
};
const central = 'ita@bangkok.go.th';
const kioskPin = '2468';
const thaiDigit = /[\u0E50-\u0E59]/;
/** Screenshots for a person to look at. */
const shots = join(process.cwd(), 'test-results', 'screens');
const sizes = {
	phone,
	tablet: { width: 1024, height: 768 },
	portrait: { width: 768, height: 1024 },
	laptop: { width: 1280, height: 800 }
};

describe("issue 15: the officer's own password, sign-in pauses, digits, screenshots", () => {
	let e2e: E2e;
	let app: EmbeddedServer;
	/** The Buddhist-era fiscal year of the demo round that has responses. */
	let dataYear = 0;
	let kioskCode = '';
	const contexts: BrowserContext[] = [];

	beforeAll(async () => {
		await mkdir(shots, { recursive: true });
		e2e = await startE2e({
			name: 'officer',
			start: true,
			env: { ITA_TRUSTED_PROXIES: '127.0.0.1' },
			prepare: async (db) => {
				for (const email of [officers.changer, officers.paused, officers.shots]) {
					await createAccount(db, { email, password: first, role: 'officer', agencyCode: agency });
				}
				await createAccount(db, { email: central, password: first, role: 'central' });
				// Six EIT responses to the demo round whose respondents skipped every
				// background question (issue 15 item 7).
				const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);
				const batch = Array.from({ length: 6 }, () =>
					favourableResponse(bma, 'demo-bma-2567', 'eit')
				);
				const out = await callRpc<{ accepted: number }>(db, service, 'submit_responses', {
					batch
				});
				expect(out.accepted).toBe(6);
				const [{ year }] = await db.query<{ year: number }>(
					`select fiscal_year as year from public.rounds where code = 'demo-bma-2567'`
				);
				dataYear = year + 543;
				// A kiosk of the demo round (issue 15 item 8).
				const kiosk = await callRpc<{ enrolmentCode: string }>(db, service, 'create_kiosk', {
					round_code: 'demo-bma-2567',
					name: 'โต๊ะประชาสัมพันธ์',
					pin_hash: await hashKioskPin(kioskPin),
					min_interval_seconds: 20,
					idle_seconds: 600
				});
				kioskCode = kiosk.enrolmentCode;
				// A round not open yet and one closed, for their pages.
				await db.query(
					`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on)
					select 'demo-later', agency_id, 'bma-2567', 2027, ita_private.today() + 30, ita_private.today() + 60
					from public.agencies where code = $1
					union all
					select 'demo-ended', agency_id, 'bma-2567', 2026, ita_private.today() - 60, ita_private.today() - 30
					from public.agencies where code = $1`,
					[agency]
				);
			}
		});
	}, 300_000);
	afterEach(async () => {
		for (const c of contexts.splice(0)) await c.close().catch(() => {});
		await e2e.closePages();
	});
	afterAll(() => e2e?.stop());

	/**
	 * A new visitor from `address` (X-Forwarded-For, believed from 127.0.0.1). `holdable`:
	 * no service worker, so that a test can hold the page's scripts back (a worker's
	 * answers from its cache pass by page.route).
	 */
	async function visitor(
		address: string,
		viewport = desk,
		holdable = false
	): Promise<{ context: BrowserContext; page: Page }> {
		const context = patient(
			await e2e.browser.newContext({
				viewport,
				...(holdable ? { serviceWorkers: 'block' as const } : {}),
				locale: 'th-TH',
				timezoneId: 'Asia/Bangkok',
				extraHTTPHeaders: { 'x-forwarded-for': address }
			})
		);
		contexts.push(context);
		return { context, page: await context.newPage() };
	}

	/**
	 * Waits until the page's scripts have loaded and taken over the page, so that what is
	 * typed next is not wiped by the page coming alive underneath (as a person waits for a
	 * page to settle before typing).
	 */
	const settled = (page: Page) => page.waitForLoadState('networkidle');

	async function signedIn(base: string, email: string, password: string, address: string) {
		const v = await visitor(address);
		const login = new LoginPage(v.page, base);
		await login.open();
		await settled(v.page);
		await login.signIn(email, password);
		await v.page.waitForURL(new RegExp(`/admin/${agency}$`));
		return { ...v, login };
	}

	/** Submits the password form and waits for the answer's page. */
	async function changePassword(page: Page, current: string, next: string, confirm: string) {
		await settled(page);
		await page.getByLabel(/^(รหัสผ่านปัจจุบัน|Current password)$/).fill(current);
		await page.getByLabel(/^(รหัสผ่านใหม่|New password)$/).fill(next);
		await page.getByLabel(/^(ยืนยันรหัสผ่านใหม่|Confirm the new password)$/).fill(confirm);
		const loaded = page.waitForEvent('load');
		await page.getByRole('button', { name: /^(เปลี่ยนรหัสผ่าน|Change password)$/ }).click();
		await loaded;
	}

	/** The texts a field's aria-describedby points at. */
	async function described(page: Page, label: string): Promise<string> {
		const ids = (
			(await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? ''
		)
			.split(' ')
			.filter(Boolean);
		const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
		return texts.join(' ');
	}

	/** Signs in and reads the answer once its page has loaded (never the previous one's). */
	async function tryPassword(login: LoginPage, email: string, password: string): Promise<string> {
		await settled(login.page);
		const loaded = login.page.waitForEvent('load');
		await login.signIn(email, password);
		await loaded;
		return login.alertText();
	}

	/** Whether the session still opens the officers' screens (no redirect to sign-in). */
	async function stillSignedIn(page: Page, base: string): Promise<boolean> {
		await page.goto(new URL(`/admin/${agency}`, base).toString());
		return new URL(page.url()).pathname === `/admin/${agency}`;
	}

	test("an officer changes their own password from 'บัญชีของฉัน': all problems at once, in Thai and English; then the new password works, the old one not, and the other device is signed out", async () => {
		const base = e2e.server.url;
		const elsewhere = await signedIn(base, officers.changer, first, '198.51.100.21');
		const { page } = await signedIn(base, officers.changer, first, '198.51.100.22');

		await page.getByRole('link', { name: 'บัญชีของฉัน' }).click();
		await page.getByRole('heading', { level: 1, name: 'บัญชีของฉัน' }).waitFor();
		expect(await page.getByRole('main').textContent()).toContain(officers.changer);
		expect(await axeViolations(page)).toEqual([]);

		// Wrong current password, too short, and a confirmation that differs: three at once.
		await changePassword(page, 'ไม่ใช่รหัสผ่านนี้-0000', 'สั้นไป', 'สั้นไปอีก');
		const summary = page.getByRole('alert');
		await summary.getByText('พบ 3 รายการที่ต้องแก้ไข').waitFor();
		expect(await summary.getByRole('link').count()).toBe(3);
		expect(await described(page, 'รหัสผ่านปัจจุบัน')).toMatch(/รหัสผ่านปัจจุบันไม่ถูกต้อง/);
		expect(await described(page, 'รหัสผ่านใหม่')).toMatch(/อย่างน้อย 10 ตัวอักษร \(ตอนนี้ 6 ตัว\)/);
		expect(await described(page, 'ยืนยันรหัสผ่านใหม่')).toMatch(/ไม่ตรงกัน/);
		for (const label of ['รหัสผ่านปัจจุบัน', 'รหัสผ่านใหม่', 'ยืนยันรหัสผ่านใหม่']) {
			expect(
				await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'),
				label
			).toBe('true');
		}
		// The summary's link leads to the field.
		await summary.getByRole('link', { name: /ไม่ตรงกัน/ }).click();
		expect(new URL(page.url()).hash).toBe('#confirm-password');
		expect(await axeViolations(page)).toEqual([]);

		// The same problems in English, at the press of the switch.
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
		await page.getByRole('alert').getByText('3 things to correct').waitFor();
		expect(await described(page, 'Current password')).toMatch(/The current password is not right/);
		expect(await described(page, 'New password')).toMatch(/at least 10 characters; this one has 6/);
		expect(await described(page, 'Confirm the new password')).toMatch(/not the same/);
		expect(await axeViolations(page)).toEqual([]);

		// Right current password, but the new one is the current one.
		await changePassword(page, first, first, first);
		expect(await described(page, 'New password')).toMatch(/must differ from the current one/);

		// Done.
		await changePassword(page, first, second, second);
		expect(await page.getByRole('status').textContent()).toMatch(
			/Your password has been changed.*Other devices signed in to this account have been signed out/
		);
		expect(await page.getByRole('alert').count()).toBe(0);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'ภาษาไทย' }).click();
		await page
			.getByRole('status')
			.getByText(/^เปลี่ยนรหัสผ่านแล้ว/)
			.waitFor();

		// This device stays signed in; the other one has been signed out.
		expect(await stillSignedIn(page, base)).toBe(true);
		expect(await stillSignedIn(elsewhere.page, base)).toBe(false);
		expect(new URL(elsewhere.page.url()).searchParams.get('session')).toBe('expired');

		// The next sign-in: the old password is refused, the new one works.
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await page.waitForURL(/\/admin\/login\?signedOut/);
		const login = new LoginPage(page, base);
		expect(await tryPassword(login, officers.changer, first)).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
		await login.signIn(officers.changer, second);
		await page.waitForURL(new RegExp(`/admin/${agency}$`));
	});

	test('during a sign-in pause the right password gets "paused, try again in N minutes", in Thai and English, and an unknown email the very same words', async () => {
		const base = e2e.server.url;
		const { page } = await visitor('198.51.100.31');
		const login = new LoginPage(page, base);
		await login.open();
		/** Four wrong passwords, then the fifth starts the pause; then the right one. */
		async function pauseThenRight(email: string): Promise<string> {
			for (let i = 0; i < 4; i++) {
				expect(await tryPassword(login, email, `เดาผิด-ครั้งที่-${i}`)).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
			}
			expect(await tryPassword(login, email, 'เดาผิด-ครั้งที่-5')).toMatch(/ระงับการเข้าสู่ระบบชั่วคราว/);
			return tryPassword(login, email, first);
		}
		const known = await pauseThenRight(officers.paused);
		expect(known).toMatch(/^ระงับการเข้าสู่ระบบชั่วคราว.*โปรดลองใหม่ในอีก 1[45] นาที/);
		expect(known).not.toMatch(/ไม่ถูกต้อง$|อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
		expect(new URL(page.url()).pathname).toBe('/admin/login');
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { level: 1, name: 'Officers: sign in' }).waitFor();
		expect(await login.alertText()).toMatch(
			/^Signing in is paused after too many wrong passwords\. Try again in 1[45] minutes\./
		);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'ภาษาไทย' }).click();
		await page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบสำหรับเจ้าหน้าที่' }).waitFor();

		// An email with no account: the very same answers, so the pause tells nothing.
		const unknown = await pauseThenRight('nobody@demo.go.th');
		expect(unknown.replace(/\d+ นาที/, 'N นาที')).toBe(known.replace(/\d+ นาที/, 'N นาที'));

		// From another address the officer signs in: nobody can lock them out from elsewhere.
		await signedIn(base, officers.paused, first, '198.51.100.32');
	});

	test('one digit style: the survey\'s first screen says "1 ปีที่ผ่านมา" beside "4 นาที", and the background questions write their ages in Arabic digits', async () => {
		const { page } = await e2e.newPage(phone);
		await page.goto(new URL('/r/demo-nacc-2565', e2e.server.url).toString());
		await page.getByRole('button', { name: 'เริ่มตอบ' }).waitFor();
		const intro = await page.evaluate(() => document.body.innerText);
		expect(intro).toMatch(/1 ปีที่ผ่านมา/);
		expect(intro).toMatch(/\d+ นาที/);
		expect(intro).not.toMatch(thaiDigit);
		await settled(page);
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('button', { name: 'Start' }).waitFor();
		expect(await page.evaluate(() => document.body.innerText)).not.toMatch(thaiDigit);

		// The officers' results show the framework's age bands, in Arabic digits.
		const officer = await signedIn(e2e.server.url, officers.shots, first, '198.51.100.41');
		await officer.page.goto(
			new URL(`/admin/${agency}/rounds/demo-nacc-2565/results`, e2e.server.url).toString()
		);
		await officer.page.getByRole('heading', { level: 1 }).waitFor();
		const results = await officer.page.evaluate(() => document.body.innerText);
		expect(results).not.toMatch(thaiDigit);
	});

	test("screenshots of issue 15's new pages at a phone, two tablets and a laptop", async () => {
		const base = e2e.server.url;
		const officer = await signedIn(base, officers.shots, first, '198.51.100.51');
		const signedInCookies = await officer.context.cookies();
		const pages: [string, string, RegExp, boolean][] = [
			['home', '/', /^ITA Collect$/, false],
			['round-not-found', '/r/no-such-round-99', /^ไม่พบรอบการประเมินนี้$/, false],
			['counter-not-found', '/r/demo-bma-2567?sp=typo-99', /^ไม่พบจุดบริการนี้$/, false],
			['round-not-yet-open', '/r/demo-later', /ยังไม่เปิดรับคำตอบ/, false],
			['round-closed', '/r/demo-ended', /ปิดรับคำตอบแล้ว/, false],
			['status', '/status', /สถานะการส่งคำตอบ/, false],
			['paper-upload', `/admin/${agency}/rounds/demo-bma-2567/paper`, /นำเข้าแบบวัดฉบับกระดาษ/, true],
			['my-account', '/admin/account', /^บัญชีของฉัน$/, true]
		];
		// Each page opened once and looked at in each size in turn, as a person turns a
		// tablet or resizes a window (a load per page and size took twice as long).
		const { context, page } = await visitor('198.51.100.52', sizes.phone);
		await context.addCookies(signedInCookies);
		for (const [name, path, heading] of pages) {
			await page.setViewportSize(sizes.phone);
			await page.goto(new URL(path, base).toString());
			await page.getByRole('heading', { level: 1, name: heading }).waitFor();
			for (const [size, viewport] of Object.entries(sizes)) {
				await page.setViewportSize(viewport);
				await page.getByRole('heading', { level: 1, name: heading }).waitFor();
				// Nothing scrolls sideways.
				expect(
					await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
					`${name} at ${size}`
				).toBe(true);
				await page.screenshot({ path: join(shots, `${name}-${size}.png`), fullPage: true });
			}
		}
		await context.close();
		// The phone's pages have no axe violations in English either (Thai: above and in ux.test.ts).
		const english = (await visitor('198.51.100.53', phone)).page;
		await english.goto(new URL('/r/demo-later?lang=en', base).toString());
		await english.getByRole('heading', { level: 1 }).waitFor();
		expect(await axeViolations(english)).toEqual([]);
		await english.screenshot({
			path: join(shots, 'round-not-yet-open-phone-en.png'),
			fullPage: true
		});
	});

	test('on Supabase Auth: the officer changes their password with the same page; the other session ends; a sign-in pause says so', async () => {
		const keys = await e2e.server.keys();
		app = await e2e.anotherServer('app', {
			PUBLIC_SUPABASE_URL: e2e.server.url,
			PUBLIC_SUPABASE_ANON_KEY: keys.anonKey
		});
		const service = createSupabase({ url: e2e.server.url, anonKey: keys.serviceKey });
		const listed = await service.rpc('list_agencies');
		const demo = (listed.data as { code: string; id: string }[]).find((a) => a.code === agency)!;
		const created = await service.auth.admin.createUser({
			email: officers.supabase,
			password: first,
			email_confirm: true,
			app_metadata: { ita_role: 'officer', agency_id: demo.id }
		});
		// (A retry of this test finds the account made by the first attempt.)
		expect(created.error?.code ?? 'email_exists').toBe('email_exists');

		const elsewhere = await signedIn(app.url, officers.supabase, first, '198.51.100.61');
		const { page } = await signedIn(app.url, officers.supabase, first, '198.51.100.62');
		await page.getByRole('link', { name: 'บัญชีของฉัน' }).click();
		await page.getByRole('heading', { level: 1, name: 'บัญชีของฉัน' }).waitFor();
		await changePassword(page, 'ไม่ใช่รหัสผ่านนี้-0000', second, second + 'x');
		await page.getByRole('alert').getByText('พบ 2 รายการที่ต้องแก้ไข').waitFor();
		expect(await described(page, 'รหัสผ่านปัจจุบัน')).toMatch(/รหัสผ่านปัจจุบันไม่ถูกต้อง/);
		expect(await described(page, 'ยืนยันรหัสผ่านใหม่')).toMatch(/ไม่ตรงกัน/);
		expect(await axeViolations(page)).toEqual([]);

		await changePassword(page, first, second, second);
		expect(await page.getByRole('status').textContent()).toMatch(/^เปลี่ยนรหัสผ่านแล้ว/);
		expect(await stillSignedIn(page, app.url)).toBe(true);
		expect(await stillSignedIn(elsewhere.page, app.url)).toBe(false);

		const fresh = await visitor('198.51.100.63');
		const login = new LoginPage(fresh.page, app.url);
		await login.open();
		expect(await tryPassword(login, officers.supabase, first)).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
		await settled(fresh.page);
		await login.signIn(officers.supabase, second);
		await fresh.page.waitForURL(new RegExp(`/admin/${agency}$`));

		// Repeated failures: Supabase Auth answers 429, and the screen says paused and for how long.
		const other = await visitor('198.51.100.64');
		const guesser = new LoginPage(other.page, app.url);
		await guesser.open();
		let text = '';
		for (let i = 0; i < 6 && !/^ระงับ/.test(text); i++) {
			text = await tryPassword(guesser, officers.supabase, `เดาผิด-ครั้งที่-${i}`);
		}
		expect(await tryPassword(guesser, officers.supabase, second)).toMatch(
			/^ระงับการเข้าสู่ระบบชั่วคราว.*โปรดลองใหม่ในอีก \d+ นาที/
		);
		expect(await axeViolations(other.page)).toEqual([]);
	});

	// Issue 15's numbered list: the items no other browser test covered.

	test('3: the OIT table names every bad cell in one answer, each field marked, what was typed kept', async () => {
		const { page } = await signedIn(e2e.server.url, officers.shots, first, '198.51.100.71');
		await page.goto(new URL(`/admin/${agency}/rounds/demo-bma-2567`, e2e.server.url).toString());
		await page.getByRole('heading', { level: 2, name: 'คะแนน OIT และหลักฐาน' }).waitFor();
		await settled(page);
		const scores = page.getByRole('textbox', { name: /^คะแนน ข้อ / });
		const urls = page.getByRole('textbox', { name: /^URL หลักฐาน ข้อ / });
		await scores.nth(0).fill('ร้อย');
		await scores.nth(1).fill('150');
		await urls.nth(2).fill('ftp://example.com/evidence');
		const loaded = page.waitForEvent('load');
		await page.getByRole('button', { name: 'บันทึกคะแนน OIT' }).click();
		await loaded;
		const alert = page.getByRole('alert');
		await alert.getByText('พบ 3 รายการที่ต้องแก้ไข').waitFor();
		expect(await scores.nth(0).getAttribute('aria-invalid')).toBe('true');
		expect(await scores.nth(1).getAttribute('aria-invalid')).toBe('true');
		expect(await urls.nth(2).getAttribute('aria-invalid')).toBe('true');
		expect(await scores.nth(0).inputValue()).toBe('ร้อย');
		expect(await scores.nth(1).inputValue()).toBe('150');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('7: respondents who skipped the background questions are counted in a "ไม่ระบุ" row, never as 0 people', async () => {
		const { page } = await signedIn(e2e.server.url, officers.shots, first, '198.51.100.72');
		await page.goto(
			new URL(`/admin/${agency}/rounds/demo-bma-2567/results`, e2e.server.url).toString()
		);
		await page.getByRole('heading', { level: 1 }).waitFor();
		const notAnswered = page.getByRole('row', { name: /^ไม่ระบุ/ });
		await notAnswered.first().waitFor();
		const cells = await notAnswered.evaluateAll((rows) =>
			rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent?.trim()))
		);
		// The EIT tables: all six respondents in the "not answered" row, 100 %.
		expect(cells).toContainEqual(['ไม่ระบุ', '6', '100.00']);
		expect(await page.evaluate(() => document.body.innerText)).not.toMatch(
			/รวม\s*100\.00\s*\/\s*0\b/
		);
		expect(await axeViolations(page)).toEqual([]);
	});

	test('9: the central view opens on the latest fiscal year that has responses, not an empty later one', async () => {
		const v = await visitor('198.51.100.73', desk, true);
		const login = new LoginPage(v.page, e2e.server.url);
		await login.open();
		await settled(v.page);
		await login.signIn(central, first);
		await v.page.waitForURL(/\/admin$/);
		await v.page.goto(new URL('/admin/central', e2e.server.url).toString());
		const year = v.page.getByLabel('ปีงบประมาณ (พ.ศ.)');
		await year.waitFor();
		expect(await year.inputValue()).toBe(String(dataYear));
		expect(await v.page.getByRole('main').textContent()).toContain('สำนักงานเขตตัวอย่าง');

		// Another year, chosen while the page's scripts are still on their way (a slow
		// connection), stays chosen once they run, and is the one shown.
		const other = (await year.locator('option').allTextContents()).find(
			(y) => y !== String(dataYear)
		);
		expect(other).toBeDefined();
		const arrive = await holdScripts(v.page);
		await v.page.reload({ waitUntil: 'domcontentloaded' });
		await year.selectOption(other!);
		arrive();
		await interactive(v.page);
		expect(await year.inputValue()).toBe(other);
		await v.page.getByRole('button', { name: 'แสดง', exact: true }).click();
		await v.page.waitForURL(new RegExp(`year=${other}`));
		expect(await year.inputValue()).toBe(other);
	});

	test('8: the kiosk says "no name needed" once, opens on question 1 (no long page), and a PIN lockout survives a reload', async () => {
		const { page } = await e2e.newPage(tablet);
		const kiosk = new KioskPage(page, e2e.server.url);
		await kiosk.open(kioskCode);
		await kiosk.welcome();
		const welcome = await page.evaluate(() => document.body.innerText);
		expect(welcome.split('ไม่ต้องระบุชื่อ').length - 1).toBeLessThanOrEqual(1);
		await kiosk.start();
		await page.getByRole('radio').first().waitFor();
		// The first screen is the survey's first question, one tablet screen or so — not the
		// 3,000 px of background questions it once was.
		expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(
			2 * tablet.height
		);

		await page.reload();
		await kiosk.welcome();
		await kiosk.openPin();
		for (const wrong of ['0000', '0001', '0002']) await kiosk.typePin(wrong);
		await expect.poll(() => kiosk.alert().textContent()).toMatch(/ผิด 3 ครั้ง/);
		expect(await page.getByLabel('รหัส PIN').isDisabled()).toBe(true);
		// Reloading the page does not lift the lockout.
		await page.reload();
		await kiosk.welcome();
		await kiosk.openPin();
		expect(await page.getByLabel('รหัส PIN').isDisabled()).toBe(true);
	});

	test('8: the one-time enrolment code of a new kiosk is in view when the page comes back', async () => {
		const { page } = await signedIn(e2e.server.url, officers.shots, first, '198.51.100.74');
		await page.goto(
			new URL(`/admin/${agency}/rounds/demo-bma-2567/kiosks`, e2e.server.url).toString()
		);
		await page.getByRole('heading', { level: 1, name: /เครื่องคีออสก์/ }).waitFor();
		await settled(page);
		const add = page.locator('form', {
			has: page.getByRole('button', { name: 'เพิ่มเครื่องคีออสก์' })
		});
		await add.getByLabel('ชื่อเครื่อง').fill('แท็บเล็ตหน้าห้องทะเบียน');
		await add.getByLabel('รหัส PIN สำหรับออกจากหน้าคีออสก์').fill('1357');
		const loaded = page.waitForEvent('load');
		await add.getByRole('button', { name: 'เพิ่มเครื่องคีออสก์' }).click();
		await loaded;
		const code = page.locator('[data-enrolment-code]');
		await code.waitFor();
		// Wherever the page scrolled to, the code shown once is on the screen.
		await expect
			.poll(async () => {
				const box = await code.boundingBox();
				return !!box && box.y >= 0 && box.y + box.height <= desk.height;
			})
			.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
	});
});

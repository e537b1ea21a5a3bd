/**
 * A kiosk tablet at the office entrance (1024×768, Debian's Chromium, `page.clock` for
 * time) against the embedded server: enrolled by an officer's code, it collects one
 * visitor after another offline, never shows one visitor's answers to the next, resets
 * when a visitor walks away, opens its settings only with the PIN, stops when revoked —
 * and the server refuses bursts with a reason the tablet keeps, flagged for the officer.
 * A setting the database refuses reaches the officer in the screen's language.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { callRpc, service } from '../../src/lib/server/db/rpc.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import { axeViolations, tablet } from './browser.ts';
import { KioskPage } from './pages/KioskPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { StatusPage } from './pages/StatusPage.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';

const round = 'demo-bma-2567';
const email = 'central@ita.example';
const password = 'คีออสก์-หน้าสำนักงาน-2570';
const pin = '2468';

describe('kiosk', () => {
	let e2e: E2e;
	let server: EmbeddedServer;

	beforeAll(async () => {
		// The first start makes the demo office and its rounds; then the officer's account.
		e2e = await startE2e({
			name: 'kiosk',
			start: true,
			prepare: (db) => createAccount(db, { email, password, role: 'central', agencyCode: null })
		});
		server = e2e.server;
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	/** A tablet: a new browser with the clock under the test's control. */
	async function tabletBrowser(time = Date.now()) {
		const { context, page } = await e2e.newPage(tablet);
		await context.clock.install({ time });
		return { context, page, kiosk: new KioskPage(page, server.url) };
	}

	/** Kiosks of the demo round, made as an officer would (a service call): their codes. */
	async function newKiosks(
		names: string[],
		settings: { min_interval_seconds?: number; idle_seconds?: number } = {}
	): Promise<string[]> {
		return server.withDatabase(async (db) => {
			const codes: string[] = [];
			for (const name of names) {
				const made = await callRpc<{ enrolmentCode: string }>(db, service, 'create_kiosk', {
					round_code: round,
					name,
					pin_hash: await hashKioskPin(pin),
					min_interval_seconds: settings.min_interval_seconds ?? 20,
					idle_seconds: settings.idle_seconds ?? 60
				});
				codes.push(made.enrolmentCode);
			}
			return codes;
		});
	}

	const storedFrom = (kiosk: string) =>
		server.withDatabase(async (db) => {
			const [row] = await db.query<{ n: number }>(
				`select count(*)::int as n from public.responses p join public.kiosks k using (kiosk_id)
				where k.name = $1 and p.channel = 'kiosk'`,
				[kiosk]
			);
			return row.n;
		});

	async function signedIn() {
		const { page } = await e2e.newPage(desk);
		const login = new LoginPage(page, server.url);
		await login.open();
		await login.signIn(email, password);
		await page.waitForURL(/\/admin$/);
		return page;
	}

	async function kiosksPage(page: Page) {
		await page.goto(new URL(`/admin/demo/rounds/${round}`, server.url).toString());
		await page.getByRole('link', { name: /เครื่องคีออสก์|Kiosks/ }).click();
		await page.getByRole('heading', { level: 1, name: /เครื่องคีออสก์|Kiosks/ }).waitFor();
	}

	test('enrolled by the officer, offline: three visitors, a blank welcome after each, the queue survives a reload, then exactly 3 arrive', async () => {
		const admin = await signedIn();
		await kiosksPage(admin);
		await admin.getByLabel(/^(ชื่อเครื่อง|Kiosk name)$/).fill('ประตูหน้า');
		await admin.getByLabel(/^(รหัส PIN สำหรับออกจากหน้าคีออสก์|Exit PIN)$/).fill(pin);
		await admin.getByRole('button', { name: /^(เพิ่มเครื่องคีออสก์|Add a kiosk)$/ }).click();
		const code = (await admin.locator('[data-enrolment-code]').textContent())!.trim();
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		const link = await admin.locator('[data-link]').getAttribute('data-link');
		expect(link).toBe(new URL(`/kiosk?code=${code}`, server.url).href);
		expect(await axeViolations(admin)).toEqual([]);

		const { context, page, kiosk } = await tabletBrowser();
		await kiosk.open(code);
		await kiosk.welcome();
		// The used code leaves the address bar.
		expect(new URL(page.url()).search).toBe('');
		await kiosk.controlled();
		await context.setOffline(true);
		const history = await page.evaluate(() => window.history.length);

		for (let visitor = 0; visitor < 3; visitor++) {
			await kiosk.visitor();
			// A few seconds later the welcome screen is back, with nothing of this visitor.
			await page.clock.fastForward(7_000);
			await kiosk.welcome();
			expect(await kiosk.checked()).toBe(0);
			expect(await page.locator('input, textarea').count()).toBe(0);
			await expect.poll(() => kiosk.queued()).toBe(visitor + 1);
			// The next visitor comes along well after the kiosk's minimum interval.
			await page.clock.fastForward(30_000);
		}
		expect(await kiosk.online()).toBe('false');
		// Nothing of a visitor to go back to.
		expect(await page.evaluate(() => window.history.length)).toBe(history);

		await page.reload();
		await kiosk.welcome();
		await expect.poll(() => kiosk.queued()).toBe(3);

		await context.setOffline(false);
		await expect.poll(() => kiosk.queued(), { timeout: 60_000 }).toBe(0);
		expect(await storedFrom('ประตูหน้า')).toBe(3);
		await expect.poll(() => kiosk.online()).toBe('true');

		// The officer sees what arrived from it.
		await kiosksPage(admin);
		const card = admin.locator('[data-kiosk="ประตูหน้า"]');
		expect(await card.locator('[data-kiosk-responses]').textContent()).toBe('3');
		expect(await card.locator('[data-kiosk-state]').getAttribute('data-kiosk-state')).toBe(
			'active'
		);
	});

	test('a visitor who walks away: after the idle time the answers are gone from screen and storage, and nothing was sent', async () => {
		const [code] = await newKiosks(['ทางเดิน']);
		const { page, kiosk } = await tabletBrowser();
		await kiosk.open(code);
		await kiosk.start();
		await kiosk.answerScreen();
		await kiosk.next();
		await kiosk.answerScreen();
		expect(await kiosk.checked()).toBeGreaterThan(0);

		await page.clock.fastForward(61_000);
		const warning = page.getByRole('alertdialog');
		await warning.waitFor();
		expect(await warning.textContent()).toMatch(/ยังตอบอยู่หรือไม่/);
		await page.clock.fastForward(21_000);
		await kiosk.welcome();
		expect(await warning.count()).toBe(0);

		await kiosk.start();
		expect(await kiosk.checked()).toBe(0);
		const kept = await page.evaluate(async () => {
			const keys = Object.keys(localStorage).concat(Object.keys(sessionStorage));
			const outbox = await new Promise<number>((resolve, reject) => {
				const request = indexedDB.open('ita-outbox');
				request.onerror = () => reject(new Error(String(request.error)));
				request.onsuccess = () => {
					const db = request.result;
					if (!db.objectStoreNames.contains('responses')) return resolve(0);
					const count = db.transaction('responses').objectStore('responses').count();
					count.onsuccess = () => resolve(count.result);
				};
			});
			return { keys: keys.filter((k) => k.startsWith('ita:draft')), outbox };
		});
		expect(kept).toEqual({ keys: [], outbox: 0 });
		expect(await storedFrom('ทางเดิน')).toBe(0);
	});

	test('the PIN: a wrong one is refused, the right one opens the settings, three wrong lock for a minute', async () => {
		const [code] = await newKiosks(['โต๊ะประชาสัมพันธ์']);
		const { page, kiosk } = await tabletBrowser();
		await kiosk.open(code);
		await kiosk.openPin();
		await kiosk.typePin('1111');
		await expect.poll(() => kiosk.alert().textContent()).toMatch(/ไม่ถูกต้อง ใส่ได้อีก 2 ครั้ง/);
		expect(await kiosk.headingText()).toBe('สำหรับเจ้าหน้าที่');
		await kiosk.typePin(pin);
		await page.getByRole('heading', { level: 1, name: 'ตั้งค่าเครื่องคีออสก์' }).waitFor();
		expect(await page.getByText('โต๊ะประชาสัมพันธ์').count()).toBeGreaterThan(0);

		await page.getByRole('button', { name: 'กลับสู่หน้าแรก' }).click();
		await kiosk.welcome();
		await kiosk.openPin();
		for (const wrong of ['0000', '0001', '0002']) await kiosk.typePin(wrong);
		await expect.poll(() => kiosk.alert().textContent()).toMatch(/ผิด 3 ครั้ง/);
		// Locked: the field takes nothing, not even the right PIN.
		expect(await page.getByLabel('รหัส PIN').isDisabled()).toBe(true);
		// A minute later (someone stays at the tablet meanwhile: no idle reset).
		await page.clock.fastForward(50_000);
		await page.getByRole('heading', { level: 1 }).click();
		await page.clock.fastForward(11_000);
		await expect.poll(() => page.getByLabel('รหัส PIN').isDisabled()).toBe(false);
		await kiosk.typePin(pin);
		await page.getByRole('heading', { level: 1, name: 'ตั้งค่าเครื่องคีออสก์' }).waitFor();
	});

	test('a revoked kiosk stops collecting and says so', async () => {
		const [code] = await newKiosks(['ห้องโถง']);
		const { page, kiosk } = await tabletBrowser();
		await kiosk.open(code);

		const admin = await signedIn();
		await kiosksPage(admin);
		const card = admin.locator('[data-kiosk="ห้องโถง"]');
		await card.getByRole('button', { name: /^(ยกเลิกเครื่องนี้|Revoke this kiosk)$/ }).click();
		await admin
			.getByRole('status')
			.filter({ hasText: /ยกเลิกเครื่องแล้ว/ })
			.waitFor();
		expect(
			await admin
				.locator('[data-kiosk="ห้องโถง"] [data-kiosk-state]')
				.getAttribute('data-kiosk-state')
		).toBe('revoked');

		// The tablet hears it at its next heartbeat (once a minute).
		await page.clock.fastForward(61_000);
		await page.getByRole('heading', { level: 1, name: 'เครื่องนี้ปิดการใช้งานแล้ว' }).waitFor();
		expect(await page.getByRole('button', { name: /เริ่มตอบแบบวัด/ }).count()).toBe(0);
	});

	test('two kiosks of the office send in the same second: both accepted', async () => {
		const [a, b] = await newKiosks(['ฝั่งซ้าย', 'ฝั่งขวา']);
		const at = Date.now();
		const left = await tabletBrowser(at);
		const right = await tabletBrowser(at);
		await left.kiosk.open(a);
		await right.kiosk.open(b);
		await left.context.setOffline(true);
		await right.context.setOffline(true);
		await left.kiosk.visitor();
		await right.kiosk.visitor();
		await Promise.all([left.context.setOffline(false), right.context.setOffline(false)]);
		await expect.poll(() => left.kiosk.queued(), { timeout: 60_000 }).toBe(0);
		await expect.poll(() => right.kiosk.queued(), { timeout: 60_000 }).toBe(0);
		expect(await storedFrom('ฝั่งซ้าย')).toBe(1);
		expect(await storedFrom('ฝั่งขวา')).toBe(1);
	});

	test('one kiosk faster than its minimum interval: refused with the reason kept on the tablet, and flagged for the officer', async () => {
		const [code] = await newKiosks(['ทดสอบเร็ว'], { min_interval_seconds: 120 });
		const { page, kiosk } = await tabletBrowser();
		await kiosk.open(code);
		await kiosk.visitor();
		await expect.poll(() => kiosk.queued(), { timeout: 60_000 }).toBe(0);
		await page.clock.fastForward(7_000);
		await kiosk.welcome();
		await kiosk.visitor();
		await expect.poll(() => kiosk.queued(), { timeout: 60_000 }).toBe(0);
		expect(await storedFrom('ทดสอบเร็ว')).toBe(1);

		// Kept on the tablet, with the server's reason: in the settings and on /status.
		await page.clock.fastForward(7_000);
		await kiosk.welcome();
		await kiosk.openPin();
		await kiosk.typePin(pin);
		await expect
			.poll(() => page.locator('[data-refusal-reason]').allTextContents())
			.toEqual([expect.stringMatching(/every 120 seconds|ทุก 120 วินาที/)]);
		const status = new StatusPage(page, server.url);
		await status.open();
		expect(await status.count('refused')).toBe(1);
		// The reasons are listed once the refused answers have been read (after the counts).
		await expect
			.poll(() => status.refusalReasons())
			.toEqual([expect.stringMatching(/every 120 seconds|ทุก 120 วินาที/)]);

		const admin = await signedIn();
		await kiosksPage(admin);
		expect(
			await admin.locator('[data-kiosk="ทดสอบเร็ว"] [data-flag]').getAttribute('data-flag')
		).toBe('kiosk_too_soon');
	});

	test("outside the round's dates the kiosk politely says it is closed, and offers no survey", async () => {
		const [code] = await newKiosks(['หลังปิดรอบ']);
		// The demo round closes 90 days from today: this tablet's calendar is past that.
		const { page, kiosk } = await tabletBrowser(Date.now() + 100 * 86_400_000);
		await kiosk.open(code);
		await page.getByRole('heading', { level: 1, name: 'ขณะนี้ไม่เปิดรับแบบวัด' }).waitFor();
		expect(await page.getByText(/ปิดรับคำตอบแล้ว ขอบคุณที่สนใจ/).count()).toBe(1);
		expect(await page.getByRole('button', { name: /เริ่มตอบแบบวัด/ }).count()).toBe(0);
		expect(await axeViolations(page)).toEqual([]);
	});

	test('axe-core finds no violations on the kiosk screens, in Thai and in English', async () => {
		const [code] = await newKiosks(['ทดสอบการเข้าถึง']);
		const { context, page, kiosk } = await tabletBrowser();
		const found: string[] = [];
		const check = async (label: string) =>
			found.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));

		await kiosk.open();
		await check('enrol');
		await page.getByLabel('รหัสลงทะเบียน').fill('ZZZZ-ZZZZ');
		await page.getByRole('button', { name: 'ลงทะเบียน' }).click();
		await kiosk
			.alert()
			.filter({ hasText: /ไม่พบรหัสนี้/ })
			.waitFor();
		await check('enrol refused');
		await kiosk.enrol(code);

		for (const lang of ['th', 'en'] as const) {
			if (lang === 'en') {
				await page.getByRole('button', { name: 'English' }).click();
				await page.getByRole('heading', { level: 1, name: /Help us improve/ }).waitFor();
			}
			await check(`${lang} welcome`);
			await kiosk.start();
			for (let guard = 0; guard < 40; guard++) {
				await check(`${lang} ${await kiosk.headingText()}`);
				if ((await page.locator('.review').count()) > 0) break;
				if ((await page.getByRole('radio').count()) > 0 && guard === 1) {
					// The blocked state: the message and the marked fields.
					await kiosk.primary().click();
					await check(`${lang} blocked`);
				}
				await kiosk.answerScreen();
				await kiosk.next();
			}
			await page.clock.fastForward(61_000);
			await page.getByRole('alertdialog').waitFor();
			await check(`${lang} idle warning`);
			await page.getByRole('button', { name: /^(ตอบต่อ|Continue)$/ }).click();
			await kiosk.primary().click();
			await page.getByRole('heading', { level: 1, name: /ขอบคุณที่ร่วมตอบแบบวัด|Thank you/ }).waitFor();
			await check(`${lang} thanks`);
			await page.clock.fastForward(7_000);
			await kiosk.welcome();
		}
		await context.setOffline(true);
		await kiosk.openPin();
		await check('pin');
		await kiosk.typePin('0000');
		await kiosk
			.alert()
			.filter({ hasText: /ไม่ถูกต้อง/ })
			.waitFor();
		await check('pin refused');
		await kiosk.typePin(pin);
		await page.getByRole('heading', { level: 1, name: 'ตั้งค่าเครื่องคีออสก์' }).waitFor();
		await check('settings');
		expect(found).toEqual([]);
	});

	// A refusal of the database reaches the officer as the catalogue's text in the screen's
	// language (issue 15), never as the code or the SQL's English.
	test('a kiosk idle time the database refuses: Thai, then English, beside the marked field', async () => {
		const { context, page } = await e2e.newPage(desk);
		const login = new LoginPage(page, server.url);
		await login.open();
		await login.signIn(email, password);
		await page.waitForURL(/\/admin$/);

		const expected = {
			th: 'เวลาที่ไม่มีผู้ใช้งานก่อนเริ่มหน้าแรกใหม่ต้องเป็น 20–600 วินาที',
			en: 'The idle time before the kiosk starts over is 20 to 600 seconds.'
		};
		for (const lang of ['th', 'en'] as const) {
			await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
			await page.goto(new URL(`/admin/demo/rounds/${round}/kiosks`, server.url).toString());
			await page.getByRole('heading', { level: 1, name: /เครื่องคีออสก์|Kiosks/ }).waitFor();
			// The add form (the kiosks made by the tests above are listed above it, each
			// with its own name field).
			const add = page.locator('form[action^="?/add"]');
			await add.getByLabel(/^(ชื่อเครื่อง|Kiosk name)$/).fill('ประตูหน้า');
			await add.getByLabel(/^(รหัส PIN สำหรับออกจากหน้าคีออสก์|Exit PIN)$/).fill('2468');
			const idle = page.locator('#kiosk-idle');
			await idle.fill('5');
			await add.getByRole('button', { name: /^(เพิ่มเครื่องคีออสก์|Add a kiosk)$/ }).click();

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

/**
 * An agency officer at a desk, with Debian's Chromium against the embedded server: signs
 * in, sets up counters and a round, prints the QR posters — and the codes read back from
 * the printout lead a phone to the right counter's survey. A wrong password, an expired
 * session and a code already used each say so plainly and change nothing. BMA's central
 * administrator manages accounts on the accounts screen, which an officer never sees.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount, type Account } from '../../src/lib/server/auth/accounts.ts';
import { issueSession, REFRESH_COOKIE, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import { axeViolations, holdScripts, interactive, phone as phoneSize } from './browser.ts';
import { AgencyPage } from './pages/AgencyPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { decodeQr, PostersPage } from './pages/PostersPage.ts';
import { RoundPage } from './pages/RoundPage.ts';
import { SurveyPage } from './pages/SurveyPage.ts';
import { TrustSettingsForm } from './pages/TrustPages.ts';

const agency = 'bang-rak';
const email = 'somchai@bangrak.go.th';
const password = 'ตึกใบหยก-บางรัก-2570';
const round = 'e2e-bang-rak-2570';
/** The accounts screen's users: BMA's central administrator, and the officer they add. */
const centralAdmin = { email: 'ita@bangkok.go.th', password: 'ศาลาว่าการ-กทม-2570' };
const newOfficer = { email: 'somying@bangrak.go.th', password: 'ตึกใบหยก-บางรัก-2570' };
const counters = [
	{ code: 'e2e-registration', nameTh: 'ฝ่ายทะเบียน ช่องบริการด่วน', section: 'registration' },
	{ code: 'e2e-revenue', nameTh: 'ฝ่ายรายได้ ช่อง 2', section: 'revenue' }
];

/** A day counted from today in Thailand, YYYY-MM-DD. */
function day(offset: number): string {
	return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('officers', () => {
	let e2e: E2e;
	let server: EmbeddedServer;
	let officer: Account;

	beforeAll(async () => {
		// The account is made as `npm run ita -- user add` makes it; then the server starts.
		e2e = await startE2e({
			name: 'admin',
			prepare: async (db) => {
				officer = await createAccount(db, {
					email,
					password,
					role: 'officer',
					agencyCode: agency
				});
				await createAccount(db, { ...centralAdmin, role: 'central' });
			}
		});
		server = e2e.server;
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	const browser = (viewport = desk) => e2e.newPage(viewport);

	async function signedIn() {
		const b = await browser();
		const login = new LoginPage(b.page, server.url);
		await login.open();
		await login.signIn(email, password);
		await b.page.waitForURL(new RegExp(`/admin/${agency}$`));
		return b;
	}

	const servicePoints = () =>
		server.withDatabase((db) =>
			db.query<{ code: string; name: string }>(
				`select p.code, p.name ->> 'th' as name from public.service_points p
				join public.agencies a using (agency_id) where a.code = $1 order by p.code`,
				[agency]
			)
		);

	test('axe-core finds no violations on the sign-in screen, in Thai and in English', async () => {
		const { context, page } = await browser();
		const login = new LoginPage(page, server.url);
		const found: string[] = [];
		for (const lang of ['th', 'en']) {
			await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
			await login.open();
			found.push(...(await axeViolations(page)).map((v) => `${lang}: ${v}`));
			// The refused state too: the message and the marked fields.
			await login.signIn('nobody@bangrak.go.th', 'not-the-password');
			await login.alertText();
			found.push(...(await axeViolations(page)).map((v) => `${lang} refused: ${v}`));
		}
		expect(found).toEqual([]);
	});

	test('a wrong password gets one message that does not say which part was wrong, and no session', async () => {
		const { context, page } = await browser();
		const login = new LoginPage(page, server.url);
		await login.open('/admin');
		expect(new URL(page.url()).pathname).toBe('/admin/login');

		await login.signIn(email, 'ตึกใบหยก-บางรัก-2569');
		const wrongPassword = await login.alertText();
		expect(wrongPassword).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
		expect(wrongPassword).toMatch(/5 ครั้งภายใน 15 นาที/);
		await login.signIn('somsri@bangrak.go.th', password);
		expect(await login.alertText()).toBe(wrongPassword);

		expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
		await page.goto(new URL(`/admin/${agency}`, server.url).toString());
		expect(new URL(page.url()).pathname).toBe('/admin/login');
	});

	test('what an officer types while the page is still loading its scripts is kept and sent (a slow phone)', async () => {
		const { page } = await browser(phoneSize);
		// The page's scripts arrive only after the officer has typed: as on a weak signal.
		const arrive = await holdScripts(page);
		await page.goto(new URL('/admin/login', server.url).toString(), {
			waitUntil: 'domcontentloaded'
		});
		const field = page.getByLabel(/^(อีเมล|Email)$/);
		await field.fill(email);
		await page.getByLabel(/^(รหัสผ่าน|Password)$/).fill(password);
		arrive();
		// The scripts have run (the layout's mark) and the typed address is still there.
		await interactive(page);
		expect(await field.inputValue()).toBe(email);
		await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
		await page.waitForURL(new RegExp(`/admin/${agency}$`));

		// The same on an officers' form, typed before that page's scripts ran.
		const arriveAgain = await holdScripts(page);
		await page.goto(new URL(`/admin/${agency}`, server.url).toString(), {
			waitUntil: 'domcontentloaded'
		});
		const code = page.getByLabel(/^(รหัส|Code)$/).first();
		await code.fill('e2e-typed-early');
		arriveAgain();
		await interactive(page);
		expect(await code.inputValue()).toBe('e2e-typed-early');
	});

	test("an officer sets up two counters and a round and prints every poster; the printed codes lead to each counter's survey", async () => {
		const { context, page } = await signedIn();
		const agencyPage = new AgencyPage(page, server.url);
		expect(await axeViolations(page)).toEqual([]);

		for (const counter of counters) await agencyPage.addServicePoint(counter);
		expect(await agencyPage.servicePointCodes()).toEqual(
			expect.arrayContaining(counters.map((c) => c.code))
		);
		// With rows to edit and a notice on screen, still nothing for axe to find.
		expect(await axeViolations(page)).toEqual([]);

		await agencyPage.newRound();
		const roundPage = new RoundPage(page, server.url);
		await roundPage.create({
			code: round,
			fiscalYear: '2570',
			opensOn: day(0),
			closesOn: day(60),
			accessCode: 'staff-2570'
		});
		await expect
			.poll(() => page.getByRole('status').first().textContent())
			.toMatch(/สร้างรอบการประเมินแล้ว/);
		// Stored Gregorian, shown Buddhist era.
		const [stored] = await server.withDatabase((db) =>
			db.query<{ fiscal_year: number; status: string; min_iit: number; allow_repeat: boolean }>(
				`select fiscal_year, status, min_iit, allow_repeat from public.rounds where code = $1`,
				[round]
			)
		);
		expect(stored).toEqual({ fiscal_year: 2027, status: 'open', min_iit: 400, allow_repeat: true });

		await roundPage.open(agency, round);
		const eit = counters.map((c) => `${server.url}/r/${round}?sp=${c.code}`);
		expect(await roundPage.links()).toEqual(
			expect.arrayContaining([...eit, `${server.url}/r/${round}/iit`])
		);

		// A counter's PNG download holds its link; copy-link puts it on the clipboard.
		const png = await roundPage.download(new RegExp(counters[0].nameTh), 'PNG');
		expect(png.name).toBe(`qr-${round}-${counters[0].code}.png`);
		expect(decodeQr(png.body)).toBe(eit[0]);
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
		const card = roundPage.card(new RegExp(counters[1].nameTh));
		await card.getByRole('button', { name: /คัดลอกลิงก์|Copy link/ }).click();
		await expect.poll(() => card.getByRole('status').textContent()).toMatch(/คัดลอกลิงก์แล้ว/);
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(eit[1]);
		// LINE's share screen gets the staff link, without the access code unless asked.
		const line = roundPage.card(/บุคลากร \(IIT\)/).getByRole('link', { name: /แชร์ทาง LINE/ });
		const share = new URL((await line.getAttribute('href'))!);
		expect(share.origin + share.pathname).toBe('https://social-plus.line.me/lineit/share');
		expect(share.searchParams.get('url')).toBe(`${server.url}/r/${round}/iit`);
		expect(share.searchParams.get('text')).toMatch(/สำนักงานเขตบางรัก/);

		await roundPage.printAll('a4');
		// 127.0.0.1 is no address for a citizen's phone (no ITA_PUBLIC_URL here): asked first.
		expect(await page.locator('article.sheet').count()).toBe(0);
		await roundPage.confirmPrivateAddress();
		const posters = new PostersPage(page);
		expect(await posters.count()).toBe(2);
		const printout = await posters.scanPrintout();
		expect(printout.pages).toBe(2);
		expect(printout.codes).toEqual(eit);

		// The phone below answers faster than any person: no time floor for this round.
		await roundPage.open(agency, round);
		await new TrustSettingsForm(page).set({ secondsPerQuestion: '0' });

		// A citizen at the first counter scans its poster with a phone and answers.
		const phone = await browser(phoneSize);
		await phone.page.goto(printout.codes[0]!);
		const survey = new SurveyPage(phone.page, server.url);
		await survey.heading().waitFor();
		await survey.answerAll();
		await expect
			.poll(() => phone.page.getByRole('status').textContent())
			.toMatch(/ส่งถึงระบบเรียบร้อยแล้ว/);

		const rows = await server.withDatabase((db) =>
			db.query<{ service_point: string; channel: string; instrument: string }>(
				`select s.code as service_point, p.channel, p.instrument
				from public.responses p
					join public.rounds r using (round_id)
					left join public.service_points s using (service_point_id)
				where r.code = $1`,
				[round]
			)
		);
		expect(rows).toEqual([{ service_point: counters[0].code, channel: 'qr', instrument: 'eit' }]);
	});

	test('a service point code already used is refused with a clear message, and nothing changes', async () => {
		const before = await servicePoints();
		expect(before.map((p) => p.code)).toContain(counters[0].code);

		const { page } = await signedIn();
		const agencyPage = new AgencyPage(page, server.url);
		await agencyPage.addServicePoint({ code: counters[0].code, nameTh: 'เคาน์เตอร์ใหม่' });
		const problem = await agencyPage.addServicePointProblem();
		expect(problem).toMatch(/^รหัสนี้มีอยู่แล้ว/);
		// The catalogue's Thai text, naming the counter that has the code.
		expect(problem).toContain(
			`มีจุดบริการรหัส "${counters[0].code}" (ฝ่ายทะเบียน ช่องบริการด่วน) อยู่แล้ว กรุณาใช้รหัสอื่น หรือแก้ไขจุดบริการเดิม`
		);
		expect(problem).toContain(counters[0].code);
		// What was typed stays, to be corrected; the existing counter keeps its name.
		expect(
			await page
				.getByLabel(/^(รหัส|Code)$/)
				.first()
				.inputValue()
		).toBe(counters[0].code);
		expect(await agencyPage.servicePointName(counters[0].code).inputValue()).toBe(
			counters[0].nameTh
		);

		expect(await servicePoints()).toEqual(before);
	});

	test('an expired or forged session sends the officer to sign in again, says so, and changes nothing', async () => {
		const before = await servicePoints();
		const { context, page } = await signedIn();
		const agencyPage = new AgencyPage(page, server.url);
		// The same data folder's secret signed it, but its eight hours are over.
		const keys = await server.keys();
		const secret = Buffer.from(keys.jwtSecret, 'base64url');
		const expired = await issueSession(secret, officer, 60, new Date(Date.now() - 2 * 3600_000));
		// The working day is over: the refresh token is gone too (an expired access token alone
		// is refreshed, as Supabase Auth refreshes it).
		await context.clearCookies({ name: SESSION_COOKIE });
		await context.clearCookies({ name: REFRESH_COOKIE });
		await context.addCookies([{ name: SESSION_COOKIE, value: expired, url: server.url }]);

		// A change sent with it is not made: the officer is asked to sign in again.
		const form = page.locator('form', { has: page.getByRole('heading', { name: 'เพิ่มจุดบริการ' }) });
		await form.getByLabel(/^รหัส$/).fill('e2e-late');
		await form.getByLabel(/^ชื่อภาษาไทย$/).fill('ช่องที่ส่งหลังหมดเวลา');
		await form.getByRole('button', { name: 'เพิ่มจุดบริการ' }).click();
		await page.waitForURL(/\/admin\/login\?session=expired/);
		const login = new LoginPage(page, server.url);
		expect(await login.alertText()).toMatch(/เซสชันหมดอายุ/);
		expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);

		// One signed with another server's secret reads the same.
		const forged = await issueSession(Buffer.alloc(32, 7), officer);
		await context.addCookies([{ name: SESSION_COOKIE, value: forged, url: server.url }]);
		await agencyPage.open(agency);
		expect(new URL(page.url()).pathname).toBe('/admin/login');
		expect(await login.alertText()).toMatch(/เซสชันหมดอายุ/);

		// Signing in again leads back to the page that was asked for.
		await login.signIn(email, password);
		await page.waitForURL(new RegExp(`/admin/${agency}$`));
		expect(await agencyPage.servicePointCodes()).not.toContain('e2e-late');
		expect(await servicePoints()).toEqual(before);
	});

	// The accounts screen, as BMA's central administrator uses it: adds an officer for a
	// district office, gives them a new password when they forget it, pauses the account
	// while they are away and resumes it when they are back, removes the account when they
	// leave — and an officer never sees the screen.
	async function signInAs(who: { email: string; password: string }, lands: RegExp) {
		const { page } = await e2e.newPage(desk);
		const login = new LoginPage(page, server.url);
		await login.open();
		await login.signIn(who.email, who.password);
		await page.waitForURL(lands);
		return { page, login };
	}

	const row = (page: Page, email: string) => page.getByRole('row', { name: new RegExp(email) });

	test('a central administrator adds an officer, resets their password, pauses and resumes the account, and removes it', async () => {
		const { page } = await signInAs(centralAdmin, /\/admin$/);
		await page.getByRole('link', { name: 'บัญชีผู้ใช้' }).click();
		await page.waitForURL(/\/admin\/accounts$/);
		expect(await row(page, centralAdmin.email).textContent()).toMatch(/บัญชีของท่าน/);
		// One's own account has no remove button.
		expect(await row(page, centralAdmin.email).getByText(/ลบบัญชี/).count()).toBe(0);
		expect(await axeViolations(page)).toEqual([]);

		const add = page.locator('form#add-account');
		const send = async () => {
			const loaded = page.waitForEvent('load');
			await add.getByRole('button', { name: 'เพิ่มบัญชี' }).click();
			await loaded;
		};
		// Too short a password, then no agency for an officer: each says what to fix.
		await add.getByLabel('อีเมล').fill(newOfficer.email);
		await add.getByLabel('รหัสผ่าน').fill('สั้นไป');
		await send();
		expect(await add.getByRole('alert').textContent()).toMatch(/อย่างน้อย 10 ตัวอักษร/);
		expect(await add.getByLabel('อีเมล').inputValue()).toBe(newOfficer.email);
		expect(await axeViolations(page)).toEqual([]);
		await add.getByLabel('รหัสผ่าน').fill(newOfficer.password);
		await send();
		expect(await add.getByRole('alert').textContent()).toMatch(/กรุณาเลือกหน่วยงาน/);
		expect(await row(page, newOfficer.email).count()).toBe(0);

		await add.getByLabel('หน่วยงาน').selectOption('bang-rak');
		await add.getByLabel('รหัสผ่าน').fill(newOfficer.password);
		await send();
		expect(await add.getByRole('status').textContent()).toMatch(`เพิ่มบัญชี ${newOfficer.email} แล้ว`);
		expect(await row(page, newOfficer.email).textContent()).toMatch(/เจ้าหน้าที่หน่วยงาน.*บางรัก/);

		// The officer signs in with it.
		await signInAs(newOfficer, /\/admin\/bang-rak$/);

		// They forgot it: a new one.
		const newPassword = 'ตึกใบหยก-บางรัก-2571';
		const reset = row(page, newOfficer.email);
		await reset.getByLabel(`รหัสผ่านใหม่ ${newOfficer.email}`).fill(newPassword);
		let loaded = page.waitForEvent('load');
		await reset.getByRole('button', { name: 'ตั้งรหัสผ่านใหม่' }).click();
		await loaded;
		expect(await row(page, newOfficer.email).getByRole('status').textContent()).toMatch(
			/ตั้งรหัสผ่านใหม่ของ .* แล้ว/
		);
		const away = await signInAs({ ...newOfficer, password: newPassword }, /\/admin\/bang-rak$/);
		// An officer is not shown the screen, nor can open it.
		expect(await away.page.getByRole('link', { name: 'บัญชีผู้ใช้' }).count()).toBe(0);
		const refused = await away.page.goto(new URL('/admin/accounts', server.url).toString());
		expect(refused?.status()).toBe(404);

		// On leave: paused. Their open session ends at once, and signing in is refused.
		expect(
			await row(page, centralAdmin.email)
				.getByRole('button', { name: /ระงับบัญชี/ })
				.count()
		).toBe(0);
		loaded = page.waitForEvent('load');
		await row(page, newOfficer.email)
			.getByRole('button', { name: /^ระงับบัญชีชั่วคราว/ })
			.click();
		await loaded;
		expect(await row(page, newOfficer.email).getByRole('status').textContent()).toMatch(
			`ระงับบัญชี ${newOfficer.email} แล้ว`
		);
		// When, in the Buddhist era.
		const thisYear = new Date().getFullYear() + 543;
		expect(await row(page, newOfficer.email).textContent()).toMatch(
			new RegExp(`ระงับบัญชีตั้งแต่ .*(${thisYear}|${thisYear - 1})`)
		);
		expect(await axeViolations(page)).toEqual([]);
		await away.page.goto(new URL('/admin/bang-rak', server.url).toString());
		expect(new URL(away.page.url()).pathname).toBe('/admin/login');
		await away.login.signIn(newOfficer.email, newPassword);
		expect(await away.login.alertText()).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);

		// Back: resumed, the same password works again.
		loaded = page.waitForEvent('load');
		await row(page, newOfficer.email)
			.getByRole('button', { name: /^เปิดใช้บัญชีอีกครั้ง/ })
			.click();
		await loaded;
		expect(await row(page, newOfficer.email).getByRole('status').textContent()).toMatch(
			`เปิดใช้บัญชี ${newOfficer.email} อีกครั้งแล้ว`
		);
		expect(await row(page, newOfficer.email).textContent()).not.toMatch(/ระงับบัญชีตั้งแต่/);
		const again = await signInAs({ ...newOfficer, password: newPassword }, /\/admin\/bang-rak$/);

		await row(page, newOfficer.email).getByText('ลบบัญชี', { exact: true }).click();
		loaded = page.waitForEvent('load');
		await row(page, newOfficer.email)
			.getByRole('button', { name: `ยืนยันการลบบัญชี ${newOfficer.email}` })
			.click();
		await loaded;
		expect(await page.getByRole('status').first().textContent()).toMatch(
			`ลบบัญชี ${newOfficer.email} แล้ว`
		);
		expect(await row(page, newOfficer.email).count()).toBe(0);

		// The removed officer's session ends with the account.
		await again.page.goto(new URL('/admin/bang-rak', server.url).toString());
		expect(new URL(again.page.url()).pathname).toBe('/admin/login');
		await again.login.signIn(newOfficer.email, newPassword);
		expect(await again.login.alertText()).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
	});
});

describe('a new server', () => {
	let e2e: E2e;
	let server: EmbeddedServer;

	beforeAll(async () => {
		e2e = await startE2e({ name: 'setup' });
		server = e2e.server;
	}, 300_000);
	afterAll(() => e2e?.stop());

	test('with no account, the first-run screen creates the central administrator, once', async () => {
		const { page } = await e2e.newPage(desk);
		await page.goto(new URL('/admin', server.url).toString());
		expect(new URL(page.url()).pathname).toBe('/admin/setup');
		expect(await axeViolations(page)).toEqual([]);
		// The one-time token the server printed at its start (and keeps in the data folder).
		const token = (await readFile(join(server.dataDir, 'setup-token'), 'utf8')).trim();
		await page.getByLabel('รหัสตั้งค่าครั้งแรก').fill(token);

		await page.getByLabel('อีเมล').fill('ita@bangkok.go.th');
		await page.getByLabel(/^รหัสผ่าน$/).fill('ศาลาว่าการ-2570');
		await page.getByLabel('ยืนยันรหัสผ่าน').fill('ศาลาว่าการ-2571');
		await page.getByRole('button', { name: 'สร้างบัญชีและเข้าสู่ระบบ' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/ไม่ตรงกัน/);

		await page.getByLabel(/^รหัสผ่าน$/).fill('ศาลาว่าการ-2570');
		await page.getByLabel('ยืนยันรหัสผ่าน').fill('ศาลาว่าการ-2570');
		await page.getByRole('button', { name: 'สร้างบัญชีและเข้าสู่ระบบ' }).click();
		await page.waitForURL(/\/admin$/);
		// A central administrator sees every district office (and the demo office).
		const agencies = page.getByRole('listitem');
		expect(await agencies.count()).toBe(51);
		await page.getByLabel('ค้นหาหน่วยงาน').fill('วังทองหลาง');
		await expect
			.poll(() => agencies.allTextContents())
			.toEqual([expect.stringContaining('wang-thonglang')]);
		expect(await axeViolations(page)).toEqual([]);

		// The screen is gone for good: there is an account now.
		await page.goto(new URL('/admin/setup', server.url).toString());
		expect(new URL(page.url()).pathname).toBe('/admin');
		const accounts = await server.withDatabase((db) =>
			db.query<{ email: string; ita_role: string }>(
				'select email, ita_role from ita_private.accounts'
			)
		);
		expect(accounts).toEqual([{ email: 'ita@bangkok.go.th', ita_role: 'central' }]);
	});
});

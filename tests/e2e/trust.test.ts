/**
 * Trustworthy counts as people meet them (issue 13), with Debian's Chromium against the
 * embedded server: an officer prints a sheet of one-time IIT code slips, a phone answers
 * with the code read back from the printout, the same slip on a second phone is refused
 * with a clear message while the answers stay on that phone; answers over a round's
 * per-network limit wait for review, and releasing them changes the results. Wrong
 * codes, tried too often, get "try again in N minutes".
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import { axeViolations, phone as phoneSize } from './browser.ts';
import { AgencyPage } from './pages/AgencyPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { ResultsPage } from './pages/ResultsPage.ts';
import { RoundPage } from './pages/RoundPage.ts';
import { StatusPage } from './pages/StatusPage.ts';
import { SurveyPage } from './pages/SurveyPage.ts';
import { ReviewPage, SlipsPage, TrustSettingsForm } from './pages/TrustPages.ts';

const agency = 'bang-rak';
const officer = { email: 'ita@bangrak.go.th', password: 'ตึกใบหยก-บางรัก-2570' };
const central = { email: 'ita@bangkok.go.th', password: 'ศาลาว่าการ-กทม-2570' };
const round = 'e2e-trust-2570';
const counter = { code: 'e2e-trust-counter', nameTh: 'ฝ่ายทะเบียน ช่องทดสอบ' };

/** A day counted from today in Thailand, YYYY-MM-DD. */
function day(offset: number): string {
	return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('trustworthy counts', () => {
	let e2e: E2e;
	let server: EmbeddedServer;

	beforeAll(async () => {
		e2e = await startE2e({
			name: 'trust',
			prepare: async (db) => {
				await createAccount(db, { ...officer, role: 'officer', agencyCode: agency });
				await createAccount(db, { ...central, role: 'central', agencyCode: null });
			}
		});
		server = e2e.server;
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	/** A new visitor: a fresh context of the file's one browser. */
	const browser = (viewport = desk) => e2e.newPage(viewport);

	async function signedIn(who = officer, landing = new RegExp(`/admin/${agency}$`)) {
		const b = await browser();
		const login = new LoginPage(b.page, server.url);
		await login.open();
		await login.signIn(who.email, who.password);
		await b.page.waitForURL(landing);
		return b;
	}

	/** The round page's trust settings, as the officer opens them. */
	async function roundPage(page: Page) {
		const rounds = new RoundPage(page, server.url);
		await rounds.open(agency, round);
		return new TrustSettingsForm(page);
	}

	test('an officer makes a round (single-use codes by default) and sees the IIT minimum sample from the eligible staff', async () => {
		const { page } = await signedIn();
		const agencyPage = new AgencyPage(page, server.url);
		await agencyPage.addServicePoint(counter);
		await agencyPage.newRound();
		await new RoundPage(page, server.url).create({
			code: round,
			fiscalYear: '2570',
			opensOn: day(0),
			closesOn: day(60)
		});
		const trust = new TrustSettingsForm(page);
		expect(await trust.iitCodes()).toBe('single');

		// Three settings out of range: every one named at once, in Thai, beside its field, what
		// was typed kept, nothing saved.
		await trust.set({ addressLimit: '0', deviceLimit: 'many', secondsPerQuestion: '2.25' });
		const refusal = await trust.outcome();
		expect(refusal).toMatch(/พบ 3 รายการที่ต้องแก้ไข/);
		expect(refusal).toMatch(/จำนวนครั้งต่อวันจากเครื่องเดียวกันต้องเป็นจำนวนเต็ม 1–100/);
		expect(refusal).toMatch(/จำนวนคำตอบต่อ 10 นาทีจากเครือข่ายเดียวกันต้องเป็นจำนวนเต็ม 1–10,000/);
		expect(refusal).toMatch(/เวลาตอบขั้นต่ำต้องเป็น 0–60 วินาทีต่อข้อ/);
		expect(refusal).not.toMatch(/addressLimit|deviceLimit|[a-z]+_[a-z]+_/);
		const address = trust.form().getByLabel(/^คำตอบจากเครือข่ายเดียวกัน/);
		expect(await address.inputValue()).toBe('0');
		expect(await address.getAttribute('aria-invalid')).toBe('true');
		expect(await trust.form().locator('#trust-addressLimit-problem').textContent()).toMatch(
			/จำนวนเต็ม 1–10,000/
		);
		for (const field of ['deviceLimit', 'secondsPerQuestion']) {
			expect(await trust.form().locator(`#trust-${field}`).getAttribute('aria-invalid')).toBe(
				'true'
			);
		}
		expect(await trust.form().locator('#trust-eligibleStaff').getAttribute('aria-invalid')).toBe(
			null
		);
		expect(await axeViolations(page)).toEqual([]);
		// In English, the same problems in English.
		await page.getByRole('button', { name: 'English' }).click();
		await expect
			.poll(() => trust.outcome())
			.toMatch(/Responses per 10 minutes from one network: a whole number from 1 to 10,000/);
		await page.getByRole('button', { name: 'ภาษาไทย' }).click();
		await expect.poll(() => trust.outcome()).toMatch(/จำนวนเต็ม 1–10,000/);

		// 500 eligible staff: ITAS's minimum sample 218, which becomes the round's IIT target.
		// The floor goes to 0 s a question: this test's phones answer faster than people.
		await trust.set({
			eligibleStaff: '500',
			deviceLimit: '5',
			addressLimit: '30',
			secondsPerQuestion: '0'
		});
		expect(await trust.outcome()).toMatch(/บันทึกแล้ว/);
		expect(await trust.minimumSample()).toMatch(/218/);
		expect(await page.locator('.facts').textContent()).toMatch(/IIT 0 จากขั้นต่ำ 218/);
	});

	test('printed slips: a phone answers with a code read from the PDF; the same slip on a second phone is refused and kept there', async () => {
		const { page } = await signedIn();
		await roundPage(page);
		await page.getByRole('link', { name: /พิมพ์ใบรหัสใช้ครั้งเดียว/ }).click();
		await page.getByRole('heading', { level: 1, name: /ใบรหัสใช้ครั้งเดียว/ }).waitFor();
		expect(await page.getByText(/รหัสแสดงเพียงครั้งเดียว/).count()).toBe(1);
		const slips = new SlipsPage(page);
		await slips.issue(3);
		const printed = await slips.printedCodes();
		expect(printed).toHaveLength(3);
		for (const code of printed) expect(code.replace(/-/g, '')).toMatch(/^[A-Z2-9]{10,}$/);
		expect(await axeViolations(page)).toEqual([]);

		const scan = await slips.scanFirstSheet(3);
		expect(scan.pages).toBe(1);
		expect(scan.codes).toEqual(printed.map((c) => `${server.url}/r/${round}/iit?code=${c}`));
		const link = scan.codes[0]!;

		// Shown once: the page again (a new GET) holds no code.
		await page.reload();
		await page.getByRole('heading', { level: 1 }).waitFor();
		expect(await page.locator('article[data-slip]').count()).toBe(0);

		// Two phones open the same slip; the code is good for both at the start.
		const first = await browser(phoneSize);
		const second = await browser(phoneSize);
		const one = new SurveyPage(first.page, server.url);
		const two = new SurveyPage(second.page, server.url);
		for (const [p, s] of [
			[first.page, one],
			[second.page, two]
		] as const) {
			await p.goto(link);
			await s.heading().waitFor();
			expect(await p.getByLabel(/รหัสใช้ครั้งเดียว/).inputValue()).toBe(printed[0]);
			await s.next();
		}
		await one.answerToEnd();
		await expect
			.poll(() => first.page.getByRole('status').textContent())
			.toMatch(/ส่งถึงระบบเรียบร้อยแล้ว/);

		// The second phone finishes after the first used the code: refused, said plainly, kept.
		await two.answerToEnd();
		const refusal = second.page.getByRole('alert').filter({ hasText: /ระบบไม่รับคำตอบนี้/ });
		await refusal.waitFor();
		expect(await refusal.textContent()).toMatch(/ถูกใช้ตอบไปแล้ว หรือไม่ถูกต้อง/);
		expect(await refusal.textContent()).toMatch(/ยังเก็บไว้ในเครื่องนี้/);
		expect(await axeViolations(second.page)).toEqual([]);
		const status = new StatusPage(second.page, server.url);
		await status.open();
		expect(await status.count('refused')).toBe(1);
		await expect
			.poll(() => status.refusalReasons())
			.toEqual([expect.stringMatching(/ถูกใช้ตอบไปแล้ว/)]);
		const kept = JSON.parse(await status.export()) as {
			entries: { response: { answers: object } }[];
		};
		expect(Object.keys(kept.entries[0].response.answers).length).toBeGreaterThan(10);
		// In English too.
		await second.page.getByRole('button', { name: 'English' }).click();
		await expect
			.poll(() => status.refusalReasons())
			.toEqual([expect.stringMatching(/already been used, or is not valid/)]);
		expect(await axeViolations(second.page)).toEqual([]);

		// A third phone with the used slip is told at the start, before any question.
		const third = await browser(phoneSize);
		const three = new SurveyPage(third.page, server.url);
		await third.page.goto(link);
		await three.heading().waitFor();
		await three.primary().click();
		await expect.poll(() => three.alert().textContent()).toMatch(/รหัสนี้ใช้ไม่ได้ อาจพิมพ์ผิดหรือถูกใช้ไปแล้ว/);

		// Counted once: the round's page says one IIT respondent.
		await roundPage(page);
		expect(await page.locator('.facts').textContent()).toMatch(/IIT 1 จากขั้นต่ำ 218/);
	});

	test('answers over a low per-network limit wait for review; releasing them changes the results, and the audit says who and why', async () => {
		const { page } = await signedIn();
		const trust = await roundPage(page);
		await trust.set({ addressLimit: '1' });
		expect(await trust.outcome()).toMatch(/บันทึกแล้ว/);

		const results = new ResultsPage(page, server.url);
		await results.open(agency, round);
		const before = Number((await results.respondents('EIT')).replace(/\D.*$/, '') || 0);
		const heldBefore = Number(await page.locator('.held[data-held]').getAttribute('data-held'));

		// Three citizens at the counter on the office Wi-Fi (one address): over the limit of 1.
		for (let i = 0; i < 3; i++) {
			const citizen = await browser(phoneSize);
			const survey = new SurveyPage(citizen.page, server.url);
			await survey.open(round, { servicePoint: counter.code });
			await survey.answerAll();
			// Held answers are answered "accepted": the phone is done with them.
			await expect
				.poll(() => citizen.page.getByRole('status').textContent())
				.toMatch(/ส่งถึงระบบเรียบร้อยแล้ว/);
		}

		await results.open(agency, round);
		const badge = page.locator('.held[data-held]');
		const held = Number(await badge.getAttribute('data-held'));
		const newlyHeld = held - heldBefore;
		expect(newlyHeld).toBeGreaterThanOrEqual(2);
		expect(await badge.textContent()).toContain(`รอตรวจสอบ ${held} รายการ`);
		const counted = Number((await results.respondents('EIT')).replace(/\D.*$/, '') || 0);
		expect(counted).toBe(before + 3 - newlyHeld);

		// The results link to the review, grouped by reason, day, service point and channel.
		await badge.getByRole('link').click();
		const review = new ReviewPage(page, server.url);
		await page.getByRole('heading', { level: 1, name: 'คำตอบที่รอตรวจสอบ' }).waitFor();
		expect(await review.heldCount()).toBe(held);
		expect(await review.groupTitles()).toEqual(
			expect.arrayContaining([expect.stringMatching(/เครือข่ายเดียวกันส่งเกินที่กำหนด/)])
		);
		expect(await page.locator('fieldset.group').first().textContent()).toContain(counter.nameTh);
		expect(await axeViolations(page)).toEqual([]);

		// Nothing picked: said, nothing changes.
		await review.decide('release', 'ตรวจแล้ว');
		expect(await review.outcome()).toMatch(/กรุณาเลือกคำตอบอย่างน้อยหนึ่งรายการ/);
		expect(await review.heldCount()).toBe(held);

		const reason = 'ตรวจแล้ว เป็นผู้รับบริการจริงที่ใช้ Wi-Fi ของสำนักงาน';
		// Every group held for the network limit (some also for the same extreme answer), at once.
		await review.decideGroups(/เครือข่ายเดียวกันส่งเกินที่กำหนด/, 'release', reason);
		expect(await review.outcome()).toMatch(/นับคำตอบแล้ว \d+ รายการ/);
		expect(await review.heldCount()).toBe(heldBefore);

		await results.open(agency, round);
		expect(Number((await results.respondents('EIT')).replace(/\D.*$/, ''))).toBe(before + 3);
		expect(await page.locator('.held[data-held]').getAttribute('data-held')).toBe(
			String(heldBefore)
		);

		// An officer does not see the audit; a central administrator does, with the reason.
		expect(await page.getByRole('heading', { name: 'ประวัติการตรวจสอบ' }).count()).toBe(0);
		const admin = await signedIn(central, /\/admin$/);
		const audit = new ReviewPage(admin.page, server.url);
		await audit.open(agency, round);
		const row = admin.page.locator('tr[data-audit="release"]');
		await row.first().waitFor();
		expect(await row.first().textContent()).toContain(reason);
		expect(await row.first().textContent()).toContain(officer.email);
		expect(await axeViolations(admin.page)).toEqual([]);
	});

	test('axe finds nothing on the round page, the slips page and the review, in Thai and in English', async () => {
		const { context, page } = await signedIn();
		const found: string[] = [];
		for (const lang of ['th', 'en']) {
			await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
			await roundPage(page);
			found.push(...(await axeViolations(page)).map((v) => `${lang} round: ${v}`));
			await page.goto(new URL(`/admin/${agency}/rounds/${round}/slips`, server.url).toString());
			await page.getByRole('heading', { level: 1 }).waitFor();
			found.push(...(await axeViolations(page)).map((v) => `${lang} slips: ${v}`));
			const review = new ReviewPage(page, server.url);
			await review.open(agency, round);
			found.push(...(await axeViolations(page)).map((v) => `${lang} review: ${v}`));
		}
		expect(found).toEqual([]);
	});

	test('wrong codes tried too often: "try again in N minutes", in Thai and in English', async () => {
		const { page } = await browser(phoneSize);
		const survey = new SurveyPage(page, server.url);
		await survey.open(round, { iit: true });
		let throttled = false;
		for (let i = 0; i < 12 && !throttled; i++) {
			await survey.typeAccessCode(`WRONG-CODE${i}`);
			const [checked] = await Promise.all([
				page.waitForResponse((r) => r.url().includes('/rpc/check_iit_code')),
				survey.primary().click()
			]);
			throttled = checked.status() === 429;
			if (throttled) expect(checked.headers()['retry-after']).toMatch(/^\d+$/);
			await expect
				.poll(() => survey.alert().textContent())
				.toMatch(throttled ? /นาที/ : /รหัสนี้ใช้ไม่ได้/);
		}
		expect(throttled).toBe(true);
		const said = (await survey.alert().textContent()) ?? '';
		expect(said).toMatch(/ลองรหัสผิดหลายครั้งเกินไป.*กรุณาลองใหม่อีกครั้งใน \d+ นาที/);
		await page.getByRole('button', { name: 'English' }).click();
		await survey.primary().click();
		await expect
			.poll(() => survey.alert().textContent())
			.toMatch(/Please try again in \d+ minutes/);
		expect(await axeViolations(page)).toEqual([]);
	});
});

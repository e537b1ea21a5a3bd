/**
 * A respondent on a phone, with Debian's Chromium against the embedded server: online,
 * offline across reloads and browser restarts, through server faults — every response
 * stored exactly once, and nothing refused is lost.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import { axeViolations, holdScripts } from './browser.ts';
import { SurveyPage } from './pages/SurveyPage.ts';
import { StatusPage } from './pages/StatusPage.ts';

const round = 'demo-bma-2567';

describe('respondents', () => {
	let e2e: E2e;
	let server: EmbeddedServer;

	beforeAll(async () => {
		e2e = await startE2e({
			name: 'respondent',
			start: true,
			// These phones answer faster than any person (the demo rounds' floor is 2 s a
			// question): no time floor here, or every response would be held for review.
			prepare: (db) =>
				db.query(`update public.rounds set seconds_per_question = 0 where code like 'demo-%'`)
		});
		server = e2e.server;
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	/** A new visitor's phone. */
	const browser = () => e2e.newPage();

	const stored = (where = 'true') =>
		server.withDatabase((db) =>
			db.query<{ id: string; channel: string; service_point: string | null; instrument: string }>(
				`select p.response_id::text as id, p.channel, s.code as service_point, p.instrument
				from public.responses p left join public.service_points s using (service_point_id)
				where ${where}`
			)
		);

	/** Waits until the service worker controls the page, so the next load works offline. */
	async function controlled(page: Page) {
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
	}

	test("online, from a counter's QR code: exactly one response, with its service point", async () => {
		const { page } = await browser();
		const survey = new SurveyPage(page, server.url);
		await survey.open(round, { servicePoint: 'registration-1' });
		await survey.answerAll();
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/ส่งถึงระบบเรียบร้อยแล้ว/);

		const rows = await stored(`s.code = 'registration-1'`);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			channel: 'qr',
			service_point: 'registration-1',
			instrument: 'eit'
		});
	});

	test('offline: three answers survive a reload and a browser restart, then arrive exactly once', async () => {
		// A phone of its own profile: the browser is closed and opened again.
		const first = await e2e.profile();
		const survey = new SurveyPage(first.page, server.url);
		await survey.open(round);
		await controlled(first.page);
		await first.context.setOffline(true);

		await first.page.reload();
		await survey.answerAll();
		await survey.answerAnother();
		await survey.answerAll();
		await survey.answerAnother();
		await survey.answerAll();

		await first.page.reload();
		const status = new StatusPage(first.page, server.url);
		await status.open();
		expect(await status.count('queued')).toBe(3);

		const { context, page } = await first.relaunch();
		await context.setOffline(true);
		const again = new StatusPage(page, server.url);
		await again.open();
		expect(await again.count('queued')).toBe(3);

		const before = (await stored()).length;
		await context.setOffline(false);
		await again.sendNow();
		await expect.poll(() => again.count('queued'), { timeout: 60_000 }).toBe(0);
		expect(await again.count('sent')).toBe(3);
		expect((await stored()).length).toBe(before + 3);
	});

	test('server faults: failures, then a reply lost after the commit — each response stored once', async () => {
		const { page } = await browser();
		let calls = 0;
		await page.route('**/rest/v1/rpc/submit_responses', async (route) => {
			calls += 1;
			if (calls <= 2)
				return route.fulfill({ status: 503, body: '{"code":"PGRST000","message":"down"}' });
			if (calls === 3) {
				// The server stores the batch, and the connection drops before the reply.
				await route.fetch();
				return route.abort('connectionreset');
			}
			return route.continue();
		});
		const before = (await stored()).length;
		const survey = new SurveyPage(page, server.url);
		await survey.open(round);
		await survey.answerAll();
		await survey.answerAnother();
		await survey.answerAll();

		const status = new StatusPage(page, server.url);
		await status.open();
		await expect
			.poll(
				async () => {
					await status.sendNow();
					return status.count('queued');
				},
				{ timeout: 60_000, interval: 1_000 }
			)
			.toBe(0);
		expect(calls).toBeGreaterThanOrEqual(4);
		expect((await stored()).length).toBe(before + 2);
	});

	test('a response the server refuses (its round closed meanwhile) stays on the device with the reason', async () => {
		const { context, page } = await browser();
		const survey = new SurveyPage(page, server.url);
		// Both rounds' links opened once while online (two QR codes scanned).
		await survey.open(round);
		await controlled(page);
		await survey.open('demo-nacc-2565');
		await context.setOffline(true);
		await survey.answerAll();
		await survey.open(round);
		await survey.answerAll();

		await server.withDatabase((db) =>
			db.query(`update public.rounds set status = 'closed' where code = 'demo-nacc-2565'`)
		);
		const before = (
			await stored(`p.round_id = (select round_id from public.rounds where code = '${round}')`)
		).length;
		await context.setOffline(false);
		const status = new StatusPage(page, server.url);
		await status.open();
		await status.sendNow();
		await expect.poll(() => status.count('refused'), { timeout: 60_000 }).toBe(1);
		expect(await status.count('queued')).toBe(0);
		await expect.poll(() => status.refusalReasons()).toEqual([expect.stringMatching(/closed|ปิด/)]);
		const download = await status.export();
		expect(download).toContain('demo-nacc-2565');
		expect(
			(await stored(`p.round_id = (select round_id from public.rounds where code = '${round}')`))
				.length
		).toBe(before + 1);
		await server.withDatabase((db) =>
			db.query(`update public.rounds set status = 'open' where code = 'demo-nacc-2565'`)
		);
	});

	test('IIT: a wrong access code is refused at the start with a clear message; the right one is stored', async () => {
		const { page } = await browser();
		const survey = new SurveyPage(page, server.url);
		await survey.open(round, { iit: true });
		await survey.typeAccessCode('wrong-code');
		await survey.primary().click();
		await expect.poll(() => survey.alert().textContent()).toMatch(/รหัสสำหรับบุคลากรไม่ถูกต้อง/);
		expect(await survey.headingText()).toMatch(/IIT/);

		const before = (await stored(`p.instrument = 'iit'`)).length;
		await survey.open(round, { iit: true, code: 'demo1234' });
		await survey.answerAll();
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/ส่งถึงระบบเรียบร้อยแล้ว/);
		expect((await stored(`p.instrument = 'iit'`)).length).toBe(before + 1);
	});

	test('on a weak signal: the staff code typed before the page is ready is kept, and "start" waits for the page', async () => {
		const { page } = await browser();
		// The page's scripts arrive only after the person has typed the code and tapped start.
		const arrive = await holdScripts(page);
		await page.goto(new URL(`/r/${round}/iit`, server.url).toString(), {
			waitUntil: 'domcontentloaded'
		});
		const survey = new SurveyPage(page, server.url);
		await survey.typeAccessCode('demo1234');
		// Not ready yet: the button says so instead of reloading the page with the code in it.
		expect(await survey.primary().isDisabled()).toBe(true);
		arrive();
		await survey.primary().click();
		await page.getByRole('heading', { level: 1, name: /^(?!.*IIT)/ }).waitFor();
		expect(page.url()).not.toContain('demo1234');
		expect(await survey.headingText()).not.toMatch(/IIT/);
	});

	test('a required statement left blank is named, and "next" waits for it', async () => {
		const { page } = await browser();
		const survey = new SurveyPage(page, server.url);
		await survey.open('demo-nacc-2565');
		await survey.next(); // intro
		await survey.next(); // about you: optional
		await page.getByRole('radio').first().check();
		await survey.primary().click();
		await expect.poll(() => survey.alert().textContent()).toMatch(/ยังไม่ได้ตอบ: 2\./);
		expect(await survey.headingText()).toBe('ข้อ 1 จาก 15');
	});

	test('a reload in the middle of the survey comes back to the same question, its answer kept', async () => {
		const { page } = await browser();
		const survey = new SurveyPage(page, server.url);
		await survey.open('demo-nacc-2565');
		await survey.next(); // intro
		await survey.next(); // about you: optional
		await survey.answerScreen(0);
		const question = await survey.headingText();
		await page.reload();
		// The page shows the intro first, then the question once the later screens are here.
		await expect.poll(() => survey.headingText()).toBe(question);
		expect(await page.locator('input[type=radio]:checked').count()).toBeGreaterThan(0);
		// Back on the first screen, it offers to go on where the respondent left off.
		await page.getByRole('button', { name: 'ย้อนกลับ' }).click();
		await page.getByRole('button', { name: 'ย้อนกลับ' }).click();
		await expect.poll(() => survey.primary().textContent()).toMatch(/ตอบต่อจากที่ค้างไว้/);
	});

	test('a phone that answered is told so, and may answer for another person', async () => {
		const { page } = await browser();
		const survey = new SurveyPage(page, server.url);
		await survey.open(round);
		await survey.answerAll();
		await survey.open(round);
		// The page shows the survey's intro first; once its scripts have read what this phone
		// keeps, it says so (a person waits for the page to settle).
		await expect.poll(() => survey.headingText()).toBe('เครื่องนี้ตอบแบบวัดของรอบนี้แล้ว');
		await survey.answerAnother();
		expect(await survey.headingText()).toMatch(/EIT/);
	});

	test('axe-core finds no violations on any respondent screen, in Thai and in English', async () => {
		const { page } = await browser();
		const survey = new SurveyPage(page, server.url);
		const found: string[] = [];
		for (const lang of ['th', 'en']) {
			await page.context().addCookies([{ name: 'lang', value: lang, url: server.url }]);
			for (const [r, iit] of [
				[round, false],
				[round, true]
			] as const) {
				await survey.open(r, { iit, code: iit ? 'demo1234' : undefined });
				for (let guard = 0; guard < 20; guard++) {
					const screen = await survey.headingText();
					found.push(...(await axeViolations(page)).map((v) => `${lang} ${screen}: ${v}`));
					// The blocked state too: the messages and the marked fields.
					if ((await page.getByRole('radio').count()) > 0) {
						await survey.primary().click();
						found.push(...(await axeViolations(page)).map((v) => `${lang} blocked: ${v}`));
						await survey.answerScreen();
					}
					if ((await page.locator('.review').count()) > 0) break;
					await survey.next();
				}
				await survey.primary().click();
				await page.getByRole('heading', { name: /ขอบคุณ|Thank you/ }).waitFor();
				found.push(...(await axeViolations(page)).map((v) => `${lang} thanks: ${v}`));
			}
			await survey.open(round);
			found.push(...(await axeViolations(page)).map((v) => `${lang} answered: ${v}`));
			const status = new StatusPage(page, server.url);
			await status.open();
			found.push(...(await axeViolations(page)).map((v) => `${lang} status: ${v}`));
		}
		expect(found).toEqual([]);
	});
});

/**
 * Issue 15, as a district officer and a respondent meet it on the first day: what was
 * typed survives every interaction, refusals come in Thai (or English) and all at once,
 * the language switch works without a reload, and no page is a dead end.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import { axeViolations, interactive, phone } from './browser.ts';
import { LoginPage } from './pages/LoginPage.ts';

const sizes = {
	phone,
	tablet: { width: 1024, height: 768 },
	portrait: { width: 768, height: 1024 },
	laptop: { width: 1366, height: 768 }
};
const agency = 'bang-rak';
const email = 'somsri@bangrak.go.th';
const password = 'ตึกใบหยก-บางรัก-2570';
/** Screenshots of the new pages, for a person to look at (test-results/ux). */
const shots = join(process.cwd(), 'test-results', 'ux');

describe('issue 15: no lost input, Thai everywhere, no dead ends', () => {
	let e2e: E2e;
	let server: EmbeddedServer;

	beforeAll(async () => {
		await mkdir(shots, { recursive: true });
		e2e = await startE2e({
			name: 'ux',
			prepare: (db) => createAccount(db, { email, password, role: 'officer', agencyCode: agency })
		});
		server = e2e.server;
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	/** A new visitor: a fresh context of the file's one browser. */
	const browser = (viewport: { width: number; height: number } = desk) => e2e.newPage(viewport);

	async function signedIn(viewport = desk) {
		const b = await browser(viewport);
		const login = new LoginPage(b.page, server.url);
		await login.open();
		await login.signIn(email, password);
		await b.page.waitForURL(new RegExp(`/admin/${agency}$`));
		return b;
	}

	const go = (page: Page, path: string) => page.goto(new URL(path, server.url).toString());

	test('1: picking a day on the new-round form keeps the year, the minimum EIT and the IIT code typed before it', async () => {
		const { page } = await signedIn();
		await go(page, `/admin/${agency}/rounds/new`);
		await page.getByLabel('ปีงบประมาณ (พ.ศ.)').fill('2571');
		await page.getByLabel('จำนวนผู้ตอบ EIT ขั้นต่ำ').fill('250');
		await page.getByLabel('รหัสสำหรับบุคลากร (IIT)').fill('bangrak-staff');
		await page.getByLabel('วันเปิดรับคำตอบ').fill('2027-10-01');
		await page.getByLabel('วันปิดรับคำตอบ').fill('2027-12-31');
		await page.getByLabel('วันปิดรับคำตอบ').blur();
		await expect.poll(() => page.getByLabel('วันเปิดรับคำตอบ').inputValue()).toBe('2027-10-01');
		expect(await page.getByLabel('ปีงบประมาณ (พ.ศ.)').inputValue()).toBe('2571');
		expect(await page.getByLabel('จำนวนผู้ตอบ EIT ขั้นต่ำ').inputValue()).toBe('250');
		expect(await page.getByLabel('รหัสสำหรับบุคลากร (IIT)').inputValue()).toBe('bangrak-staff');
	});

	test('3: a new round with four mistakes names all four, each beside its field, with a summary linking to them; what was typed stays', async () => {
		const { page } = await signedIn();
		await go(page, `/admin/${agency}/rounds/new`);
		await page.getByLabel('รหัสรอบ').fill('Bang Rak 2571!');
		await page.getByLabel('ปีงบประมาณ (พ.ศ.)').fill('2027');
		await page.getByLabel('วันเปิดรับคำตอบ').fill('2027-12-31');
		await page.getByLabel('วันปิดรับคำตอบ').fill('2027-10-01');
		await page.getByLabel('รหัสสำหรับบุคลากร (IIT)').fill('abc');
		await page.getByLabel('จำนวนผู้ตอบ EIT ขั้นต่ำ').fill('สี่ร้อย');
		await page.getByRole('button', { name: 'สร้างรอบการประเมิน' }).click();

		const summary = page.getByRole('alert');
		await summary.getByText('พบ 5 รายการที่ต้องแก้ไข').waitFor();
		const links = summary.getByRole('link');
		expect(await links.count()).toBe(5);
		// Thai, never the database's English.
		expect(await summary.textContent()).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
		for (const [label, text] of [
			['รหัสรอบ', /ใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก/],
			['ปีงบประมาณ (พ.ศ.)', /พ\.ศ\. \(2570\)/],
			['วันปิดรับคำตอบ', /ต้องไม่ก่อนวันเปิด/],
			['รหัสสำหรับบุคลากร (IIT)', /4–64 ตัวอักษร/],
			['จำนวนผู้ตอบ EIT ขั้นต่ำ', /จำนวนเต็ม/]
		] as const) {
			const field = page.getByLabel(label, { exact: true });
			expect(await field.getAttribute('aria-invalid'), label).toBe('true');
			const described = (await field.getAttribute('aria-describedby')) ?? '';
			const texts = await Promise.all(
				described.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent())
			);
			expect(texts.join(' '), label).toMatch(text);
		}
		// The summary's link takes the officer to the field.
		await links.filter({ hasText: 'ต้องไม่ก่อนวันเปิด' }).click();
		expect(new URL(page.url()).hash).toBe('#new-round-closesOn');
		// What was typed is all still there.
		expect(await page.getByLabel('รหัสรอบ').inputValue()).toBe('Bang Rak 2571!');
		expect(await page.getByLabel('ปีงบประมาณ (พ.ศ.)').inputValue()).toBe('2027');
		expect(await page.getByLabel('รหัสสำหรับบุคลากร (IIT)').inputValue()).toBe('abc');
		expect(await page.getByLabel('วันเปิดรับคำตอบ').inputValue()).toBe('2027-12-31');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('3: a code error from the database outlines the code field', async () => {
		const { page } = await signedIn();
		await go(page, `/admin/${agency}/rounds/new`);
		await page.getByLabel('รหัสรอบ').fill('UPPER case');
		await page.getByRole('button', { name: 'สร้างรอบการประเมิน' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByLabel('รหัสรอบ').getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByRole('alert').textContent()).toMatch(/ใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก/);
	});

	/** Clicks the language switch and waits for the heading to change, with no page load. */
	async function switchToEnglish(page: Page, heading: RegExp) {
		await interactive(page);
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { level: 1, name: heading }).waitFor();
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
			true
		);
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
		await page.getByRole('button', { name: 'ภาษาไทย' }).waitFor();
	}

	test("4: the English button works at once on the home page, the sign-in page and the officers' screens — and keeps a half-typed form", async () => {
		const { page } = await browser();
		await go(page, '/');
		await page.getByRole('heading', { level: 1, name: 'ITA Collect' }).waitFor();
		await interactive(page);
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { level: 2, name: 'For officers' }).waitFor();
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
			true
		);

		const login = await browser();
		await go(login.page, '/admin/login');
		await switchToEnglish(login.page, /^Officers: sign in$/);

		const officer = await signedIn();
		await go(officer.page, `/admin/${agency}/rounds/new`);
		await officer.page.getByLabel('ปีงบประมาณ (พ.ศ.)').fill('2571');
		await officer.page.getByLabel('รหัสสำหรับบุคลากร (IIT)').fill('typed-before');
		await switchToEnglish(officer.page, /^New assessment round$/);
		expect(await officer.page.getByLabel('Fiscal year (BE)').inputValue()).toBe('2571');
		expect(await officer.page.getByLabel('Staff access code (IIT)').inputValue()).toBe(
			'typed-before'
		);
		// And back, on another officers' screen.
		await go(officer.page, `/admin/${agency}`);
		await officer.page.getByRole('button', { name: 'ภาษาไทย' }).click();
		await officer.page.getByRole('button', { name: 'English' }).waitFor();
	});

	test("5: a mistyped counter code says so in Thai and offers the round's general link; an unknown round says so with a way home", async () => {
		const { page } = await browser(phone);
		const round = 'demo-bma-2567';
		const answer = await go(page, `/r/${round}?sp=typo-99`);
		expect(answer?.status()).toBe(404);
		await page.getByRole('heading', { level: 1, name: 'ไม่พบจุดบริการนี้' }).waitFor();
		expect(await page.getByRole('main').textContent()).toContain('typo-99');
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: join(shots, 'counter-not-found-phone.png'), fullPage: true });
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { level: 1, name: 'Service counter not found' }).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'ภาษาไทย' }).click();
		await page.getByRole('heading', { level: 1, name: 'ไม่พบจุดบริการนี้' }).waitFor();
		await page.getByRole('link', { name: /^ตอบแบบวัดของ/ }).click();
		await page.waitForURL(new RegExp(`/r/${round}$`));
		await page.getByRole('button', { name: 'เริ่มตอบ' }).waitFor();

		await go(page, '/r/no-such-round-99');
		await page.getByRole('heading', { level: 1, name: 'ไม่พบรอบการประเมินนี้' }).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('link', { name: 'ไปหน้าแรก' }).click();
		await page.getByRole('link', { name: 'เข้าสู่ระบบสำหรับเจ้าหน้าที่' }).waitFor();
	});

	test('5: rounds not yet open and closed say which, with their days, and a way home', async () => {
		await server.withDatabase(async (db) => {
			await db.query(
				`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on)
				select 'ux-later', agency_id, 'bma-2567', 2027, ita_private.today() + 30, ita_private.today() + 60
				from public.agencies where code = $1
				union all
				select 'ux-ended', agency_id, 'bma-2567', 2026, ita_private.today() - 60, ita_private.today() - 30
				from public.agencies where code = $1`,
				[agency]
			);
		});
		const { page } = await browser(phone);
		await go(page, '/r/ux-later');
		await page.getByRole('heading', { level: 1, name: 'รอบการประเมินนี้ยังไม่เปิดรับคำตอบ' }).waitFor();
		expect(await page.getByRole('main').textContent()).toMatch(/เปิดรับคำตอบตั้งแต่ \d+ \S+ 25\d\d/);
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: join(shots, 'round-not-yet-open-phone.png'), fullPage: true });
		await go(page, '/r/ux-ended');
		await page.getByRole('heading', { level: 1, name: 'รอบการประเมินนี้ปิดรับคำตอบแล้ว' }).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('link', { name: 'ไปหน้าแรก' }).click();
		await page.getByRole('heading', { level: 1, name: 'ITA Collect' }).waitFor();
	});

	test('5: the home page says what the site is and leads to the sign-in; /status leads back to the survey', async () => {
		for (const [name, size] of Object.entries(sizes)) {
			const { page } = await browser(size);
			await go(page, '/');
			await page.getByRole('heading', { level: 1, name: 'ITA Collect' }).waitFor();
			expect(await page.getByRole('main').textContent()).toContain('ITA Collect คือระบบเก็บแบบวัด');
			expect(await axeViolations(page)).toEqual([]);
			// The button is in the app's font, not the browser's serif default.
			const font = await page
				.getByRole('link', { name: 'เข้าสู่ระบบสำหรับเจ้าหน้าที่' })
				.evaluate((a) => getComputedStyle(a).fontFamily);
			expect(font).toMatch(/^['"]?Sarabun/);
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
			).toBe(true);
			await page.screenshot({ path: join(shots, `home-${name}.png`), fullPage: true });
			if (name === 'phone') {
				await page.getByRole('button', { name: 'English' }).click();
				await page.getByRole('link', { name: 'Officers’ sign-in' }).waitFor();
				expect(await axeViolations(page)).toEqual([]);
				await page.screenshot({ path: join(shots, `home-${name}-en.png`), fullPage: true });
				await page.getByRole('link', { name: 'Officers’ sign-in' }).click();
				await page.waitForURL(/\/admin\/login$/);
			}
		}

		const { page } = await browser(phone);
		await go(page, '/r/demo-bma-2567?sp=registration-1');
		await page.getByRole('link', { name: 'สถานะการส่ง' }).click();
		await page.getByRole('heading', { level: 1, name: 'สถานะการส่งคำตอบในเครื่องนี้' }).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('link', { name: /กลับไปตอบแบบวัด/ }).click();
		await page.waitForURL(/\/r\/demo-bma-2567\?sp=registration-1$/);
		await page.getByRole('button', { name: 'เริ่มตอบ' }).waitFor();
	});

	test('6: paper forms from the round page: a template to download, an upload while the server runs, a verdict per row, nothing stored twice', async () => {
		await server.withDatabase((db) =>
			db.query(
				`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on)
				select 'ux-paper', agency_id, 'bma-2567', 2027, ita_private.today() - 10, ita_private.today() + 60
				from public.agencies where code = $1`,
				[agency]
			)
		);
		const { page } = await signedIn();
		await go(page, `/admin/${agency}/rounds/ux-paper`);
		await page.getByRole('link', { name: 'นำเข้าแบบวัดฉบับกระดาษ' }).click();
		await page.getByRole('heading', { level: 1, name: /นำเข้าแบบวัดฉบับกระดาษ/ }).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: join(shots, 'paper-laptop.png'), fullPage: true });

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'ดาวน์โหลดไฟล์ตัวอย่าง EIT (CSV)' }).click()
		]);
		const template = await readFile(await download.path(), 'utf8');
		const [keys, labels] = template.replace(/^\uFEFF/, '').split('\r\n');
		const columns = keys.split(',');
		expect(columns.slice(0, 3)).toEqual(['id', 'collected_on', 'service_point']);
		expect(columns).toContain('E1.1');
		// The labels row is Thai, with the answer codes.
		expect(labels).toMatch(/^# /);
		expect(labels).toMatch(/[ก-๙]/);

		// Every item answered with the first code its label offers; variants and
		// background questions with their first option.
		const labelCells = labels.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
		const answer = (key: string, i: number) => {
			if (key === 'id' || key === 'collected_on' || key === 'service_point') return '';
			const label = labelCells[i] ?? '';
			const code = /(?:\(|: )([a-z0-9-]+)=/i.exec(label)?.[1] ?? '';
			return key.startsWith('demo:') ? '' : code;
		};
		const full = columns.map(answer);
		const missing = [...full];
		missing[columns.indexOf('E1.1')] = '';
		const other = [...full];
		other[columns.indexOf('E1.1')] = full[columns.indexOf('E1.1')] === '1' ? '2' : '1';
		const csv = [keys, labels, full.join(','), missing.join(','), other.join(',')].join('\r\n');
		const file = join(e2e.dir, 'paper.csv');
		await writeFile(file, csv);

		for (const round of [1, 2]) {
			await page.getByLabel('EIT').check();
			await page.getByLabel('ไฟล์ CSV หรือ XLSX').setInputFiles(file);
			await page.getByRole('button', { name: 'นำเข้า' }).click();
			const summary = page.getByRole('heading', { level: 2, name: /^paper\.csv:/ });
			await summary.waitFor();
			expect(await summary.textContent()).toBe(
				round === 1
					? 'paper.csv: บันทึกแล้ว 2 ฉบับ · มีอยู่แล้ว 0 ฉบับ · ไม่รับ 1 ฉบับ (จาก 3 แถว)'
					: 'paper.csv: บันทึกแล้ว 0 ฉบับ · มีอยู่แล้ว 2 ฉบับ · ไม่รับ 1 ฉบับ (จาก 3 แถว)'
			);
			const refused = page.locator('tr[data-status="rejected"]');
			expect(await refused.getAttribute('data-row')).toBe('4');
			expect(await refused.textContent()).toMatch(/ยังไม่ได้ตอบข้อที่ต้องตอบ: E1\.1/);
			expect(await axeViolations(page)).toEqual([]);
		}
		await page.screenshot({ path: join(shots, 'paper-verdicts-laptop.png'), fullPage: true });
		const stored = await server.withDatabase((db) =>
			db.query<{ n: number }>(
				`select count(*)::int as n from public.responses p join public.rounds r using (round_id)
				where r.code = 'ux-paper' and p.channel = 'paper'`
			)
		);
		expect(stored[0].n).toBe(2);
	});

	test('9: the staff code field fits a 390 px phone (no sideways scroll)', async () => {
		const { page } = await browser(phone);
		await go(page, '/r/demo-bma-2567/iit');
		await page.getByLabel(/รหัส/).first().waitFor();
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
	});

	test('9: Sarabun shows on the first visit (a new phone, nothing cached), on the survey and the home page', async () => {
		// A Thai text on each (the home page's heading is the Latin "ITA Collect").
		for (const [path, selector] of [
			['/r/demo-bma-2567', 'h1'],
			['/', 'main p']
		] as const) {
			const { page } = await browser(phone);
			// On a weak signal the font arrives after the text is first drawn.
			await page.route('**/*.woff2', async (route) => {
				await new Promise((resolve) => setTimeout(resolve, 1_000));
				await route.continue();
			});
			await go(page, path);
			await page.getByRole('heading', { level: 1 }).waitFor();
			// Once the fonts have arrived and the page has been drawn again:
			await page.evaluate(async () => {
				await document.fonts.ready;
				await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
			});
			// The font Chromium really drew the Thai letters with (not only the one
			// the CSS names): DevTools' own answer for the node.
			const cdp = await page.context().newCDPSession(page);
			await cdp.send('DOM.enable');
			await cdp.send('CSS.enable');
			const { root } = await cdp.send('DOM.getDocument');
			const { nodeId } = await cdp.send('DOM.querySelector', {
				nodeId: root.nodeId,
				selector
			});
			const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
			expect(
				fonts.map((f) => f.familyName),
				path
			).toContain('Sarabun');
			await cdp.detach();
		}
	});

	test("issue 17: nothing moves when Sarabun arrives after the first paint: the phone's own Thai font took its room", async () => {
		/** Where each thing on the screen is drawn, in CSS pixels. */
		const boxes = (page: Page) =>
			page.evaluate(() =>
				[...document.querySelectorAll('header *, main *')].map((e) => {
					const { x, y, height } = e.getBoundingClientRect();
					return {
						what: `${e.tagName} "${(e.textContent ?? '').trim().slice(0, 24)}"`,
						x,
						y,
						height
					};
				})
			);
		type Box = Awaited<ReturnType<typeof boxes>>[number];
		/** What a reader sees move: 3 px or more, Chromium's own threshold for a layout shift. */
		const moved = (before: Box[], after: Box[]) =>
			after.flatMap((box, i) => {
				const was = before[i];
				const still =
					was && (['x', 'y', 'height'] as const).every((k) => Math.abs(box[k] - was[k]) < 3);
				return still ? [] : [`${box.what}: ${JSON.stringify(was)} → ${JSON.stringify(box)}`];
			});
		const sarabun = (status: string) =>
			`[...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'Sarabun' && f.status === '${status}')`;
		for (const path of ['/r/demo-bma-2567', '/r/demo-bma-2567/iit', '/r/demo-bma-2567?lang=en']) {
			for (const viewport of [phone, { width: 412, height: 823 }]) {
				const { page } = await browser(viewport);
				// A weak signal: the fonts come only once the first screen has been drawn.
				let release = () => {};
				const held = new Promise<void>((resolve) => (release = resolve));
				await page.route('**/*.woff2', async (route) => {
					await held;
					await route.continue();
				});
				// The load event waits for the fonts: wait for the page's scripts instead.
				await page.goto(new URL(path, server.url).toString(), { waitUntil: 'commit' });
				await interactive(page);
				// Drawn with the phone's own Thai font (Android's Noto Sans Thai; Debian's
				// fonts-noto-core on this machine), Sarabun still on its way.
				expect(
					await page.evaluate(() =>
						[...document.fonts].some(
							(f) => f.family.replace(/["']/g, '') === 'Sarabun Fallback' && f.status === 'loaded'
						)
					),
					'Noto Sans Thai must be installed (Debian: fonts-noto-core)'
				).toBe(true);
				expect(await page.evaluate(sarabun('loading'))).toBe(true);
				const before = await boxes(page);
				release();
				await page.waitForFunction(sarabun('loaded'));
				await page.evaluate(
					() =>
						new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
				);
				const after = await boxes(page);
				expect(after.length).toBe(before.length);
				expect(moved(before, after), `${path} at ${viewport.width} px`).toEqual([]);
			}
		}
	});

	test('9: agencies are listed in Thai alphabetical order', async () => {
		const { page } = await signedIn();
		// An officer has one agency; the Thai order is checked on the home page's rounds.
		await go(page, '/');
		const agencies = await page.locator('.rounds li strong').allTextContents();
		expect(agencies).toEqual([...agencies].sort(new Intl.Collator('th').compare));
	});
});

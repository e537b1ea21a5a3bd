/**
 * The results page of issue 7 against the embedded server and Debian's Chromium: the
 * Wang Thonglang FY2565 synthetic responses (seed 000) loaded into a round show the
 * published numbers of table 501 and the respondent tables; a service point with 3
 * respondents reads "< 5" on the page, in the CSV and in the XLSX; another agency's
 * officer gets 404; a response sent while the page is open appears without a reload.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { callRpc, service } from '../../src/lib/server/db/rpc.ts';
import { addServicePoint, createRound, favourableResponse } from '../support/fixtures.ts';
import { responsesFromDistributions, type PublishedDistributions } from '../support/published.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer } from '../support/server.ts';
import wangFile from '../fixtures/wang-thonglang-2565.json' with { type: 'json' };
import { axeViolations } from './browser.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { ResultsPage } from './pages/ResultsPage.ts';

const agency = 'wang-thonglang';
const round = 'e2e-wang-thonglang-2565';
const counter = 'e2e-three';
const emptyRound = 'e2e-wang-thonglang-2567';
const officer = { email: 'somsri@wangthonglang.go.th', password: 'วังทองหลาง-ผลการประเมิน-2565' };
const stranger = { email: 'somchai@bangrak.go.th', password: 'บางรัก-ไม่ใช่เขตของฉัน-2565' };
const nacc = await readFrameworkFile(`${frameworksDir()}/nacc-2565.json`);
const wang = wangFile as unknown as PublishedDistributions & {
	questions: Record<string, number>;
	oit: Record<string, number>;
	misprints: Record<string, { correct: number }>;
};
const misprints = wang.misprints;

describe('results', () => {
	let e2e: E2e;
	let server: EmbeddedServer;

	beforeAll(async () => {
		e2e = await startE2e({
			name: 'results',
			prepare: async (db) => {
				await createAccount(db, { ...officer, role: 'officer', agencyCode: agency });
				await createAccount(db, { ...stranger, role: 'officer', agencyCode: 'bang-rak' });
				await createRound(db, { framework: 'nacc-2565', agency, code: round, fiscalYear: 2022 });
				await db.query(`update public.rounds set min_iit = 400, min_eit = 400 where code = $1`, [
					round
				]);
				await createRound(db, {
					framework: 'bma-2567',
					agency,
					code: emptyRound,
					fiscalYear: 2024
				});
				await addServicePoint(db, agency, counter);
				const responses = responsesFromDistributions(nacc, wang, round);
				// Three citizens answered at one counter: a group too small to show.
				responses
					.filter((r) => r.instrument === 'eit')
					.slice(0, 3)
					.forEach((r) => Object.assign(r, { channel: 'qr', servicePoint: counter }));
				for (let i = 0; i < responses.length; i += 250) {
					await callRpc(db, service, 'submit_responses', { batch: responses.slice(i, i + 250) });
				}
				await callRpc(db, service, 'set_oit_scores', { round_code: round, scores: wang.oit });
			}
		});
		server = e2e.server;
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	async function signedIn(who = officer) {
		const { context, page } = await e2e.newPage(desk);
		const login = new LoginPage(page, server.url);
		await login.open();
		await login.signIn(who.email, who.password);
		await page.waitForURL(/\/admin\/[a-z-]+$/);
		return { context, page, results: new ResultsPage(page, server.url) };
	}

	test('the round shows every published number of seed 000 table 501 and the respondent tables', async () => {
		const { page, results } = await signedIn();
		// From the round's page, as an officer gets there.
		await page.goto(new URL(`/admin/${agency}/rounds/${round}`, server.url).toString());
		await page.getByRole('link', { name: 'ดูผลการประเมิน' }).click();
		await page.waitForURL(/\/results$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			'ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2565'
		);

		expect(await results.score('e9')).toBe('99.43');
		expect(await results.score('indicator-6')).toBe('99.61');
		expect(await Promise.all(['iit', 'eit', 'oit'].map((i) => results.score(i)))).toEqual([
			'99.92',
			'99.54',
			'90.77'
		]);
		expect(await results.total()).toBe('96.15');
		expect(await results.level()).toBe('AA');
		// Every item and question of table 501 as printed, give or take the 0.01 that whole
		// synthetic answers cannot always reproduce from the printed percentages (as in
		// tests/db/scoring.test.ts).
		const printed: [string, number][] = [
			...Object.entries(wang.items).map(([key, item]): [string, number] => [key, item.score]),
			...Object.entries(wang.questions)
		];
		for (const [key, value] of printed) {
			expect(Math.abs(Number(await results.score(key)) - value), key).toBeLessThanOrEqual(0.0101);
		}
		// The stacked bar of e9.1 names each answer's share for a screen reader.
		expect(
			await page.locator('tr[data-item="e9.1"] svg[role="img"]').getAttribute('aria-label')
		).toBe('e9.1: น้อยที่สุดหรือไม่มีเลย 0.25%, น้อย 0.00%, มาก 0.98%, มากที่สุด 98.77%');

		// Tables 503–511: IIT men 196, 54.75 %.
		expect(await results.respondentRow('iit-sex', 'male')).toEqual(['196', '54.75']);
		for (const instrument of ['iit', 'eit'] as const) {
			for (const [question, options] of Object.entries(wang.demographics[instrument])) {
				for (const [code, o] of Object.entries(options)) {
					// One printed percentage is wrong (the count is right): the page shows the right one.
					const misprint = misprints[`demographics.${instrument}.${question}.${code}.percent`];
					expect(
						await results.respondentRow(`${instrument}-${question}`, code),
						`${instrument} ${question} ${code}`
					).toEqual([String(o.count), (misprint?.correct ?? o.percent).toFixed(2)]);
				}
			}
		}
		// The pace counts from the days the round has been open (issue 15): never "0.00 a day"
		// once responses have arrived.
		const pace = await page.locator('[data-pace="iit"]').textContent();
		expect(pace).toMatch(/IIT/);
		expect(pace).not.toMatch(/วันละ 0\.00/);
	});

	test('a counter with 3 respondents reads "< 5" on the page, in the CSV and in the XLSX', async () => {
		const { page, results } = await signedIn();
		await results.open(agency, round);
		await results.filter(/^(จุดบริการ|Service point)$/, counter);
		expect(new URL(page.url()).searchParams.get('servicePoint')).toBe(counter);
		expect(await results.score('e9')).toBe('< 5');
		expect(await results.score('e9.1')).toBe('< 5');
		expect(await results.score('eit')).toBe('< 5');
		expect(await results.total()).toBe('< 5');
		expect(await results.level()).toBe('< 5');
		expect(await page.locator('tr[data-item="e9.1"]').textContent()).not.toMatch(/\d+\.\d\d/);

		const csv = await results.download(/ผลรวมรายข้อ \(CSV\)/);
		expect(csv.status).toBe(200);
		expect(csv.name).toBe(`${round}-aggregates-servicePoint-${counter}.csv`);
		expect(csv.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		const lines = csv.body.toString('utf8').slice(1).split('\r\n');
		expect(lines[0]).toMatch(/^ระดับ,แบบวัด,ตัวชี้วัด,ข้อ,ข้อความ,จำนวนผู้ตอบ,/);
		// e9.1: its respondents, its four answers' shares and its score (the yes/no columns empty).
		const e9 = lines.find((l) => l.split(',')[3] === 'e9.1')!;
		expect(e9.split(',').slice(5)).toEqual(['< 5', '< 5', '< 5', '< 5', '< 5', '', '', '< 5']);
		expect(lines[1]).toMatch(/,< 5$/);
		expect(lines.filter((l) => /^ประเด็น,EIT/.test(l)).every((l) => !/\d\.\d\d/.test(l))).toBe(true);

		const xlsx = await results.download(/ผลรวมรายข้อ \(Excel\)/);
		expect(xlsx.status).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
		expect(book.worksheets.map((s) => s.name)).toEqual(['คะแนน', 'ผู้ตอบ']);
		const sheet = book.getWorksheet('คะแนน')!;
		expect(sheet.getCell('A1').text).toMatch(/สำนักงานเขตวังทองหลาง.*2565.*จุดบริการ/);
		const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
		const item = rows.find((r) => r[4] === 'e9.1')!;
		expect(item.slice(6)).toEqual(['< 5', '< 5', '< 5', '< 5', '< 5', undefined, undefined, '< 5']);
		const total = rows.find((r) => r[1] === 'คะแนนรวม')!;
		expect(total.at(-1)).toBe('< 5');

		// The whole round's file has the numbers.
		await results.open(agency, round);
		const all = (await results.download(/ผลรวมรายข้อ \(CSV\)/)).body.toString('utf8');
		expect(all.split('\r\n').find((l) => l.split(',')[3] === 'e9')).toMatch(/,99\.43$/);

		// The responses: no ids, days only.
		const responses = await results.download(/คำตอบรายคน \(CSV\)/);
		const body = responses.body.toString('utf8');
		expect(body.slice(1).split('\r\n')).toHaveLength(358 + 408 + 2);
		expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
		expect(body).not.toMatch(/\d\d:\d\d/);
	});

	test("an officer of another agency gets 404 for this round's results and downloads", async () => {
		const { page, results } = await signedIn(stranger);
		const response = await page.goto(results.url(agency, round));
		expect(response?.status()).toBe(404);
		for (const file of ['aggregates.csv', 'aggregates.xlsx', 'responses.csv']) {
			const r = await page.request.get(
				results.url(agency, round).replace(/results$/, `results/${file}`)
			);
			expect(r.status(), file).toBe(404);
		}
		// Nor through the officer's own agency in the address.
		expect((await page.goto(results.url('bang-rak', round)))?.status()).toBe(404);
	});

	test('a response sent while the page is open appears without a reload', async () => {
		const { page, results } = await signedIn();
		await page.clock.install();
		await results.open(agency, round);
		await results.waitUntilLive();
		expect(await results.respondents('EIT')).toMatch(/^408\b/);
		const stamp = await page.locator('[data-updated]').getAttribute('data-updated');

		const keys = await server.keys();
		const sent = await fetch(`${server.url}/rest/v1/rpc/submit_responses`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', apikey: keys.anonKey },
			body: JSON.stringify({ batch: [favourableResponse(nacc, round, 'eit')] })
		});
		expect(((await sent.json()) as { accepted: number }).accepted).toBe(1);

		await page.clock.fastForward('00:46');
		await expect.poll(() => results.respondents('EIT')).toMatch(/^409\b/);
		expect(await page.locator('[data-updated]').getAttribute('data-updated')).not.toBe(stamp);
	});

	test('a BMA round with no answers yet shows dashes, no level, and its targets', async () => {
		const { page, results } = await signedIn();
		await results.open(agency, emptyRound);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			'ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2567'
		);
		expect(await results.total()).toBe('–');
		expect(await results.level()).toBe('ยังไม่มีระดับ');
		expect(await results.score('I1')).toBe('–');
		expect(await results.score('E3.1')).toBe('–');
		expect(await results.respondents('EIT')).toBe('0 · เป้าหมาย 400');
		// BMA's levels and their condition on every instrument.
		expect(await page.locator('details').textContent()).toMatch(
			/ผ่านดี: ตั้งแต่ 85.00 คะแนน และทุกแบบวัดได้อย่างน้อย 85.00 คะแนน/
		);
	});

	test('axe-core finds no violations on the results page, in Thai and in English', async () => {
		const { context, results, page } = await signedIn();
		const found: string[] = [];
		for (const lang of ['th', 'en']) {
			await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
			await results.open(agency, round);
			expect(await page.locator('html').getAttribute('lang')).toBe(lang);
			found.push(...(await axeViolations(page)).map((v) => `${lang}: ${v}`));
			await results.open(agency, round, `?servicePoint=${counter}`);
			found.push(...(await axeViolations(page)).map((v) => `${lang} filtered: ${v}`));
		}
		expect(found).toEqual([]);
	});
});

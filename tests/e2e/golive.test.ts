/**
 * Off localhost, the way a district office goes live: Caddy with `tls internal` in front
 * of `npm start`, reached by Chromium at `office.ita.test` (a name mapped to this machine,
 * Caddy's own authority trusted by its key — never every certificate). Phones and a kiosk
 * answer offline there; the same name over plain http still takes answers online and
 * says offline is unavailable. And the server's front door: the setup token, forwarded
 * headers believed only from the proxy, the public address on every link and poster.
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { callRpc, service } from '../../src/lib/server/db/rpc.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';
import { Caddy } from '../support/caddy.ts';
import { freePort } from '../support/ports.ts';
import { E2E_WAIT_MS, sharedBrowser, type SharedBrowser } from '../support/e2e.ts';
import { EmbeddedServer } from '../support/server.ts';
import { migratedDataFolder } from '../support/templates.ts';
import { axeViolations, phone, tablet } from './browser.ts';
import { KioskPage } from './pages/KioskPage.ts';
import { StatusPage } from './pages/StatusPage.ts';
import { SurveyPage } from './pages/SurveyPage.ts';

const round = 'demo-bma-2567';
const name = 'office.ita.test';
const pin = '1357';

/**
 * These browsers answer faster than any person (the demo rounds' floor is 2 s a
 * question): no time floor, or every response would be held for review.
 */
function noTimeFloor(server: EmbeddedServer) {
	return server.withDatabase((db) =>
		db.query(`update public.rounds set seconds_per_question = 0 where code like 'demo-%'`)
	);
}

/** A GET with headers a browser would never send (another Host, say), straight to the app. */
function rawGet(
	port: number,
	path: string,
	headers: Record<string, string>
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('an office on https at its own name (Caddy, tls internal)', () => {
	let dir: string;
	let server: EmbeddedServer;
	let caddy: Caddy;
	let shared: SharedBrowser;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-e2e-golive-'));
		const appPort = await freePort();
		caddy = new Caddy(join(dir, 'caddy'), name, await freePort(), appPort, await freePort());
		server = new EmbeddedServer(join(dir, 'data'), appPort, {
			ITA_PUBLIC_URL: caddy.url,
			// Caddy on this machine: only its X-Forwarded-* headers are believed.
			ITA_TRUSTED_PROXIES: '127.0.0.1,::1'
		});
		await migratedDataFolder(server.dataDir);
		await server.start();
		await noTimeFloor(server);
		await caddy.start();
		// One Chromium for the file, which maps the name and trusts Caddy's authority.
		shared = await sharedBrowser(await caddy.chromiumArgs());
	}, 300_000);
	afterEach(() => shared?.closePages());
	afterAll(async () => {
		await shared?.close();
		await caddy?.stop();
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	/** A new visitor: a fresh context of the file's one browser. */
	const browser = (viewport?: typeof tablet) => shared.newPage(viewport);

	const storedIds = () =>
		server.withDatabase((db) =>
			db.query<{ id: string }>(
				`select response_id::text as id from public.responses where channel <> 'kiosk'`
			)
		);

	async function controlled(page: Page) {
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
	}

	test('a phone: the service worker takes control; two answers offline survive a reload and arrive exactly once', async () => {
		const { context, page } = await browser();
		const survey = new SurveyPage(page, caddy.url);
		await survey.open(round);
		expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
		expect(await page.locator('[data-insecure]').count()).toBe(0);
		await controlled(page);
		const before = await storedIds();

		await context.setOffline(true);
		await page.reload();
		await survey.answerAll();
		await survey.answerAnother();
		await survey.answerAll();
		await page.reload();
		const status = new StatusPage(page, caddy.url);
		await status.open();
		expect(await status.count('queued')).toBe(2);

		await context.setOffline(false);
		await status.sendNow();
		await expect.poll(() => status.count('queued'), { timeout: E2E_WAIT_MS }).toBe(0);
		expect(await status.count('sent')).toBe(2);
		const after = await storedIds();
		expect(after.length).toBe(before.length + 2);
		expect(new Set(after.map((r) => r.id)).size).toBe(after.length);
	});
	test('a kiosk enrolled at that address: two visitors offline, a reload, then both arrive exactly once', async () => {
		const code = await server.withDatabase(async (db) => {
			const made = await callRpc<{ enrolmentCode: string }>(db, service, 'create_kiosk', {
				round_code: round,
				name: 'ประตูหน้า https',
				pin_hash: await hashKioskPin(pin),
				min_interval_seconds: 20,
				idle_seconds: 60
			});
			return made.enrolmentCode;
		});
		const { context, page } = await browser(tablet);
		await context.clock.install({ time: Date.now() });
		const kiosk = new KioskPage(page, caddy.url);
		await kiosk.open(code);
		await kiosk.welcome();
		expect(await page.locator('[data-insecure]').count()).toBe(0);
		await kiosk.controlled();

		await context.setOffline(true);
		for (let visitor = 0; visitor < 2; visitor++) {
			await kiosk.visitor();
			await page.clock.fastForward(7_000);
			await kiosk.welcome();
			await expect.poll(() => kiosk.queued()).toBe(visitor + 1);
			await page.clock.fastForward(30_000);
		}
		await page.reload();
		await kiosk.welcome();
		await expect.poll(() => kiosk.queued()).toBe(2);

		await context.setOffline(false);
		await expect.poll(() => kiosk.queued(), { timeout: E2E_WAIT_MS }).toBe(0);
		const rows = await server.withDatabase((db) =>
			db.query<{ id: string }>(
				`select p.response_id::text as id from public.responses p join public.kiosks k using (kiosk_id)
				where k.name = 'ประตูหน้า https'`
			)
		);
		expect(rows).toHaveLength(2);
		expect(new Set(rows.map((r) => r.id)).size).toBe(2);
	});

	test('first run: the setup token from the start log, nothing without it; then links, posters and cookies use the public address', async () => {
		// The data folder and what is in it: the owner's only.
		const data = join(dir, 'data');
		const mode = async (path: string) => (await stat(path)).mode & 0o777;
		expect(await mode(data)).toBe(0o700);
		expect(await mode(join(data, 'pglite'))).toBe(0o700);
		expect(await mode(join(data, 'keys.json'))).toBe(0o600);
		expect(await mode(join(data, 'setup-token'))).toBe(0o600);

		const token = (await readFile(join(data, 'setup-token'), 'utf8')).trim();
		const setupLink = `${caddy.url}/admin/setup?token=${token}`;
		// One start-up block: the public address, the set-up link, the data folder.
		expect(server.output).toContain(setupLink);
		expect(server.output).toContain(`Public address:`);
		expect(server.output).toContain(data);

		// Someone on the network without the token (raw HTTP, as a script would): nothing made.
		const post = (fields: Record<string, string>) =>
			fetch(`${server.url}/admin/setup`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: server.url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields).toString()
			});
		const account = {
			email: 'intruder@example.com',
			password: 'ไม่ใช่เจ้าหน้าที่-2570',
			password2: 'ไม่ใช่เจ้าหน้าที่-2570'
		};
		expect((await post(account)).status).toBe(403);
		expect((await post({ ...account, token: 'wrong-token' })).status).toBe(403);
		const stillNew = await fetch(`${server.url}/admin/login`, { redirect: 'manual' });
		expect(stillNew.headers.get('location')).toBe('/admin/setup');

		// In a browser, without the token: told where to find it, and nothing made.
		const { context, page } = await browser({ width: 1280, height: 900 });
		await page.goto(`${caddy.url}/admin/setup`);
		await page.getByLabel(/^(อีเมล|Email)$/).fill(account.email);
		await page.getByLabel(/^(รหัสผ่าน|Password)$/).fill(account.password);
		await page.getByLabel(/^(ยืนยันรหัสผ่าน|Password again)$/).fill(account.password2);
		await page.getByRole('button', { name: /สร้างบัญชีและเข้าสู่ระบบ|Create the account/ }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/setup-token/);
		expect(new URL(page.url()).pathname).toBe('/admin/setup');

		// The administrator follows the link the server printed.
		await page.goto(setupLink);
		expect(await page.getByLabel(/^(รหัสตั้งค่าครั้งแรก|Setup token)$/).inputValue()).toBe(token);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByLabel(/^(อีเมล|Email)$/).fill('ita@bangrak.go.th');
		await page.getByLabel(/^(รหัสผ่าน|Password)$/).fill('ศาลาว่าการ-บางรัก-2570');
		await page.getByLabel(/^(ยืนยันรหัสผ่าน|Password again)$/).fill('ศาลาว่าการ-บางรัก-2570');
		await page.getByRole('button', { name: /สร้างบัญชีและเข้าสู่ระบบ|Create the account/ }).click();
		await page.waitForURL(/\/admin$/);
		const session = (await context.cookies()).find((c) => c.httpOnly);
		expect(session?.secure).toBe(true);

		// Used up: the file is gone and the same token makes nothing more.
		await expect(stat(join(data, 'setup-token'))).rejects.toThrow();
		const again = await post({ ...account, token });
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toBe('/admin/login');

		// Every link on the round page is the public address, whatever Host the request said.
		await page.goto(`${caddy.url}/admin/demo/rounds/${round}`);
		const links = await page
			.locator('[data-link]')
			.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-link') ?? ''));
		expect(links.length).toBeGreaterThan(0);
		for (const link of links) expect(link.startsWith(`${caddy.url}/`)).toBe(true);
		const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const spoofed = await rawGet(server.port, `/admin/demo/rounds/${round}`, {
			host: 'evil.example',
			cookie
		});
		expect(spoofed.status).toBe(200);
		expect(spoofed.body).toContain(`${caddy.url}/r/${round}?sp=`);
		expect(spoofed.body).not.toContain('evil.example');

		// office.ita.test is a name only this network knows: the posters wait for a go-ahead.
		await page.goto(`${caddy.url}/admin/demo/rounds/${round}/posters?size=a4`);
		await page.getByRole('heading', { level: 1, name: /ยังไม่พิมพ์|Not printed yet/ }).waitFor();
		expect(await page.locator('article.sheet').count()).toBe(0);
		expect(await axeViolations(page)).toEqual([]);
		await page
			.getByRole('link', { name: /พิมพ์ด้วยที่อยู่ภายในนี้|print with this private address/ })
			.click();
		await page.locator('article.sheet').first().waitFor();
		expect(await page.locator('article.sheet').count()).toBeGreaterThan(0);
	});
});

describe('the same name over plain http (no Caddy, no ITA_PUBLIC_URL)', () => {
	let dir: string;
	let server: EmbeddedServer;
	let base: string;
	let supabase: string;
	let shared: SharedBrowser;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-e2e-plain-'));
		// Its own copy of the migrations, so that a pending one can be added (see /healthz).
		supabase = join(dir, 'supabase');
		await cp('supabase', supabase, { recursive: true });
		const port = await freePort();
		server = new EmbeddedServer(join(dir, 'data'), port, { ITA_SUPABASE_DIR: supabase });
		await migratedDataFolder(server.dataDir);
		await server.start();
		await noTimeFloor(server);
		base = `http://${name}:${port}`;
		shared = await sharedBrowser([`--host-resolver-rules=MAP ${name} 127.0.0.1`]);
	}, 300_000);
	afterEach(() => shared?.closePages());
	afterAll(async () => {
		await shared?.close();
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	async function browser(viewport: { width: number; height: number } = phone) {
		const { context, page } = await shared.newPage(viewport);
		const problems: string[] = [];
		page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
		page.on('console', (m: ConsoleMessage) => {
			if (m.type() === 'error') problems.push(`console: ${m.text()}`);
		});
		return { context, page, problems };
	}

	test('a respondent answers online and the response is stored; the page says offline is unavailable; no exception', async () => {
		const { page, problems } = await browser();
		const before = await server.withDatabase((db) =>
			db.query<{ n: number }>('select count(*)::int as n from public.responses')
		);
		const survey = new SurveyPage(page, base);
		await survey.open(round, { servicePoint: 'registration-1' });
		expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
		const note = page.locator('[data-insecure]');
		expect(await note.textContent()).toMatch(/เก็บคำตอบไว้ในเครื่องนี้ขณะไม่มีสัญญาณไม่ได้/);
		expect(await axeViolations(page)).toEqual([]);
		await survey.answerAll();
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/ส่งถึงระบบเรียบร้อยแล้ว/);
		await page.getByRole('button', { name: 'English' }).click();
		await expect.poll(() => note.textContent()).toMatch(/cannot be kept on this device offline/);
		// Before the server is stopped to be looked into (the page would then log its refused calls).
		expect(problems, problems.join('\n')).toEqual([]);

		const after = await server.withDatabase((db) =>
			db.query<{ n: number }>('select count(*)::int as n from public.responses')
		);
		expect(after[0].n).toBe(before[0].n + 1);
	});

	test('a kiosk enrolled over http says it cannot work offline, and its send says what happened', async () => {
		const code = await server.withDatabase(async (db) => {
			const made = await callRpc<{ enrolmentCode: string }>(db, service, 'create_kiosk', {
				round_code: round,
				name: 'ประตูหน้า http',
				pin_hash: await hashKioskPin(pin),
				min_interval_seconds: 20,
				idle_seconds: 60
			});
			return made.enrolmentCode;
		});
		const { page, problems } = await browser(tablet);
		const kiosk = new KioskPage(page, base);
		await kiosk.open(code);
		await kiosk.welcome();
		expect(await page.locator('[data-insecure]').textContent()).toMatch(/ทำงานแบบออฟไลน์ไม่ได้/);
		await kiosk.visitor();
		await expect.poll(() => kiosk.queued(), { timeout: E2E_WAIT_MS }).toBe(0);
		// Before the server is stopped to be looked into (the tablet would then log its refused calls).
		expect(problems, problems.join('\n')).toEqual([]);
		const stored = await server.withDatabase((db) =>
			db.query<{ n: number }>(
				`select count(*)::int as n from public.responses p join public.kiosks k using (kiosk_id)
				where k.name = 'ประตูหน้า http'`
			)
		);
		expect(stored[0].n).toBe(1);
	});

	test("officers' screens over http off localhost say so; a client cannot claim https without a trusted proxy", async () => {
		const { page } = await browser({ width: 1280, height: 900 });
		await page.goto(`${base}/admin`);
		const banner = page.locator('[data-insecure-banner]');
		expect(await banner.textContent()).toMatch(/http ซึ่งไม่เข้ารหัส/);
		expect(await axeViolations(page)).toEqual([]);
		// On localhost (the machine itself) there is nothing to warn about.
		await page.goto(`${server.url}/admin`);
		expect(await page.locator('[data-insecure-banner]').count()).toBe(0);

		// "I came over https" from an ordinary client: not believed, so a form posted from
		// an https page of this name is cross-site (SvelteKit refuses it).
		const claimed = await fetch(`${server.url}/admin/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'x-forwarded-proto': 'https',
				origin: server.url.replace('http:', 'https:'),
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'email=a%40b.c&password=x'
		});
		expect(claimed.status).toBe(403);
	});

	test('/healthz: 200 when the database answers and every migration is applied, 503 when one is pending', async () => {
		const ok = await fetch(`${server.url}/healthz`);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ db: 'ok', migrations: 'current' });
		// A new version's migration on disk, not yet applied (the server was not restarted).
		await writeFile(join(supabase, 'migrations', '99991231000000_not_yet.sql'), 'select 1;\n');
		const pending = await fetch(`${server.url}/healthz`);
		expect(pending.status).toBe(503);
		expect(await pending.json()).toMatchObject({
			db: 'ok',
			migrations: 'pending',
			pending: ['99991231000000_not_yet']
		});
		// A restart applies it.
		await server.stop();
		await server.start();
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});
});

/**
 * The officers' screens on a Supabase project, for real: one embedded server plays the
 * project (its PostgREST and Supabase Auth's sign-in API), and a second app process,
 * started with PUBLIC_SUPABASE_URL pointing at it, runs the Supabase code path — it opens
 * no database of its own; every sign-in goes to Supabase Auth and every read and change
 * to PostgREST with the officer's token. Officers are made with the service key, as
 * `npm run ita -- user add` makes them on Supabase.
 */
import { SignJWT } from 'jose';
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { issueSession } from '../../src/lib/server/auth/session.ts';
import { createSupabase } from '../../src/lib/supabase.ts';
import { desk, startE2e, type E2e } from '../support/e2e.ts';
import type { EmbeddedServer, Keys } from '../support/server.ts';
import { axeViolations } from './browser.ts';
import { AgencyPage } from './pages/AgencyPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { RoundPage } from './pages/RoundPage.ts';

const password = 'ตึกใบหยก-บางรัก-2570';
const officerA = { email: 'somchai@bangrak.go.th', agency: 'bang-rak' };
const officerB = { email: 'somsri@samphanthawong.go.th', agency: 'samphanthawong' };
const centralAdmin = { email: 'ita@bangkok.go.th', agency: '' };
const round = 'sb-bang-rak-2570';
/** @supabase/ssr's session cookies: `sb-<project>-auth-token`, maybe in chunks. */
const sessionCookie = /^sb-.+-auth-token(\.\d+)?$/;

function day(offset: number): string {
	return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('officers on Supabase Auth', () => {
	let e2e: E2e;
	let project: EmbeddedServer;
	let app: EmbeddedServer;
	let keys: Keys;
	const ids: Record<string, { id: string; agencyId: string }> = {};
	let bangRakId: string;

	const service = () => createSupabase({ url: project.url, anonKey: keys.serviceKey });

	beforeAll(async () => {
		e2e = await startE2e({ name: 'supabase' });
		project = e2e.server;
		keys = await project.keys();
		app = await e2e.anotherServer('app', {
			PUBLIC_SUPABASE_URL: project.url,
			PUBLIC_SUPABASE_ANON_KEY: keys.anonKey
		});

		const listed = await service().rpc('list_agencies');
		const agencyIds = Object.fromEntries(
			(listed.data as { code: string; id: string }[]).map((a) => [a.code, a.id])
		);
		for (const o of [officerA, officerB]) {
			const created = await service().auth.admin.createUser({
				email: o.email,
				password,
				email_confirm: true,
				app_metadata: { ita_role: 'officer', agency_id: agencyIds[o.agency] }
			});
			expect(created.error).toBeNull();
			ids[o.email] = { id: created.data.user!.id, agencyId: agencyIds[o.agency] };
		}
		const central = await service().auth.admin.createUser({
			email: centralAdmin.email,
			password,
			email_confirm: true,
			app_metadata: { ita_role: 'central' }
		});
		expect(central.error).toBeNull();
		bangRakId = agencyIds['bang-rak'];
	}, 300_000);
	afterEach(() => e2e.closePages());
	afterAll(() => e2e?.stop());

	const browser = () => e2e.newPage(desk);

	async function signedIn(officer: { email: string; agency: string }) {
		const b = await browser();
		const login = new LoginPage(b.page, app.url);
		await login.open();
		await login.signIn(officer.email, password);
		await b.page.waitForURL(new RegExp(`/admin/${officer.agency}$`));
		return { ...b, login };
	}

	const sessionCookies = async (context: BrowserContext) =>
		(await context.cookies()).filter((c) => sessionCookie.test(c.name));

	test('the app opens no database of its own: the first-run screen does not apply, sign-in is Supabase Auth', async () => {
		const { page } = await browser();
		await page.goto(new URL('/admin/setup', app.url).toString());
		expect(new URL(page.url()).pathname).toBe('/admin/login');
		const rpc = await fetch(new URL('/rest/v1/rpc/list_agencies', app.url), { method: 'POST' });
		expect(rpc.status).toBe(404);
		expect(app.output).not.toMatch(/data in/);
		expect(await axeViolations(page)).toEqual([]);
	});

	test('an officer signs in, the session is an HttpOnly cookie, and signing out ends it', async () => {
		const { context, page, login } = await signedIn(officerA);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/บางรัก/);
		const cookies = await sessionCookies(context);
		expect(cookies.length).toBeGreaterThan(0);
		for (const c of cookies) expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await page.waitForURL(/\/admin\/login\?signedOut/);
		expect(await page.getByRole('status').textContent()).toMatch(/ออกจากระบบแล้ว/);
		expect(await sessionCookies(context)).toEqual([]);
		await login.open(`/admin/${officerA.agency}`);
		expect(new URL(page.url()).pathname).toBe('/admin/login');
	});

	test('a wrong password and an unknown email get the same single message, and no session', async () => {
		const { context, page } = await browser();
		const login = new LoginPage(page, app.url);
		await login.open();
		await login.signIn(officerA.email, 'ตึกใบหยก-บางรัก-2569');
		const wrong = await login.alertText();
		expect(wrong).toMatch(/^อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
		await login.signIn('nobody@bangrak.go.th', password);
		expect(await login.alertText()).toBe(wrong);
		expect(await sessionCookies(context)).toEqual([]);
		expect(await axeViolations(page)).toEqual([]);
	});

	test('a session past its end sends the officer to sign in again, saying it expired', async () => {
		const { context, page, login } = await signedIn(officerA);
		// The session as @supabase/ssr keeps it, with its access and refresh tokens over.
		const cookies = await sessionCookies(context);
		const name = cookies.map((c) => c.name.replace(/\.\d+$/, ''))[0];
		const value = cookies
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((c) => c.value)
			.join('');
		const session = JSON.parse(
			Buffer.from(value.replace(/^base64-/, ''), 'base64url').toString()
		) as Record<string, unknown>;
		const secret = Buffer.from(keys.jwtSecret, 'base64url');
		const past = new Date(Date.now() - 9 * 3600_000);
		const { id, agencyId } = ids[officerA.email];
		session.access_token = await issueSession(
			secret,
			{ id, email: officerA.email, role: 'officer', agencyId },
			3600,
			past
		);
		session.expires_at = Math.floor(past.getTime() / 1000) + 3600;
		session.refresh_token = await new SignJWT({ typ: 'refresh' })
			.setProtectedHeader({ alg: 'HS256' })
			.setSubject(id)
			.setIssuer('ita-collect-refresh')
			.setIssuedAt(Math.floor(past.getTime() / 1000))
			.setExpirationTime(Math.floor(past.getTime() / 1000) + 8 * 3600)
			.sign(secret);
		await context.clearCookies({ name: sessionCookie });
		await context.addCookies([
			{
				name,
				value: `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`,
				url: app.url,
				httpOnly: true
			}
		]);

		await page.goto(new URL(`/admin/${officerA.agency}`, app.url).toString());
		await page.waitForURL(/\/admin\/login\?session=expired/);
		expect(await login.alertText()).toMatch(/เซสชันหมดอายุ/);
		expect(await sessionCookies(context)).toEqual([]);

		await login.signIn(officerA.email, password);
		await page.waitForURL(new RegExp(`/admin/${officerA.agency}$`));
	});

	test("officer B cannot open officer A's agency: it is not there for them", async () => {
		const { page } = await signedIn(officerB);
		const response = await page.goto(new URL(`/admin/${officerA.agency}`, app.url).toString());
		expect(response?.status()).toBe(404);
		await page.goto(new URL('/admin', app.url).toString());
		expect(new URL(page.url()).pathname).toBe(`/admin/${officerB.agency}`);
	});

	test('an officer creates a round and saves, then removes, an OIT score — all through PostgREST as themselves', async () => {
		const { page } = await signedIn(officerA);
		const agencyPage = new AgencyPage(page, app.url);
		await agencyPage.newRound();
		const roundPage = new RoundPage(page, app.url);
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

		const stored = await service().rpc('list_agency', { agency_code: officerA.agency });
		const rounds = (stored.data as { rounds: { code: string; fiscalYear: number }[] }).rounds;
		expect(rounds).toEqual([expect.objectContaining({ code: round, fiscalYear: 2027 })]);

		const oit = async () =>
			(
				(await service().rpc('list_oit_scores', { round_code: round })).data as {
					question: string;
					score: number | null;
					evidenceUrl: string | null;
				}[]
			)[0];
		const save = async () => {
			await page.getByRole('button', { name: 'บันทึกคะแนน OIT' }).click();
			await expect
				.poll(() => page.getByRole('status').allTextContents())
				.toContainEqual(expect.stringMatching(/บันทึกคะแนน OIT แล้ว/));
		};
		await page.getByLabel('คะแนน ข้อ O1', { exact: true }).fill('87.5');
		await page
			.getByLabel('URL หลักฐาน ข้อ O1', { exact: true })
			.fill('https://www.bangkok.go.th/bangrak/o1');
		await save();
		expect(await oit()).toMatchObject({
			question: 'O1',
			score: 87.5,
			evidenceUrl: 'https://www.bangkok.go.th/bangrak/o1'
		});

		await page.getByLabel('คะแนน ข้อ O1', { exact: true }).fill('');
		await save();
		expect(await oit()).toMatchObject({
			score: null,
			evidenceUrl: 'https://www.bangkok.go.th/bangrak/o1'
		});
	});

	test('a central administrator sees every agency; the accounts screen says how to make accounts, with each agency_id', async () => {
		const { page } = await browser();
		const login = new LoginPage(page, app.url);
		await login.open();
		await login.signIn(centralAdmin.email, password);
		await page.waitForURL(/\/admin$/);
		await page.getByRole('link', { name: 'บัญชีผู้ใช้' }).click();
		await page.waitForURL(/\/admin\/accounts$/);
		expect(await page.getByRole('main').textContent()).toMatch(/SUPABASE_SERVICE_ROLE_KEY/);
		const bangRak = page.getByRole('row', { name: /bang-rak/ });
		expect(await bangRak.textContent()).toContain(bangRakId);
		expect(await axeViolations(page)).toEqual([]);
	});
});

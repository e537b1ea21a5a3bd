/**
 * The embedded server's stand-in for Supabase Auth, driven by supabase-js itself: what
 * the app in Supabase mode (and `npm run ita -- user add` on Supabase) asks of
 * `/auth/v1`, answered the way Supabase Auth answers it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSupabase } from '../../src/lib/supabase.ts';
import { runIta } from '../support/cli.ts';
import { EmbeddedServer, type Keys } from '../support/server.ts';
import { migratedDataFolder } from '../support/templates.ts';

const password = 'ตึกใบหยก-บางรัก-2570';

describe('Supabase Auth on the embedded server', () => {
	let dir: string;
	let server: EmbeddedServer;
	let keys: Keys;
	let agencies: Record<string, string>;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-auth-api-'));
		server = new EmbeddedServer(join(dir, 'data'), 57000 + Math.floor(Math.random() * 400));
		await migratedDataFolder(server.dataDir);
		await server.start();
		keys = await server.keys();
		const rows = await createSupabase({ url: server.url, anonKey: keys.serviceKey }).rpc(
			'list_agencies'
		);
		agencies = Object.fromEntries(
			(rows.data as { code: string; id: string }[]).map((a) => [a.code, a.id])
		);
	}, 300_000);
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	const client = () => createSupabase({ url: server.url, anonKey: keys.anonKey });
	const admin = () => createSupabase({ url: server.url, anonKey: keys.serviceKey }).auth.admin;

	async function officer(email: string, agencyCode: string) {
		const agencyId = agencies[agencyCode];
		const { data, error } = await admin().createUser({
			email,
			password,
			email_confirm: true,
			app_metadata: { ita_role: 'officer', agency_id: agencyId }
		});
		expect(error).toBeNull();
		return { user: data.user!, agencyId };
	}

	test('the service key creates officers with their role and agency, and lists them; the anon key cannot', async () => {
		const { user, agencyId } = await officer('somchai@bangrak.go.th', 'bang-rak');
		expect(user.email).toBe('somchai@bangrak.go.th');
		expect(user.app_metadata).toMatchObject({ ita_role: 'officer', agency_id: agencyId });

		const { data, error } = await admin().listUsers();
		expect(error).toBeNull();
		expect(data.users.map((u) => u.email)).toContain('somchai@bangrak.go.th');

		const again = await admin().createUser({
			email: 'Somchai@BangRak.go.th',
			password,
			app_metadata: { ita_role: 'officer', agency_id: agencyId }
		});
		expect(again.error?.message).toMatch(/already is an account with the email somchai@bangrak/);
		const short = await admin().createUser({
			email: 'x@bangrak.go.th',
			password: 'short',
			app_metadata: { ita_role: 'central' }
		});
		expect(short.error?.message).toMatch(/at least 10 characters/);

		const anonAdmin = client().auth.admin;
		const refused = await anonAdmin.listUsers();
		expect(refused.error?.status).toBe(403);
	});

	test('signing in gives a token the database reads as that officer: their agency only', async () => {
		const { agencyId } = await officer('somsri@samphanthawong.go.th', 'samphanthawong');
		const supabase = client();
		const { data, error } = await supabase.auth.signInWithPassword({
			email: 'somsri@samphanthawong.go.th',
			password
		});
		expect(error).toBeNull();
		const claims = decodeJwt(data.session!.access_token);
		expect(claims).toMatchObject({
			role: 'authenticated',
			aud: 'authenticated',
			email: 'somsri@samphanthawong.go.th',
			app_metadata: { ita_role: 'officer', agency_id: agencyId }
		});
		const own = await supabase.rpc('list_agencies');
		expect((own.data as { code: string }[]).map((a) => a.code)).toEqual(['samphanthawong']);
		const other = await supabase.rpc('list_agency', { agency_code: 'bang-rak' });
		expect(other.error).toMatchObject({ code: 'PT404' });
		expect(other.status).toBe(404);

		const { data: user } = await supabase.auth.getUser(data.session!.access_token);
		expect(user.user?.id).toBe(claims.sub);
	});

	test('a wrong password and an unknown email get the same answer', async () => {
		await officer('wichai@bangrak.go.th', 'bang-rak');
		const wrong = await client().auth.signInWithPassword({
			email: 'wichai@bangrak.go.th',
			password: 'ตึกใบหยก-บางรัก-2569'
		});
		const unknown = await client().auth.signInWithPassword({
			email: 'nobody@bangrak.go.th',
			password
		});
		for (const r of [wrong, unknown]) {
			expect(r.data.session).toBeNull();
			expect(r.error).toMatchObject({
				status: 400,
				code: 'invalid_credentials',
				message: 'Invalid login credentials'
			});
		}
	});

	test('a session is refreshed with its refresh token; a forged one is refused', async () => {
		await officer('malee@bangrak.go.th', 'bang-rak');
		const supabase = client();
		const { data } = await supabase.auth.signInWithPassword({
			email: 'malee@bangrak.go.th',
			password
		});
		const refreshed = await supabase.auth.refreshSession({
			refresh_token: data.session!.refresh_token
		});
		expect(refreshed.error).toBeNull();
		expect(decodeJwt(refreshed.data.session!.access_token).sub).toBe(data.user!.id);
		// Never beyond the working day the session started.
		expect(refreshed.data.session!.expires_at).toBeLessThanOrEqual(
			decodeJwt(data.session!.refresh_token).exp!
		);

		const forged = await client().auth.refreshSession({
			refresh_token: data.session!.access_token
		});
		expect(forged.error?.message).toMatch(/Invalid Refresh Token/);
		expect(forged.data.session).toBeNull();
	});

	test('an account removed since sign-in has no user and no refresh; sign-out answers', async () => {
		const email = 'gone@bangrak.go.th';
		const { user } = await officer(email, 'bang-rak');
		const supabase = client();
		const { data } = await supabase.auth.signInWithPassword({ email, password });
		expect((await supabase.auth.getUser(data.session!.access_token)).data.user?.email).toBe(email);

		await server.withDatabase((db) =>
			db.query('delete from ita_private.accounts where account_id = $1', [user.id])
		);
		const after = await client().auth.getUser(data.session!.access_token);
		expect(after.data.user).toBeNull();
		expect(after.error?.status).toBe(403);
		const refresh = await client().auth.refreshSession({
			refresh_token: data.session!.refresh_token
		});
		expect(refresh.error?.message).toMatch(/Invalid Refresh Token/);

		const other = client();
		await other.auth.signInWithPassword({ email: 'malee@bangrak.go.th', password });
		expect((await other.auth.signOut()).error).toBeNull();
		expect((await other.auth.getSession()).data.session).toBeNull();
	});

	test('PUT /user {password}: a new password as GoTrue takes it; the sessions before it end, weak and same passwords are 422', async () => {
		const email = 'changes@bangrak.go.th';
		await officer(email, 'bang-rak');
		const supabase = client();
		const { data } = await supabase.auth.signInWithPassword({ email, password });
		const before = data.session!;
		const other = client();
		const elsewhere = (await other.auth.signInWithPassword({ email, password })).data.session!;

		const weak = await supabase.auth.updateUser({ password: 'short' });
		expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
		const same = await supabase.auth.updateUser({ password });
		expect(same.error).toMatchObject({ status: 422, code: 'same_password' });

		const next = 'ถนนสีลม-บางรัก-2571';
		const changed = await supabase.auth.updateUser({ password: next });
		expect(changed.error).toBeNull();
		expect(changed.data.user?.email).toBe(email);
		// Every session from before the change has ended: its user and its refresh.
		for (const session of [before, elsewhere]) {
			// GoTrue's `session_not_found`, which supabase-js reads as a missing session.
			const user = await client().auth.getUser(session.access_token);
			expect(user.data.user).toBeNull();
			expect(user.error).not.toBeNull();
			const refresh = await client().auth.refreshSession({
				refresh_token: session.refresh_token
			});
			expect(refresh.error?.message).toMatch(/Invalid Refresh Token/);
		}
		// The old password no longer signs in; the new one does, and its session works.
		expect((await client().auth.signInWithPassword({ email, password })).error?.status).toBe(400);
		const again = await client().auth.signInWithPassword({ email, password: next });
		expect(again.error).toBeNull();
		expect((await client().auth.getUser(again.data.session!.access_token)).data.user?.email).toBe(
			email
		);
		// And the API refuses an old token at once.
		const rpc = await fetch(`${server.url}/rest/v1/rpc/list_agencies`, {
			method: 'POST',
			headers: {
				apikey: keys.anonKey,
				authorization: `Bearer ${elsewhere.access_token}`,
				'content-type': 'application/json'
			},
			body: '{}'
		});
		expect(rpc.status).toBe(401);
	});

	test('`ita user add` and `user list` on Supabase use the Auth admin API with the service key', async () => {
		const ita = (env: Record<string, string>, ...args: string[]) =>
			runIta(args, { PUBLIC_SUPABASE_URL: server.url, ...env });
		const withKey = { SUPABASE_SERVICE_ROLE_KEY: keys.serviceKey, ITA_PASSWORD: password };
		const noKey = await ita({ ITA_PASSWORD: password }, 'user', 'list');
		expect(noKey.code).toBe(1);
		expect(noKey.stderr).toMatch(/Set SUPABASE_SERVICE_ROLE_KEY/);

		const added = await ita(
			withKey,
			'user',
			'add',
			'--email',
			'Prasert@BangRak.go.th',
			'--role',
			'officer',
			'--agency',
			'bang-rak'
		);
		expect(added.stdout).toMatch(/prasert@bangrak\.go\.th created: officer of bang-rak/);
		const unknown = await ita(
			withKey,
			'user',
			'add',
			'--email',
			'x@nowhere.go.th',
			'--role',
			'officer',
			'--agency',
			'nowhere'
		);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(/No agency has the code nowhere/);

		const listed = await ita(withKey, 'user', 'list');
		expect(listed.stdout).toMatch(/^prasert@bangrak\.go\.th\tofficer\tbang-rak\t/m);

		const { data } = await client().auth.signInWithPassword({
			email: 'prasert@bangrak.go.th',
			password
		});
		expect(decodeJwt(data.session!.access_token).app_metadata).toMatchObject({
			ita_role: 'officer',
			agency_id: agencies['bang-rak']
		});
	});
});

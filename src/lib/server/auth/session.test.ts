import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { signToken } from '../embedded/keys.ts';
import {
	issueRefresh,
	issueSession,
	readRefresh,
	readSession,
	sessionCookieOptions,
	SESSION_TTL_SECONDS
} from './session.ts';

const secret = randomBytes(32);
const officer = {
	id: randomUUID(),
	email: 'somchai@bangrak.go.th',
	role: 'officer' as const,
	agencyId: randomUUID()
};
const signedInAt = new Date('2026-11-23T01:30:00Z'); // 08:30 in Bangkok
const later = (seconds: number) => new Date(signedInAt.getTime() + seconds * 1000);

/** The token with its payload replaced, the signature left as it was. */
function tampered(token: string, change: (claims: Record<string, unknown>) => void): string {
	const [header, payload, signature] = token.split('.');
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
		string,
		unknown
	>;
	change(claims);
	return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('sessions', () => {
	test('a session carries the claims the database reads, as Supabase Auth would send them', async () => {
		const token = await issueSession(secret, officer, undefined, signedInAt);
		const claims = await readSession(secret, token, later(60));
		expect(claims).toMatchObject({
			role: 'authenticated',
			sub: officer.id,
			email: officer.email,
			app_metadata: { ita_role: 'officer', agency_id: officer.agencyId },
			exp: signedInAt.getTime() / 1000 + SESSION_TTL_SECONDS
		});

		const central = await issueSession(
			secret,
			{ id: randomUUID(), email: 'admin@bma.go.th', role: 'central', agencyId: null },
			undefined,
			signedInAt
		);
		expect((await readSession(secret, central, later(60)))?.app_metadata).toEqual({
			ita_role: 'central'
		});
	});

	test('a session lasts a working day, then it is refused', async () => {
		const token = await issueSession(secret, officer, undefined, signedInAt);
		expect(await readSession(secret, token, later(8 * 3600 - 60))).not.toBeNull();
		expect(await readSession(secret, token, later(8 * 3600 + 1))).toBeNull();
		const short = await issueSession(secret, officer, 60, signedInAt);
		expect(await readSession(secret, short, later(61))).toBeNull();
	});

	test('a forged session is refused', async () => {
		const token = await issueSession(secret, officer, undefined, signedInAt);
		const at = later(60);
		// Signed with another secret (another server's data folder).
		expect(await readSession(randomBytes(32), token, at)).toBeNull();
		// Another agency written into a genuine token.
		const otherAgency = tampered(token, (c) => {
			(c.app_metadata as Record<string, unknown>).agency_id = randomUUID();
		});
		expect(await readSession(secret, otherAgency, at)).toBeNull();
		// Promoted to central administrator, or given more time.
		expect(
			await readSession(
				secret,
				tampered(token, (c) => (c.app_metadata = { ita_role: 'central' })),
				at
			)
		).toBeNull();
		expect(
			await readSession(
				secret,
				tampered(token, (c) => (c.exp = (c.exp as number) + 86_400)),
				at
			)
		).toBeNull();
		// No signature at all.
		const unsigned = new UnsecuredJWT({
			role: 'authenticated',
			app_metadata: { ita_role: 'central' }
		})
			.setSubject(officer.id)
			.setIssuer('ita-collect')
			.setAudience('authenticated')
			.setIssuedAt()
			.setExpirationTime('1h')
			.encode();
		expect(await readSession(secret, unsigned)).toBeNull();
		for (const junk of ['', 'not-a-token', 'a.b.c', null, undefined]) {
			expect(await readSession(secret, junk)).toBeNull();
		}
	});

	test("the server's anon and service keys, signed with the same secret, are nobody's session", async () => {
		expect(await readSession(secret, await signToken(secret, { role: 'anon' }, '10y'))).toBeNull();
		expect(
			await readSession(secret, await signToken(secret, { role: 'service_role' }, '10y'))
		).toBeNull();
		// Well signed, but an officer with no agency would see nothing sensible: refused.
		const noAgency = await new SignJWT({
			role: 'authenticated',
			email: 'x@y.th',
			app_metadata: { ita_role: 'officer' }
		})
			.setProtectedHeader({ alg: 'HS256' })
			.setSubject(randomUUID())
			.setIssuer('ita-collect')
			.setAudience('authenticated')
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(secret);
		expect(await readSession(secret, noAgency)).toBeNull();
	});

	test('the cookie is out of scripts’ reach, same-site, and HTTPS-only when served over HTTPS', () => {
		expect(sessionCookieOptions(new URL('https://ita.bangrak.go.th/admin'))).toEqual({
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			path: '/',
			maxAge: SESSION_TTL_SECONDS
		});
		expect(sessionCookieOptions(new URL('http://192.168.1.20:3000/admin')).secure).toBe(false);
	});
});

describe('refresh tokens', () => {
	test('say whose session it is and until when; expired, forged or a session token are none', async () => {
		const now = new Date('2026-11-22T02:00:00Z');
		const endsAt = Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS;
		const token = await issueRefresh(secret, officer.id, endsAt);
		expect(await readRefresh(secret, token, now)).toEqual({
			sub: officer.id,
			endsAt,
			sessionEpoch: 0
		});
		expect(await readRefresh(secret, token, new Date((endsAt + 1) * 1000))).toBeNull();
		expect(await readRefresh(randomBytes(32), token, now)).toBeNull();
		// An access token is no refresh token, nor the other way round.
		expect(await readRefresh(secret, await issueSession(secret, officer), now)).toBeNull();
		expect(await readSession(secret, token, now)).toBeNull();
		expect(await readRefresh(secret, null, now)).toBeNull();
	});
});

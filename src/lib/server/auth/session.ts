/**
 * Sessions of the embedded deployment: a JWT signed (HS256) with the data folder's
 * secret, carrying the claims a Supabase Auth token carries — `role: 'authenticated'`,
 * `sub`, `email`, `app_metadata: {ita_role, agency_id}` — so that the database's
 * policies read a signed-in officer the same way in both deployments, and the gateway,
 * which verifies with the same secret, accepts it as the caller's token.
 *
 * Kept in an HttpOnly cookie: page scripts never see it. Stateless: signing out is
 * deleting the cookie; a token stays valid until it expires (8 hours), so a hook that
 * must cut off a deleted account checks it with findAccount() — and compares the token's
 * `session_epoch` with the account's, which a new password moves on (sessionCurrent()).
 */
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Account } from './accounts.ts';

export const SESSION_COOKIE = 'ita_session';
/** The refresh token's cookie: a fresh access token while the working day lasts. */
export const REFRESH_COOKIE = 'ita_refresh';
/** One working day. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
/**
 * An access token's life, as Supabase Auth's: one hour. Each refresh looks the account
 * up again, so a removed or paused account's session ends within the hour even where
 * nothing else checks (the database checks on every call: caller_account_ok).
 */
export const ACCESS_TTL_SECONDS = 60 * 60;

const refreshIssuer = 'ita-collect-refresh';

const issuer = 'ita-collect';
// Supabase Auth's audience: tokens meant for signed-in users.
const audience = 'authenticated';

const uuid = z.uuid();

const SessionClaimsSchema = z.object({
	role: z.literal('authenticated'),
	aud: z.literal(audience),
	// Ours, or a Supabase project's (https://<ref>.supabase.co/auth/v1); readSession checks ours.
	iss: z.string(),
	sub: uuid,
	email: z.string(),
	iat: z.number(),
	exp: z.number(),
	/**
	 * The account's session epoch when the token was issued (embedded tokens only): a new
	 * password moves the account's on, which ends every session issued before it.
	 */
	session_epoch: z.number().int().nonnegative().optional(),
	app_metadata: z.union([
		z.object({ ita_role: z.literal('officer'), agency_id: uuid }),
		z.object({ ita_role: z.literal('central') })
	])
});

/** What a session token says; assignable to the RPC layer's `Claims`. */
export type SessionClaims = z.infer<typeof SessionClaimsSchema>;

/**
 * The claims of an access token whose signature someone else has checked (Supabase Auth,
 * asked with `auth.getUser()`), in the session's shape; null when they are not an ITA
 * officer's or administrator's (no `app_metadata.ita_role`, say).
 */
export function sessionClaims(payload: unknown): SessionClaims | null {
	const claims = SessionClaimsSchema.safeParse(payload);
	return claims.success ? claims.data : null;
}

/** A session token for the account, valid for `ttlSeconds` from `now`. */
export function issueSession(
	secret: Uint8Array,
	account: Pick<Account, 'id' | 'email' | 'role' | 'agencyId' | 'sessionEpoch'>,
	ttlSeconds: number = SESSION_TTL_SECONDS,
	now: Date = new Date()
): Promise<string> {
	if (account.role === 'officer' && !account.agencyId) {
		throw new Error(`officer ${account.email} has no agency: no session`);
	}
	const iat = Math.floor(now.getTime() / 1000);
	return new SignJWT({
		role: 'authenticated',
		email: account.email,
		session_epoch: account.sessionEpoch ?? 0,
		app_metadata:
			account.role === 'officer'
				? { ita_role: 'officer', agency_id: account.agencyId }
				: { ita_role: 'central' }
	})
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setSubject(account.id)
		.setIssuer(issuer)
		.setAudience(audience)
		.setIssuedAt(iat)
		.setExpirationTime(iat + ttlSeconds)
		.sign(secret);
}

/**
 * The claims of a valid session token at `now`, or null: missing, malformed, forged
 * (another secret, another algorithm, a changed payload), expired, or not a session
 * (an anon or service key is signed with the same secret but is nobody's session).
 */
export async function readSession(
	secret: Uint8Array,
	token: string | null | undefined,
	now: Date = new Date()
): Promise<SessionClaims | null> {
	if (!token) return null;
	try {
		const { payload } = await jwtVerify(token, secret, {
			algorithms: ['HS256'],
			issuer,
			audience,
			currentDate: now,
			requiredClaims: ['sub', 'iat', 'exp']
		});
		const claims = SessionClaimsSchema.safeParse(payload);
		return claims.success ? claims.data : null;
	} catch {
		return null;
	}
}

/**
 * Options of the session cookie (SvelteKit's `cookies.set(SESSION_COOKIE, token, …)`):
 * out of scripts' reach, not sent on cross-site posts, HTTPS-only when served over
 * HTTPS (the app also forces it when ITA_PUBLIC_URL is https: see origin.ts), for the whole site, and
 * gone when the token expires.
 */
export function sessionCookieOptions(url: URL, maxAge: number = SESSION_TTL_SECONDS) {
	return {
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		path: '/',
		maxAge
	} as const;
}

/**
 * A refresh token for the account, valid until `endsAt` (seconds): the end of the working
 * day the session started. Signed (not a row), so it cannot be revoked — which is why a
 * refresh looks the account up before it issues anything, and refuses a token from an
 * older session epoch (issued before the password last changed).
 */
export function issueRefresh(
	secret: Uint8Array,
	accountId: string,
	endsAt: number,
	sessionEpoch = 0
): Promise<string> {
	return new SignJWT({ typ: 'refresh', jti: randomUUID(), session_epoch: sessionEpoch })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setSubject(accountId)
		.setIssuer(refreshIssuer)
		.setIssuedAt()
		.setExpirationTime(endsAt)
		.sign(secret);
}

/** The account, end and session epoch of a valid refresh token, or null. */
export async function readRefresh(
	secret: Uint8Array,
	token: string | null | undefined,
	now: Date = new Date()
): Promise<{ sub: string; endsAt: number; sessionEpoch: number } | null> {
	if (!token) return null;
	try {
		const { payload } = await jwtVerify(token, secret, {
			algorithms: ['HS256'],
			issuer: refreshIssuer,
			currentDate: now,
			requiredClaims: ['sub', 'exp']
		});
		if (payload.typ !== 'refresh' || !uuid.safeParse(payload.sub).success) return null;
		const epoch = payload.session_epoch ?? 0;
		if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0) return null;
		return { sub: payload.sub!, endsAt: payload.exp!, sessionEpoch: epoch };
	} catch {
		return null;
	}
}

/**
 * Whether a token issued at `tokenEpoch` still belongs to a live session of the account:
 * a new password moves the account's epoch on and ends every older session.
 */
export function sessionCurrent(
	tokenEpoch: number | undefined,
	account: Pick<Account, 'sessionEpoch'>
): boolean {
	return (tokenEpoch ?? 0) === (account.sessionEpoch ?? 0);
}

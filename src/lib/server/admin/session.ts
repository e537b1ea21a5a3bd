/**
 * Who is signed in to the officers' screens.
 *
 * Two deployments, one shape: whatever signs people in, the screens and the database
 * see JWT claims like Supabase Auth's (`role: 'authenticated'`, `sub`, `email`,
 * `app_metadata: {ita_role, agency_id}`), and every call to the database is made with
 * them (./api.ts), so that the functions' own checks and row level security decide.
 *
 * - Embedded (the default): local accounts; the session is a JWT signed with the data
 *   folder's secret, in an HttpOnly cookie (src/lib/server/auth/session.ts).
 * - Supabase: Supabase Auth signs people in; its session lives in @supabase/ssr's
 *   cookies and is checked with Supabase Auth on every request (./supabase-auth.ts).
 */
import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { findAccount, type Account } from '../auth/accounts.ts';
import {
	ACCESS_TTL_SECONDS,
	issueRefresh,
	issueSession,
	readRefresh,
	readSession,
	REFRESH_COOKIE,
	sessionCurrent,
	SESSION_COOKIE,
	SESSION_TTL_SECONDS,
	sessionCookieOptions,
	type SessionClaims
} from '../auth/session.ts';
import { usesSupabase } from '../config.ts';
import { secureCookies } from '../origin.ts';
import { startEmbedded } from '../embedded/index.ts';
import {
	dropSupabaseCookies,
	hasSupabaseCookie,
	supabaseSignOut,
	supabaseUser
} from './supabase-auth.ts';

/** The session cookies' options, `Secure` whenever the public address is https (origin.ts). */
function cookieOptions(url: URL, maxAge: number) {
	return { ...sessionCookieOptions(url, maxAge), secure: secureCookies(url) };
}

export type { SessionClaims };

/** Where a signed-out officer is sent; `session=expired` makes it say why. */
export const LOGIN_PATH = '/admin/login';

type SessionEvent = Pick<RequestEvent, 'cookies' | 'url'>;

/**
 * The signed-in user's claims, or null. Read once per request by the server hook into
 * `event.locals.user`. Embedded, as Supabase Auth does it: a short-lived access token
 * (one hour), checked by signature, expiry and shape — cheap enough for every request —
 * and, once it has expired, a fresh one from the refresh token (until the working day's
 * end) if the account still exists and is not paused. Supabase: asks Supabase Auth
 * (`getUser()`), refreshing the session when its access token has expired.
 */
export async function currentUser(event: SessionEvent): Promise<SessionClaims | null> {
	if (usesSupabase()) return supabaseUser(event);
	const token = event.cookies.get(SESSION_COOKIE);
	const refresh = event.cookies.get(REFRESH_COOKIE);
	if (!token && !refresh) return null;
	const { keys, db } = await startEmbedded(env.ITA_DATA_DIR);
	const claims = await readSession(keys.secret, token);
	if (claims) return claims;
	const session = await readRefresh(keys.secret, refresh);
	if (!session) return null;
	const account = await findAccount(db, session.sub);
	// Gone, or the password changed since this session began.
	if (!account || !sessionCurrent(session.sessionEpoch, account)) return null;
	const ttl = Math.min(ACCESS_TTL_SECONDS, session.endsAt - Math.floor(Date.now() / 1000));
	if (ttl < 1) return null;
	const fresh = await issueSession(keys.secret, account, ttl);
	event.cookies.set(SESSION_COOKIE, fresh, cookieOptions(event.url, ttl));
	return readSession(keys.secret, fresh);
}

/** Whether this deployment has a sign-in for officers (both have, now). */
export function signInAvailable(): boolean {
	return true;
}

/** Where to come back to after signing in: only a page of the officers' screens. */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/admin') || next.startsWith('//') || next.includes('\\')) {
		return '/admin';
	}
	if (next.startsWith(LOGIN_PATH) || next.startsWith('/admin/logout')) return '/admin';
	return next;
}

function loginUrl(event: RequestEvent, expired: boolean): string {
	const params = new URLSearchParams();
	if (expired) params.set('session', 'expired');
	// After a form post the page is worth coming back to, not the action's address.
	const back =
		event.request.method === 'GET' ? event.url.pathname + event.url.search : event.url.pathname;
	if (back !== '/admin') params.set('next', back);
	const query = params.toString();
	return query ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}

/**
 * The signed-in user, or a redirect to the sign-in screen. A cookie that no longer holds
 * a valid session (expired, forged, or its account deleted or changed since) is removed
 * and the screen says the session has expired. Every admin load and action calls this
 * itself: a layout's check does not guard form actions.
 */
export async function requireUser(event: RequestEvent): Promise<SessionClaims> {
	const claims = event.locals.user;
	const hadCookie = usesSupabase()
		? hasSupabaseCookie(event.cookies)
		: event.cookies.get(SESSION_COOKIE) !== undefined ||
			event.cookies.get(REFRESH_COOKIE) !== undefined;
	if (claims && (await stillValid(claims))) return claims;
	if (hadCookie) endSession(event.cookies);
	redirect(303, loginUrl(event, hadCookie));
}

/**
 * The account behind a session still exists, with the same role and agency, and its
 * password has not changed since the session began.
 */
async function stillValid(claims: SessionClaims): Promise<boolean> {
	// Supabase Auth has just said so (currentUser asks it on every request).
	if (usesSupabase()) return true;
	const { db } = await startEmbedded(env.ITA_DATA_DIR);
	const account = await findAccount(db, claims.sub);
	if (!account || !sessionCurrent(claims.session_epoch, account)) return false;
	const agency = claims.app_metadata.ita_role === 'officer' ? claims.app_metadata.agency_id : null;
	return account.role === claims.app_metadata.ita_role && account.agencyId === agency;
}

/**
 * Signs the account in: an access token for an hour and a refresh token for the working
 * day, each in an HttpOnly cookie (also after a password change: the session before it
 * has ended, this device gets a new one). Returns the new session's claims.
 */
export async function startSession(
	event: SessionEvent,
	account: Account
): Promise<SessionClaims | null> {
	const { keys } = await startEmbedded(env.ITA_DATA_DIR);
	const endsAt = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
	const token = await issueSession(keys.secret, account, ACCESS_TTL_SECONDS);
	event.cookies.set(SESSION_COOKIE, token, cookieOptions(event.url, ACCESS_TTL_SECONDS));
	event.cookies.set(
		REFRESH_COOKIE,
		await issueRefresh(keys.secret, account.id, endsAt, account.sessionEpoch ?? 0),
		cookieOptions(event.url, SESSION_TTL_SECONDS)
	);
	return readSession(keys.secret, token);
}

/** Forgets the session here: the cookie goes (the token itself stays valid until it expires, unused). */
export function endSession(cookies: Cookies): void {
	if (usesSupabase()) dropSupabaseCookies(cookies);
	else {
		cookies.delete(SESSION_COOKIE, { path: '/' });
		cookies.delete(REFRESH_COOKIE, { path: '/' });
	}
}

/** Signs out: on Supabase, Supabase Auth ends this device's session too. */
export async function signOut(event: SessionEvent): Promise<void> {
	if (usesSupabase()) await supabaseSignOut(event);
	else endSession(event.cookies);
}

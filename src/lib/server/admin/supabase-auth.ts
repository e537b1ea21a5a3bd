/**
 * The officers' screens on a Supabase project: Supabase Auth signs people in, and every
 * database call goes to the project's PostgREST with the signed-in user's access token.
 *
 * One supabase-js client per request (@supabase/ssr's `createServerClient`), its session
 * kept in cookies that only this server reads (HttpOnly: no browser code needs them, the
 * forms are plain posts). Each request asks Supabase Auth whether the session is still
 * good (`auth.getUser()`, which refreshes an expired access token first): a cookie's word
 * alone is never trusted.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { createServerClient, type CookieOptions } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { env } from '$env/dynamic/public';
import { sessionClaims, type SessionClaims } from '../auth/session.ts';
import { NoRealtime } from '../no-realtime.ts';
import { secureCookies } from '../origin.ts';
import { errorText } from '../../i18n/errors.ts';

type SessionEvent = Pick<RequestEvent, 'cookies' | 'url'>;

/**
 * The client of this request: keyed by the claims object made for this request only,
 * so that ./api.ts finds the user's token from the same `user` every screen passes,
 * and it is gone with the request (a WeakMap holds nothing alive).
 */
const clients = new WeakMap<SessionClaims, SupabaseClient>();

/** Supabase's session cookies: `sb-<project>-auth-token`, possibly in chunks (`.0`, `.1`). */
const sessionCookie = /^sb-.+-auth-token(\.\d+)?$/;

export function hasSupabaseCookie(cookies: Cookies): boolean {
	return cookies.getAll().some((c) => sessionCookie.test(c.name));
}

/** Forgets the session here (the cookies go), whatever Supabase Auth still holds. */
export function dropSupabaseCookies(cookies: Cookies): void {
	for (const c of cookies.getAll()) {
		if (sessionCookie.test(c.name)) cookies.delete(c.name, { path: '/' });
	}
}

/**
 * A fetch that notes the `Retry-After` of Supabase Auth's 429 answers: supabase-js keeps
 * only the status, and a paused sign-in should say when to try again.
 */
function watchedFetch(): { fetch: typeof fetch; retryAfter: () => number | null } {
	let seconds: number | null = null;
	return {
		fetch: async (input, init) => {
			const response = await fetch(input, init);
			const header = response.headers.get('retry-after');
			if (response.status === 429 && header && /^\d+$/.test(header)) seconds = Number(header);
			return response;
		},
		retryAfter: () => seconds
	};
}

/**
 * Supabase Auth's rate limits count sign-ins over windows of 5 minutes: the wait to
 * announce when its 429 says nothing more.
 */
const DEFAULT_PAUSE_MINUTES = 5;

function pauseMinutes(retryAfterSeconds: number | null): number {
	return retryAfterSeconds ? Math.max(1, Math.ceil(retryAfterSeconds / 60)) : DEFAULT_PAUSE_MINUTES;
}

/** A supabase-js client for this request, its session in the request's cookies. */
export function requestClient(event: SessionEvent, customFetch?: typeof fetch): SupabaseClient {
	const secure = secureCookies(event.url);
	const client = createServerClient(env.PUBLIC_SUPABASE_URL!, env.PUBLIC_SUPABASE_ANON_KEY!, {
		...(customFetch ? { global: { fetch: customFetch } } : {}),
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (list: { name: string; value: string; options: CookieOptions }[]) => {
				for (const { name, value, options } of list) {
					event.cookies.set(name, value, { ...options, path: '/' });
				}
			}
		},
		cookieOptions: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
		realtime: { transport: NoRealtime as never }
	});
	return client;
}

/**
 * The signed-in user's claims, validated by Supabase Auth, or null (no session, expired
 * beyond refreshing, account removed, or not an ITA officer or administrator).
 */
export async function supabaseUser(event: SessionEvent): Promise<SessionClaims | null> {
	if (!hasSupabaseCookie(event.cookies)) return null;
	const supabase = requestClient(event);
	const { data, error } = await supabase.auth.getUser();
	if (error || !data.user) return null;
	// getUser() has refreshed the session when it had to; this is its current token.
	const { data: current } = await supabase.auth.getSession();
	const token = current.session?.access_token;
	if (!token) return null;
	const claims = sessionClaims(decodeJwt(token));
	if (!claims || claims.sub !== data.user.id) return null;
	clients.set(claims, supabase);
	return claims;
}

/**
 * Why signing in failed: wrong credentials (one message for all), signing in paused for
 * `minutes` (Supabase Auth's 429), or no ITA role.
 */
export type SignInRefusal =
	{ reason: 'credentials' } | { reason: 'paused'; minutes: number } | { reason: 'no_role' };

/**
 * Signs in with Supabase Auth; the session goes into this request's cookies. A user
 * whose token carries no `app_metadata.ita_role` is signed out again: they can open
 * none of these screens.
 */
export async function supabaseSignIn(
	event: SessionEvent,
	email: string,
	password: string
): Promise<SignInRefusal | null> {
	const watch = watchedFetch();
	const supabase = requestClient(event, watch.fetch);
	const { data, error } = await supabase.auth.signInWithPassword({ email, password });
	if (error) {
		if (error.status === 429)
			return { reason: 'paused', minutes: pauseMinutes(watch.retryAfter()) };
		// 4xx: wrong email or password, unconfirmed — the same message to all.
		if (error.status && error.status >= 400 && error.status < 500) return { reason: 'credentials' };
		throw error;
	}
	if (!sessionClaims(decodeJwt(data.session.access_token))) {
		await supabase.auth.signOut({ scope: 'local' });
		dropSupabaseCookies(event.cookies);
		return { reason: 'no_role' };
	}
	return null;
}

/**
 * Whether `current` is the user's password on Supabase Auth, checked by signing in with
 * it on a client of its own, whose session is signed out at once (GoTrue asks for the
 * current password itself only when "secure password change" is configured). A wrong one
 * counts with GoTrue's sign-in limits; past them the answer is a pause.
 */
export async function supabaseCheckPassword(
	email: string,
	current: string
): Promise<'right' | 'wrong' | { reason: 'paused'; minutes: number }> {
	const watch = watchedFetch();
	const probe = createClient(env.PUBLIC_SUPABASE_URL!, env.PUBLIC_SUPABASE_ANON_KEY!, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { fetch: watch.fetch },
		realtime: { transport: NoRealtime as never }
	});
	const { error } = await probe.auth.signInWithPassword({ email, password: current });
	if (!error) {
		await probe.auth.signOut({ scope: 'local' });
		return 'right';
	}
	if (error.status === 429) return { reason: 'paused', minutes: pauseMinutes(watch.retryAfter()) };
	if (error.status && error.status >= 400 && error.status < 500) return 'wrong';
	throw error;
}

/**
 * Gives the signed-in user a new password: `auth.updateUser({password})` (`PUT
 * /auth/v1/user`), after which Supabase Auth has signed the user's other sessions out.
 * This device then signs in again with the new password, so that it holds a session
 * begun after the change. Null when done; GoTrue's `same_password` or `weak_password`
 * otherwise.
 */
export async function supabaseSetPassword(
	event: SessionEvent,
	email: string,
	next: string
): Promise<{ reason: 'same' } | { reason: 'weak'; message: string } | null> {
	const supabase = requestClient(event);
	const updated = await supabase.auth.updateUser({ password: next });
	if (updated.error) {
		if (updated.error.code === 'same_password') return { reason: 'same' };
		if (updated.error.status === 422) return { reason: 'weak', message: updated.error.message };
		throw updated.error;
	}
	await supabase.auth.signOut({ scope: 'local' });
	dropSupabaseCookies(event.cookies);
	const again = await requestClient(event).auth.signInWithPassword({ email, password: next });
	if (again.error) throw again.error;
	return null;
}

/** Signs out of Supabase Auth (this device's session) and drops the cookies. */
export async function supabaseSignOut(event: SessionEvent): Promise<void> {
	if (hasSupabaseCookie(event.cookies)) {
		await requestClient(event).auth.signOut({ scope: 'local' });
	}
	dropSupabaseCookies(event.cookies);
}

/** A database refusal from PostgREST, shaped as the embedded engines' errors are. */
export class PostgrestRefusal extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly hint: string | null,
		readonly status: number,
		/** The refusal's parameters (PostgREST's `details`: the SQL error's DETAIL). */
		readonly detail: string | null = null
	) {
		super(message);
		this.name = 'PostgrestRefusal';
	}
}

/**
 * Calls `public.<fn>` through the project's PostgREST with the user's token: one call,
 * one transaction. A refusal throws PostgrestRefusal (SQLSTATE, message, hint), which
 * the forms show exactly as they show the embedded database's.
 */
export async function supabaseRpc<T>(
	user: SessionClaims,
	fn: string,
	args: Record<string, unknown>
): Promise<T> {
	const client = clients.get(user);
	if (!client) throw new Error('No Supabase session for this request: call requireUser() first.');
	const response = await client.rpc(fn, args);
	const { error } = response;
	if (error) {
		throw new PostgrestRefusal(
			error.code,
			error.message,
			error.hint || null,
			response.status,
			error.details || null
		);
	}
	return response.data as T;
}

/** What the sign-in screen says when Supabase Auth refuses: the same words for every reason. */
export function signInRefusalText(refusal: SignInRefusal) {
	if (refusal.reason === 'no_role') {
		return {
			th: 'บัญชีนี้ยังไม่มีสิทธิ์ในระบบ ITA Collect',
			en: 'This account has no role in ITA Collect',
			hint: {
				th: 'ผู้ดูแลระบบต้องกำหนด app_metadata.ita_role (officer หรือ central) และ agency_id ของบัญชีใน Supabase Auth ก่อน',
				en: 'An administrator must first set the account’s app_metadata.ita_role (officer or central) and agency_id in Supabase Auth.'
			}
		};
	}
	if (refusal.reason === 'paused') {
		return {
			th: errorText('th', 'sign_in_paused', { minutes: refusal.minutes }),
			en: errorText('en', 'sign_in_paused', { minutes: refusal.minutes }),
			hint: pausedHint
		};
	}
	return {
		th: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง',
		en: 'Wrong email or password',
		hint: {
			th: 'ตรวจสอบอีเมลและรหัสผ่าน หากใส่ผิดหลายครั้ง ระบบจะระงับการเข้าสู่ระบบชั่วคราว โปรดลองใหม่ภายหลัง',
			en: 'Check the email and the password. After repeated failures, signing in is paused for a while: try again later.'
		}
	};
}

/** Under a pause: what it protects, and that the right password will work again after it. */
export const pausedHint = {
	th: 'ระบบระงับไว้เพื่อป้องกันการเดารหัสผ่าน เมื่อพ้นเวลาดังกล่าวแล้วจึงเข้าสู่ระบบด้วยรหัสผ่านที่ถูกต้องได้ตามปกติ',
	en: 'This protects the account from password guessing. After that time, the right password works again.'
};

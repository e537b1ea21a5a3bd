/**
 * The part of Supabase Auth's HTTP API (GoTrue, `/auth/v1/…`) that supabase-js and
 * @supabase/ssr use for email-and-password sign-in, answered by the embedded server from
 * its local accounts and JWT secret:
 *
 * - `POST /token?grant_type=password` `{email, password}` → a session
 * - `POST /token?grant_type=refresh_token` `{refresh_token}` → a fresh session
 * - `GET /user` (the access token as Bearer) → the user, when the account still exists
 * - `PUT /user` `{password}` (the access token as Bearer) → a new password; the account's
 *   sessions end, as GoTrue signs out the user's other sessions (here the caller's too:
 *   it signs in again with the new password, as the officers' screens do)
 * - `POST /logout` → 204
 * - `GET|POST /admin/users` (the service key as Bearer) → list or create accounts
 *
 * Why: so that one embedded server can stand in for "the Supabase project" — an app
 * started with PUBLIC_SUPABASE_URL pointing at it runs its Supabase code path for real
 * (tests/e2e/supabase-auth.test.ts), with no GoTrue binary. The tokens are what Supabase
 * Auth issues: `role: 'authenticated'`, `sub`, `email`, `app_metadata.{ita_role,
 * agency_id}`, signed with the same secret the gateway verifies, so `/rest/v1/rpc` and
 * the database's policies read them as they read Supabase's.
 *
 * Differences from GoTrue, on purpose: refresh tokens are signed JWTs (not rows), valid
 * until the end of the working day the session started (8 hours, as embedded sessions);
 * so `/logout` cannot revoke one — the app forgets it, and a deleted account's refresh is
 * refused because the account is looked up on every refresh and every `/user`; so is a
 * session from before the password last changed (its `session_epoch` is older).
 */
import type { Sql } from '../db/client.ts';
import { verifyToken } from '../embedded/keys.ts';
import {
	AccountError,
	createAccount,
	findAccount,
	isCurrentPassword,
	listAccounts,
	LoginError,
	resetPassword,
	ThrottledError,
	verifyLogin,
	type Account
} from './accounts.ts';
import {
	ACCESS_TTL_SECONDS,
	issueRefresh,
	issueSession,
	readRefresh,
	readSession,
	sessionCurrent,
	SESSION_TTL_SECONDS
} from './session.ts';

export interface AuthApiOptions {
	db: Sql;
	secret: Uint8Array;
	/** Access tokens' lifetime; a session is refreshed within its refresh token's life. */
	accessTtlSeconds?: number;
	/** The caller's real address (see client-address.ts), for the sign-in throttles. */
	clientAddress?: string;
}

/** One hour, as Supabase Auth's default. */
export { ACCESS_TTL_SECONDS };

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			// Tells supabase-js to read `code` as the error code (API version 2024-01-01).
			'x-supabase-api-version': '2024-01-01'
		}
	});
}

/** GoTrue's error shape: `code` (read by supabase-js as `error.code`) and `msg`. */
function fail(status: number, code: string, msg: string): Response {
	return json(status, { code, error_code: code, msg });
}

/** The user object GoTrue answers with. */
function userJson(account: Account, createdAt?: Date | null, lastSignIn?: Date | null) {
	const created = (createdAt ?? new Date(0)).toISOString();
	return {
		id: account.id,
		aud: 'authenticated',
		role: 'authenticated',
		email: account.email,
		email_confirmed_at: created,
		app_metadata: {
			provider: 'email',
			providers: ['email'],
			ita_role: account.role,
			...(account.role === 'officer' ? { agency_id: account.agencyId } : {})
		},
		user_metadata: {},
		identities: [],
		created_at: created,
		updated_at: created,
		last_sign_in_at: lastSignIn?.toISOString() ?? null,
		is_anonymous: false
	};
}

async function sessionJson(
	options: AuthApiOptions,
	account: Account,
	endsAt: number,
	now = new Date()
) {
	const seconds = Math.floor(now.getTime() / 1000);
	// Never past the session's end: an access token outliving its refresh token would
	// keep a session alive longer than a working day.
	const ttl = Math.max(
		1,
		Math.min(options.accessTtlSeconds ?? ACCESS_TTL_SECONDS, endsAt - seconds)
	);
	return {
		access_token: await issueSession(options.secret, account, ttl, now),
		token_type: 'bearer',
		expires_in: ttl,
		expires_at: seconds + ttl,
		refresh_token: await issueRefresh(
			options.secret,
			account.id,
			endsAt,
			account.sessionEpoch ?? 0
		),
		user: userJson(account, null, now)
	};
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
	try {
		const body = (await request.json()) as unknown;
		return body && typeof body === 'object' && !Array.isArray(body)
			? (body as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The API key (anon or service key) must be one of this server's. */
async function keyRole(request: Request, secret: Uint8Array): Promise<string | null> {
	const apikey = request.headers.get('apikey');
	if (!apikey) return null;
	try {
		const { role } = await verifyToken(secret, apikey);
		return typeof role === 'string' ? role : null;
	} catch {
		return null;
	}
}

function bearer(request: Request): string | null {
	return /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
}

async function passwordGrant(request: Request, options: AuthApiOptions): Promise<Response> {
	const body = await readBody(request);
	try {
		const account = await verifyLogin(
			options.db,
			str(body.email),
			str(body.password),
			new Date(),
			options.clientAddress ? { address: options.clientAddress, secret: options.secret } : undefined
		);
		const endsAt = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
		return json(200, await sessionJson(options, account, endsAt));
	} catch (error) {
		if (error instanceof ThrottledError) {
			// GoTrue's answer to too many requests from one address.
			const response = fail(429, 'over_request_rate_limit', error.message);
			response.headers.set('retry-after', String(error.retryAfterSeconds));
			return response;
		}
		if (!(error instanceof LoginError)) throw error;
		// GoTrue's words for every reason alike.
		return fail(400, 'invalid_credentials', 'Invalid login credentials');
	}
}

async function refreshGrant(request: Request, options: AuthApiOptions): Promise<Response> {
	const token = str((await readBody(request)).refresh_token);
	const refused = fail(
		400,
		'refresh_token_not_found',
		'Invalid Refresh Token: Refresh Token Not Found'
	);
	const refresh = await readRefresh(options.secret, token);
	if (!refresh) return refused;
	const { sub, endsAt } = refresh;
	const account = await findAccount(options.db, sub);
	// Gone, or the password changed since this session began.
	if (!account || !sessionCurrent(refresh.sessionEpoch, account)) return refused;
	return json(200, await sessionJson(options, account, endsAt));
}

/** The account of the request's access token, or GoTrue's refusal. */
async function tokenAccount(
	request: Request,
	options: AuthApiOptions
): Promise<{ account: Account } | { refused: Response }> {
	const claims = await readSession(options.secret, bearer(request));
	if (!claims) {
		return {
			refused: fail(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature, or expired')
		};
	}
	const account = await findAccount(options.db, claims.sub);
	const agency = claims.app_metadata.ita_role === 'officer' ? claims.app_metadata.agency_id : null;
	// A token of an account deleted, or given another role or agency, since.
	if (!account || account.role !== claims.app_metadata.ita_role || account.agencyId !== agency) {
		return { refused: fail(403, 'user_not_found', 'User from sub claim in JWT does not exist') };
	}
	// A session from before the password last changed has ended (GoTrue: its session is gone).
	if (!sessionCurrent(claims.session_epoch, account)) {
		return {
			refused: fail(403, 'session_not_found', 'Session from session_id claim in JWT does not exist')
		};
	}
	return { account };
}

async function currentUser(request: Request, options: AuthApiOptions): Promise<Response> {
	const found = await tokenAccount(request, options);
	if ('refused' in found) return found.refused;
	return json(200, userJson(found.account));
}

/**
 * `PUT /user` `{password}`: the signed-in user's new password, as GoTrue takes it (no
 * reauthentication asked: GoTrue asks for one only when "secure password change" is on;
 * the officers' screens check the current password by signing in first). A password the
 * rules refuse is GoTrue's 422 `weak_password`, the current one again its `same_password`.
 */
async function updateUser(request: Request, options: AuthApiOptions): Promise<Response> {
	const found = await tokenAccount(request, options);
	if ('refused' in found) return found.refused;
	const body = await readBody(request);
	if (typeof body.password !== 'string') return json(200, userJson(found.account));
	try {
		if (await isCurrentPassword(options.db, found.account, body.password)) {
			return fail(422, 'same_password', 'New password should be different from the old password.');
		}
		await resetPassword(options.db, found.account.id, body.password);
	} catch (error) {
		if (!(error instanceof AccountError)) throw error;
		return fail(422, 'weak_password', error.message);
	}
	const account = await findAccount(options.db, found.account.id);
	return account ? json(200, userJson(account)) : fail(404, 'user_not_found', 'User not found');
}

async function adminUsers(request: Request, options: AuthApiOptions): Promise<Response> {
	const token = bearer(request);
	let role: unknown;
	try {
		role = token ? (await verifyToken(options.secret, token)).role : undefined;
	} catch {
		role = undefined;
	}
	if (role !== 'service_role') {
		return fail(403, 'not_admin', 'User not allowed: the service key is required');
	}
	if (request.method === 'GET') {
		const accounts = await listAccounts(options.db);
		return json(200, {
			users: accounts.map((a) => userJson(a, a.createdAt, a.lastLoginAt)),
			aud: 'authenticated'
		});
	}
	if (request.method !== 'POST') return fail(405, 'method_not_allowed', 'Use GET or POST');
	const body = await readBody(request);
	const meta = (body.app_metadata ?? {}) as Record<string, unknown>;
	const agencyId = str(meta.agency_id) || null;
	let agencyCode: string | null = null;
	if (agencyId) {
		const [row] = await options.db.query<{ code: string }>(
			'select code from public.agencies where agency_id::text = $1',
			[agencyId]
		);
		if (!row) return fail(422, 'validation_failed', `No agency has the id ${agencyId}`);
		agencyCode = row.code;
	}
	try {
		const account = await createAccount(options.db, {
			email: str(body.email),
			password: str(body.password),
			role: str(meta.ita_role) as Account['role'],
			agencyCode
		});
		return json(200, userJson(account, new Date()));
	} catch (error) {
		if (!(error instanceof AccountError)) throw error;
		const code = error.code === 'email_taken' ? 'email_exists' : 'validation_failed';
		return fail(error.code === 'email_taken' ? 422 : 400, code, error.message);
	}
}

/** Answers one request to `/auth/v1/<path>`. */
export async function handleAuth(
	request: Request,
	path: string,
	options: AuthApiOptions
): Promise<Response> {
	if (!(await keyRole(request, options.secret))) {
		return fail(401, 'no_authorization', 'No API key found in request, or not this project’s');
	}
	const url = new URL(request.url);
	if (path === 'token' && request.method === 'POST') {
		const grant = url.searchParams.get('grant_type');
		if (grant === 'password') return passwordGrant(request, options);
		if (grant === 'refresh_token') return refreshGrant(request, options);
		return fail(400, 'unsupported_grant_type', 'grant_type is password or refresh_token');
	}
	if (path === 'user' && request.method === 'GET') return currentUser(request, options);
	if (path === 'user' && request.method === 'PUT') return updateUser(request, options);
	if (path === 'logout' && request.method === 'POST') return new Response(null, { status: 204 });
	if (path === 'admin/users') return adminUsers(request, options);
	return fail(404, 'not_found', `This server answers no ${request.method} /auth/v1/${path}`);
}

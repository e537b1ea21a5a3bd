/**
 * The embedded server's answer to `POST /rest/v1/rpc/<function>`: what PostgREST (behind
 * Supabase's API gateway) does, so that supabase-js in the browser cannot tell the two
 * apart. The key and the caller's token are checked, the role is taken from the token,
 * and the function runs as that role with the token's claims in `request.jwt.claims`.
 * Errors come back as PostgREST's JSON (`code`, `message`, `details`, `hint`) with its
 * status codes.
 */
import { errors as joseErrors } from 'jose';
import type { Sql } from './db/client.ts';
import { findFunction, callRpc, type Claims, type ApiRole } from './db/rpc.ts';
import { verifyToken } from './embedded/keys.ts';

export interface GatewayOptions {
	db: Sql;
	secret: Uint8Array;
	/** Origins other than the server's own allowed to call (CORS); none by default. */
	allowedOrigins?: string[];
	/** Largest request body, in bytes. */
	maxBody?: number;
	/** The caller's real address (see client-address.ts); passed to SQL in `request.headers`. */
	clientAddress?: string;
}

/** Never handed to SQL: credentials. */
const secretHeaders = new Set(['authorization', 'apikey', 'cookie']);

/**
 * The request's headers as PostgREST hands them to SQL (`request.headers`), except the
 * credentials, with the address we know to be the caller's as `x-forwarded-for` and
 * `x-real-ip` — whatever the client sent in those.
 */
export function sqlHeaders(request: Request, clientAddress?: string): Record<string, string> {
	const out: Record<string, string> = {};
	request.headers.forEach((value, name) => {
		if (!secretHeaders.has(name.toLowerCase())) out[name.toLowerCase()] = value;
	});
	delete out['x-forwarded-for'];
	delete out['x-real-ip'];
	// SQL reads this one first (hosted Supabase: Cloudflare sets it); here only a client could.
	delete out['cf-connecting-ip'];
	if (clientAddress) {
		out['x-forwarded-for'] = clientAddress;
		out['x-real-ip'] = clientAddress;
	}
	return out;
}

interface PostgrestError {
	code: string;
	message: string;
	details: string | null;
	hint: string | null;
}

const roles: ApiRole[] = ['anon', 'authenticated', 'service_role'];
const defaultMaxBody = 2 * 1024 * 1024;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});
}

function fail(
	status: number,
	code: string,
	message: string,
	hint: string | null = null,
	details: string | null = null
) {
	const body: PostgrestError = { code, message, details, hint };
	return json(status, body);
}

/**
 * PostgREST (v12) lets SQL choose the answer: `raise sqlstate 'PGRST' using message =
 * '{"code", "message", "details", "hint"}', detail = '{"status": 429, "headers": {…}}'`
 * becomes that status, those headers and that body. The same here.
 */
export function sqlChosenError(message?: string, detail?: string): Response {
	let body: Partial<PostgrestError>;
	let status = 500;
	let headers: Record<string, string> = {};
	try {
		body = JSON.parse(message ?? '') as Partial<PostgrestError>;
		const d = JSON.parse(detail ?? '') as { status?: unknown; headers?: unknown };
		if (typeof d.status === 'number' && d.status >= 100 && d.status <= 599) status = d.status;
		if (d.headers && typeof d.headers === 'object') {
			headers = Object.fromEntries(
				Object.entries(d.headers as Record<string, unknown>).map(([k, v]) => [k, String(v)])
			);
		}
	} catch {
		return fail(500, 'PGRST121', "Could not parse JSON in the RAISE SQLSTATE 'PGRST' error");
	}
	const out: PostgrestError = {
		code: body.code ?? 'PGRST',
		message: body.message ?? '',
		details: body.details ?? null,
		hint: body.hint ?? null
	};
	return json(status, out, headers);
}

/**
 * PostgREST's mapping of SQLSTATE to HTTP status (PostgREST/Error.hs, `pgErrorStatus`),
 * case for case, so that a refusal has the same status on both deployments.
 */
export function httpStatus(sqlstate: string, role: ApiRole, message = ''): number {
	const klass = sqlstate.slice(0, 2);
	if (klass === '08') return 503;
	if (klass === '09') return 500;
	if (klass === '0L' || klass === '0P') return 403;
	if (sqlstate === '23503' || sqlstate === '23505') return 409;
	if (sqlstate === '25006') return 405;
	if (sqlstate === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
	if (sqlstate === '22023') {
		return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
	}
	if (['25', '2D', '38', '39', '3B', '40'].includes(klass)) return 500;
	if (klass === '28') return 403;
	if (sqlstate === '53400') return 500;
	if (klass === '53') return 503;
	if (['54', '55'].includes(klass)) return 500;
	if (sqlstate === '57P01') return 503;
	if (['57', '58', 'F0', 'HV'].includes(klass)) return 500;
	if (sqlstate === 'P0001') return 400;
	if (klass === 'P0' || klass === 'XX') return 500;
	if (sqlstate === '42883') return message.startsWith('function xmlagg(') ? 406 : 404;
	if (sqlstate === '42P01') return 404;
	if (sqlstate === '42P17') return 500;
	if (sqlstate === '42501') return role === 'anon' ? 401 : 403;
	if (klass === 'PT') {
		const status = Number(sqlstate.slice(2));
		return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
	}
	return 400;
}

/**
 * The server's own origin and the caller's, compared without throwing: `null` (sandboxed
 * frames, `file://` pages) and anything that is not a URL are foreign origins.
 */
export function sameOrigin(origin: string, request: Request): boolean {
	let host: string;
	try {
		host = new URL(origin).host;
	} catch {
		return false;
	}
	let own = request.headers.get('host');
	if (!own) {
		try {
			own = new URL(request.url).host;
		} catch {
			return false;
		}
	}
	return host !== '' && host === own;
}

function corsHeaders(origin: string): Record<string, string> {
	return {
		'access-control-allow-origin': origin,
		'access-control-allow-methods': 'GET, POST, OPTIONS',
		'access-control-allow-headers':
			'apikey, authorization, content-type, content-profile, accept-profile, prefer, x-client-info',
		'access-control-max-age': '600',
		vary: 'origin'
	};
}

/** Who is calling: the key must be one of ours, the token (or the key) says the role. */
async function authenticate(
	request: Request,
	secret: Uint8Array
): Promise<{ claims: Claims } | { error: Response }> {
	const apikey = request.headers.get('apikey') ?? new URL(request.url).searchParams.get('apikey');
	if (!apikey) {
		return {
			error: fail(
				401,
				'PGRST301',
				'No API key found in request',
				'No `apikey` request header or url param was found.'
			)
		};
	}
	const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
	try {
		await verifyToken(secret, apikey);
		const payload = await verifyToken(secret, bearer ?? apikey);
		const role = payload.role as ApiRole;
		if (!roles.includes(role)) {
			return {
				error: fail(
					401,
					'PGRST301',
					`The JWT role ${String(payload.role)} is not one of anon, authenticated, service_role`
				)
			};
		}
		return { claims: payload as Claims };
	} catch (error) {
		if (error instanceof joseErrors.JWTExpired) {
			return { error: fail(401, 'PGRST303', 'JWT expired', 'Sign in again to get a fresh token.') };
		}
		return { error: fail(401, 'PGRST301', `Invalid JWT: ${(error as Error).message}`) };
	}
}

/**
 * Deepest nesting of arrays and objects a body may have. A response is five levels deep
 * (body → batch → response → demographics → answer); anything far deeper is no
 * response, and would exhaust the stack of the code that walks it.
 */
export const maxDepth = 32;

/** Whether the JSON text nests arrays and objects deeper than `limit`: one pass, no recursion. */
export function nestedDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > limit) return true;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return false;
}

async function readArgs(
	request: Request,
	maxBody: number
): Promise<Record<string, unknown> | Response> {
	if (request.method === 'GET') {
		return Object.fromEntries(new URL(request.url).searchParams.entries());
	}
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > maxBody) {
		return fail(
			413,
			'PGRST413',
			`The request body is larger than ${maxBody} bytes`,
			'Send smaller batches.'
		);
	}
	const type = request.headers.get('content-type') ?? 'application/json';
	if (!type.startsWith('application/json')) {
		return fail(
			415,
			'PGRST107',
			`Content-Type ${type} is not acceptable`,
			'Send application/json.'
		);
	}
	const body = await request.arrayBuffer();
	if (body.byteLength > maxBody) {
		return fail(
			413,
			'PGRST413',
			`The request body is larger than ${maxBody} bytes`,
			'Send smaller batches.'
		);
	}
	const text = new TextDecoder().decode(body).trim();
	if (text === '') return {};
	if (nestedDeeperThan(text, maxDepth)) {
		return fail(
			400,
			'PGRST102',
			`The JSON body is nested deeper than ${maxDepth} levels`,
			'Send each response as a flat object of answers, as the app does.'
		);
	}
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return fail(400, 'PGRST102', 'The body must be a JSON object of named arguments');
		}
		return parsed as Record<string, unknown>;
	} catch (error) {
		return fail(400, 'PGRST102', `Empty or invalid json: ${(error as Error).message}`);
	}
}

/** Handles one request to `/rest/v1/rpc/<fn>`. */
export async function handleRpc(
	request: Request,
	fn: string,
	options: GatewayOptions
): Promise<Response> {
	const origin = request.headers.get('origin');
	let cors: Record<string, string> = {};
	// Same origin when the browser's page came from the host it now calls.
	if (origin !== null && !sameOrigin(origin, request)) {
		if (!options.allowedOrigins?.includes(origin)) {
			return fail(
				403,
				'PGRST403',
				'Requests from this origin are not allowed',
				'Set ITA_CORS_ORIGINS to allow it.',
				// The origin as sent, cut short: it is the caller's text, not ours.
				`Origin: ${origin.slice(0, 200)}`
			);
		}
		cors = corsHeaders(origin);
	}
	const withCors = (response: Response) => {
		for (const [k, v] of Object.entries(cors)) response.headers.set(k, v);
		return response;
	};
	if (request.method === 'OPTIONS') return withCors(new Response(null, { status: 204 }));
	if (request.method !== 'POST' && request.method !== 'GET') {
		return withCors(fail(405, 'PGRST117', `Unsupported HTTP method: ${request.method}`));
	}

	const profile = request.headers.get('content-profile') ?? request.headers.get('accept-profile');
	if (profile && profile !== 'public') {
		return withCors(fail(406, 'PGRST106', 'The schema must be one of the following: public'));
	}

	const auth = await authenticate(request, options.secret);
	if ('error' in auth) return withCors(auth.error);

	const args = await readArgs(request, options.maxBody ?? defaultMaxBody);
	if (args instanceof Response) return withCors(args);

	const found = await findFunction(options.db, fn, Object.keys(args));
	if (!found) {
		const names = Object.keys(args).join(', ');
		return withCors(
			fail(
				404,
				'PGRST202',
				`Could not find the function public.${fn}(${names}) in the schema cache`,
				null,
				`Searched for the function public.${fn} with parameters ${names || '(none)'}, but no matches were found in the schema cache.`
			)
		);
	}

	try {
		// As PostgREST: a GET, or a function that is not volatile, runs READ ONLY; a write
		// there fails with 25006, answered 405.
		const result = await callRpc(options.db, auth.claims, fn, args, {
			headers: sqlHeaders(request, options.clientAddress),
			from: request.method === 'GET' ? 'query' : 'json',
			readOnly: request.method === 'GET' || !found.volatile
		});
		if (found.returnsVoid) return withCors(new Response(null, { status: 204 }));
		return withCors(json(200, result));
	} catch (error) {
		const e = error as { code?: string; message?: string; detail?: string; hint?: string };
		if (e.code === 'PGRST') return withCors(sqlChosenError(e.message, e.detail));
		if (typeof e.code !== 'string' || e.code.length !== 5) throw error;
		return withCors(
			json(httpStatus(e.code, auth.claims.role, e.message), {
				code: e.code,
				message: e.message ?? 'database error',
				details: e.detail ?? null,
				hint: e.hint ?? null
			} satisfies PostgrestError)
		);
	}
}

/**
 * Calling the database's functions as a given caller, the way PostgREST does: in one
 * transaction, the JWT claims in `request.jwt.claims` and the role switched to the
 * claims' role, so that grants and row level security decide.
 */
import type { Sql } from './client.ts';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';

export interface Claims {
	role: ApiRole;
	sub?: string;
	app_metadata?: { ita_role?: 'officer' | 'central'; agency_id?: string };
	[claim: string]: unknown;
}

const roles: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

export const anon: Claims = { role: 'anon' };
export const service: Claims = { role: 'service_role' };

/**
 * Runs `work` as the caller the claims describe. `headers`: the request's headers as
 * PostgREST passes them in `request.headers` (lower-case names; the embedded gateway puts
 * the real client address in `x-forwarded-for` and `x-real-ip`), for the SQL that limits
 * per client address. `readOnly`: the transaction is READ ONLY, as PostgREST runs every
 * GET and every call of a stable or immutable function — a write in it fails with
 * SQLSTATE 25006, which PostgREST answers 405.
 */
export function asCaller<T>(
	db: Sql,
	claims: Claims,
	work: (tx: Sql) => Promise<T>,
	headers: Record<string, string> = {},
	readOnly = false
): Promise<T> {
	if (!roles.includes(claims.role)) throw new Error(`unknown role ${String(claims.role)}`);
	return db.transaction(async (tx) => {
		// Must come before any other statement of the transaction.
		if (readOnly) await tx.exec('set transaction read only');
		await tx.query(
			"select set_config('request.jwt.claims', $1, true), set_config('request.headers', $2, true)",
			[JSON.stringify(claims), JSON.stringify(headers)]
		);
		// The role is one of three fixed names, so it can be spliced in.
		await tx.exec(`set local role ${claims.role}`);
		return work(tx);
	});
}

const identifier = /^[a-z_][a-z0-9_]*$/;

const writeListeners = new Set<() => void>();

/**
 * Calls `listener` after each committed call that could have changed data a signed-in
 * person or the service may change (a read-write call as `authenticated` or
 * `service_role`; an anonymous caller can only submit, check a code or enrol a kiosk).
 * Returns the function that stops it.
 */
export function afterWrites(listener: () => void): () => void {
	writeListeners.add(listener);
	return () => writeListeners.delete(listener);
}

/** What the gateway and callRpc need to know of an exposed function. */
export interface FunctionInfo {
	/** Argument name → type, in declaration order. */
	args: Map<string, string>;
	/** How many leading arguments have no default. */
	required: number;
	volatile: boolean;
	returnsVoid: boolean;
}

/** The exposed functions, read once per database (PostgREST's schema cache). */
const catalogs = new WeakMap<Sql, Promise<Map<string, FunctionInfo>>>();

function catalog(db: Sql): Promise<Map<string, FunctionInfo>> {
	let known = catalogs.get(db);
	if (!known) {
		known = db
			.query<{
				name: string;
				args: string[] | null;
				types: string[];
				defaults: number;
				volatility: string;
				returns: string;
			}>(
				`select p.proname as name, p.proargnames as args,
					array(select format_type(t, null) from unnest(p.proargtypes) t) as types,
					p.pronargdefaults::int as defaults, p.provolatile::text as volatility,
					format_type(p.prorettype, null) as returns
				from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'`
			)
			.then((rows) => {
				const map = new Map<string, FunctionInfo>();
				for (const row of rows) {
					const args = new Map<string, string>();
					(row.args ?? []).forEach((arg, i) => args.set(arg, row.types[i]));
					map.set(row.name, {
						args,
						required: row.types.length - Number(row.defaults),
						volatile: row.volatility === 'v',
						returnsVoid: row.returns === 'void'
					});
				}
				return map;
			});
		catalogs.set(db, known);
	}
	return known;
}

/**
 * The exposed function `fn` when it takes exactly these named arguments (every one it
 * requires, none it lacks), as PostgREST matches a call; otherwise undefined.
 */
export async function findFunction(
	db: Sql,
	fn: string,
	argNames: string[]
): Promise<FunctionInfo | undefined> {
	const info = (await catalog(db)).get(fn);
	if (!info) return undefined;
	const names = [...info.args.keys()];
	if (!argNames.every((a) => info.args.has(a))) return undefined;
	if (!names.slice(0, info.required).every((a) => argNames.includes(a))) return undefined;
	return info;
}

/** How the arguments came, which decides how PostgREST hands them to the function. */
export interface CallOptions {
	/** The request's headers, for `request.headers` (see asCaller). */
	headers?: Record<string, string>;
	/**
	 * `json` (a POST body, the default): the body's values as PostgREST passes them, through
	 * `json_to_record` — a JSON string given for a `jsonb` parameter stays a jsonb string,
	 * a number for a `text` parameter becomes its text. `query` (a GET's query string):
	 * every value is text, cast to the parameter's type.
	 */
	from?: 'json' | 'query';
	/** Run in a READ ONLY transaction (PostgREST: every GET, and a non-volatile function). */
	readOnly?: boolean;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Calls `public.<fn>` with named arguments, as `POST /rest/v1/rpc/<fn>` does (or, with
 * `from: 'query'`, as `GET` does), with the same SQL PostgREST builds, so that both
 * engines and both deployments receive the same values.
 */
export async function callRpc<T = unknown>(
	db: Sql,
	claims: Claims,
	fn: string,
	args: Record<string, unknown> = {},
	options: CallOptions = {}
): Promise<T> {
	if (!identifier.test(fn)) throw new Error(`not a function name: ${fn}`);
	const names = Object.keys(args);
	const info = await findFunction(db, fn, names);
	if (!info) throw new Error(`no function public.${fn}(${names.join(', ')})`);
	let sql: string;
	let params: unknown[];
	if (names.length === 0) {
		sql = `select public.${fn}() as result`;
		params = [];
	} else if (options.from === 'query') {
		// PostgREST: `name := $n::type`, each value sent as text.
		const list = names.map((n, i) => `${quoteIdent(n)} => $${i + 1}::text::${info.args.get(n)}`);
		sql = `select public.${fn}(${list.join(', ')}) as result`;
		params = names.map((n) => {
			const v = args[n];
			if (v === null || v === undefined) return null;
			return typeof v === 'string' ? v : JSON.stringify(v);
		});
	} else {
		// PostgREST: the body as one json value, unpacked by json_to_record into typed columns.
		const columns = names.map((n) => `${quoteIdent(n)} ${info.args.get(n)}`).join(', ');
		const list = names.map((n) => `${quoteIdent(n)} => pgrst_body.${quoteIdent(n)}`).join(', ');
		sql = `select public.${fn}(${list}) as result
			from json_to_record($1::text::json) as pgrst_body(${columns})`;
		params = [JSON.stringify(args)];
	}
	const readOnly = options.readOnly ?? !info.volatile;
	const result = await asCaller(
		db,
		claims,
		async (tx) => {
			const rows = await tx.query<{ result: T }>(sql, params);
			return rows[0].result;
		},
		options.headers,
		readOnly
	);
	if (!readOnly && claims.role !== 'anon') for (const listener of writeListeners) listener();
	return result;
}

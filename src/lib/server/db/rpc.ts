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
 * per client address.
 */
export function asCaller<T>(
	db: Sql,
	claims: Claims,
	work: (tx: Sql) => Promise<T>,
	headers: Record<string, string> = {}
): Promise<T> {
	if (!roles.includes(claims.role)) throw new Error(`unknown role ${String(claims.role)}`);
	return db.transaction(async (tx) => {
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

/**
 * Calls `public.<fn>` with named arguments, as `POST /rest/v1/rpc/<fn>` does. Every
 * value travels as text (objects and arrays as JSON) and is cast to the parameter's
 * declared type, so both engines receive the same thing.
 */
export async function callRpc<T = unknown>(
	db: Sql,
	claims: Claims,
	fn: string,
	args: Record<string, unknown> = {},
	headers: Record<string, string> = {}
): Promise<T> {
	if (!identifier.test(fn)) throw new Error(`not a function name: ${fn}`);
	const names = Object.keys(args);
	const info = await findFunction(db, fn, names);
	if (!info) throw new Error(`no function public.${fn}(${names.join(', ')})`);
	const list = names
		.map((name, i) => `${name} => $${i + 1}::text::${info.args.get(name)}`)
		.join(', ');
	const params = names.map((name) => {
		const v = args[name];
		if (v === null || v === undefined) return null;
		return typeof v === 'string' ? v : JSON.stringify(v);
	});
	return asCaller(
		db,
		claims,
		async (tx) => {
			const rows = await tx.query<{ result: T }>(`select public.${fn}(${list}) as result`, params);
			return rows[0].result;
		},
		headers
	);
}

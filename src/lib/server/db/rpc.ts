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

/** Runs `work` as the caller the claims describe. */
export function asCaller<T>(db: Sql, claims: Claims, work: (tx: Sql) => Promise<T>): Promise<T> {
	if (!roles.includes(claims.role)) throw new Error(`unknown role ${String(claims.role)}`);
	return db.transaction(async (tx) => {
		await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
		// The role is one of three fixed names, so it can be spliced in.
		await tx.exec(`set local role ${claims.role}`);
		return work(tx);
	});
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/** Argument names and types of the exposed functions, read once per database. */
const signatures = new WeakMap<Sql, Map<string, Map<string, string>>>();

async function signature(db: Sql, fn: string): Promise<Map<string, string> | undefined> {
	let known = signatures.get(db);
	if (!known) {
		known = new Map();
		const rows = await db.query<{ name: string; args: string[] | null; types: string[] }>(
			`select p.proname as name, p.proargnames as args,
				array(select format_type(t, null) from unnest(p.proargtypes) t) as types
			from pg_proc p where p.pronamespace = 'public'::regnamespace`
		);
		for (const row of rows) {
			const args = new Map<string, string>();
			(row.args ?? []).forEach((arg, i) => args.set(arg, row.types[i]));
			known.set(row.name, args);
		}
		signatures.set(db, known);
	}
	return known.get(fn);
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
	args: Record<string, unknown> = {}
): Promise<T> {
	if (!identifier.test(fn)) throw new Error(`not a function name: ${fn}`);
	const types = await signature(db, fn);
	if (!types) throw new Error(`no function public.${fn}`);
	const names = Object.keys(args);
	for (const name of names) {
		if (!types.has(name)) throw new Error(`public.${fn} has no argument ${name}`);
	}
	const list = names.map((name, i) => `${name} => $${i + 1}::text::${types.get(name)}`).join(', ');
	const params = names.map((name) => {
		const v = args[name];
		if (v === null || v === undefined) return null;
		return typeof v === 'string' ? v : JSON.stringify(v);
	});
	return asCaller(db, claims, async (tx) => {
		const rows = await tx.query<{ result: T }>(`select public.${fn}(${list}) as result`, params);
		return rows[0].result;
	});
}

/**
 * The officers' screens call the database's functions as the signed-in user, with the
 * session's claims — never with a service key — so that each function's own checks and
 * row level security decide what this person may read and change, exactly as for a
 * browser calling PostgREST.
 */
import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { SqlRefusal } from '../../admin/problems.ts';
import type { Sql } from '../db/client.ts';
import { asCaller, callRpc, findFunction, type Claims } from '../db/rpc.ts';
import { usesSupabase } from '../config.ts';
import { startEmbedded } from '../embedded/index.ts';
import type { SessionClaims } from './session.ts';

/** One call of a database function with named arguments. */
export interface RpcCall {
	fn: string;
	args: Record<string, unknown>;
}

async function database(): Promise<Sql> {
	if (usesSupabase()) {
		// With Supabase Auth in place this would be a postgrest client carrying the
		// user's access token (see ./session.ts); not built yet.
		error(501, 'The officers’ screens work with the embedded server only, so far.');
	}
	return (await startEmbedded(env.ITA_DATA_DIR)).db;
}

/** Calls `public.<fn>` as the user; one transaction, so it changes everything or nothing. */
export async function rpc<T>(
	user: SessionClaims,
	fn: string,
	args: Record<string, unknown> = {}
): Promise<T> {
	return callRpc<T>(await database(), user, fn, args);
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Several calls as the user in one transaction: all of them, or — when one is refused —
 * none. (For a screen that saves several things at once, like the OIT table's scores and
 * evidence addresses.)
 */
export async function rpcAll(user: SessionClaims, calls: RpcCall[]): Promise<unknown[]> {
	const db = await database();
	// Looked up before the transaction: on PGlite a query outside it would wait for it.
	const statements = await Promise.all(
		calls.map(async ({ fn, args }) => {
			const names = Object.keys(args);
			const info = identifier.test(fn) ? await findFunction(db, fn, names) : undefined;
			if (!info) throw new Error(`no function public.${fn}(${names.join(', ')})`);
			const list = names
				.map((name, i) => `${name} => $${i + 1}::text::${info.args.get(name)}`)
				.join(', ');
			const params = names.map((name) => {
				const v = args[name];
				if (v === null || v === undefined) return null;
				return typeof v === 'string' ? v : JSON.stringify(v);
			});
			return { text: `select public.${fn}(${list}) as result`, params };
		})
	);
	return asCaller(db, user as Claims, async (tx) => {
		const results: unknown[] = [];
		for (const s of statements) {
			const rows = await tx.query<{ result: unknown }>(s.text, s.params);
			results.push(rows[0].result);
		}
		return results;
	});
}

/** The database's refusal (SQLSTATE, message, hint) in an error from either engine, or null. */
export function refusal(err: unknown): SqlRefusal | null {
	const e = err as { code?: unknown; message?: unknown; hint?: unknown };
	if (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
	return {
		code: e.code,
		message: typeof e.message === 'string' ? e.message : '',
		hint: typeof e.hint === 'string' && e.hint ? e.hint : null
	};
}

/** A page's data from a call that may say "not found": that becomes the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (err) {
		if (refusal(err)?.code === 'PT404') error(404, 'Not found');
		throw err;
	}
}

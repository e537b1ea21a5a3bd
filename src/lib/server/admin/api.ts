/**
 * The officers' screens call the database's functions as the signed-in user — never with
 * a service key — so that each function's own checks and row level security decide what
 * this person may read and change, exactly as for a browser calling PostgREST: on the
 * embedded server, in its database with the session's claims; on Supabase, through the
 * project's PostgREST with the user's access token (./supabase-auth.ts).
 */
import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { parseDetail, refusalStatus, type SqlRefusal } from '../../admin/problems.ts';
import type { Sql } from '../db/client.ts';
import { callRpc } from '../db/rpc.ts';
import { usesSupabase } from '../config.ts';
import { startEmbedded } from '../embedded/index.ts';
import { forgetQuestionnaires } from '../questionnaire.ts';
import type { SessionClaims } from './session.ts';
import { supabaseRpc } from './supabase-auth.ts';

async function database(): Promise<Sql> {
	return (await startEmbedded(env.ITA_DATA_DIR)).db;
}

/**
 * Calls `public.<fn>` as the user; one call, one transaction, so it changes everything or
 * nothing (a screen saving several things at once has one function that saves them all).
 */
export async function rpc<T>(
	user: SessionClaims,
	fn: string,
	args: Record<string, unknown> = {}
): Promise<T> {
	if (usesSupabase()) {
		const result = await supabaseRpc<T>(user, fn, args);
		// This server cannot tell a read from a change on Supabase: what the survey pages
		// kept is read again after any officer's call (in the embedded database, callRpc
		// says when a call wrote).
		forgetQuestionnaires();
		return result;
	}
	return callRpc<T>(await database(), user, fn, args);
}

/**
 * The database's refusal (SQLSTATE, message: a code of the catalogue, detail: its JSON
 * parameters, hint) in an error from either engine or PostgREST, or null.
 */
export function refusal(err: unknown): SqlRefusal | null {
	const e = err as { code?: unknown; message?: unknown; hint?: unknown; detail?: unknown };
	if (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
	return {
		code: e.code,
		message: typeof e.message === 'string' ? e.message : '',
		hint: typeof e.hint === 'string' && e.hint ? e.hint : null,
		detail: parseDetail(e.detail)
	};
}

/**
 * A page's data from a call that may say "not found": that becomes the 404 page. Any other
 * refusal becomes the error page with the catalogue code and its parameters, which the
 * page shows in the screen's language (src/routes/(admin)/+error.svelte).
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (err) {
		const sql = refusal(err);
		if (sql?.code === 'PT404') error(404, 'Not found');
		if (sql) {
			error(refusalStatus(sql.code), {
				message: sql.hint ?? sql.message,
				code: sql.message,
				params: sql.detail ?? {}
			});
		}
		throw err;
	}
}

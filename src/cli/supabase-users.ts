/**
 * `ita user add|list` on a Supabase project: officers' accounts live in Supabase Auth, so
 * they are made with its admin API and the project's service key (SUPABASE_SERVICE_ROLE_KEY,
 * which never leaves the operator's machine), with `app_metadata.ita_role` and
 * `app_metadata.agency_id` set — what the database's policies read.
 */
import { createClient } from '@supabase/supabase-js';
import { emailProblem, normaliseEmail, passwordProblem } from '../lib/admin/account-rules.ts';
import { NoRealtime } from '../lib/server/no-realtime.ts';

export interface SupabaseTarget {
	url: string;
	serviceKey: string;
}

/**
 * The project when PUBLIC_SUPABASE_URL is set: null for the embedded server; an error
 * saying what is missing when the service key is not given.
 */
export function supabaseTarget(env: NodeJS.ProcessEnv = process.env): SupabaseTarget | null {
	const url = env.PUBLIC_SUPABASE_URL;
	if (!url) return null;
	const serviceKey = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!serviceKey) {
		throw new Error(
			`PUBLIC_SUPABASE_URL is set (${url}): accounts are Supabase Auth users, made with the ` +
				"project's service key. Set SUPABASE_SERVICE_ROLE_KEY (Project Settings → API)."
		);
	}
	return { url, serviceKey };
}

function admin(target: SupabaseTarget) {
	return createClient(target.url, target.serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: NoRealtime as never }
	});
}

/** Agency code → id (and back), read with the service key. */
async function agencies(client: ReturnType<typeof admin>): Promise<{ code: string; id: string }[]> {
	const response = await client.rpc('list_agencies');
	if (response.error) throw new Error(`Could not read the agencies: ${response.error.message}`);
	return response.data as { code: string; id: string }[];
}

/** Creates a Supabase Auth user who can sign in to the officers' screens; returns what to print. */
export async function addSupabaseUser(
	target: SupabaseTarget,
	input: { email: string; password: string; role: 'officer' | 'central'; agency?: string }
): Promise<string> {
	const email = normaliseEmail(input.email);
	const problem = emailProblem(email) ?? passwordProblem(input.password);
	if (problem) throw new Error(problem.en);
	if (input.role === 'officer' && !input.agency) {
		throw new Error(
			"An officer belongs to an agency: give the agency's code, like --agency bang-rak."
		);
	}
	if (input.role === 'central' && input.agency) {
		throw new Error(
			'A central administrator sees every agency and belongs to none: leave out --agency.'
		);
	}
	const client = admin(target);
	let agencyId: string | undefined;
	if (input.agency) {
		agencyId = (await agencies(client)).find((a) => a.code === input.agency)?.id;
		if (!agencyId) {
			throw new Error(
				`No agency has the code ${input.agency}; district offices have codes like bang-rak or wang-thonglang.`
			);
		}
	}
	const { data, error } = await client.auth.admin.createUser({
		email,
		password: input.password,
		email_confirm: true,
		app_metadata:
			input.role === 'officer'
				? { ita_role: 'officer', agency_id: agencyId }
				: { ita_role: 'central' }
	});
	if (error) throw new Error(`Supabase Auth refused: ${error.message}`);
	return (
		`Supabase Auth user ${data.user.email} created: ` +
		(input.role === 'officer'
			? `officer of ${input.agency}.`
			: 'central administrator (every agency).')
	);
}

/** The project's Supabase Auth users, one line each: email, ITA role, agency code. */
export async function listSupabaseUsers(target: SupabaseTarget): Promise<string[]> {
	const client = admin(target);
	const codes = new Map((await agencies(client)).map((a) => [a.id, a.code]));
	const lines: string[] = [];
	for (let page = 1; ; page++) {
		const { data, error } = await client.auth.admin.listUsers({ page, perPage: 1000 });
		if (error) throw new Error(`Supabase Auth refused: ${error.message}`);
		for (const u of data.users) {
			const meta = u.app_metadata as { ita_role?: string; agency_id?: string };
			lines.push(
				[
					u.email ?? '-',
					meta.ita_role ?? '(no ITA role)',
					(meta.agency_id && codes.get(meta.agency_id)) ?? '-',
					`created ${u.created_at}`
				].join('\t')
			);
		}
		if (data.users.length < 1000) break;
	}
	return lines.sort();
}

/**
 * What the officers' screens read, as the signed-in user: typed views of the set-up
 * functions' answers (list_agencies, list_agency, list_oit_scores) and of the framework
 * versions (a table signed-in staff may read, as supabase-js would read it).
 */
import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type {
	AgencySummary,
	AgencyView,
	FrameworkOption,
	LocalText,
	OitItem,
	RoundView
} from '../../admin/views.ts';
import { asCaller, type Claims } from '../db/rpc.ts';
import { startEmbedded } from '../embedded/index.ts';
import { usesSupabase } from '../config.ts';
import { orNotFound, rpc } from './api.ts';
import type { SessionClaims } from './session.ts';

/** The agencies this user manages: all for a central administrator, their own for an officer. */
export function listAgencies(user: SessionClaims): Promise<AgencySummary[]> {
	return rpc<AgencySummary[]>(user, 'list_agencies');
}

/** One agency with its sections, service points and rounds; 404 when not the user's. */
export function getAgency(user: SessionClaims, code: string): Promise<AgencyView> {
	return orNotFound(rpc<AgencyView>(user, 'list_agency', { agency_code: code }));
}

/** An agency and one of its rounds; 404 when either is not there (or not the user's). */
export async function getRound(
	user: SessionClaims,
	agencyCode: string,
	roundCode: string
): Promise<{ agency: AgencyView; round: RoundView }> {
	const agency = await getAgency(user, agencyCode);
	const round = agency.rounds.find((r) => r.code === roundCode);
	if (!round) error(404, 'Not found');
	return { agency, round };
}

/** Every OIT item of the round's framework, with its score and evidence address. */
export function listOit(user: SessionClaims, roundCode: string): Promise<OitItem[]> {
	return orNotFound(rpc<OitItem[]>(user, 'list_oit_scores', { round_code: roundCode }));
}

/** The framework versions a round can use, newest first (read under the user's own rights). */
export async function listFrameworks(user: SessionClaims): Promise<FrameworkOption[]> {
	if (usesSupabase())
		error(501, 'The officers’ screens work with the embedded server only, so far.');
	const { db } = await startEmbedded(env.ITA_DATA_DIR);
	const rows = await asCaller(db, user as Claims, (tx) =>
		tx.query<{ id: string; title: LocalText; fiscal_years: number[] | null }>(
			`select framework_id as id, title,
				array(select jsonb_array_elements_text(definition -> 'fiscalYears')::int) as fiscal_years
			from public.frameworks`
		)
	);
	return rows
		.map((r) => ({ id: r.id, title: r.title, fiscalYears: r.fiscal_years ?? [] }))
		.sort((a, b) => Math.max(0, ...b.fiscalYears) - Math.max(0, ...a.fiscalYears));
}

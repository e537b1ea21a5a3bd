/**
 * What the officers' screens read, as the signed-in user: typed views of the set-up
 * functions' answers (list_agencies, list_agency, list_oit_scores, list_frameworks): RPCs
 * only, so that the same code works over PostgREST on Supabase.
 */
import { error } from '@sveltejs/kit';
import type {
	AgencySummary,
	AgencyView,
	FrameworkOption,
	OitItem,
	RoundView
} from '../../admin/views.ts';
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

/** The framework versions a round can use, newest first (list_frameworks, under the user's own rights). */
export function listFrameworks(user: SessionClaims): Promise<FrameworkOption[]> {
	return rpc<FrameworkOption[]>(user, 'list_frameworks');
}

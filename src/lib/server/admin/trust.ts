/**
 * Trustworthy counts, read and changed as the signed-in officer (issue 13): the round's
 * limits and IIT code settings, one-time code slips, and the review of held responses.
 * RPCs only (supabase/README.md, "Trustworthy counts"), so the same code works over
 * PostgREST on Supabase; each function's own checks decide who may do what.
 */
import type { AuditRow, HeldSummary, TrustSettings } from '../../admin/trust.ts';
import { orNotFound, rpc } from './api.ts';
import type { SessionClaims } from './session.ts';

export function readTrustSettings(user: SessionClaims, round: string): Promise<TrustSettings> {
	return orNotFound(rpc<TrustSettings>(user, 'round_trust_settings', { round_code: round }));
}

export function saveTrustSettings(
	user: SessionClaims,
	round: string,
	settings: Record<string, unknown>
): Promise<TrustSettings> {
	return rpc<TrustSettings>(user, 'set_round_trust_settings', { round_code: round, settings });
}

/** New one-time codes, shown this once: the database keeps only their hashes. */
export function issueCodes(
	user: SessionClaims,
	round: string,
	howMany: number
): Promise<{ codes: string[]; issued: number }> {
	return rpc(user, 'issue_iit_codes', { round_code: round, how_many: howMany });
}

export function readHeld(user: SessionClaims, round: string): Promise<HeldSummary> {
	return orNotFound(rpc<HeldSummary>(user, 'held_summary', { round_code: round }));
}

export function releaseHeld(
	user: SessionClaims,
	round: string,
	ids: string[],
	reason: string
): Promise<{ released: number; held: number }> {
	return rpc(user, 'release_held_responses', { round_code: round, ids, reason });
}

export function discardHeld(
	user: SessionClaims,
	round: string,
	ids: string[],
	reason: string
): Promise<{ discarded: number; held: number }> {
	return rpc(user, 'discard_held_responses', { round_code: round, ids, reason });
}

/** The review history of the round: central administrators only (others get none). */
export async function readAudit(user: SessionClaims, round: string): Promise<AuditRow[] | null> {
	if (user.app_metadata.ita_role !== 'central') return null;
	return rpc<AuditRow[]>(user, 'list_review_audit', { round_code: round });
}

/**
 * The results of one round, read as the signed-in user: the round must belong to the
 * agency in the address (list_agency), and every number comes from the database's
 * results functions, whose own checks answer "not found" (404) to anybody else.
 */
import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { Framework } from '../../ita/framework.ts';
import type { AgencyView, RoundView } from '../../admin/views.ts';
import {
	filterOptions,
	isWholeRound,
	parseFilter,
	type FilterOptions,
	type ResultsFilter
} from '../../results/filters.ts';
import type { ExportedResponse, ProgressJson, ResultsJson, WeakJson } from '../../results/types.ts';
import { orNotFound, rpc } from '../admin/api.ts';
import { getRound } from '../admin/data.ts';
import type { SessionClaims } from '../admin/session.ts';
import { asCaller, type Claims } from '../db/rpc.ts';
import { usesSupabase } from '../config.ts';
import { startEmbedded } from '../embedded/index.ts';

export interface RoundContext {
	agency: AgencyView;
	round: RoundView;
	framework: Framework;
	options: FilterOptions;
	filter: ResultsFilter;
}

/** The questionnaire a round uses (a table staff may read, under their own rights). */
async function frameworkOf(user: SessionClaims, id: string): Promise<Framework> {
	if (usesSupabase())
		error(501, 'The officers’ screens work with the embedded server only, so far.');
	const { db } = await startEmbedded(env.ITA_DATA_DIR);
	const rows = await asCaller(db, user as Claims, (tx) =>
		tx.query<{ definition: Framework }>(
			`select definition from public.frameworks where framework_id = $1`,
			[id]
		)
	);
	if (rows.length === 0) error(404, 'Not found');
	return rows[0].definition;
}

/** The agency, its round (404 unless the round is the agency's and the user's), and the filter. */
export async function roundContext(
	user: SessionClaims,
	agencyCode: string,
	roundCode: string,
	query: URLSearchParams
): Promise<RoundContext> {
	const { agency, round } = await getRound(user, agencyCode, roundCode);
	const framework = await frameworkOf(user, round.framework);
	const options = filterOptions(framework, {
		sections: agency.sections.map((s) => ({ code: s.code, label: s.name })),
		servicePoints: agency.servicePoints.map((p) => ({ code: p.code, label: p.name }))
	});
	return { agency, round, framework, options, filter: parseFilter(query, options) };
}

/** Scores of the whole round, or of the filtered subgroup (small groups hidden in SQL). */
export function readResults(
	user: SessionClaims,
	round: string,
	filter: ResultsFilter
): Promise<ResultsJson> {
	return orNotFound(
		isWholeRound(filter)
			? rpc<ResultsJson>(user, 'round_results', { round_code: round })
			: rpc<ResultsJson>(user, 'round_results_for', { round_code: round, filter })
	);
}

export function readProgress(user: SessionClaims, round: string): Promise<ProgressJson> {
	return orNotFound(rpc<ProgressJson>(user, 'round_progress', { round_code: round }));
}

export function readWeakItems(user: SessionClaims, round: string): Promise<WeakJson> {
	return orNotFound(rpc<WeakJson>(user, 'round_weak_items', { round_code: round }));
}

export function readResponses(user: SessionClaims, round: string): Promise<ExportedResponse[]> {
	return orNotFound(rpc<ExportedResponse[]>(user, 'export_responses', { round_code: round }));
}

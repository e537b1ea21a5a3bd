/**
 * What the central view, the measures worksheet and the printable report read and save,
 * as the signed-in user (./../admin/api.ts): the database's functions decide who may
 * see what, and SQL computes and suppresses every number.
 */
import { error } from '@sveltejs/kit';
import type { Framework } from '../../ita/framework.ts';
import type { Overview, QuestionAcross } from '../../results/report/central.ts';
import type { MeasureRow, MeasureInput } from '../../results/report/measures.ts';
import type { RoundResults, WeakItems } from '../../results/report/report.ts';
import { orNotFound, rpc } from '../admin/api.ts';
import type { SessionClaims } from '../admin/session.ts';

/** The central view is for central administrators: anyone else gets "not found". */
export function requireCentral(user: SessionClaims): void {
	if (user.app_metadata.ita_role !== 'central') error(404, 'Not found');
}

export function fiscalYearOverview(
	user: SessionClaims,
	fiscalYear: number,
	view: { sort: string; dir: string; page: number; pageSize: number }
): Promise<Overview> {
	return orNotFound(
		rpc<Overview>(user, 'fiscal_year_overview', {
			fiscal_year: fiscalYear,
			sort: view.sort,
			dir: view.dir,
			page: view.page,
			page_size: view.pageSize
		})
	);
}

export function questionAcrossAgencies(
	user: SessionClaims,
	fiscalYear: number,
	question: string,
	view: { sort: string; dir: string; page: number; pageSize: number }
): Promise<QuestionAcross> {
	return rpc<QuestionAcross>(user, 'question_across_agencies', {
		fiscal_year: fiscalYear,
		question_id: question,
		sort: view.sort,
		dir: view.dir,
		page: view.page,
		page_size: view.pageSize
	});
}

/** The worksheet; pre-filled by SQL with the weak items while it is empty. */
export function listMeasures(user: SessionClaims, roundCode: string): Promise<MeasureRow[]> {
	return orNotFound(rpc<MeasureRow[]>(user, 'list_measures', { round_code: roundCode }));
}

/** Replaces the worksheet, all or nothing (SQL refuses a bad row with 22023 naming it). */
export function saveMeasures(
	user: SessionClaims,
	roundCode: string,
	rows: MeasureInput[]
): Promise<MeasureRow[]> {
	return rpc<MeasureRow[]>(user, 'save_measures', { round_code: roundCode, rows });
}

export function roundResults(user: SessionClaims, roundCode: string): Promise<RoundResults> {
	return orNotFound(rpc<RoundResults>(user, 'round_results', { round_code: roundCode }));
}

export function roundWeakItems(user: SessionClaims, roundCode: string): Promise<WeakItems> {
	return orNotFound(rpc<WeakItems>(user, 'round_weak_items', { round_code: roundCode }));
}

/** A framework version's definition, for its texts (through the RPC, so Supabase works too). */
export function frameworkDefinition(user: SessionClaims, frameworkId: string): Promise<Framework> {
	return orNotFound(rpc<Framework>(user, 'get_framework', { framework_id: frameworkId }));
}

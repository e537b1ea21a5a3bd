/**
 * Paper forms stored with submit_responses as the signed-in officer (channel paper):
 * each response stored whole or refused whole, with a verdict per row.
 */
import type { PaperRow } from '../../admin/paper.ts';
import { rpc } from './api.ts';
import type { SessionClaims } from './session.ts';

export interface RowVerdict {
	row: number;
	status: 'accepted' | 'duplicate' | 'rejected';
	code?: string;
	reason?: string;
}

const batchSize = 200;

/** Stores the rows' responses (channel paper) as the officer; one verdict per row. */
export async function storePaper(user: SessionClaims, rows: PaperRow[]): Promise<RowVerdict[]> {
	const verdicts: RowVerdict[] = rows
		.filter((r) => r.problem)
		.map((r) => ({ row: r.row, status: 'rejected', ...r.problem }));
	const good = rows.filter((r) => r.response);
	for (let i = 0; i < good.length; i += batchSize) {
		const slice = good.slice(i, i + batchSize);
		const { results } = await rpc<{
			results: { status: RowVerdict['status']; code?: string; reason?: string }[];
		}>(user, 'submit_responses', { batch: slice.map((r) => r.response) });
		results.forEach((v, j) =>
			verdicts.push({ row: slice[j].row, status: v.status, code: v.code, reason: v.reason })
		);
	}
	return verdicts.sort((a, b) => a.row - b.row);
}

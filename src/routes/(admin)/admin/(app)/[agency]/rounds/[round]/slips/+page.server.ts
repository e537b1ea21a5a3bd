import type { Actions, PageServerLoad } from './$types';
import { slipCount, slipLink, suggestedSlips } from '$lib/admin/trust.ts';
import { change } from '$lib/server/admin/actions.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { qrDataUrl } from '$lib/server/admin/qr.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { issueCodes, readTrustSettings } from '$lib/server/admin/trust.ts';

/**
 * Single-use IIT code slips: the officer says how many, the database makes that many
 * new codes and keeps only their hashes, and this page shows them — once — as A4 sheets
 * of cut-out slips to print. A reload does not show them again (the codes are in the
 * answer to the post, nowhere else).
 */
export const load: PageServerLoad = async (event) => {
	// This page has no admin frame (it is for printing), so its own load checks the session.
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const trust = await readTrustSettings(user, round.code);
	return {
		agency: { code: agency.code, name: agency.name },
		round: { code: round.code, fiscalYear: round.fiscalYear, status: round.status },
		trust,
		suggested: suggestedSlips(trust)
	};
};

export const actions: Actions = {
	issue: (event) =>
		change(event, 'issue', async (user, form) => {
			const { codes, issued } = await issueCodes(user, event.params.round, slipCount(form));
			const slips = await Promise.all(
				codes.map(async (code) => {
					const link = slipLink(event.url.origin, event.params.round, code);
					return { code, link, qr: await qrDataUrl(link) };
				})
			);
			return { slips, issued };
		})
};

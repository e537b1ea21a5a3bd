import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changedOitRows, text } from '$lib/admin/forms.ts';
import { eitLink, iitLink } from '$lib/admin/links.ts';
import { allProblems, roundSettings } from '$lib/admin/round-form.ts';
import type { Issue } from '$lib/admin/problems.ts';
import { trustSettingsFromForm } from '$lib/admin/trust.ts';
import { change } from '$lib/server/admin/actions.ts';
import { rpc } from '$lib/server/admin/api.ts';
import { getRound, listFrameworks, listOit } from '$lib/server/admin/data.ts';
import { qrDataUrl } from '$lib/server/admin/qr.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { publicOrigin } from '$lib/server/origin.ts';
import { isPrivateHost } from '$lib/server/public-url.ts';
import { readHeld, readTrustSettings, saveTrustSettings } from '$lib/server/admin/trust.ts';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const [oit, frameworks, trust, held] = await Promise.all([
		listOit(user, round.code),
		listFrameworks(user),
		readTrustSettings(user, round.code),
		readHeld(user, round.code)
	]);
	const origin = publicOrigin(event.url);

	const points = await Promise.all(
		agency.servicePoints.map(async (p) => {
			const link = eitLink(origin, round.code, p.code);
			return { ...p, link, qr: await qrDataUrl(link) };
		})
	);
	const iitPlain = iitLink(origin, round.code);
	const iitCoded = round.iitAccessCode ? iitLink(origin, round.code, round.iitAccessCode) : null;
	const iit = {
		link: iitPlain,
		qr: await qrDataUrl(iitPlain),
		codedLink: iitCoded,
		codedQr: iitCoded ? await qrDataUrl(iitCoded) : null
	};
	return {
		agency: { code: agency.code, name: agency.name },
		round,
		oit,
		frameworks,
		points,
		iit,
		trust,
		held: held.held,
		created: event.url.searchParams.has('created'),
		// Links to an address phones on mobile data cannot reach: the page says so.
		linksPrivate: isPrivateHost(new URL(origin).hostname),
		linkOrigin: origin
	};
};

export const actions: Actions = {
	setStatus: (event) =>
		change(event, 'setStatus', async (user, form) => {
			await rpc(user, 'set_round_status', {
				round_code: event.params.round,
				status: text(form, 'status')
			});
			return { saved: 'setStatus' };
		}),

	saveRound: (event) =>
		change(event, 'saveRound', async (user, form) => {
			const issues: Issue[] = [];
			const settings = roundSettings(form, issues);
			if (issues.length) {
				const problems = await rpc(user, 'round_settings_problems', {
					agency_code: event.params.agency,
					round_code: event.params.round,
					code: null,
					...settings
				});
				throw allProblems(issues, problems);
			}
			await rpc(user, 'update_round', { round_code: event.params.round, ...settings });
			return { saved: 'saveRound' };
		}),

	/** Limits, plausibility floor, IIT codes and eligible staff: set_round_trust_settings, all or nothing. */
	saveTrust: (event) =>
		change(event, 'saveTrust', async (user, form) => {
			const { agency } = await getRound(user, event.params.agency, event.params.round);
			await saveTrustSettings(
				user,
				event.params.round,
				trustSettingsFromForm(
					form,
					agency.servicePoints.map((p) => p.code)
				)
			);
			return { saved: 'saveTrust' };
		}),

	deleteRound: (event) =>
		change(event, 'deleteRound', async (user) => {
			await rpc(user, 'delete_round', { round_code: event.params.round });
			redirect(303, `/admin/${event.params.agency}`);
		}),

	/**
	 * The whole OIT table at once: every changed score and evidence address in one call
	 * of save_oit_table — all saved, or none. An emptied cell removes what was saved.
	 */
	saveOit: (event) =>
		change(event, 'saveOit', async (user, form) => {
			const items = await listOit(user, event.params.round);
			const rows = changedOitRows(form, items);
			if (rows.length > 0) {
				await rpc(user, 'save_oit_table', { round_code: event.params.round, rows });
			}
			return { saved: 'saveOit' };
		})
};

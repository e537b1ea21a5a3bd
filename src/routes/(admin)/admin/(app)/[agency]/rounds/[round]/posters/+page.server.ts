import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { eitLink } from '$lib/admin/links.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { qrDataUrl } from '$lib/server/admin/qr.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { publicOrigin } from '$lib/server/origin.ts';
import { isPrivateHost } from '$lib/server/public-url.ts';

/**
 * "Print all": one poster per service point of the round (or only `?sp=<code>`), as an A4
 * poster (`?size=a4`) or an A5 table tent (`?size=a5`). The posters are in Thai.
 * Links to a private address (no ITA_PUBLIC_URL, reached at localhost or on the LAN)
 * need `&address=private`, the officer's explicit go-ahead.
 */
export const load: PageServerLoad = async (event) => {
	// This page has no admin frame (it is for printing), so its own load checks the session.
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const size: 'a4' | 'a5' = event.url.searchParams.get('size') === 'a5' ? 'a5' : 'a4';
	const only = event.url.searchParams.get('sp');
	const points = only ? agency.servicePoints.filter((p) => p.code === only) : agency.servicePoints;
	if (only && points.length === 0) error(404, 'No such service point');

	// A poster is for citizens on mobile data: a QR code to localhost or a LAN address is
	// printed only after the officer has said, knowingly, to go ahead.
	const origin = publicOrigin(event.url);
	const privateAddress = isPrivateHost(new URL(origin).hostname);
	const confirmed = event.url.searchParams.get('address') === 'private';
	const held = privateAddress && !confirmed;

	const posters = await Promise.all(
		(held ? [] : points).map(async (p) => {
			const link = eitLink(origin, round.code, p.code);
			return {
				code: p.code,
				counter: p.name.th,
				link,
				qr: await qrDataUrl(link)
			};
		})
	);
	return {
		agency: { code: agency.code, name: agency.name },
		round: { code: round.code, fiscalYear: round.fiscalYear, status: round.status },
		size,
		only,
		posters,
		origin,
		held,
		privateAddress
	};
};

import { error, type RequestHandler } from '@sveltejs/kit';
import { eitLink, iitLink, qrFileName } from '$lib/admin/links.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { qrPng, qrSvg } from '$lib/server/admin/qr.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { publicOrigin } from '$lib/server/origin.ts';

/**
 * A QR code to download: `?sp=<service point>` (its EIT link) or `?iit=1` (the staff
 * link, `&code=1` with the access code in it), as `&format=svg` or `png`. Only for a
 * round the signed-in user manages: the database says which.
 */
export const GET: RequestHandler = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency!, event.params.round!);
	const query = event.url.searchParams;
	const format = query.get('format') === 'png' ? 'png' : 'svg';

	let link: string;
	let target: string;
	const sp = query.get('sp');
	if (sp !== null) {
		if (!agency.servicePoints.some((p) => p.code === sp)) error(404, 'No such service point');
		link = eitLink(publicOrigin(event.url), round.code, sp);
		target = sp;
	} else if (query.get('iit') === '1') {
		const withCode = query.get('code') === '1' && round.iitAccessCode;
		link = iitLink(publicOrigin(event.url), round.code, withCode ? round.iitAccessCode : null);
		target = withCode ? 'iit-code' : 'iit';
	} else {
		error(400, 'Say which link: ?sp=<service point> or ?iit=1');
	}

	const headers = {
		'content-disposition': `attachment; filename="${qrFileName(round.code, target, format)}"`,
		'cache-control': 'private, no-store'
	};
	if (format === 'png') {
		const png = await qrPng(link);
		return new Response(new Uint8Array(png), {
			headers: { ...headers, 'content-type': 'image/png' }
		});
	}
	return new Response(await qrSvg(link), {
		headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' }
	});
};

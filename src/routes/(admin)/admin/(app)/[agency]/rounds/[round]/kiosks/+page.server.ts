import type { Actions, PageServerLoad } from './$types';
import { text } from '$lib/admin/forms.ts';
import {
	enrolmentLink,
	kioskSettings,
	type CreatedKiosk,
	type KioskView
} from '$lib/admin/kiosks.ts';
import { change } from '$lib/server/admin/actions.ts';
import { orNotFound, rpc } from '$lib/server/admin/api.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { qrDataUrl } from '$lib/server/admin/qr.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { hashKioskPin } from '$lib/server/kiosk-pin.ts';
import { publicOrigin } from '$lib/server/origin.ts';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const kiosks = await orNotFound(
		rpc<KioskView[]>(user, 'list_kiosks', { round_code: round.code })
	);
	return { agency: { code: agency.code, name: agency.name }, round, kiosks };
};

export const actions: Actions = {
	/** Adds a kiosk; its enrolment code (and QR code) is shown this once. */
	add: (event) =>
		change(event, 'add', async (user, form) => {
			const { pin, ...settings } = kioskSettings(form);
			// Only the PIN's slow hash leaves this server (see kiosk-pin.ts).
			const created = await rpc<CreatedKiosk>(user, 'create_kiosk', {
				round_code: event.params.round,
				...settings,
				pin_hash: await hashKioskPin(pin)
			});
			const link = enrolmentLink(publicOrigin(event.url), created.enrolmentCode);
			return {
				saved: 'add',
				enrolment: {
					name: created.kiosk.name,
					code: created.enrolmentCode,
					expiresAt: created.expiresAt,
					link,
					qr: await qrDataUrl(link)
				}
			};
		}),

	rename: (event) =>
		change(event, 'rename', async (user, form) => {
			await rpc(user, 'rename_kiosk', { kiosk_id: text(form, 'code'), name: text(form, 'name') });
			return { saved: 'rename', kiosk: text(form, 'code') };
		}),

	revoke: (event) =>
		change(event, 'revoke', async (user, form) => {
			await rpc(user, 'revoke_kiosk', { kiosk_id: text(form, 'code') });
			return { saved: 'revoke', kiosk: text(form, 'code') };
		})
};

import type { Actions, PageServerLoad } from './$types';
import { code, localName, optionalText, text } from '$lib/admin/forms.ts';
import { change } from '$lib/server/admin/actions.ts';
import { rpc } from '$lib/server/admin/api.ts';
import { getAgency } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	return { agency: await getAgency(user, event.params.agency) };
};

/**
 * Sections and service points: each button is one database function, which adds, edits or
 * deletes one thing or refuses with the reason (a code already used, a section still in
 * use) and changes nothing.
 */
export const actions: Actions = {
	addSection: (event) =>
		change(event, 'addSection', async (user, form) => {
			await rpc(user, 'save_section', {
				agency_code: event.params.agency,
				code: code(form, 'code'),
				name: localName(form, 'name'),
				kind: text(form, 'kind') || 'section',
				update_existing: false
			});
			return { saved: 'addSection', target: code(form, 'code') };
		}),
	saveSection: (event) =>
		change(event, 'saveSection', async (user, form) => {
			await rpc(user, 'save_section', {
				agency_code: event.params.agency,
				code: text(form, 'code'),
				name: localName(form, 'name'),
				kind: text(form, 'kind') || 'section',
				update_existing: true
			});
			return { saved: 'saveSection', target: text(form, 'code') };
		}),
	deleteSection: (event) =>
		change(event, 'saveSection', async (user, form) => {
			await rpc(user, 'delete_section', {
				agency_code: event.params.agency,
				code: text(form, 'code')
			});
			return { saved: 'deleteSection', target: text(form, 'code') };
		}),
	addServicePoint: (event) =>
		change(event, 'addServicePoint', async (user, form) => {
			await rpc(user, 'save_service_point', {
				agency_code: event.params.agency,
				code: code(form, 'code'),
				name: localName(form, 'name'),
				section_code: optionalText(form, 'section'),
				update_existing: false
			});
			return { saved: 'addServicePoint', target: code(form, 'code') };
		}),
	saveServicePoint: (event) =>
		change(event, 'saveServicePoint', async (user, form) => {
			await rpc(user, 'save_service_point', {
				agency_code: event.params.agency,
				code: text(form, 'code'),
				name: localName(form, 'name'),
				section_code: optionalText(form, 'section'),
				update_existing: true
			});
			return { saved: 'saveServicePoint', target: text(form, 'code') };
		}),
	deleteServicePoint: (event) =>
		change(event, 'saveServicePoint', async (user, form) => {
			await rpc(user, 'delete_service_point', {
				agency_code: event.params.agency,
				code: text(form, 'code')
			});
			return { saved: 'deleteServicePoint', target: text(form, 'code') };
		})
};

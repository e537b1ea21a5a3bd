import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { text } from '$lib/admin/forms.ts';
import { refusalStatus } from '$lib/admin/problems.ts';
import { pickedIds } from '$lib/admin/trust.ts';
import { refusal } from '$lib/server/admin/api.ts';
import { getRound } from '$lib/server/admin/data.ts';
import { requireUser } from '$lib/server/admin/session.ts';
import { discardHeld, readAudit, readHeld, releaseHeld } from '$lib/server/admin/trust.ts';

/**
 * The review of a round's held responses: grouped by reason, day, service point and
 * channel (held_summary never gives a time of day, an address or a free text); the
 * review history for central administrators.
 */
export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const { agency, round } = await getRound(user, event.params.agency, event.params.round);
	const [held, audit] = await Promise.all([
		readHeld(user, round.code),
		readAudit(user, round.code)
	]);
	return {
		agency: { code: agency.code, name: agency.name },
		round: { code: round.code, fiscalYear: round.fiscalYear },
		held,
		audit
	};
};

/**
 * Counts (release) or discards the responses picked, with the officer's reason: one
 * database call, audited there. A refusal (no reason, a reason too short) keeps what was
 * picked and typed, and changes nothing.
 */
async function decide(event: RequestEvent, action: 'release' | 'discard') {
	const user = await requireUser(event);
	const form = await event.request.formData();
	const ids = pickedIds(form);
	const reason = text(form, 'reason');
	const kept = { reason, picked: ids };
	if (ids.length === 0) return fail(400, { ...kept, problem: { form: 'review', sql: null } });
	try {
		if (action === 'release') {
			const r = await releaseHeld(user, event.params.round!, ids, reason);
			return { done: action, n: r.released, held: r.held };
		}
		const r = await discardHeld(user, event.params.round!, ids, reason);
		return { done: action, n: r.discarded, held: r.held };
	} catch (err) {
		const sql = refusal(err);
		if (sql) return fail(refusalStatus(sql.code), { ...kept, problem: { form: 'review', sql } });
		throw err;
	}
}

export const actions: Actions = {
	release: (event) => decide(event, 'release'),
	discard: (event) => decide(event, 'discard')
};

/**
 * The one shape of every change an officer makes: check the session, read the form,
 * call the database as the user, and on a refusal answer with what went wrong — next to
 * the form that failed, with what was typed kept — having changed nothing (each change
 * is one call of one database function: one transaction, here and over PostgREST).
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { FieldProblem, FieldProblems } from '../../admin/forms.ts';
import { refusalStatus, type Problem } from '../../admin/problems.ts';
import { refusal } from './api.ts';
import { requireUser, type SessionClaims } from './session.ts';

export interface Refused {
	problem: Problem;
	/** What was typed, to put back in the form. */
	values: Record<string, string>;
}

/** Fields never sent back to the page. */
const secret = /password/i;

function typed(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form) {
		if (typeof value === 'string' && !secret.test(name)) values[name] = value;
	}
	return values;
}

/**
 * Runs the change `work` for the form named `formName`. A FieldProblem (our check) or a
 * database refusal becomes a 4xx answer with a Problem; anything else is a real error.
 */
export async function change<T extends Record<string, unknown>>(
	event: RequestEvent,
	formName: string,
	work: (user: SessionClaims, form: FormData) => Promise<T>
): Promise<T | ActionFailure<Refused>> {
	const user = await requireUser(event);
	const form = await event.request.formData();
	const target = form.get('code');
	const base = { form: formName, target: typeof target === 'string' ? target : undefined };
	try {
		return await work(user, form);
	} catch (err) {
		if (err instanceof FieldProblems) {
			return fail(400, { problem: { ...base, issues: err.issues }, values: typed(form) });
		}
		if (err instanceof FieldProblem) {
			return fail(400, {
				problem: { ...base, field: err.field, key: err.key, params: err.params },
				values: typed(form)
			});
		}
		const sql = refusal(err);
		if (sql) {
			return fail(refusalStatus(sql.code), {
				problem: { ...base, sql },
				values: typed(form)
			});
		}
		throw err;
	}
}

/**
 * What a refused change tells the person who made it: either one of our own checks on
 * the form (a dictionary key) or the database's refusal, shown with its own message and
 * (Thai) hint under a title that says, in plain words, what kind of problem it is.
 */
import type { AdminKey } from './i18n.ts';

/** The database's answer when a function refuses: SQLSTATE, message (English), hint (Thai). */
export interface SqlRefusal {
	code: string;
	message: string;
	hint: string | null;
}

export interface Problem {
	/** Which form on the page failed, so that the message shows beside it. */
	form: string;
	/** Which item of a list the form was about (a section's or service point's code). */
	target?: string;
	/** The field to mark, when one field is at fault. */
	field?: string;
	/** One of our checks. */
	key?: AdminKey;
	params?: Record<string, string | number>;
	/** Or the database's refusal. */
	sql?: SqlRefusal;
}

/** The title for a database refusal: what kind of problem, from its SQLSTATE. */
export function refusalTitle(code: string): AdminKey {
	switch (code) {
		case '23505':
			return 'admin.error.duplicate';
		case '22023':
		case '22P02':
		case '22007':
		case '22008':
			return 'admin.error.invalid';
		case 'PT404':
			return 'admin.error.notFound';
		case '23503':
			return 'admin.error.inUse';
		case '55000':
			return 'admin.error.hasResponses';
		case '42501':
			return 'admin.error.forbidden';
		default:
			return 'admin.error.other';
	}
}

/** The HTTP status a refused form answers with. */
export function refusalStatus(code: string | undefined): number {
	if (code === 'PT404') return 404;
	if (code === '42501') return 403;
	if (code === '23505' || code === '23503' || code === '55000') return 409;
	return 400;
}

/**
 * What a refused change tells the person who made it: our own checks on the form
 * (dictionary keys) and the database's refusal (a code of the catalogue in
 * src/lib/i18n/errors.ts, its parameters in `detail`) — every problem at once, each
 * next to its field, in the screen's language. The database's own words never show.
 */
import type { AdminKey } from './i18n.ts';

/**
 * The database's answer when a function refuses: SQLSTATE, message (a catalogue code),
 * detail (its parameters as JSON; `problems` when it found several), hint (English, for
 * API users).
 */
export interface SqlRefusal {
	code: string;
	message: string;
	hint: string | null;
	detail?: Record<string, unknown> | null;
}

/** One thing to fix: a dictionary key (our check) or a catalogue code (the database's). */
export interface Issue {
	/** The form field it is about (the form's own name, camelCase). */
	field?: string;
	key?: AdminKey;
	code?: string;
	params?: Record<string, string | number>;
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
	/** Or several at once (our checks and the database's together). */
	issues?: Issue[];
}

/** `fiscal_year` → `fiscalYear`: the database names a function's argument, the form its field. */
export function formField(name: string): string {
	return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function params(source: Record<string, unknown>): Record<string, string | number> {
	const out: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(source)) {
		if (k === 'field' || k === 'code') continue;
		if (typeof v === 'string' || typeof v === 'number') out[k] = v;
		else if (v !== null && v !== undefined) out[k] = JSON.stringify(v);
	}
	return out;
}

/** The database's refusal as the problems it names (several when its detail lists `problems`). */
export function sqlIssues(sql: SqlRefusal): Issue[] {
	const detail = sql.detail ?? {};
	const listed = Array.isArray(detail.problems) ? (detail.problems as unknown[]) : null;
	if (listed?.length) {
		return listed
			.filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
			.map((p) => ({
				field: typeof p.field === 'string' ? formField(p.field) : undefined,
				code: typeof p.code === 'string' ? p.code : 'unknown',
				params: params(p)
			}));
	}
	return [
		{
			field: typeof detail.field === 'string' ? formField(detail.field) : undefined,
			code: sql.message,
			params: params(detail)
		}
	];
}

/** Every problem of a refusal, in the order to show them. */
export function issuesOf(problem: Problem): Issue[] {
	if (problem.issues?.length) return problem.issues;
	if (problem.key) return [{ field: problem.field, key: problem.key, params: problem.params }];
	if (problem.sql) {
		return sqlIssues(problem.sql).map((i) => ({ ...i, field: i.field ?? problem.field }));
	}
	return [];
}

/** The problems of one field (to show beside it). */
export function fieldIssues(problem: Problem | undefined, field: string): Issue[] {
	return problem ? issuesOf(problem).filter((i) => i.field === field) : [];
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

/** A refusal's DETAIL (PostgREST: `details`) as the JSON object the database raised, else null. */
export function parseDetail(detail: unknown): Record<string, unknown> | null {
	if (typeof detail !== 'string' || !detail.startsWith('{')) return null;
	try {
		const parsed: unknown = JSON.parse(detail);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

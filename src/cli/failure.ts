/**
 * What the command line prints when something fails: a database refusal (a code of the
 * catalogue in src/lib/i18n/errors.ts, its parameters in DETAIL, from either engine or
 * as a server's PostgREST answer) in the operator's language, Thai or English; any other
 * error as its own message.
 */
import { parseDetail } from '../lib/admin/problems.ts';
import { errorText } from '../lib/i18n/errors.ts';
import type { Lang } from '../lib/i18n/index.ts';

/**
 * The command line's language: Thai when ITA_LANG (or the locale, LC_ALL, LC_MESSAGES,
 * LANG) starts with "th", else English.
 */
export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
	const setting = env.ITA_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
	return /^th/i.test(setting) ? 'th' : 'en';
}

/**
 * An error as one readable text: a refusal (SQLSTATE in `code`, catalogue code in
 * `message`) as the catalogue's text in `lang`, each of several problems (detail.problems)
 * on its own line; anything else as its message.
 */
export function failureText(error: unknown, lang: Lang = cliLang()): string {
	const e = (error ?? {}) as {
		code?: unknown;
		message?: unknown;
		detail?: unknown;
		details?: unknown;
	};
	const message = typeof e.message === 'string' ? e.message : String(error);
	if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return message;
	const detail = parseDetail(e.detail ?? e.details);
	const text = errorText(lang, message, detail);
	const problems = Array.isArray(detail?.problems) ? (detail.problems as unknown[]) : [];
	const lines = problems
		.filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
		.map((p) => `  - ${errorText(lang, typeof p.code === 'string' ? p.code : '', p)}`);
	return [text, ...lines].join('\n');
}

/**
 * A server's refusal (PostgREST's JSON `{code, message, details, hint}`) as an Error that
 * failureText reads; a body that is not such JSON as the status and the text.
 */
export function httpFailure(url: string, status: number, body: string): Error {
	try {
		const parsed = JSON.parse(body) as { code?: unknown; message?: unknown; details?: unknown };
		if (typeof parsed.code === 'string' && typeof parsed.message === 'string') {
			return Object.assign(new Error(parsed.message), {
				code: parsed.code,
				detail: parsed.details,
				status
			});
		}
	} catch {
		// Not JSON: a proxy's page, say.
	}
	return new Error(`The server at ${url} answered ${status}: ${body.slice(0, 500)}`);
}

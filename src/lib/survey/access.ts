import { apiUrl, type SupabaseConfig } from '../api-url.ts';

/**
 * What the server said of an IIT code typed (or carried in a slip's link) before the
 * staff member answers. A wrong code and a code already used read the same on purpose:
 * the server does not tell a guesser which codes exist.
 */
export type CodeCheck =
	| { kind: 'valid' }
	| { kind: 'wrong' }
	/** Too many wrong tries from this address: try again after this many seconds. */
	| { kind: 'throttled'; retryAfterSeconds: number }
	/** No answer (offline, server trouble): the survey goes on; the server checks on arrival. */
	| { kind: 'unknown' };

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); null when absent. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
	if (!header) return null;
	const trimmed = header.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed);
	const when = Date.parse(trimmed);
	return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - now) / 1000));
}

/**
 * The wait the body of a 429 names, for when a proxy dropped Retry-After: the database's
 * refusal is `{"code": "too_many_attempts", "message": "too_many_attempts", "details":
 * "{\"retryAfter\": <seconds>, \"minutes\": …}"}` (the catalogue code and its parameters).
 */
async function retryAfterFromBody(response: Response): Promise<number | null> {
	try {
		const body = (await response.json()) as { details?: unknown };
		const details =
			typeof body.details === 'string'
				? (JSON.parse(body.details) as { retryAfter?: unknown })
				: {};
		return typeof details.retryAfter === 'number' && details.retryAfter >= 0
			? details.retryAfter
			: null;
	} catch {
		return null;
	}
}

/** Whole minutes a person is asked to wait: at least one. */
export function waitMinutes(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Asks the server whether an IIT code (a slip's one-time code, or the round's shared code)
 * is right, before the staff member answers: `check_iit_code`, which does not use the
 * code up and which the server throttles per client address (HTTP 429 with Retry-After).
 */
export async function checkAccessCode(
	config: SupabaseConfig,
	round: string,
	code: string
): Promise<CodeCheck> {
	let response: Response;
	try {
		response = await fetch(new URL('/rest/v1/rpc/check_iit_code', apiUrl(config)), {
			method: 'POST',
			headers: {
				apikey: config.anonKey,
				authorization: `Bearer ${config.anonKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ round_code: round, code }),
			cache: 'no-store'
		});
	} catch {
		return { kind: 'unknown' };
	}
	if (response.status === 429) {
		return {
			kind: 'throttled',
			retryAfterSeconds:
				retryAfterSeconds(response.headers.get('retry-after')) ??
				(await retryAfterFromBody(response)) ??
				600
		};
	}
	if (!response.ok) return { kind: 'unknown' };
	try {
		const body = (await response.json()) as { valid?: unknown };
		return body.valid === true
			? { kind: 'valid' }
			: body.valid === false
				? { kind: 'wrong' }
				: { kind: 'unknown' };
	} catch {
		return { kind: 'unknown' };
	}
}

import { apiUrl, type SupabaseConfig } from '../api-url.ts';

/**
 * Asks the server whether an IIT access code is right, before the staff member answers.
 * Null when the server cannot be reached: the survey goes on offline and the server
 * checks the code when the response arrives.
 */
export async function checkAccessCode(
	config: SupabaseConfig,
	round: string,
	code: string
): Promise<boolean | null> {
	try {
		const url = new URL('/rest/v1/rpc/get_questionnaire', apiUrl(config));
		url.searchParams.set('round_code', round);
		url.searchParams.set('access_code', code);
		const response = await fetch(url, {
			headers: { apikey: config.anonKey, authorization: `Bearer ${config.anonKey}` },
			cache: 'no-store'
		});
		if (!response.ok) return null;
		const body = (await response.json()) as { round?: { accessCodeValid?: boolean | null } };
		return body.round?.accessCodeValid ?? null;
	} catch {
		return null;
	}
}

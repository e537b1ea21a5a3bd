import type { RoundQuestionnaire } from '../survey/questionnaire.ts';
import type { SupabaseConfig } from '../supabase.ts';

/**
 * A round's questionnaire as anyone may read it: get_questionnaire() through the REST
 * API, the same request in both deployments (SvelteKit answers its own origin in-process).
 * Null when there is no such round or service point.
 */
export async function fetchQuestionnaire(
	fetch: typeof globalThis.fetch,
	config: SupabaseConfig,
	round: string,
	servicePoint: string | null
): Promise<RoundQuestionnaire | null> {
	const url = new URL('/rest/v1/rpc/get_questionnaire', config.url);
	url.searchParams.set('round_code', round);
	if (servicePoint) url.searchParams.set('service_point', servicePoint);
	const response = await fetch(url, {
		headers: { apikey: config.anonKey, authorization: `Bearer ${config.anonKey}` }
	});
	if (response.status === 404 || response.status === 400) return null;
	if (!response.ok) {
		throw new Error(`get_questionnaire answered ${response.status}: ${await response.text()}`);
	}
	return (await response.json()) as RoundQuestionnaire;
}

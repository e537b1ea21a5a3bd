import type { RoundQuestionnaire } from '../survey/questionnaire.ts';
import { thaiToday } from '../survey/response.ts';
import type { SupabaseConfig } from '../supabase.ts';
import { afterWrites } from './db/rpc.ts';

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

interface Kept {
	/** The Thai day it was read on: whether the round is open changes at midnight. */
	day: string;
	at: number;
	questionnaire: Promise<RoundQuestionnaire | null>;
}

/** Rounds × service points of the offices this server serves; the oldest go first. */
const MAX_KEPT = 256;
const kept = new Map<string, Kept>();

/**
 * Forgets every questionnaire read so far. Called after every call that may have changed
 * one (an officer's change to a round, its counters, sections or agency; a framework
 * loaded), in this process's database (db/rpc.ts) or, on Supabase, through the officers'
 * screens (admin/api.ts).
 */
export function forgetQuestionnaires(): void {
	kept.clear();
}
afterWrites(forgetQuestionnaires);

/**
 * fetchQuestionnaire, kept in memory: a questionnaire is data that changes when an officer
 * changes a round, and reading it (a 36 KB JSON built by the database, sent and parsed
 * again) was most of the time a survey page took before its first byte — time a phone on a
 * weak signal waits with a blank screen. Every change made through this server forgets them
 * all (forgetQuestionnaires); `maxAgeMs` bounds how long a change made elsewhere (on
 * Supabase: its dashboard, another server) goes unseen. A missing round is never kept.
 */
export function readQuestionnaire(
	fetch: typeof globalThis.fetch,
	config: SupabaseConfig,
	round: string,
	servicePoint: string | null,
	maxAgeMs: number
): Promise<RoundQuestionnaire | null> {
	// One database behind this server: the address it was reached by does not matter.
	const key = `${round}\n${servicePoint ?? ''}`;
	const day = thaiToday();
	const now = Date.now();
	const hit = kept.get(key);
	if (hit && hit.day === day && now - hit.at < maxAgeMs) return hit.questionnaire;
	const entry: Kept = {
		day,
		at: now,
		questionnaire: fetchQuestionnaire(fetch, config, round, servicePoint)
	};
	kept.delete(key);
	kept.set(key, entry);
	if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
	const drop = () => {
		if (kept.get(key) === entry) kept.delete(key);
	};
	entry.questionnaire.then((q) => q ?? drop(), drop);
	return entry.questionnaire;
}

/**
 * The tablet's calls to the server, through the outbox's PostgREST client
 * (src/lib/outbox/rest.ts, loaded when first needed): enrol_kiosk, kiosk_heartbeat, and
 * get_questionnaire for the round.
 */
import type { SupabaseConfig } from '../supabase.ts';
import type { RoundQuestionnaire } from '../survey/questionnaire.ts';
import type { KioskInfo } from './device.ts';

export type Answer<T> =
	| { ok: true; data: T }
	/** status 0: the server could not be reached. */
	| { ok: false; status: number; code: string; message: string };

export interface KioskApi {
	enrol(code: string): Promise<Answer<KioskInfo & { deviceKey: string }>>;
	heartbeat(deviceKey: string, queued: number): Promise<Answer<KioskInfo>>;
	questionnaire(round: string): Promise<Answer<RoundQuestionnaire>>;
}

export function kioskApi(config: SupabaseConfig): KioskApi {
	let client: Promise<{
		call: <T>(fn: string, args: Record<string, unknown>) => Promise<Answer<T>>;
	}> | null = null;

	function connect() {
		client ??= import('../outbox/rest.ts').then(
			(module) => {
				const rpc = module.restRpc(config);
				return {
					async call<T>(fn: string, args: Record<string, unknown>): Promise<Answer<T>> {
						try {
							const { data, error, status } = await rpc<T>(fn, args);
							if (error || data === null) {
								return {
									ok: false,
									status,
									code: error?.code ?? '',
									message: error?.message ?? 'no answer'
								};
							}
							return { ok: true, data };
						} catch (e) {
							return { ok: false, status: 0, code: '', message: String(e) };
						}
					}
				};
			},
			(error: unknown) => {
				// Offline before the chunk was cached: try again next time.
				client = null;
				throw error;
			}
		);
		return client;
	}

	async function call<T>(fn: string, args: Record<string, unknown>): Promise<Answer<T>> {
		try {
			return await (await connect()).call<T>(fn, args);
		} catch (e) {
			return { ok: false, status: 0, code: '', message: String(e) };
		}
	}

	return {
		enrol: (code) => call('enrol_kiosk', { code }),
		heartbeat: (deviceKey, queued) => call('kiosk_heartbeat', { device_key: deviceKey, queued }),
		questionnaire: (round) => call('get_questionnaire', { round_code: round })
	};
}

/**
 * Getting finished responses to the server: the outbox and its sync loop, loaded after
 * the first screen with the later screens (./components/later.ts; the outbox's code and
 * PostgREST's client only when the outbox opens). A flag in localStorage (./outbox-flag.ts) says
 * whether anything waits in the outbox; when it does, the page opens the outbox at once
 * to send it, otherwise when the browser is idle.
 *
 * Should the outbox's code itself fail to load — a phone that lost its signal seconds
 * after opening the survey, before the service worker had cached the app — a finished
 * response is kept in localStorage instead, and moved into the outbox the next time it
 * opens. Nothing a respondent sent is ever dropped.
 */
import type { SupabaseConfig } from '../supabase.ts';
import { requestPersistence } from '../pwa/storage.ts';
import { newId } from '../uuid.ts';
import { deviceId, secondsSpent } from './device.ts';
import { markAnswered } from './drafts.ts';
import { buildResponse } from './finish.ts';
import type { Draft } from './flow.ts';
import { pendingFlag, setPending } from './outbox-flag.ts';
import type { SurveyDefinition } from './questionnaire.ts';
import { thaiToday, type Channel, type SurveyResponse } from './response.ts';

export interface Delivery {
	/** Keeps the response on the device (resolves once it is written) and starts sending it. */
	keep(response: SurveyResponse): Promise<void>;
	/** Tries to send now; resolves true when the response with this id has left the device. */
	sent(id: string): Promise<boolean>;
	/** Tries to send now; says whether the response was taken, still waits, or was refused (and why). */
	outcome(id: string): Promise<Outcome>;
	stop(): void;
}

/** Where one response is after a try to send it. */
export type Outcome =
	{ state: 'sent' } | { state: 'queued' } | { state: 'refused'; code: string; reason: string };

const fallbackKey = 'ita:outbox:unsaved';

function unsaved(): SurveyResponse[] {
	try {
		return JSON.parse(localStorage.getItem(fallbackKey) ?? '[]') as SurveyResponse[];
	} catch {
		return [];
	}
}

/** The safety net when the outbox cannot open: throws only if localStorage fails too. */
export function keepInLocalStorage(response: SurveyResponse): void {
	localStorage.setItem(fallbackKey, JSON.stringify([...unsaved(), response]));
	localStorage.setItem(pendingFlag, '1');
}

export async function startDelivery(config: SupabaseConfig): Promise<Delivery> {
	const { Outbox, SyncLoop, supabaseSender } = await import('../outbox/index.ts');
	const outbox = await Outbox.open();
	// Responses the safety net kept: into the outbox (adding twice keeps one), then forgotten.
	const stranded = unsaved();
	for (const response of stranded) await outbox.add(response);
	if (stranded.length > 0) localStorage.removeItem(fallbackKey);
	const loop = new SyncLoop(outbox, supabaseSender(config));
	const unsubscribe = loop.subscribe((state) => {
		if (state.state === 'idle') {
			void outbox.counts().then((c) => setPending(c.queued > 0));
		}
	});
	const stop = loop.start({ window, document });
	return {
		async keep(response) {
			setPending(true);
			await outbox.add(response);
		},
		async sent(id) {
			await loop.syncNow();
			return !(await outbox.queued()).some((e) => e.id === id);
		},
		async outcome(id) {
			await loop.syncNow();
			if ((await outbox.queued()).some((e) => e.id === id)) return { state: 'queued' };
			const refused = (await outbox.refused()).find((e) => e.id === id);
			return refused?.refusal
				? { state: 'refused', code: refused.refusal.code, reason: refused.refusal.reason }
				: { state: 'sent' };
		},
		stop() {
			unsubscribe();
			stop();
			outbox.close();
		}
	};
}

/**
 * The finished survey, kept on this device: the response built from the draft (with this
 * browser's device id and the seconds spent, which the server's limits read), written to
 * the outbox — or to localStorage when the outbox cannot open — before this resolves; from
 * then on nothing can lose it, and the device remembers that it answered this round.
 * `outcome()` then tries to send it and says what became of it.
 */
export async function keepResponse(
	def: SurveyDefinition,
	draft: Draft,
	channel: Channel,
	delivery: Promise<Delivery>
): Promise<{ outcome: () => Promise<Outcome> }> {
	const response = buildResponse(def, draft, { id: newId(), today: thaiToday(), channel });
	// What the server's per-device limit and time floor read (supabase/README.md).
	response.deviceId = deviceId();
	const seconds = secondsSpent(draft.startedAt);
	if (seconds !== undefined) response.secondsSpent = seconds;
	const outbox = await delivery.catch(() => null);
	if (outbox) {
		await outbox.keep(response);
		// Ask the browser not to evict the outbox under storage pressure.
		void requestPersistence();
	} else {
		keepInLocalStorage(response);
	}
	markAnswered(def.round.code, def.instrument, response.collectedOn);
	return {
		outcome: () =>
			outbox
				? outbox.outcome(response.id).catch((): Outcome => ({ state: 'queued' }))
				: Promise.resolve({ state: 'queued' })
	};
}

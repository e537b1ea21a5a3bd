/**
 * Empties the outbox into the server whenever it can be reached. Reachability is learnt by
 * sending, never from `navigator.onLine`, which says only that some network is there.
 */
import type { SurveyResponse, Verdict } from '../survey/response.ts';
import type { Outbox, OutboxEntry } from './store.ts';

/** Sends a batch and resolves to the server's verdicts; throws when it gets none. */
export type Send = (batch: SurveyResponse[]) => Promise<Verdict[]>;

export interface SyncState {
	state: 'idle' | 'syncing' | 'waiting';
	/** When the scheduled retry will run (with `waiting`), by `now()`. */
	nextAttemptAt?: number;
	lastError?: string;
}

export type SyncListener = (state: SyncState) => void;

export interface SyncOptions {
	/** Responses per request; the server takes at most 500. */
	batchSize?: number;
	/** The first retry's delay after a failure. */
	minDelayMs?: number;
	/** The longest a retry waits, however many failures came before. */
	maxDelayMs?: number;
	/** How often `start()` looks for something to send. */
	intervalMs?: number;
	random?: () => number;
	now?: () => number;
	setTimeout?: (callback: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
}

/** Where `start()` listens: the page's `window` and `document`, or stand-ins in tests. */
export interface SyncTarget {
	window: EventTarget;
	document: EventTarget & { readonly visibilityState?: string };
}

type Outcome = { ok: true } | { ok: false; error: string };

const ok: Outcome = { ok: true };

interface Failure {
	status: number;
	code: string;
	message: string;
}

function describe(error: unknown): Failure {
	const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
	const message = error instanceof Error ? error.message : String(error);
	return {
		status: typeof status === 'number' ? status : 0,
		code: typeof code === 'string' ? code : '',
		message: message || 'The server could not be reached.'
	};
}

function display(failure: Failure): string {
	return failure.status > 0 ? `${failure.message} (HTTP ${failure.status})` : failure.message;
}

/**
 * A 4xx that says something in the batch is wrong, so sending it again unchanged will never
 * work. Not: 401/403 (the key, fixed on the server side), 408/429 (try later), 404 (the
 * function is missing — a deployment problem that no response can cause).
 */
function isBatchFault(status: number): boolean {
	return status >= 400 && status < 500 && ![401, 403, 404, 408, 429].includes(status);
}

/**
 * Pairs verdicts with the entries sent. The server answers in batch order, which also covers
 * an id it could not read; otherwise match by id, ignoring case (the server writes UUIDs in
 * lower case).
 */
function pair(
	entries: OutboxEntry[],
	verdicts: Verdict[]
): { verdicts: Verdict[]; unanswered: string[] } {
	const same = (a: string | null, b: string) => a === null || a.toLowerCase() === b.toLowerCase();
	if (verdicts.length === entries.length && verdicts.every((v, i) => same(v.id, entries[i].id))) {
		return { verdicts: verdicts.map((v, i) => ({ ...v, id: entries[i].id })), unanswered: [] };
	}
	const ids = new Map(entries.map((entry) => [entry.id.toLowerCase(), entry.id]));
	const paired: Verdict[] = [];
	for (const verdict of verdicts) {
		const id = verdict.id === null ? undefined : ids.get(verdict.id.toLowerCase());
		if (id !== undefined) paired.push({ ...verdict, id });
	}
	const answered = new Set(paired.map((verdict) => verdict.id));
	return {
		verdicts: paired,
		unanswered: entries.filter((entry) => !answered.has(entry.id)).map((entry) => entry.id)
	};
}

export class SyncLoop {
	readonly #outbox: Outbox;
	readonly #send: Send;
	readonly #batchSize: number;
	readonly #minDelay: number;
	readonly #maxDelay: number;
	readonly #interval: number;
	readonly #random: () => number;
	readonly #now: () => number;
	readonly #setTimeout: (callback: () => void, ms: number) => unknown;
	readonly #clearTimeout: (handle: unknown) => void;

	#state: SyncState = { state: 'idle' };
	#listeners = new Set<SyncListener>();
	#running: Promise<void> | undefined;
	#again = false;
	#failures = 0;
	/** The scheduled retry, boxed: an injected setTimeout may return any handle. */
	#retry: { handle: unknown } | undefined;
	#started = 0;
	#stopped = false;

	constructor(outbox: Outbox, send: Send, options: SyncOptions = {}) {
		this.#outbox = outbox;
		this.#send = send;
		this.#batchSize = Math.max(1, Math.min(500, options.batchSize ?? 100));
		this.#minDelay = options.minDelayMs ?? 2_000;
		this.#maxDelay = Math.max(this.#minDelay, options.maxDelayMs ?? 5 * 60_000);
		this.#interval = options.intervalMs ?? 60_000;
		this.#random = options.random ?? Math.random;
		this.#now = options.now ?? Date.now;
		this.#setTimeout = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
		this.#clearTimeout =
			options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
	}

	/** The loop's current state, as last given to the listeners. */
	get state(): SyncState {
		return { ...this.#state };
	}

	/** Calls `listener` now and on every change; returns the function that stops it. */
	subscribe(listener: SyncListener): () => void {
		this.#listeners.add(listener);
		listener(this.state);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/**
	 * Sends everything queued, batch after batch, until nothing is left or a send fails; a
	 * failure schedules a retry. A call while a run is under way joins it (and makes it look
	 * once more for responses queued meanwhile), so two sends never overlap. Never rejects:
	 * problems end in `lastError`.
	 */
	syncNow(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#cancelRetry();
		// Set before anyone hears 'syncing', so a listener that calls back joins this run.
		this.#running = Promise.resolve().then(() => this.#run());
		this.#emit({ state: 'syncing', lastError: this.#state.lastError });
		return this.#running;
	}

	/**
	 * Sends now, when the device comes online, when the page becomes visible again and every
	 * `intervalMs`. Returns the cleanup that removes every listener and timer.
	 */
	start(target: SyncTarget = { window, document }): () => void {
		this.#started += 1;
		this.#stopped = false;
		const trigger = () => void this.syncNow();
		const onVisibility = () => {
			if (target.document.visibilityState !== 'hidden') trigger();
		};
		let tick: unknown;
		const schedule = () => {
			tick = this.#setTimeout(() => {
				schedule();
				// While a retry waits, the back-off decides when to try again.
				if (this.#retry === undefined) trigger();
			}, this.#interval);
		};

		target.window.addEventListener('online', trigger);
		target.document.addEventListener('visibilitychange', onVisibility);
		schedule();
		trigger();

		let cleaned = false;
		return () => {
			if (cleaned) return;
			cleaned = true;
			target.window.removeEventListener('online', trigger);
			target.document.removeEventListener('visibilitychange', onVisibility);
			this.#clearTimeout(tick);
			this.#started -= 1;
			if (this.#started === 0) {
				this.#stopped = true;
				this.#cancelRetry();
				if (this.#state.state === 'waiting') {
					this.#emit({ state: 'idle', lastError: this.#state.lastError });
				}
			}
		};
	}

	async #run(): Promise<void> {
		let outcome: Outcome;
		try {
			do {
				this.#again = false;
				outcome = await this.#drain();
			} while (outcome.ok && this.#again);
		} catch (error) {
			// The outbox itself failed (storage full, database closed): retry like a send.
			outcome = { ok: false, error: describe(error).message };
		}
		// No await from here on: a syncNow() from now on starts a new run.
		this.#running = undefined;
		if (outcome.ok) {
			this.#failures = 0;
			this.#emit({ state: 'idle' });
			return;
		}
		this.#failures += 1;
		if (this.#stopped) {
			this.#emit({ state: 'idle', lastError: outcome.error });
			return;
		}
		const delay = this.#delay();
		this.#retry = {
			handle: this.#setTimeout(() => {
				this.#retry = undefined;
				void this.syncNow();
			}, delay)
		};
		this.#emit({ state: 'waiting', nextAttemptAt: this.#now() + delay, lastError: outcome.error });
	}

	async #drain(): Promise<Outcome> {
		for (;;) {
			const entries = await this.#outbox.queued(this.#batchSize);
			if (entries.length === 0) return ok;
			const outcome = await this.#deliver(entries);
			if (!outcome.ok) return outcome;
			// Let the status show the queue shrinking.
			this.#emit({ state: 'syncing', lastError: this.#state.lastError });
		}
	}

	/** Sends `entries` and settles the verdicts; ok means every entry got an answer. */
	async #deliver(entries: OutboxEntry[]): Promise<Outcome> {
		const ids = entries.map((entry) => entry.id);
		let verdicts: Verdict[];
		try {
			verdicts = await this.#send(entries.map((entry) => entry.response));
		} catch (error) {
			const failure = describe(error);
			if (!isBatchFault(failure.status)) {
				await this.#outbox.noteAttempt(display(failure), ids);
				return { ok: false, error: display(failure) };
			}
			if (entries.length > 1) {
				// One bad response must not hold the others back: find it by sending each alone.
				for (const entry of entries) {
					const outcome = await this.#deliver([entry]);
					if (!outcome.ok) return outcome;
				}
				return ok;
			}
			await this.#outbox.settle([
				{
					id: entries[0].id,
					status: 'rejected',
					code: failure.code || `http_${failure.status}`,
					reason: failure.message
				}
			]);
			await this.#outbox.noteAttempt();
			return ok;
		}
		if (!Array.isArray(verdicts)) {
			const error = 'The server answered without verdicts.';
			await this.#outbox.noteAttempt(error, ids);
			return { ok: false, error };
		}
		const paired = pair(entries, verdicts);
		await this.#outbox.settle(paired.verdicts);
		if (paired.unanswered.length > 0) {
			// Sending the rest again at once would loop on them: treat it as a failed attempt.
			const error = `The server answered for ${entries.length - paired.unanswered.length} of ${entries.length} responses.`;
			await this.#outbox.noteAttempt(error, paired.unanswered);
			return { ok: false, error };
		}
		await this.#outbox.noteAttempt();
		return ok;
	}

	/**
	 * Doubles from minDelay with each consecutive failure, up to maxDelay. The ±25 % jitter
	 * keeps the devices of an office, back online together, from calling at the same moment.
	 */
	#delay(): number {
		const base = Math.min(this.#maxDelay, this.#minDelay * 2 ** (this.#failures - 1));
		const jittered = base * (0.75 + 0.5 * this.#random());
		return Math.round(Math.min(this.#maxDelay, Math.max(this.#minDelay, jittered)));
	}

	#cancelRetry(): void {
		if (this.#retry === undefined) return;
		this.#clearTimeout(this.#retry.handle);
		this.#retry = undefined;
	}

	#emit(state: SyncState): void {
		const clean: SyncState = { state: state.state };
		if (state.nextAttemptAt !== undefined) clean.nextAttemptAt = state.nextAttemptAt;
		if (state.lastError !== undefined) clean.lastError = state.lastError;
		this.#state = clean;
		for (const listener of this.#listeners) {
			try {
				listener(this.state);
			} catch (error) {
				// A broken listener must not stop the responses from leaving.
				console.error(error);
			}
		}
	}
}

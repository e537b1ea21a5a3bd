/**
 * What the screens show about the outbox: how many responses wait, how many the server
 * refused, and what the sync loop is doing. Read-only; the loop and the store do the work.
 */
import type { Outbox } from './store.ts';
import type { SyncLoop, SyncState } from './sync.ts';

export class OutboxStatus {
	#queued = $state(0);
	#refused = $state(0);
	#sent = $state(0);
	#lastSentAt = $state<number | null>(null);
	#lastAttemptAt = $state<number | null>(null);
	#syncing = $state(false);
	#nextAttemptAt = $state<number | null>(null);
	#loopError = $state<string | null>(null);
	#storedError = $state<string | null>(null);
	#lastError = $derived(this.#loopError ?? this.#storedError);

	#outbox: Outbox | undefined;
	/** Counts read later than a newer refresh started are stale and dropped. */
	#generation = 0;

	get queued() {
		return this.#queued;
	}

	get refused() {
		return this.#refused;
	}

	get sent() {
		return this.#sent;
	}

	get lastSentAt() {
		return this.#lastSentAt;
	}

	get lastAttemptAt() {
		return this.#lastAttemptAt;
	}

	get syncing() {
		return this.#syncing;
	}

	/** When the loop will retry after a failure (device clock, ms), or null. */
	get nextAttemptAt() {
		return this.#nextAttemptAt;
	}

	get lastError() {
		return this.#lastError;
	}

	/**
	 * Follows `loop` and re-reads the counts of `outbox` after each of its changes. Returns
	 * the cleanup.
	 */
	listen(outbox: Outbox, loop: SyncLoop): () => void {
		this.#outbox = outbox;
		const unsubscribe = loop.subscribe((state: SyncState) => {
			this.#syncing = state.state === 'syncing';
			this.#nextAttemptAt = state.nextAttemptAt ?? null;
			this.#loopError = state.lastError ?? null;
			void this.refresh();
		});
		return () => {
			unsubscribe();
			if (this.#outbox === outbox) this.#outbox = undefined;
		};
	}

	/** Re-reads the counts, e.g. after a response was added. */
	async refresh(): Promise<void> {
		const outbox = this.#outbox;
		if (!outbox) return;
		const generation = ++this.#generation;
		let counts;
		try {
			counts = await outbox.counts();
		} catch {
			// The database is closing (page leaving, newer version upgrading): keep the last counts.
			return;
		}
		if (generation !== this.#generation) return;
		this.#queued = counts.queued;
		this.#refused = counts.refused;
		this.#sent = counts.sent;
		this.#lastSentAt = counts.lastSentAt;
		this.#lastAttemptAt = counts.lastAttemptAt;
		this.#storedError = counts.lastError;
	}
}

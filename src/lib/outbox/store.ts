/**
 * The device's outbox: every finished response waits here, in IndexedDB, until the server
 * has said `accepted` or `duplicate`. See README.md for the rules this file keeps.
 */
import {
	openDB,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import type { SurveyResponse, Verdict } from '../survey/response.ts';

export const defaultOutboxName = 'ita-outbox';

export type EntryState = 'queued' | 'refused';

/** Why the server will not take a response: kept so that a person can act on it. */
export interface Refusal {
	code: string;
	reason: string;
	/** Device clock, ms. */
	at: number;
}

export interface OutboxEntry {
	id: string;
	round: string;
	response: SurveyResponse;
	state: EntryState;
	/** Device clock, ms: orders the queue and never leaves the device. */
	queuedAt: number;
	/** How many times it was sent without the server taking it. */
	attempts: number;
	refusal?: Refusal;
}

export interface OutboxCounts {
	queued: number;
	refused: number;
	/** Responses the server has acknowledged from this device, ever. */
	sent: number;
	lastSentAt: number | null;
	lastAttemptAt: number | null;
	/** Why the last attempt failed; null once an attempt has succeeded. */
	lastError: string | null;
}

/** An entry as written to an export file: no device times, which could tell who answered. */
export interface ExportedEntry {
	id: string;
	round: string;
	state: EntryState;
	attempts: number;
	refusal?: { code: string; reason: string };
	response: SurveyResponse;
}

export interface OutboxExport {
	format: 'ita-outbox-export';
	version: 1;
	exportedAt: string;
	database: string;
	queued: number;
	refused: number;
	sent: number;
	entries: ExportedEntry[];
}

export interface OutboxOptions {
	/** The device clock; injectable for tests. */
	now?: () => number;
}

interface Meta {
	sent: number;
	lastSentAt: number;
	lastAttemptAt: number;
	lastError: string;
}

interface OutboxSchema extends DBSchema {
	responses: {
		key: string;
		value: OutboxEntry;
		indexes: { 'by-state': [EntryState, number] };
	};
	meta: {
		key: keyof Meta;
		value: Meta[keyof Meta];
	};
}

type Stores = StoreNames<OutboxSchema>;
type Transaction<S extends Stores[]> = IDBPTransaction<OutboxSchema, S, 'readonly' | 'readwrite'>;

const version = 1;

function stateRange(state: EntryState): IDBKeyRange {
	return IDBKeyRange.bound([state, -Infinity], [state, Infinity]);
}

/**
 * A response as an export file may hold it: without the kiosk's device key, which would
 * let whoever finds the file send responses as that kiosk. (Importing needs no key: the
 * service role stores a kiosk response without one.)
 */
export function withoutDeviceKey(response: SurveyResponse): SurveyResponse {
	if (!('kioskKey' in response)) return response;
	const rest = { ...response };
	delete rest.kioskKey;
	return rest;
}

/**
 * Runs `work` inside `tx` and resolves only once the transaction has committed. If the work
 * fails, the transaction is aborted so that nothing of it is kept.
 */
async function within<S extends Stores[], T>(
	tx: Transaction<S>,
	work: () => Promise<T>
): Promise<T> {
	try {
		const result = await work();
		await tx.done;
		return result;
	} catch (error) {
		// tx.done rejects too once aborted; that rejection says nothing more than `error`.
		tx.done.catch(() => {});
		try {
			tx.abort();
		} catch {
			// Already finished or aborted.
		}
		throw error;
	}
}

export class Outbox {
	readonly #db: IDBPDatabase<OutboxSchema>;
	readonly #now: () => number;
	readonly name: string;

	private constructor(db: IDBPDatabase<OutboxSchema>, name: string, now: () => number) {
		this.#db = db;
		this.name = name;
		this.#now = now;
	}

	/** Opens (creating on first use) the outbox database of this device. */
	static async open(name = defaultOutboxName, options: OutboxOptions = {}): Promise<Outbox> {
		const db = await openDB<OutboxSchema>(name, version, {
			upgrade(database, oldVersion) {
				if (oldVersion < 1) {
					const responses = database.createObjectStore('responses', { keyPath: 'id' });
					responses.createIndex('by-state', ['state', 'queuedAt']);
					database.createObjectStore('meta');
				}
			},
			blocking() {
				// A newer version of the app in another tab wants to upgrade the schema: let it,
				// rather than leave it waiting forever. This tab's calls then fail until it reloads.
				db.close();
			}
		});
		return new Outbox(db, name, options.now ?? Date.now);
	}

	/**
	 * Keeps a finished response. Resolves only once the write has committed, so the thank-you
	 * screen never shows for a response that could still be lost. Adding an id that is
	 * already here keeps the first copy.
	 */
	async add(response: SurveyResponse): Promise<void> {
		// The server receives JSON, so keep exactly that: it also strips the proxies of a
		// Svelte `$state` object, which IndexedDB cannot clone.
		const copy = JSON.parse(JSON.stringify(response)) as SurveyResponse;
		if (typeof copy.id !== 'string' || copy.id === '') {
			throw new TypeError('A response needs the id made on the device before it is kept.');
		}
		// 'strict': the respondent is told "thank you" only after the data is on disk.
		const tx = this.#db.transaction('responses', 'readwrite', { durability: 'strict' });
		await within(tx, async () => {
			if ((await tx.store.getKey(copy.id)) !== undefined) return;
			await tx.store.add({
				id: copy.id,
				round: copy.round,
				response: copy,
				state: 'queued',
				queuedAt: this.#now(),
				attempts: 0
			});
		});
	}

	/** The responses waiting to be sent, oldest first. */
	async queued(limit?: number): Promise<OutboxEntry[]> {
		return this.#db.getAllFromIndex('responses', 'by-state', stateRange('queued'), limit);
	}

	/** The responses the server refused, with its reasons, oldest first. */
	async refused(): Promise<OutboxEntry[]> {
		return this.#db.getAllFromIndex('responses', 'by-state', stateRange('refused'));
	}

	async counts(): Promise<OutboxCounts> {
		const tx = this.#db.transaction(['responses', 'meta'], 'readonly');
		return within(tx, async () => {
			const index = tx.objectStore('responses').index('by-state');
			const meta = tx.objectStore('meta');
			const [queued, refused, sent, lastSentAt, lastAttemptAt, lastError] = await Promise.all([
				index.count(stateRange('queued')),
				index.count(stateRange('refused')),
				meta.get('sent'),
				meta.get('lastSentAt'),
				meta.get('lastAttemptAt'),
				meta.get('lastError')
			]);
			return {
				queued,
				refused,
				sent: (sent as number | undefined) ?? 0,
				lastSentAt: (lastSentAt as number | undefined) ?? null,
				lastAttemptAt: (lastAttemptAt as number | undefined) ?? null,
				lastError: (lastError as string | undefined) ?? null
			};
		});
	}

	/**
	 * Applies the server's answers in one transaction: `accepted` and `duplicate` leave the
	 * device (the server has them), `rejected` stays, refused, with the code and reason.
	 * Verdicts for ids not here are ignored.
	 */
	async settle(verdicts: Verdict[]): Promise<void> {
		const tx = this.#db.transaction(['responses', 'meta'], 'readwrite');
		const at = this.#now();
		await within(tx, async () => {
			const responses = tx.objectStore('responses');
			const meta = tx.objectStore('meta');
			let sent = 0;
			for (const verdict of verdicts) {
				if (verdict.id === null) continue;
				const entry = await responses.get(verdict.id);
				if (!entry) continue;
				if (verdict.status === 'rejected') {
					await responses.put({
						...entry,
						state: 'refused',
						attempts: entry.attempts + 1,
						refusal: { code: verdict.code ?? 'rejected', reason: verdict.reason ?? '', at }
					});
				} else {
					await responses.delete(entry.id);
					sent += 1;
				}
			}
			if (sent > 0) {
				const before = ((await meta.get('sent')) as number | undefined) ?? 0;
				await meta.put(before + sent, 'sent');
				await meta.put(at, 'lastSentAt');
			}
		});
	}

	/**
	 * Records that the device tried to reach the server: `error` says why it failed (none
	 * clears the last error). The attempt is counted on the entries `ids` that were sent
	 * without a verdict.
	 */
	async noteAttempt(error?: string, ids: string[] = []): Promise<void> {
		const tx = this.#db.transaction(['responses', 'meta'], 'readwrite');
		await within(tx, async () => {
			const responses = tx.objectStore('responses');
			const meta = tx.objectStore('meta');
			await meta.put(this.#now(), 'lastAttemptAt');
			if (error === undefined) await meta.delete('lastError');
			else await meta.put(error, 'lastError');
			for (const id of ids) {
				const entry = await responses.get(id);
				if (entry) await responses.put({ ...entry, attempts: entry.attempts + 1 });
			}
		});
	}

	/**
	 * Everything still on the device, queued and refused with the server's reasons, as a
	 * JSON-serialisable object for the "export to a file" button.
	 */
	async exportAll(): Promise<OutboxExport> {
		const tx = this.#db.transaction(['responses', 'meta'], 'readonly');
		const [queued, refused, sent] = await within(tx, () => {
			const index = tx.objectStore('responses').index('by-state');
			return Promise.all([
				index.getAll(stateRange('queued')),
				index.getAll(stateRange('refused')),
				tx.objectStore('meta').get('sent')
			]);
		});
		const entries = [...queued, ...refused].map((entry): ExportedEntry => {
			const exported: ExportedEntry = {
				id: entry.id,
				round: entry.round,
				state: entry.state,
				attempts: entry.attempts,
				response: withoutDeviceKey(entry.response)
			};
			if (entry.refusal) {
				exported.refusal = { code: entry.refusal.code, reason: entry.refusal.reason };
			}
			return exported;
		});
		return {
			format: 'ita-outbox-export',
			version: 1,
			exportedAt: new Date(this.#now()).toISOString(),
			database: this.name,
			queued: queued.length,
			refused: refused.length,
			sent: (sent as number | undefined) ?? 0,
			entries
		};
	}

	/**
	 * Removes a refused entry, once an operator has exported it. Queued entries are never
	 * removed this way: only the server's acknowledgement takes them off the device.
	 * Resolves to whether an entry was removed.
	 */
	async discard(id: string): Promise<boolean> {
		const tx = this.#db.transaction('responses', 'readwrite');
		return within(tx, async () => {
			const entry = await tx.store.get(id);
			if (entry?.state !== 'refused') return false;
			await tx.store.delete(id);
			return true;
		});
	}

	close(): void {
		this.#db.close();
	}
}

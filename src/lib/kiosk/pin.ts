/**
 * The exit PIN, checked on the tablet (it works offline): the server gave the PIN's salt
 * and hash at enrolment, never the PIN. Three wrong PINs in a row lock the settings for a
 * minute, so that a visitor cannot try PINs one after another.
 */
import { sha256Hex } from './sha256.ts';

export interface PinSecret {
	salt: string;
	hash: string;
}

export const maxAttempts = 3;
export const lockMs = 60_000;

export type PinOutcome =
	| { ok: true }
	| { ok: false; locked: false; attemptsLeft: number }
	| { ok: false; locked: true; until: number };

/** The hash the server keeps for `pin` with `salt` (see create_kiosk). */
export function pinHash(salt: string, pin: string): string {
	return sha256Hex(`${salt}:${pin}`);
}

/** Where the lock's state outlives a reload (a visitor could otherwise reload to try again). */
export interface PinLockStore {
	read(): { failures: number; lockedUntil: number } | null;
	write(state: { failures: number; lockedUntil: number }): void;
}

/** The lock's state in the tablet's localStorage (none where there is no localStorage). */
export function localPinStore(key = 'ita-kiosk-pin-lock'): PinLockStore | undefined {
	if (typeof localStorage === 'undefined') return undefined;
	return {
		read() {
			try {
				const v = JSON.parse(localStorage.getItem(key) ?? 'null') as {
					failures?: unknown;
					lockedUntil?: unknown;
				} | null;
				return v && typeof v.failures === 'number' && typeof v.lockedUntil === 'number'
					? { failures: v.failures, lockedUntil: v.lockedUntil }
					: null;
			} catch {
				return null;
			}
		},
		write(state) {
			try {
				localStorage.setItem(key, JSON.stringify(state));
			} catch {
				// Storage full or refused: the lock still holds until the next reload.
			}
		}
	};
}

export class PinLock {
	#failures = 0;
	#lockedUntil = 0;
	readonly #now: () => number;
	readonly #store: PinLockStore | undefined;

	constructor(now: () => number = Date.now, store?: PinLockStore) {
		this.#now = now;
		this.#store = store;
		const saved = store?.read();
		if (saved) {
			this.#failures = saved.failures;
			this.#lockedUntil = saved.lockedUntil;
		}
	}

	#save() {
		this.#store?.write({ failures: this.#failures, lockedUntil: this.#lockedUntil });
	}

	/** When the lock opens again (device clock, ms), or null when it is not locked. */
	lockedUntil(): number | null {
		return this.#lockedUntil > this.#now() ? this.#lockedUntil : null;
	}

	/** Checks `pin`; while locked, every PIN (even the right one) is refused. */
	check(secret: PinSecret, pin: string): PinOutcome {
		const until = this.lockedUntil();
		if (until !== null) return { ok: false, locked: true, until };
		if (pinHash(secret.salt, pin.trim()) === secret.hash) {
			this.#failures = 0;
			this.#save();
			return { ok: true };
		}
		this.#failures += 1;
		if (this.#failures >= maxAttempts) {
			this.#failures = 0;
			this.#lockedUntil = this.#now() + lockMs;
			this.#save();
			return { ok: false, locked: true, until: this.#lockedUntil };
		}
		this.#save();
		return { ok: false, locked: false, attemptsLeft: maxAttempts - this.#failures };
	}
}

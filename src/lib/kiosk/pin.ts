/**
 * The exit PIN, checked on the tablet (it works offline): the server gave the PIN's
 * PBKDF2-SHA-256 hash, salt and iteration count at enrolment, never the PIN. A PIN is 4–8
 * digits, so what makes the hash costly to reverse is the key derivation's work (hundreds
 * of thousands of HMAC rounds per guess), not the PIN's length. Three wrong PINs in a row
 * lock the settings for a minute, so that a visitor cannot try PINs one after another.
 */
import { hexToBytes, pbkdf2Sha256Hex } from './pbkdf2.ts';

/** What the tablet keeps of the PIN (enrol_kiosk's `pin`, made by create_kiosk's caller). */
export interface PinSecret {
	algorithm: 'PBKDF2-SHA-256';
	iterations: number;
	/** 16 random bytes, hex. */
	salt: string;
	/** 32 bytes, hex. */
	hash: string;
}

/** The fewest iterations a PIN hash may have (create_kiosk refuses fewer). */
export const minPinIterations = 200_000;

export const maxAttempts = 3;
export const lockMs = 60_000;

export type PinOutcome =
	| { ok: true }
	| { ok: false; locked: false; attemptsLeft: number }
	| { ok: false; locked: true; until: number };

/** The hash of `pin` with the secret's salt and iterations (hex). */
export function pinHash(
	secret: Pick<PinSecret, 'salt' | 'iterations'>,
	pin: string
): Promise<string> {
	return pbkdf2Sha256Hex(pin, hexToBytes(secret.salt), secret.iterations);
}

/** Whether `pin` is the one the secret was made from. */
export async function pinMatches(secret: PinSecret, pin: string): Promise<boolean> {
	if (secret.algorithm !== 'PBKDF2-SHA-256' || !(secret.iterations >= minPinIterations)) {
		return false;
	}
	return (await pinHash(secret, pin)) === secret.hash;
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
	async check(secret: PinSecret, pin: string): Promise<PinOutcome> {
		const until = this.lockedUntil();
		if (until !== null) return { ok: false, locked: true, until };
		const right = await pinMatches(secret, pin.trim());
		// Locked meanwhile by a check that ended first: this one counts for nothing.
		const since = this.lockedUntil();
		if (since !== null) return { ok: false, locked: true, until: since };
		if (right) {
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

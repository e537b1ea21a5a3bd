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

export class PinLock {
	#failures = 0;
	#lockedUntil = 0;
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
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
			return { ok: true };
		}
		this.#failures += 1;
		if (this.#failures >= maxAttempts) {
			this.#failures = 0;
			this.#lockedUntil = this.#now() + lockMs;
			return { ok: false, locked: true, until: this.#lockedUntil };
		}
		return { ok: false, locked: false, attemptsLeft: maxAttempts - this.#failures };
	}
}

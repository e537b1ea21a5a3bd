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
	async check(secret: PinSecret, pin: string): Promise<PinOutcome> {
		const until = this.lockedUntil();
		if (until !== null) return { ok: false, locked: true, until };
		const right = await pinMatches(secret, pin.trim());
		// Locked meanwhile by a check that ended first: this one counts for nothing.
		const since = this.lockedUntil();
		if (since !== null) return { ok: false, locked: true, until: since };
		if (right) {
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

/**
 * The kiosk's exit PIN, hashed where it is typed in — the officers' screen's server — so
 * that the database, the network and the tablet only ever see its PBKDF2-SHA-256 hash
 * (see src/lib/kiosk/pin.ts, which checks it on the tablet, and create_kiosk). A PIN has
 * 4–8 digits: only the derivation's work makes a stolen hash slow to reverse.
 */
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { minPinIterations, type PinSecret } from '../kiosk/pin.ts';

/** Iterations for a new PIN: above create_kiosk's floor, still well under a second on a tablet. */
export const pinIterations = Math.max(minPinIterations, 300_000);

const derive = promisify(pbkdf2);

/** The hash of a PIN (4–8 digits; anything else is refused) with a fresh random salt. */
export async function hashKioskPin(pin: string, iterations = pinIterations): Promise<PinSecret> {
	if (!/^\d{4,8}$/.test(pin)) throw new Error('the exit PIN is 4 to 8 digits');
	const salt = randomBytes(16);
	const hash = await derive(pin, salt, iterations, 32, 'sha256');
	return {
		algorithm: 'PBKDF2-SHA-256',
		iterations,
		salt: salt.toString('hex'),
		hash: hash.toString('hex')
	};
}

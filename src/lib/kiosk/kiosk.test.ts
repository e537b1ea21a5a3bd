import { describe, expect, test } from 'vitest';
import { idlePhase, roundOpen } from './idle.ts';
import { bytesToHex, hexToBytes, pbkdf2Sha256Hex, pbkdf2Sha256Plain, sha256Hex } from './pbkdf2.ts';
import { lockMs, minPinIterations, PinLock, pinHash, pinMatches } from './pin.ts';
import { hashKioskPin } from '../server/kiosk-pin.ts';

describe('sha256Hex', () => {
	test('matches the published test vectors and Node', async () => {
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		const { createHash } = await import('node:crypto');
		for (const text of ['a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'ปุ่ม:1234'.repeat(20)]) {
			expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
		}
	});
});

describe('PBKDF2-SHA-256', () => {
	test('matches RFC 7914’s test vector and Node, with Web Crypto and without', async () => {
		const { pbkdf2Sync } = await import('node:crypto');
		// RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", 1, 64) — its first 32 bytes.
		expect(
			bytesToHex(
				pbkdf2Sha256Plain(new TextEncoder().encode('passwd'), new TextEncoder().encode('salt'), 1)
			)
		).toBe('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc');
		const cases: [string, string, number][] = [
			['2468', '00112233445566778899aabbccddeeff', 1000],
			['12345678', 'ffeeddccbbaa99887766554433221100', 4096],
			['k'.repeat(100), 'a1b2', 3]
		];
		for (const [password, salt, iterations] of cases) {
			const expected = pbkdf2Sync(
				password,
				Buffer.from(salt, 'hex'),
				iterations,
				32,
				'sha256'
			).toString('hex');
			const bytes = new TextEncoder().encode(password);
			expect(bytesToHex(pbkdf2Sha256Plain(bytes, hexToBytes(salt), iterations))).toBe(expected);
			expect(await pbkdf2Sha256Hex(password, hexToBytes(salt), iterations)).toBe(expected);
		}
	});

	test('without Web Crypto (a plain-http LAN address) the tablet still checks the PIN', async () => {
		const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
		Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
		try {
			expect(globalThis.crypto.subtle).toBeUndefined();
			expect(await pinMatches(secret, '2468')).toBe(true);
			expect(await pinMatches(secret, '2469')).toBe(false);
		} finally {
			if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
			else delete (globalThis.crypto as { subtle?: unknown }).subtle;
		}
	});
});

const secret = await hashKioskPin('2468', minPinIterations);

describe('the exit PIN', () => {
	test('is kept as a slow hash: PBKDF2-SHA-256, at least 200,000 iterations', async () => {
		expect(secret).toMatchObject({ algorithm: 'PBKDF2-SHA-256' });
		expect(secret.iterations).toBeGreaterThanOrEqual(200_000);
		// Too few iterations is no PIN the tablet accepts, even when the hash fits.
		const weak = { ...secret, iterations: 10 };
		weak.hash = await pinHash(weak, '2468');
		expect(await pinMatches(weak, '2468')).toBe(false);
	});

	test('the right PIN opens, a wrong one is refused with the tries left', async () => {
		const lock = new PinLock(() => 0);
		expect(await lock.check(secret, '1111')).toEqual({
			ok: false,
			locked: false,
			attemptsLeft: 2
		});
		expect(await lock.check(secret, '2468')).toEqual({ ok: true });
	});

	test('three wrong PINs lock for a minute, even against the right PIN', async () => {
		let now = 1_000;
		const lock = new PinLock(() => now);
		await lock.check(secret, '0000');
		await lock.check(secret, '0001');
		expect(await lock.check(secret, '0002')).toEqual({
			ok: false,
			locked: true,
			until: 1_000 + lockMs
		});
		now += lockMs - 1;
		expect(await lock.check(secret, '2468')).toMatchObject({ ok: false, locked: true });
		now += 1;
		expect(await lock.check(secret, '2468')).toEqual({ ok: true });
	});
});

describe('idle reset', () => {
	test('quiet for the idle time: a countdown; then the survey is discarded', () => {
		expect(idlePhase(0, 59_000, 60, 20)).toEqual({ phase: 'active' });
		expect(idlePhase(0, 60_000, 60, 20)).toEqual({ phase: 'warning', secondsLeft: 20 });
		expect(idlePhase(0, 79_500, 60, 20)).toEqual({ phase: 'warning', secondsLeft: 1 });
		expect(idlePhase(0, 80_000, 60, 20)).toEqual({ phase: 'expired' });
	});

	test("a kiosk collects only within its round's dates, while the round is open", () => {
		const round = { opensOn: '2026-11-01', closesOn: '2026-11-30', roundStatus: 'open' };
		expect(roundOpen(round, '2026-10-31')).toBe('notYet');
		expect(roundOpen(round, '2026-11-01')).toBe('open');
		expect(roundOpen(round, '2026-11-30')).toBe('open');
		expect(roundOpen(round, '2026-12-01')).toBe('closed');
		expect(roundOpen({ ...round, roundStatus: 'closed' }, '2026-11-15')).toBe('closed');
	});
});

describe('issue 15: the PIN lockout survives a reload', () => {
	test('a new lock on the same store is still locked, and counts the failures before it', async () => {
		let saved: { failures: number; lockedUntil: number } | null = null;
		const store = { read: () => saved, write: (s: typeof saved) => void (saved = s) };
		const now = () => 1_000_000;
		const first = new PinLock(now, store);
		expect(await first.check(secret, '1111')).toMatchObject({ attemptsLeft: 2 });
		// Reloaded: the failure is remembered.
		expect(await new PinLock(now, store).check(secret, '2222')).toMatchObject({ attemptsLeft: 1 });
		expect(await new PinLock(now, store).check(secret, '3333')).toMatchObject({ locked: true });
		// Reloaded while locked: even the right PIN waits.
		expect(await new PinLock(now, store).check(secret, '2468')).toMatchObject({ locked: true });
		expect(await new PinLock(() => 1_000_000 + 61_000, store).check(secret, '2468')).toEqual({
			ok: true
		});
	});
});

import { describe, expect, test } from 'vitest';
import { idlePhase, roundOpen } from './idle.ts';
import { lockMs, PinLock, pinHash } from './pin.ts';
import { sha256Hex } from './sha256.ts';

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

describe('the exit PIN', () => {
	const secret = { salt: 'a1b2', hash: pinHash('a1b2', '2468') };

	test('the right PIN opens, a wrong one is refused with the tries left', () => {
		const lock = new PinLock(() => 0);
		expect(lock.check(secret, '1111')).toEqual({ ok: false, locked: false, attemptsLeft: 2 });
		expect(lock.check(secret, '2468')).toEqual({ ok: true });
	});

	test('three wrong PINs lock for a minute, even against the right PIN', () => {
		let now = 1_000;
		const lock = new PinLock(() => now);
		lock.check(secret, '0000');
		lock.check(secret, '0001');
		expect(lock.check(secret, '0002')).toEqual({ ok: false, locked: true, until: 1_000 + lockMs });
		now += lockMs - 1;
		expect(lock.check(secret, '2468')).toMatchObject({ ok: false, locked: true });
		now += 1;
		expect(lock.check(secret, '2468')).toEqual({ ok: true });
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
	test('a new lock on the same store is still locked, and counts the failures before it', () => {
		let saved: { failures: number; lockedUntil: number } | null = null;
		const store = { read: () => saved, write: (s: typeof saved) => void (saved = s) };
		const now = () => 1_000_000;
		const secret = { salt: 'salt', hash: pinHash('salt', '2468') };
		const first = new PinLock(now, store);
		expect(first.check(secret, '1111')).toMatchObject({ attemptsLeft: 2 });
		// Reloaded: the failure is remembered.
		expect(new PinLock(now, store).check(secret, '2222')).toMatchObject({ attemptsLeft: 1 });
		expect(new PinLock(now, store).check(secret, '3333')).toMatchObject({ locked: true });
		// Reloaded while locked: even the right PIN waits.
		expect(new PinLock(now, store).check(secret, '2468')).toMatchObject({ locked: true });
		expect(new PinLock(() => 1_000_000 + 61_000, store).check(secret, '2468')).toEqual({
			ok: true
		});
	});
});

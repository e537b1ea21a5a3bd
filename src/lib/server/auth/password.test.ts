import { describe, expect, test } from 'vitest';
import { hashPassword, productionCost, verifyPassword } from './password.ts';

describe('passwords', () => {
	// The suite hashes at a lower cost (see password.ts); this test keeps the real one.
	test('at the production cost (scrypt N = 2^15, r = 8, p = 3) a hash verifies its password only', async () => {
		const hash = await hashPassword('ศาลาว่าการ-กทม-2570', productionCost);
		expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
		expect(await verifyPassword('ศาลาว่าการ-กทม-2570', hash)).toBe(true);
		expect(await verifyPassword('ศาลาว่าการ-กทม-2571', hash)).toBe(false);
	});

	test('the same password typed as composed or decomposed characters is the same password', async () => {
		const hash = await hashPassword('café-2570');
		expect(await verifyPassword('cafe\u0301-2570', hash)).toBe(true);
	});

	test('a hash beyond any cost this server sets is refused without computing it', async () => {
		expect(
			await verifyPassword('x', 'scrypt$2097152$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43))
		).toBe(false);
	});
});

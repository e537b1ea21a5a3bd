import { describe, expect, test } from 'vitest';
import { newId } from './uuid.ts';

const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
	test('without randomUUID (a page that is not a secure context): a v4 UUID from getRandomValues', () => {
		const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) };
		const ids = new Set(Array.from({ length: 1000 }, () => newId(insecure)));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(v4);
	});

	test('every byte value lands where it should (all zeros, all ones)', () => {
		expect(newId({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a })).toBe(
			'00000000-0000-4000-8000-000000000000'
		);
		const ones = <T extends ArrayBufferView | null>(a: T) => {
			(a as unknown as Uint8Array).fill(255);
			return a;
		};
		expect(newId({ getRandomValues: ones })).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
	});

	test('with randomUUID: that one', () => {
		expect(newId()).toMatch(v4);
	});
});

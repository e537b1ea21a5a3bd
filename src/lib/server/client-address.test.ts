import { describe, expect, it } from 'vitest';
import { clientAddress, inRange, parseCidr, parseTrustedProxies } from './client-address.ts';

describe('the client address', () => {
	const caddy = parseTrustedProxies('127.0.0.1, ::1');

	it('is the socket address when no proxy is configured, whatever the client claims', () => {
		expect(clientAddress('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
	});

	it('is read from X-Forwarded-For only behind a trusted proxy, from the right', () => {
		expect(clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.9', caddy)).toBe('203.0.113.9');
		expect(clientAddress('::ffff:127.0.0.1', '203.0.113.9', caddy)).toBe('203.0.113.9');
		expect(clientAddress('198.51.100.7', '203.0.113.9', caddy)).toBe('198.51.100.7');
	});

	it('skips proxies chained behind one another, and stops at garbage', () => {
		const two = parseTrustedProxies('127.0.0.1,10.0.0.0/8');
		expect(clientAddress('127.0.0.1', '203.0.113.9, 10.1.2.3', two)).toBe('203.0.113.9');
		expect(clientAddress('127.0.0.1', 'evil, 10.1.2.3', two)).toBe('10.1.2.3');
	});

	it('matches IPv4 and IPv6 ranges', () => {
		expect(inRange('192.168.1.77', parseCidr('192.168.1.0/24')!)).toBe(true);
		expect(inRange('192.168.2.77', parseCidr('192.168.1.0/24')!)).toBe(false);
		expect(inRange('2001:db8::5', parseCidr('2001:db8::/32')!)).toBe(true);
		expect(inRange('2001:db9::5', parseCidr('2001:db8::/32')!)).toBe(false);
		expect(inRange('::1', parseCidr('::1')!)).toBe(true);
	});

	it('refuses a proxy list it cannot read', () => {
		expect(() => parseTrustedProxies('127.0.0.1, localhostt')).toThrow(/localhostt/);
	});
});

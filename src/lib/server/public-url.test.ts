import { describe, expect, test } from 'vitest';
import { checkPublicUrl, isLoopbackHost, isPrivateHost } from './public-url.ts';

describe('ITA_PUBLIC_URL', () => {
	test('an https origin is taken as it is; unset is null', () => {
		expect(checkPublicUrl('https://ita.bangrak.go.th')).toEqual({
			ok: true,
			origin: 'https://ita.bangrak.go.th',
			https: true
		});
		expect(checkPublicUrl('https://ita.bangrak.go.th/')).toMatchObject({ ok: true });
		expect(checkPublicUrl('http://10.0.0.5:3000')).toEqual({
			ok: true,
			origin: 'http://10.0.0.5:3000',
			https: false
		});
		expect(checkPublicUrl(undefined)).toBeNull();
		expect(checkPublicUrl('  ')).toBeNull();
	});

	test('a path, a query, another scheme or no address at all is refused with a reason', () => {
		for (const bad of [
			'ita.bangrak.go.th',
			'ftp://ita.bangrak.go.th',
			'https://ita.bangrak.go.th/ita',
			'https://ita.bangrak.go.th/?x=1',
			'https://user@ita.bangrak.go.th'
		]) {
			const check = checkPublicUrl(bad);
			expect(check?.ok, bad).toBe(false);
			expect(check && !check.ok ? check.problem : '').toMatch(/ITA_PUBLIC_URL/);
		}
	});
});

describe('addresses a phone on mobile data cannot reach', () => {
	test('loopback, private and link-local addresses, LAN-only names', () => {
		for (const host of [
			'localhost',
			'app.localhost',
			'127.0.0.1',
			'127.1.2.3',
			'[::1]',
			'10.1.2.3',
			'172.16.0.9',
			'172.31.255.255',
			'192.168.1.10',
			'169.254.1.1',
			'100.64.0.1',
			'fd00::1',
			'[fe80::1]',
			'ita-server',
			'office.ita.test',
			'ita.office.lan',
			'printer.local',
			'nas.home.arpa'
		]) {
			expect(isPrivateHost(host), host).toBe(true);
		}
	});

	test('public names and addresses', () => {
		for (const host of [
			'ita.bangrak.go.th',
			'ita.bangkok.go.th.',
			'203.150.1.1',
			'172.32.0.1',
			'2001:db8::1',
			'example.com'
		]) {
			expect(isPrivateHost(host), host).toBe(false);
		}
	});

	test('loopback only: what browsers treat as secure over http', () => {
		expect(isLoopbackHost('localhost')).toBe(true);
		expect(isLoopbackHost('127.0.0.1')).toBe(true);
		expect(isLoopbackHost('[::1]')).toBe(true);
		expect(isLoopbackHost('192.168.1.10')).toBe(false);
		expect(isLoopbackHost('office.ita.test')).toBe(false);
	});
});

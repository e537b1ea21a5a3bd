/**
 * The office's public address (`ITA_PUBLIC_URL`, e.g. `https://ita.bangrak.go.th`): the
 * one origin that QR codes, posters, copied links, LINE shares, CORS and the cookies'
 * `Secure` flag use. Citizens scan a counter's QR code on mobile data, so an address
 * only the office's LAN knows (or `localhost`) makes a useless poster. Pure: read by
 * `npm start` (to warn) and by the app (src/lib/server/origin.ts).
 */
import { addressBytes, inRange, parseCidr, type Cidr } from './client-address.ts';

export type PublicUrlCheck =
	{ ok: true; origin: string; https: boolean } | { ok: false; problem: string };

/** `ITA_PUBLIC_URL` read: an http(s) origin, nothing after it. */
export function checkPublicUrl(value: string | undefined): PublicUrlCheck | null {
	const text = value?.trim();
	if (!text) return null;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			ok: false,
			problem: `ITA_PUBLIC_URL "${text}" is not an address (say https://ita.bangrak.go.th)`
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: `ITA_PUBLIC_URL must start with https:// (it is "${text}")` };
	}
	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
		return {
			ok: false,
			problem: `ITA_PUBLIC_URL must be an origin only, like https://ita.bangrak.go.th (it is "${text}")`
		};
	}
	return { ok: true, origin: url.origin, https: url.protocol === 'https:' };
}

const loopback: Cidr[] = ['127.0.0.0/8', '::1/128'].map((c) => parseCidr(c)!);
const privateRanges: Cidr[] = [
	'10.0.0.0/8',
	'172.16.0.0/12',
	'192.168.0.0/16',
	'169.254.0.0/16',
	'100.64.0.0/10',
	'0.0.0.0/8',
	'fc00::/7',
	'fe80::/10',
	'::/128'
].map((c) => parseCidr(c)!);

/** Names no public DNS answers (RFC 6761, 6762, 8375 and common LAN suffixes). */
const privateSuffixes = [
	'.localhost',
	'.local',
	'.lan',
	'.internal',
	'.intranet',
	'.home',
	'.corp',
	'.home.arpa',
	'.test',
	'.example',
	'.invalid'
];

function bare(hostname: string): string {
	return hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
}

/** `localhost`, `127.0.0.1`, `::1`: what browsers treat as secure even over http. */
export function isLoopbackHost(hostname: string): boolean {
	const h = bare(hostname);
	if (h === 'localhost' || h.endsWith('.localhost')) return true;
	return addressBytes(h) !== null && loopback.some((r) => inRange(h, r));
}

/**
 * True when a phone on mobile data cannot reach this name: loopback, a private or
 * link-local address, a name with no dot, or a suffix only a LAN resolves.
 */
export function isPrivateHost(hostname: string): boolean {
	const h = bare(hostname);
	if (isLoopbackHost(h)) return true;
	if (addressBytes(h) !== null) return privateRanges.some((r) => inRange(h, r));
	if (!h.includes('.')) return true;
	return privateSuffixes.some((s) => h.endsWith(s));
}

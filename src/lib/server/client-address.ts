/**
 * Who is really calling: the address of the socket, unless that socket is one of the
 * configured proxies (`ITA_TRUSTED_PROXIES`: addresses or CIDR ranges, comma-separated,
 * e.g. `127.0.0.1,::1` for Caddy on the same machine). Only then is `X-Forwarded-For`
 * read, from its right end, skipping the proxies' own addresses; a client cannot put a
 * false address in front of ours. With no proxy configured the header is ignored.
 */

export interface Cidr {
	bytes: Uint8Array;
	bits: number;
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are one client. */
export function normalAddress(address: string): string {
	const a = address.trim().replace(/^\[|\]$/g, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
	return (mapped ? mapped[1] : a).toLowerCase();
}

function ipv4Bytes(a: string): Uint8Array | null {
	const parts = a.split('.');
	if (parts.length !== 4) return null;
	const out = new Uint8Array(4);
	for (let i = 0; i < 4; i++) {
		if (!/^\d{1,3}$/.test(parts[i])) return null;
		const n = Number(parts[i]);
		if (n > 255) return null;
		out[i] = n;
	}
	return out;
}

function ipv6Bytes(a: string): Uint8Array | null {
	// Dotted tails other than ::ffff:a.b.c.d (normalised away above) are not supported.
	if (!a.includes(':') || a.includes('.')) return null;
	const halves = a.split('::');
	if (halves.length > 2) return null;
	const parse = (s: string) =>
		s === '' ? [] : s.split(':').map((h) => (/^[0-9a-f]{1,4}$/.test(h) ? parseInt(h, 16) : NaN));
	const head = parse(halves[0]);
	const rest = halves.length === 2 ? parse(halves[1]) : [];
	const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
	if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
	const all = [...head, ...Array<number>(fill).fill(0), ...rest];
	if (all.length !== 8 || all.some((g) => Number.isNaN(g))) return null;
	const out = new Uint8Array(16);
	all.forEach((g, i) => {
		out[2 * i] = g >> 8;
		out[2 * i + 1] = g & 0xff;
	});
	return out;
}

export function addressBytes(address: string): Uint8Array | null {
	const a = normalAddress(address);
	return ipv4Bytes(a) ?? ipv6Bytes(a);
}

/** `10.0.0.0/8`, `::1`, `192.168.1.5` → a range; null when it cannot be read. */
export function parseCidr(text: string): Cidr | null {
	const [address, bits] = text.trim().split('/');
	const bytes = addressBytes(address);
	if (!bytes) return null;
	const max = bytes.length * 8;
	const n = bits === undefined ? max : Number(bits);
	if (!Number.isInteger(n) || n < 0 || n > max) return null;
	return { bytes, bits: n };
}

export function inRange(address: string, range: Cidr): boolean {
	const bytes = addressBytes(address);
	if (!bytes || bytes.length !== range.bytes.length) return false;
	for (let bit = 0; bit < range.bits; bit++) {
		const mask = 0x80 >> (bit % 8);
		if ((bytes[bit >> 3] & mask) !== (range.bytes[bit >> 3] & mask)) return false;
	}
	return true;
}

/** `ITA_TRUSTED_PROXIES` read; throws on an entry it cannot read (a typo must not open a hole). */
export function parseTrustedProxies(value: string | undefined): Cidr[] {
	return (value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((entry) => {
			const range = parseCidr(entry);
			if (!range) throw new Error(`ITA_TRUSTED_PROXIES: "${entry}" is not an address or range`);
			return range;
		});
}

/**
 * The client's address: the socket's, or — when the socket is a trusted proxy — the
 * right-most address of `X-Forwarded-For` that is not itself a trusted proxy.
 */
export function clientAddress(
	socketAddress: string,
	forwardedFor: string | null | undefined,
	proxies: Cidr[]
): string {
	let client = normalAddress(socketAddress);
	const trusted = (a: string) => proxies.some((p) => inRange(a, p));
	if (!trusted(client) || !forwardedFor) return client;
	const hops = forwardedFor
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	for (let i = hops.length - 1; i >= 0; i--) {
		if (!addressBytes(hops[i])) break;
		client = normalAddress(hops[i]);
		if (!trusted(client)) break;
	}
	return client;
}

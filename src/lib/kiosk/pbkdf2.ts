/**
 * PBKDF2-HMAC-SHA-256 for the kiosk's exit PIN: Web Crypto where the page has it, and the
 * same computation in plain TypeScript where it has not — `crypto.subtle` exists only in
 * secure contexts, and an embedded server on the office LAN is often reached over plain
 * http://192.168.…, where the tablet must still check its PIN offline.
 *
 * The plain version keeps HMAC's inner and outer states after the key's block, so one
 * iteration costs two SHA-256 compressions (as in every serious implementation): about
 * 0.1–0.5 s for the PIN's iterations on a tablet.
 */

const K = new Uint32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);

const IV = [
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
];

/** One SHA-256 compression of the 16-word block `w[0..15]` into `h` (`w` is scratch, 64 words). */
function compress(h: Uint32Array, w: Uint32Array): void {
	for (let i = 16; i < 64; i++) {
		const x = w[i - 15];
		const y = w[i - 2];
		const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
		const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
		w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
	}
	let a = h[0],
		b = h[1],
		c = h[2],
		d = h[3],
		e = h[4],
		f = h[5],
		g = h[6],
		hh = h[7];
	for (let i = 0; i < 64; i++) {
		const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
		const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
		const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
		const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
		hh = g;
		g = f;
		f = e;
		e = (d + t1) | 0;
		d = c;
		c = b;
		b = a;
		a = (t1 + t2) | 0;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

/** SHA-256 state after `prefix` (64 bytes) and then `data`, finished (padding and length). */
function sha256After(state: Uint32Array | null, data: Uint8Array): Uint32Array {
	const h = state ? state.slice() : new Uint32Array(IV);
	const before = state ? 64 : 0;
	const total = before + data.length;
	const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
	padded.set(data);
	padded[data.length] = 0x80;
	const view = new DataView(padded.buffer);
	view.setUint32(padded.length - 8, Math.floor((total * 8) / 2 ** 32));
	view.setUint32(padded.length - 4, (total * 8) >>> 0);
	const w = new Uint32Array(64);
	for (let offset = 0; offset < padded.length; offset += 64) {
		for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
		compress(h, w);
	}
	return h;
}

/** A SHA-256 state as its 32 bytes, big-endian. */
function wordsToBytes(h: Uint32Array): Uint8Array {
	const out = new Uint8Array(32);
	const view = new DataView(out.buffer);
	h.forEach((x, i) => view.setUint32(i * 4, x));
	return out;
}

/** HMAC-SHA-256's states after the key's inner and outer pads. */
function hmacStates(key: Uint8Array): { inner: Uint32Array; outer: Uint32Array } {
	// A key longer than a block is hashed first (RFC 2104).
	const k = key.length > 64 ? wordsToBytes(sha256After(null, key)) : key;
	const pad = (byte: number) => {
		const w = new Uint32Array(64);
		const block = new Uint8Array(64).fill(byte);
		k.forEach((x, i) => (block[i] ^= x));
		const view = new DataView(block.buffer);
		for (let i = 0; i < 16; i++) w[i] = view.getUint32(i * 4);
		const h = new Uint32Array(IV);
		compress(h, w);
		return h;
	};
	return { inner: pad(0x36), outer: pad(0x5c) };
}

/** PBKDF2-HMAC-SHA-256 in plain TypeScript: `length` bytes (at most 32 here). */
export function pbkdf2Sha256Plain(
	password: Uint8Array,
	salt: Uint8Array,
	iterations: number,
	length = 32
): Uint8Array {
	if (length > 32) throw new Error('one block of output only');
	const { inner, outer } = hmacStates(password);
	// U1 = HMAC(password, salt || INT(1))
	const first = new Uint8Array(salt.length + 4);
	first.set(salt);
	first[salt.length + 3] = 1;
	const innerDigest = sha256After(inner, first);
	let u = sha256After(outer, wordsToBytes(innerDigest));
	const t = u.slice();
	// Further rounds hash exactly 32 bytes after a 64-byte prefix: one block each, padding fixed.
	const w = new Uint32Array(64);
	const h = new Uint32Array(8);
	const block = (state: Uint32Array, words: Uint32Array) => {
		for (let i = 0; i < 8; i++) w[i] = words[i];
		w[8] = 0x80000000;
		for (let i = 9; i < 15; i++) w[i] = 0;
		w[15] = (64 + 32) * 8;
		h.set(state);
		compress(h, w);
		return h.slice();
	};
	for (let i = 1; i < iterations; i++) {
		u = block(outer, block(inner, u));
		for (let j = 0; j < 8; j++) t[j] ^= u[j];
	}
	return wordsToBytes(t).slice(0, length);
}

/** The SHA-256 of `text` (UTF-8) as 64 lower-case hex digits: the hash the PBKDF2 above runs on. */
export function sha256Hex(text: string): string {
	return bytesToHex(wordsToBytes(sha256After(null, new TextEncoder().encode(text))));
}

export function hexToBytes(hex: string): Uint8Array {
	if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
	return Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function bytesToHex(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * PBKDF2-HMAC-SHA-256 of `password` (UTF-8) with `salt`, 32 bytes as hex: Web Crypto when
 * the page has it (a secure context), otherwise the plain version — same result.
 */
export async function pbkdf2Sha256Hex(
	password: string,
	salt: Uint8Array,
	iterations: number
): Promise<string> {
	const bytes = new TextEncoder().encode(password);
	const subtle = globalThis.crypto?.subtle;
	if (subtle) {
		try {
			const key = await subtle.importKey('raw', bytes, 'PBKDF2', false, ['deriveBits']);
			const bits = await subtle.deriveBits(
				{ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
				key,
				256
			);
			return bytesToHex(new Uint8Array(bits));
		} catch {
			// A browser whose Web Crypto lacks PBKDF2: the plain version below.
		}
	}
	return bytesToHex(pbkdf2Sha256Plain(bytes, salt, iterations));
}

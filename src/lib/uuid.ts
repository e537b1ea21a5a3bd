/**
 * A response's id, made on the device. `crypto.randomUUID` exists only in secure
 * contexts (https, or localhost): a phone that opened the survey at
 * `http://192.168.1.10:3000` has `crypto.getRandomValues` but no `randomUUID`, and must
 * still be able to finish. Both give a version-4 UUID from the browser's CSPRNG.
 */
export function newId(source: Pick<Crypto, 'getRandomValues'> & Partial<Crypto> = crypto): string {
	if (typeof source.randomUUID === 'function') return source.randomUUID();
	const b = source.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40; // version 4
	b[8] = (b[8] & 0x3f) | 0x80; // variant 10xx
	const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Password hashing with scrypt (RFC 7914), Node's built-in memory-hard KDF. Stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), so that the cost can be raised
 * later without invalidating the passwords already stored.
 *
 * N = 2^15, r = 8, p = 3 is one of OWASP's equivalent minimum settings for scrypt: it
 * needs 32 MiB per hash (rather than 128 MiB for N = 2^17, p = 1), which a small
 * district-office machine can afford when several staff sign in at once.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** What every password is hashed with. */
export const productionCost = { N: 2 ** 15, r: 8, p: 3 };
/**
 * The test suite's cost (N = 2^10, p = 1: ~100 times cheaper), taken only under vitest
 * (NODE_ENV=test) with ITA_TEST_FAST_HASH=1, which vite.config.ts sets for the tests: the
 * suite makes dozens of accounts and would spend its time hashing. One test
 * (password.test.ts) still hashes at the production cost. The cost is stored in each hash,
 * so either kind verifies anywhere.
 */
const testCost = { N: 2 ** 10, r: 8, p: 1 };
const cost =
	process.env.NODE_ENV === 'test' && process.env.ITA_TEST_FAST_HASH === '1'
		? testCost
		: productionCost;
const saltBytes = 16;
const keyBytes = 32;

function derive(password: string, salt: Buffer, keylen: number, options: ScryptOptions) {
	return new Promise<Buffer>((resolve, reject) => {
		// Same text, same bytes: "é" typed as one character or as e + accent is the same password.
		scrypt(
			password.normalize('NFKC'),
			salt,
			keylen,
			{ ...options, maxmem: 256 * options.N! * options.r! },
			(error, key) => (error ? reject(error) : resolve(key))
		);
	});
}

/** A new salted hash of the password, different every time. */
export async function hashPassword(password: string, using = cost): Promise<string> {
	const salt = randomBytes(saltBytes);
	const hash = await derive(password, salt, keyBytes, using);
	return [
		'scrypt',
		using.N,
		using.r,
		using.p,
		salt.toString('base64url'),
		hash.toString('base64url')
	].join('$');
}

const stored = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/**
 * Whether the password is the one hashed in `hash`, compared in constant time. A hash
 * that is malformed, or whose cost is beyond what this server would ever have set, never
 * matches (and is not computed).
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
	const m = stored.exec(hash);
	if (!m) return false;
	const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
	if (!powerOfTwo || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
	const salt = Buffer.from(m[4], 'base64url');
	const expected = Buffer.from(m[5], 'base64url');
	if (expected.length < 16 || expected.length > 64) return false;
	const actual = await derive(password, salt, expected.length, { N, r, p });
	return timingSafeEqual(actual, expected);
}

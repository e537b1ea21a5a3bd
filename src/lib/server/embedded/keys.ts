/**
 * Keys as a Supabase project has them: a JWT secret (made on first start and kept in
 * the data folder, readable by its owner only), an anon key and a service key, both
 * JWTs signed with it. Every request's token is verified with the same secret.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';

export interface Keys {
	secret: Uint8Array;
	anonKey: string;
	serviceKey: string;
}

const issuer = 'ita-collect';

export function signToken(
	secret: Uint8Array,
	claims: JWTPayload,
	expiresIn: string
): Promise<string> {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuer(issuer)
		.setIssuedAt()
		.setExpirationTime(expiresIn)
		.sign(secret);
}

/** Verifies signature and expiry; throws jose's errors (JWTExpired, JWSSignatureVerificationFailed …). */
export async function verifyToken(secret: Uint8Array, token: string): Promise<JWTPayload> {
	const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
	return payload;
}

/** Reads the folder's keys, making them on first start. */
export async function loadKeys(folder: string): Promise<Keys> {
	const path = join(folder, 'keys.json');
	try {
		const saved = JSON.parse(await readFile(path, 'utf8')) as {
			jwtSecret: string;
			anonKey: string;
			serviceKey: string;
		};
		return {
			secret: Buffer.from(saved.jwtSecret, 'base64url'),
			anonKey: saved.anonKey,
			serviceKey: saved.serviceKey
		};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const secret = randomBytes(32);
	const keys: Keys = {
		secret,
		// Like Supabase's: long-lived, since kiosks and phones keep them offline.
		anonKey: await signToken(secret, { role: 'anon' }, '10y'),
		serviceKey: await signToken(secret, { role: 'service_role' }, '10y')
	};
	await writeFile(
		path,
		JSON.stringify(
			{
				jwtSecret: secret.toString('base64url'),
				anonKey: keys.anonKey,
				serviceKey: keys.serviceKey
			},
			null,
			'\t'
		),
		{ mode: 0o600 }
	);
	return keys;
}

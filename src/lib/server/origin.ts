/**
 * The app's view of its public address (see public-url.ts), read from the environment.
 */
import { env } from '$env/dynamic/private';
import { checkPublicUrl, isLoopbackHost } from './public-url.ts';

function configured(): { origin: string; https: boolean } | null {
	const check = checkPublicUrl(env.ITA_PUBLIC_URL);
	return check?.ok ? check : null;
}

/**
 * The origin of every link handed to respondents (QR codes, posters, copy, LINE, kiosk
 * enrolment): `ITA_PUBLIC_URL` when set — never the request's Host header then — or
 * else the address this request came in at.
 */
export function publicOrigin(requestUrl: URL): string {
	return configured()?.origin ?? requestUrl.origin;
}

/** True when ITA_PUBLIC_URL is set (so links do not depend on how the officer came in). */
export function hasPublicUrl(): boolean {
	return configured() !== null;
}

/** Cookies are `Secure` when the public address is https, or this request came over https. */
export function secureCookies(requestUrl: URL): boolean {
	return configured()?.https === true || requestUrl.protocol === 'https:';
}

/** Reached over plain http at a name other than localhost: passwords cross the network in clear. */
export function insecureOfficerAccess(requestUrl: URL): boolean {
	return requestUrl.protocol === 'http:' && !isLoopbackHost(requestUrl.hostname);
}

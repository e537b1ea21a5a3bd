/**
 * The address a request really comes from, for the throttles: the connection's peer, or
 * the X-Forwarded-For of a proxy named in ITA_TRUSTED_PROXIES (./client-address.ts).
 */
import { env } from '$env/dynamic/private';
import { clientAddress, parseTrustedProxies } from './client-address.ts';

export function requestAddress(event: { request: Request; getClientAddress(): string }): string {
	return clientAddress(
		event.getClientAddress(),
		event.request.headers.get('x-forwarded-for'),
		parseTrustedProxies(env.ITA_TRUSTED_PROXIES)
	);
}

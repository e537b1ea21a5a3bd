/**
 * The links respondents follow, as the QR codes and posters carry them. Pure, so the
 * screens, the downloads and the tests build exactly the same addresses.
 */

/** The EIT link of one counter: `<origin>/r/<round>?sp=<service point>`. */
export function eitLink(origin: string, round: string, servicePoint: string): string {
	const url = new URL(`/r/${encodeURIComponent(round)}`, origin);
	url.searchParams.set('sp', servicePoint);
	return url.href;
}

/**
 * The IIT link for staff: `<origin>/r/<round>/iit`, with `?code=<access code>` only when
 * the officer chose to put the code in the link (anyone with the link can then answer).
 */
export function iitLink(origin: string, round: string, accessCode?: string | null): string {
	const url = new URL(`/r/${encodeURIComponent(round)}/iit`, origin);
	if (accessCode) url.searchParams.set('code', accessCode);
	return url.href;
}

/** LINE's share screen with a message and a link (works in LINE's app and on a computer). */
export function lineShareUrl(link: string, message: string): string {
	const url = new URL('https://social-plus.line.me/lineit/share');
	url.searchParams.set('url', link);
	url.searchParams.set('text', message);
	return url.href;
}

/** A file name for a downloaded QR code: safe on every system, says what it is. */
export function qrFileName(round: string, target: string, format: 'svg' | 'png'): string {
	const safe = (s: string) => s.replace(/[^a-z0-9-]/gi, '-');
	return `qr-${safe(round)}-${safe(target)}.${format}`;
}

/** Messages the pages send the worker. */

/**
 * `{type: 'SKIP_WAITING'}`: the page accepts the waiting version (workbox-window's
 * `messageSkipWaiting()` sends exactly this). It is the only way a new version takes
 * over an open page: the survey page sends it only when no survey is in progress.
 */
export function isSkipWaiting(data: unknown): boolean {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === 'SKIP_WAITING'
	);
}

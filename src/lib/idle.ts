/** Runs `work` when the browser is idle (or after `ms` at the latest); returns a cancel. */
export function whenIdle(work: () => void, ms = 3000): () => void {
	if ('requestIdleCallback' in window) {
		const handle = window.requestIdleCallback(work, { timeout: ms });
		return () => window.cancelIdleCallback(handle);
	}
	const handle = setTimeout(work, Math.min(ms, 1500));
	return () => clearTimeout(handle);
}

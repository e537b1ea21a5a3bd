/**
 * Runs `work` once the page has loaded (its `load` event: the first screen's scripts, styles
 * and fonts are in) and then the browser is idle, or `ms` after the load at the latest;
 * returns a cancel. What waits here — the later screens, the outbox, the service worker —
 * never competes with the first screen for a weak signal.
 */
export function whenIdle(work: () => void, ms = 3000): () => void {
	let cancel = () => {};
	const schedule = () => {
		if ('requestIdleCallback' in window) {
			const handle = window.requestIdleCallback(work, { timeout: ms });
			cancel = () => window.cancelIdleCallback(handle);
		} else {
			const handle = setTimeout(work, Math.min(ms, 1500));
			cancel = () => clearTimeout(handle);
		}
	};
	if (document.readyState === 'complete') {
		schedule();
	} else {
		window.addEventListener('load', schedule, { once: true });
		cancel = () => window.removeEventListener('load', schedule);
	}
	return () => cancel();
}

/**
 * Keeps a kiosk's screen on: a screen wake lock, taken again whenever the page becomes
 * visible (the browser drops it when the tab is hidden). Returns the release.
 * Browsers without the API (or that refuse it) keep their own screen settings.
 */
export function holdScreen(document: Document): () => void {
	let lock: WakeLockSentinel | null = null;
	let stopped = false;
	const take = async () => {
		if (stopped || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
		try {
			lock = await navigator.wakeLock.request('screen');
		} catch {
			// Refused (battery saver, policy): the tablet's own settings apply.
		}
	};
	const onVisibility = () => void take();
	document.addEventListener('visibilitychange', onVisibility);
	void take();
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', onVisibility);
		void lock?.release().catch(() => {});
	};
}

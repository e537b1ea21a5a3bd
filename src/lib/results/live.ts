/**
 * Keeps an open results page current: `refresh` every `seconds` while the page is
 * visible, and at once when it becomes visible again — a hidden tab costs the server
 * nothing. Returns the cleanup (for an $effect).
 */
export const REFRESH_SECONDS = 45;

export interface VisibleDocument {
	readonly visibilityState: DocumentVisibilityState;
	addEventListener(type: 'visibilitychange', listener: () => void): void;
	removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export function keepFresh(
	doc: VisibleDocument,
	refresh: () => unknown,
	seconds = REFRESH_SECONDS
): () => void {
	const ifVisible = () => {
		if (doc.visibilityState === 'visible') void refresh();
	};
	const timer = setInterval(ifVisible, seconds * 1000);
	doc.addEventListener('visibilitychange', ifVisible);
	return () => {
		clearInterval(timer);
		doc.removeEventListener('visibilitychange', ifVisible);
	};
}

/**
 * Service-worker registration and the "new version" prompt.
 *
 * SvelteKit's own registration is off (`kit.serviceWorker.register = false` in
 * svelte.config.js): workbox-window registers the worker so that the page learns when a
 * new version is waiting. The new version never takes over by itself (the worker does not
 * skipWaiting() on install); the page decides when:
 *
 * ```ts
 * const updates = new Updates();
 * onMount(() => void updates.register());
 * // only between surveys: on the start or thank-you screen, never while answering
 * if (updates.available && !surveyInProgress) updates.apply();
 * ```
 *
 * apply() reloads the page once the new version controls it. Answers already given are
 * safe either way — they are in the IndexedDB outbox, which the worker never touches —
 * but a reload in the middle of a survey would throw away the answers not yet submitted
 * and confuse the respondent, so the caller must not call apply() while a survey is in
 * progress.
 */
import { browser, dev } from '$app/environment';
import type { Workbox } from 'workbox-window';

/** Where SvelteKit serves the worker (a module in dev, a classic script once built). */
export const SERVICE_WORKER_URL = '/service-worker.js';

export class Updates {
	#available = $state(false);
	#workbox: Workbox | undefined;
	#applying = false;

	/** A new version is installed and waiting; apply() switches to it. */
	get available(): boolean {
		return this.#available;
	}

	/**
	 * Registers the service worker. Does nothing on the server, in browsers without
	 * service workers, or when called again. Never throws: the app works without a worker,
	 * only not offline.
	 */
	async register(): Promise<void> {
		if (!browser || !('serviceWorker' in navigator) || this.#workbox) return;
		// Loaded after the first paint: the respondent's first screen does not wait for it.
		const { Workbox } = await import('workbox-window');
		const workbox = new Workbox(SERVICE_WORKER_URL, { type: dev ? 'module' : 'classic' });
		this.#workbox = workbox;
		workbox.addEventListener('waiting', () => {
			this.#available = true;
		});
		try {
			await workbox.register();
		} catch (error) {
			console.warn('Service worker not registered: the app will not work offline.', error);
		}
	}

	/**
	 * Asks the browser whether the server has a new version (a kiosk that stays on one page
	 * for days is never navigated, so the browser's own check never runs). Never throws.
	 */
	async check(): Promise<void> {
		try {
			await this.#workbox?.update();
		} catch {
			// Offline or the server is down: the next check will tell.
		}
	}

	/**
	 * Switches to the waiting version and reloads the page when it has taken control.
	 * Call it only when no survey is in progress.
	 */
	apply(): void {
		const workbox = this.#workbox;
		if (!workbox || !this.#available) return;
		if (!this.#applying) {
			this.#applying = true;
			// Listened to only from here on: `controlling` also fires when the very first
			// worker claims the page (and workbox-window's isUpdate cannot tell the two
			// apart), which must not reload a survey someone has just started.
			workbox.addEventListener('controlling', () => window.location.reload());
		}
		workbox.messageSkipWaiting();
	}
}

/**
 * A respondent's first screen is painted before its scripts are fetched. On a weak signal
 * the page's HTML (with its styles inside) can be drawn as soon as it arrives; the 38 KiB of
 * scripts that make its buttons work should not compete with that for the line, and a
 * phone's browser should not spend the first paint's time compiling them. So the survey
 * pages send no modulepreload links (hooks.server.ts), and SvelteKit's start-up script
 * waits for the first contentful paint before it imports the app — then adds the links
 * SvelteKit would have sent, so that every first-screen module is fetched at once rather
 * than import by import. The buttons say "not yet" (disabled) until the app has started,
 * as before; a code typed meanwhile is kept (AccessCodeField.svelte).
 */

/** The pages whose first paint waits for no script: the survey's (EIT and IIT). */
export function paintsBeforeScripts(routeId: string | null): boolean {
	return routeId?.startsWith('/(public)/r/') ?? false;
}

/** SvelteKit's start-up (its `split` bundle strategy): `Promise.all([import(start), import(app)])`. */
const start = /Promise\.all\(\[(\s*import\("[^"]+"\),\s*import\("[^"]+"\)\s*)\]\)/;

/**
 * `html` with SvelteKit's start-up deferred until the first contentful paint (at once where
 * the browser cannot report paints; after `fallbackMs` at the latest), preloading `modules`
 * then. Unchanged if the start-up is not found (a SvelteKit that writes it otherwise): the
 * page then starts as soon as it can, which is only slower.
 */
export function startAfterFirstPaint(html: string, modules: string[], fallbackMs = 1000): string {
	return html.replace(
		start,
		(_, imports: string) => `new Promise((go) => {
						const types = window.PerformanceObserver?.supportedEntryTypes ?? [];
						if (!types.includes('paint')) return go();
						setTimeout(go, ${fallbackMs});
						new PerformanceObserver((list, observer) => {
							if (!list.getEntriesByName('first-contentful-paint').length) return;
							observer.disconnect();
							go();
						}).observe({ type: 'paint', buffered: true });
					}).then(() => {
						for (const href of ${JSON.stringify(modules)}) {
							const link = document.createElement('link');
							link.rel = 'modulepreload';
							link.href = href;
							document.head.append(link);
						}
						return Promise.all([${imports}]);
					})`
	);
}

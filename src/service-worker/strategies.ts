/**
 * The two ways the worker answers: from the cache first (the app shell), or from the
 * network first with the cached copy as the fallback (pages, questionnaires).
 */

/** How long a page may take before the cached copy is shown: a slow 2G link is not "online". */
export const NETWORK_TIMEOUT_MS = 3000;

export interface NetworkFirstOptions {
	cacheName: string;
	/** What the response is cached and looked up under. */
	key: string;
	timeoutMs?: number;
	/** The event's `waitUntil`, so that a response arriving after the timeout is still cached. */
	waitUntil(promise: Promise<unknown>): void;
	/** What to answer when the network fails and nothing is cached; the network error if absent. */
	fallback?: () => Response;
}

/** Only complete, successful answers are kept: no redirects, errors or opaque responses. */
function cacheable(response: Response): boolean {
	return response.status === 200;
}

/**
 * Network first: the network's answer when it comes within the timeout (and it is cached);
 * otherwise the cached copy; with no cached copy, whatever the network eventually says.
 */
export async function networkFirst(
	request: Request,
	options: NetworkFirstOptions
): Promise<Response> {
	const { cacheName, key, timeoutMs = NETWORK_TIMEOUT_MS } = options;
	const network = fetch(request);
	// Registered before anyone reads the body, so the clone gets the whole of it.
	options.waitUntil(
		network
			.then(async (response) => {
				if (!cacheable(response)) return;
				const copy = response.clone();
				const cache = await caches.open(cacheName);
				await cache.put(key, copy);
			})
			.catch(() => undefined)
	);
	const cached = () => caches.open(cacheName).then((cache) => cache.match(key));

	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), timeoutMs);
	});
	try {
		const first = await Promise.race([network, timeout]);
		if (first !== 'timeout') return first;
		return (await cached()) ?? (await network);
	} catch (error) {
		const copy = await cached();
		if (copy) return copy;
		if (options.fallback) return options.fallback();
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Cache first: this version's precache, then any of our caches (a waiting update's shell
 * holds the files of pages the server already sends), then the network.
 */
export async function cacheFirst(
	request: Request,
	options: { cacheName: string; key: string }
): Promise<Response> {
	const own = await caches.open(options.cacheName);
	return (await own.match(options.key)) ?? (await caches.match(options.key)) ?? fetch(request);
}

/** What a page that was never opened online shows offline. */
export function offlinePage(): Response {
	const html = `<!doctype html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ออฟไลน์ · Offline</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.6"><h1>ไม่มีการเชื่อมต่อ</h1><p>หน้านี้ยังไม่เคยเปิดบนเครื่องนี้ขณะออนไลน์ โปรดเชื่อมต่ออินเทอร์เน็ตแล้วลองอีกครั้ง</p><p lang="en">You are offline and this page has not been opened on this device before. Connect and try again.</p></body></html>`;
	return new Response(html, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/**
 * In-memory stand-ins for the worker's globals (`caches`, `fetch`, `self`), for the unit
 * tests only: the worker never imports this file.
 */
import { vi } from 'vitest';

export const ORIGIN = 'https://ita.example';

function keyOf(request: RequestInfo | URL): string {
	const url =
		typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
	return new URL(url, ORIGIN).href;
}

/** One cache: matches on the full URL, like Cache Storage without `ignoreSearch`. */
export class FakeCache {
	readonly entries = new Map<string, Response>();

	match(request: RequestInfo | URL): Promise<Response | undefined> {
		return Promise.resolve(this.entries.get(keyOf(request))?.clone());
	}

	async put(request: RequestInfo | URL, response: Response): Promise<void> {
		// Cache Storage reads the whole body before it stores.
		const body = await response.arrayBuffer();
		this.entries.set(keyOf(request), new Response(body, response));
	}

	async addAll(requests: (RequestInfo | URL)[]): Promise<void> {
		const fetched: [RequestInfo | URL, Response][] = [];
		for (const request of requests) {
			const response = await fetch(request);
			if (!response.ok)
				throw new TypeError(`addAll: ${keyOf(request)} answered ${response.status}`);
			fetched.push([request, response]);
		}
		for (const [request, response] of fetched) await this.put(request, response);
	}

	keys(): Promise<Request[]> {
		return Promise.resolve([...this.entries.keys()].map((url) => new Request(url)));
	}

	delete(request: RequestInfo | URL): Promise<boolean> {
		return Promise.resolve(this.entries.delete(keyOf(request)));
	}
}

export class FakeCacheStorage {
	readonly stores = new Map<string, FakeCache>();

	open(name: string): Promise<FakeCache> {
		let cache = this.stores.get(name);
		if (!cache) {
			cache = new FakeCache();
			this.stores.set(name, cache);
		}
		return Promise.resolve(cache);
	}

	has(name: string): Promise<boolean> {
		return Promise.resolve(this.stores.has(name));
	}

	keys(): Promise<string[]> {
		return Promise.resolve([...this.stores.keys()]);
	}

	delete(name: string): Promise<boolean> {
		return Promise.resolve(this.stores.delete(name));
	}

	async match(request: RequestInfo | URL): Promise<Response | undefined> {
		for (const cache of this.stores.values()) {
			const found = await cache.match(request);
			if (found) return found;
		}
		return undefined;
	}
}

/** Installs a fresh `caches` and returns it. */
export function stubCaches(): FakeCacheStorage {
	const storage = new FakeCacheStorage();
	vi.stubGlobal('caches', storage);
	return storage;
}

export type Server = (url: string) => Response | Promise<Response>;

/**
 * Installs a `fetch` answered by `server` (by absolute URL); `offline()` makes every
 * later call fail the way a browser's fetch does with no network.
 */
export function stubFetch(server: Server) {
	let online = true;
	const fetchMock = vi.fn((request: RequestInfo | URL) => {
		if (!online) return Promise.reject(new TypeError('Failed to fetch'));
		return Promise.resolve(server(keyOf(request)));
	});
	vi.stubGlobal('fetch', fetchMock);
	return {
		fetch: fetchMock,
		offline: () => {
			online = false;
		},
		online: () => {
			online = true;
		}
	};
}

/** Collects what was handed to `waitUntil`, so a test can wait for the background work. */
export function lifetime() {
	const pending: Promise<unknown>[] = [];
	return {
		waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
		settled: () => Promise.allSettled(pending)
	};
}

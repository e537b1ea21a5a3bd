/**
 * The worker's caches: their names, filling the app shell on install and removing
 * earlier versions' caches on activate. Only Cache Storage is touched here — the outbox
 * of unsent answers lives in IndexedDB and the worker never opens it, so no update,
 * install or clean-up can lose an answer.
 */

/** Every cache of ours starts with this; caches of anyone else on the origin are left alone. */
export const PREFIX = 'ita-';

export interface CacheNames {
	/** The app shell of one build. */
	precache: string;
	/** Pages visited with this build: their HTML names this build's assets, so it is versioned too. */
	pages: string;
	/** Questionnaires: data, valid across builds, refreshed whenever the network answers. */
	data: string;
}

export function cacheNames(version: string): CacheNames {
	return {
		precache: `${PREFIX}precache-${version}`,
		pages: `${PREFIX}pages-${version}`,
		data: `${PREFIX}data`
	};
}

/**
 * Caches the app shell. `addAll` is all or nothing: a failed file fails the install and
 * the previous version stays in charge, rather than a half-filled shell taking over.
 * Static files are revalidated (their names do not change between builds); the hashed
 * build files may come from the HTTP cache.
 */
export async function precache(
	cacheName: string,
	shell: { build: readonly string[]; files: readonly string[] }
): Promise<void> {
	const cache = await caches.open(cacheName);
	await cache.addAll([
		...shell.build,
		...shell.files.map((path) => new Request(path, { cache: 'no-cache' }))
	]);
}

/**
 * The build's files that the respondent's and the kiosk's screens need offline, as the
 * build listed them in `_app/offline-set.json` (src/lib/pwa/offline-set.ts): never the
 * officers' pages, which need the network anyway. `build` is this worker's list of every
 * built file (absolute URLs); a list naming files that are not in it was written by
 * another build (deployed meanwhile), and the install fails so the browser tries again.
 */
export async function offlineFiles(listUrl: string, build: readonly string[]): Promise<string[]> {
	const response = await fetch(listUrl, { cache: 'no-cache' });
	if (!response.ok) throw new Error(`${listUrl} answered ${response.status}`);
	// The list sits in `<base>/_app/` and names files from `<base>/`.
	const base = new URL('../', listUrl);
	const listed = ((await response.json()) as string[]).map((file) => new URL(file, base).href);
	const ours = new Set(build);
	const foreign = listed.filter((url) => !ours.has(url));
	if (foreign.length > 0) throw new Error(`${listUrl} is another build's: ${foreign[0]}`);
	return listed;
}

/** The pages cached by earlier versions (their addresses, without query strings). */
export async function earlierPages(names: CacheNames): Promise<string[]> {
	const earlier = (await caches.keys()).filter(
		(name) => name.startsWith(`${PREFIX}pages-`) && name !== names.pages
	);
	const urls: string[] = [];
	for (const name of earlier) {
		const cache = await caches.open(name);
		for (const request of await cache.keys()) urls.push(request.url);
	}
	return urls;
}

/**
 * Fetches pages into this version's page cache, each under `keyOf(url)`: the pages open
 * when the worker installs (the survey a respondent has just opened from a QR code works
 * offline from then on, without a second visit) and those an earlier version had cached
 * (a round opened once still opens offline after an update). Best effort: a page that
 * cannot be fetched now is cached at its next visit.
 */
export async function cachePages(
	names: CacheNames,
	urls: Iterable<string>,
	keyOf: (url: URL) => string
): Promise<void> {
	const byKey = new Map<string, string>();
	for (const url of urls) byKey.set(keyOf(new URL(url)), url);
	if (byKey.size === 0) return;
	const target = await caches.open(names.pages);
	await Promise.allSettled(
		[...byKey].map(async ([key, url]) => {
			const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
			if (response.status === 200 && !response.redirected) await target.put(key, response);
		})
	);
}

/** Deletes our caches that are not `names` (earlier builds); returns what it deleted. */
export async function deleteOldCaches(names: CacheNames): Promise<string[]> {
	const keep = new Set(Object.values(names));
	const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && !keep.has(name));
	await Promise.all(old.map((name) => caches.delete(name)));
	return old;
}

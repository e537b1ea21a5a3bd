/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: it wires the events, the rules live in the modules beside it.
 *
 * - install: caches the app shell under this version's name — the files of the respondent's
 *   and the kiosk's screens that the build listed (`_app/offline-set.json`, never the
 *   officers' pages) and the static `files` — then the pages open right now, the status
 *   page, the kiosk, and those the previous version had cached. It does not call
 *   skipWaiting(): a new version waits until the page says a survey is not in progress
 *   (messages.ts), so nobody's survey is reloaded under them.
 * - activate: deletes earlier versions' caches and takes control of open pages.
 * - fetch: routes.ts picks the strategy, strategies.ts answers.
 *
 * It never opens IndexedDB: the outbox of unsent answers lives there and belongs to the
 * page alone; no install, update or cache clean-up here can lose an answer.
 */
import { build, files, prerendered, version } from '$service-worker';
import {
	cacheNames,
	cachePages,
	deleteOldCaches,
	earlierPages,
	offlineFiles,
	precache
} from './caches.ts';
import { isSkipWaiting } from './messages.ts';
import { chooseStrategy, pageKey, type Scope } from './routes.ts';
import { cacheFirst, networkFirst, offlinePage } from './strategies.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;
const names = cacheNames(version);
const absolute = (path: string) => new URL(path, sw.location.href).href;
const shell = { build: [...build, ...prerendered].map(absolute), files: files.map(absolute) };
/** Where the build lists the files the offline screens need (written by vite.config.ts). */
const OFFLINE_SET = absolute('/_app/offline-set.json');
const scope: Scope = {
	origin: sw.location.origin,
	// As the browser spells them in a request (percent-encoded).
	precached: new Set([...shell.build, ...shell.files].map((url) => new URL(url).pathname))
};

/** The app's pages open in a window now, as the worker would cache them. */
async function openPages(): Promise<string[]> {
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	return windows
		.map((client) => new URL(client.url))
		.filter(
			(url) =>
				chooseStrategy({ url: url.href, method: 'GET', mode: 'navigate' }, scope).kind === 'page'
		)
		.map((url) => url.href);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const needed = await offlineFiles(OFFLINE_SET, shell.build);
			await precache(names.precache, { build: needed, files: shell.files });
			// Best effort, after the shell: a failure here must not fail the install.
			try {
				// The device's sending status too: an operator opens it when the network is down.
				// And the kiosk: a tablet that reloads offline must find its shell.
				const pages = [
					...(await openPages()),
					absolute('/status'),
					absolute('/kiosk'),
					...(await earlierPages(names))
				];
				await cachePages(names, pages, pageKey);
			} catch {
				// The pages are cached at their next visit.
			}
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(deleteOldCaches(names).then(() => sw.clients.claim()));
});

sw.addEventListener('fetch', (event) => {
	const strategy = chooseStrategy(event.request, scope);
	const waitUntil = (promise: Promise<unknown>) => event.waitUntil(promise);
	switch (strategy.kind) {
		case 'page':
			event.respondWith(
				networkFirst(event.request, {
					cacheName: names.pages,
					key: strategy.key,
					waitUntil,
					fallback: offlinePage
				})
			);
			return;
		case 'questionnaire':
			event.respondWith(
				networkFirst(event.request, { cacheName: names.data, key: strategy.key, waitUntil })
			);
			return;
		case 'asset':
			event.respondWith(
				cacheFirst(event.request, { cacheName: names.precache, key: strategy.key })
			);
			return;
		case 'network':
			// Not answered here: the browser fetches as if there were no worker.
			return;
	}
});

sw.addEventListener('message', (event) => {
	if (isSkipWaiting(event.data)) void sw.skipWaiting();
});

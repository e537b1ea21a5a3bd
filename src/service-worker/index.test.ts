/**
 * The wiring, as a browser drives it: the worker's module runs against stubbed `self`,
 * `caches` and `fetch`, and the tests dispatch the events it registered for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lifetime, ORIGIN, stubCaches, stubFetch } from './fakes.ts';

vi.mock('$service-worker', () => ({
	base: '',
	build: [
		'/_app/immutable/entry/app.abc.js',
		'/_app/immutable/assets/sarabun-thai-400-normal.x1.woff2',
		// An officers' page: built, never kept on a phone.
		'/_app/immutable/nodes/9.admin.js'
	],
	files: ['/manifest.webmanifest', '/icons/icon-192.png'],
	prerendered: [],
	version: '2'
}));

type Listener = (event: unknown) => void;

/** What the build lists for the offline screens (vite.config.ts writes it). */
let offlineSet = [
	'_app/immutable/entry/app.abc.js',
	'_app/immutable/assets/sarabun-thai-400-normal.x1.woff2'
];

async function loadWorker(openWindows: string[] = []) {
	vi.resetModules();
	const listeners = new Map<string, Listener>();
	const self = {
		location: new URL(`${ORIGIN}/service-worker.js`),
		addEventListener: vi.fn((type: string, listener: Listener) => listeners.set(type, listener)),
		skipWaiting: vi.fn(() => Promise.resolve()),
		clients: {
			claim: vi.fn(() => Promise.resolve()),
			matchAll: vi.fn(() => Promise.resolve(openWindows.map((url) => ({ url }))))
		}
	};
	vi.stubGlobal('self', self);
	const storage = stubCaches();
	const net = stubFetch((url) =>
		new URL(url).pathname === '/_app/offline-set.json'
			? new Response(JSON.stringify(offlineSet))
			: new Response(`network ${new URL(url).pathname}`)
	);
	await import('./index.ts');

	function dispatch(type: string, fields: object = {}) {
		const life = lifetime();
		const respondWith = vi.fn();
		listeners.get(type)?.({ waitUntil: life.waitUntil, respondWith, ...fields });
		return { settled: life.settled, respondWith };
	}
	return { self, storage, net, dispatch };
}

function respondedText(respondWith: ReturnType<typeof vi.fn>): Promise<string> {
	const answer = respondWith.mock.calls[0][0] as Promise<Response>;
	return answer.then((response) => response.text());
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('service worker', () => {
	it("caches the offline screens' files on install, not the officers' pages, and waits instead of taking over", async () => {
		const { self, storage, dispatch } = await loadWorker();
		await dispatch('install').settled();
		const shell = await storage.open('ita-precache-2');
		expect([...shell.entries.keys()].sort()).toEqual(
			[
				'/_app/immutable/entry/app.abc.js',
				'/_app/immutable/assets/sarabun-thai-400-normal.x1.woff2',
				'/manifest.webmanifest',
				'/icons/icon-192.png'
			]
				.map((path) => `${ORIGIN}${path}`)
				.sort()
		);
		expect(self.skipWaiting).not.toHaveBeenCalled();
	});

	it("fails the install on another build's list, so that the browser tries again", async () => {
		offlineSet = ['_app/immutable/entry/app.other.js'];
		try {
			const { storage, dispatch } = await loadWorker();
			const [installed] = await dispatch('install').settled();
			expect(installed.status).toBe('rejected');
			expect((await storage.open('ita-precache-2')).entries.size).toBe(0);
		} finally {
			offlineSet = [
				'_app/immutable/entry/app.abc.js',
				'_app/immutable/assets/sarabun-thai-400-normal.x1.woff2'
			];
		}
	});

	it('caches the page that is open while it installs, so that it reloads offline', async () => {
		const { storage, net, dispatch } = await loadWorker([`${ORIGIN}/r/demo?sp=registration-1`]);
		await dispatch('install').settled();
		const pages = await storage.open('ita-pages-2');
		expect(await (await pages.match(`${ORIGIN}/r/demo`))?.text()).toBe('network /r/demo');

		net.offline();
		const reload = dispatch('fetch', {
			request: { url: `${ORIGIN}/r/demo?sp=registration-1`, method: 'GET', mode: 'navigate' }
		});
		expect(await respondedText(reload.respondWith)).toBe('network /r/demo');
	});

	it('takes over only when a page sends SKIP_WAITING', async () => {
		const { self, dispatch } = await loadWorker();
		dispatch('message', { data: { type: 'other' } });
		expect(self.skipWaiting).not.toHaveBeenCalled();
		dispatch('message', { data: { type: 'SKIP_WAITING' } });
		expect(self.skipWaiting).toHaveBeenCalledOnce();
	});

	it("removes the previous version's caches on activate, then controls open pages", async () => {
		const { self, storage, dispatch } = await loadWorker();
		for (const name of ['ita-precache-1', 'ita-pages-1', 'ita-data', 'ita-precache-2'])
			await storage.open(name);
		await dispatch('activate').settled();
		expect((await storage.keys()).sort()).toEqual(['ita-data', 'ita-precache-2']);
		expect(self.clients.claim).toHaveBeenCalledOnce();
	});

	it('opens a visited round page offline and the shell from the cache', async () => {
		const { net, dispatch } = await loadWorker();
		await dispatch('install').settled();

		const request = { url: `${ORIGIN}/r/demo?sp=registration-1`, method: 'GET', mode: 'navigate' };
		const visit = dispatch('fetch', { request });
		expect(await respondedText(visit.respondWith)).toBe('network /r/demo');
		await visit.settled();

		net.offline();
		const again = dispatch('fetch', { request: { ...request, url: `${ORIGIN}/r/demo?lang=en` } });
		expect(await respondedText(again.respondWith)).toBe('network /r/demo');
		const script = dispatch('fetch', {
			request: new Request(`${ORIGIN}/_app/immutable/entry/app.abc.js`)
		});
		expect(await respondedText(script.respondWith)).toBe(
			'network /_app/immutable/entry/app.abc.js'
		);
	});

	it('leaves submissions to the network, untouched', async () => {
		const { dispatch } = await loadWorker();
		const submit = dispatch('fetch', {
			request: new Request(`${ORIGIN}/rest/v1/rpc/submit_responses`, { method: 'POST', body: '[]' })
		});
		expect(submit.respondWith).not.toHaveBeenCalled();
	});
});

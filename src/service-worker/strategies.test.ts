import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lifetime, ORIGIN, stubCaches, stubFetch, type FakeCacheStorage } from './fakes.ts';
import { cacheFirst, networkFirst, offlinePage } from './strategies.ts';

const page = `${ORIGIN}/r/demo-bma-2567`;

let storage: FakeCacheStorage;
beforeEach(() => {
	storage = stubCaches();
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

function html(text: string, status = 200) {
	return new Response(`<p>${text}</p>`, { status, headers: { 'content-type': 'text/html' } });
}

describe('networkFirst', () => {
	it('answers from the network and keeps a copy for offline', async () => {
		stubFetch(() => html('fresh'));
		const life = lifetime();
		const response = await networkFirst(new Request(`${page}?sp=a`), {
			cacheName: 'pages',
			key: page,
			waitUntil: life.waitUntil
		});
		expect(await response.text()).toBe('<p>fresh</p>');
		await life.settled();
		const copy = await (await storage.open('pages')).match(page);
		expect(await copy?.text()).toBe('<p>fresh</p>');
	});

	it('serves the copy cached under the path when offline, whatever the query', async () => {
		const net = stubFetch(() => html('first visit'));
		const life = lifetime();
		await networkFirst(new Request(`${page}?sp=a`), {
			cacheName: 'pages',
			key: page,
			waitUntil: life.waitUntil
		});
		await life.settled();

		net.offline();
		const response = await networkFirst(new Request(`${page}?lang=en`), {
			cacheName: 'pages',
			key: page,
			waitUntil: life.waitUntil
		});
		expect(await response.text()).toBe('<p>first visit</p>');
	});

	it('does not keep error pages', async () => {
		stubFetch(() => html('server error', 500));
		const life = lifetime();
		const response = await networkFirst(new Request(page), {
			cacheName: 'pages',
			key: page,
			waitUntil: life.waitUntil
		});
		expect(response.status).toBe(500);
		await life.settled();
		expect(await (await storage.open('pages')).match(page)).toBeUndefined();
	});

	it('shows the cached copy when the network is slower than the timeout, and still stores the late answer', async () => {
		await (await storage.open('pages')).put(page, html('cached'));
		let answer: (r: Response) => void = () => {};
		vi.stubGlobal(
			'fetch',
			vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)))
		);
		vi.useFakeTimers();
		const life = lifetime();
		const pending = networkFirst(new Request(page), {
			cacheName: 'pages',
			key: page,
			timeoutMs: 3000,
			waitUntil: life.waitUntil
		});
		await vi.advanceTimersByTimeAsync(3000);
		expect(await (await pending).text()).toBe('<p>cached</p>');

		answer(html('late'));
		await life.settled();
		const copy = await (await storage.open('pages')).match(page);
		expect(await copy?.text()).toBe('<p>late</p>');
	});

	it('waits for a slow network when nothing is cached', async () => {
		vi.useFakeTimers();
		vi.stubGlobal(
			'fetch',
			vi.fn(() => new Promise<Response>((resolve) => setTimeout(() => resolve(html('slow')), 5000)))
		);
		const life = lifetime();
		const pending = networkFirst(new Request(page), {
			cacheName: 'pages',
			key: page,
			waitUntil: life.waitUntil
		});
		await vi.advanceTimersByTimeAsync(5000);
		expect(await (await pending).text()).toBe('<p>slow</p>');
	});

	it('answers the fallback offline when the page was never cached, or fails without one', async () => {
		stubFetch(() => html('unused')).offline();
		const life = lifetime();
		const shown = await networkFirst(new Request(page), {
			cacheName: 'pages',
			key: page,
			waitUntil: life.waitUntil,
			fallback: offlinePage
		});
		expect(shown.status).toBe(503);
		expect(await shown.text()).toContain('ไม่มีการเชื่อมต่อ');

		const questionnaire = `${ORIGIN}/rest/v1/rpc/get_questionnaire?round_code=x`;
		await expect(
			networkFirst(new Request(questionnaire), {
				cacheName: 'data',
				key: questionnaire,
				waitUntil: life.waitUntil
			})
		).rejects.toThrow('Failed to fetch');
	});
});

describe('cacheFirst', () => {
	const asset = `${ORIGIN}/_app/immutable/entry/app.abc.js`;

	it('answers from the precache without the network', async () => {
		await (await storage.open('precache-2')).put(asset, new Response('cached js'));
		const net = stubFetch(() => new Response('network js'));
		const response = await cacheFirst(new Request(asset), { cacheName: 'precache-2', key: asset });
		expect(await response.text()).toBe('cached js');
		expect(net.fetch).not.toHaveBeenCalled();
	});

	it("falls back to another of our caches (a waiting update's shell), then the network", async () => {
		await (await storage.open('precache-3')).put(asset, new Response('next build js'));
		stubFetch(() => new Response('network js'));
		const fromNext = await cacheFirst(new Request(asset), { cacheName: 'precache-2', key: asset });
		expect(await fromNext.text()).toBe('next build js');

		const other = `${ORIGIN}/_app/immutable/chunks/x.js`;
		const fromNetwork = await cacheFirst(new Request(other), {
			cacheName: 'precache-2',
			key: other
		});
		expect(await fromNetwork.text()).toBe('network js');
	});
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheNames, cachePages, deleteOldCaches, earlierPages, precache } from './caches.ts';
import { ORIGIN, stubCaches, stubFetch, type FakeCacheStorage } from './fakes.ts';

let storage: FakeCacheStorage;
beforeEach(() => {
	storage = stubCaches();
});
afterEach(() => {
	vi.unstubAllGlobals();
});

describe('cacheNames', () => {
	it('names the shell and pages by version, the questionnaires not', () => {
		expect(cacheNames('17')).toEqual({
			precache: 'ita-precache-17',
			pages: 'ita-pages-17',
			data: 'ita-data'
		});
	});
});

describe('precache', () => {
	it('stores every build and static file', async () => {
		stubFetch((url) => new Response(`body of ${new URL(url).pathname}`));
		await precache('ita-precache-2', {
			build: [`${ORIGIN}/_app/immutable/entry/app.js`],
			files: [`${ORIGIN}/manifest.webmanifest`, `${ORIGIN}/icons/icon-192.png`]
		});
		const cache = await storage.open('ita-precache-2');
		expect([...cache.entries.keys()].sort()).toEqual([
			`${ORIGIN}/_app/immutable/entry/app.js`,
			`${ORIGIN}/icons/icon-192.png`,
			`${ORIGIN}/manifest.webmanifest`
		]);
	});

	it('fails the install when a file is missing, so the old version stays in charge', async () => {
		stubFetch((url) => new Response('', { status: url.endsWith('.png') ? 404 : 200 }));
		await expect(
			precache('ita-precache-2', {
				build: [`${ORIGIN}/_app/immutable/entry/app.js`],
				files: [`${ORIGIN}/icons/icon-192.png`]
			})
		).rejects.toThrow();
	});
});

describe('deleteOldCaches', () => {
	it("deletes earlier versions' caches and keeps this version's, the questionnaires and others' caches", async () => {
		for (const name of [
			'ita-precache-1',
			'ita-pages-1',
			'ita-precache-2',
			'ita-pages-2',
			'ita-data',
			'someone-else'
		]) {
			await storage.open(name);
		}
		const deleted = await deleteOldCaches(cacheNames('2'));
		expect(deleted.sort()).toEqual(['ita-pages-1', 'ita-precache-1']);
		expect((await storage.keys()).sort()).toEqual([
			'ita-data',
			'ita-pages-2',
			'ita-precache-2',
			'someone-else'
		]);
	});
});

describe('earlierPages and cachePages', () => {
	const pageKey = (url: URL) => url.origin + url.pathname;

	it("fetches the earlier version's pages again into the new version's cache", async () => {
		const old = await storage.open('ita-pages-1');
		await old.put(`${ORIGIN}/r/a`, new Response('old a'));
		await old.put(`${ORIGIN}/r/gone`, new Response('old gone'));
		stubFetch((url) =>
			url.endsWith('/gone')
				? new Response('', { status: 404 })
				: new Response(`new ${new URL(url).pathname}`)
		);
		const names = cacheNames('2');
		await cachePages(names, await earlierPages(names), pageKey);
		const fresh = await storage.open('ita-pages-2');
		expect(await (await fresh.match(`${ORIGIN}/r/a`))?.text()).toBe('new /r/a');
		expect(await fresh.match(`${ORIGIN}/r/gone`)).toBeUndefined();
	});

	it('caches an open page under its path, fetched with its query string', async () => {
		const net = stubFetch((url) => new Response(`page ${url}`));
		await cachePages(cacheNames('2'), [`${ORIGIN}/r/a?sp=registration-1`], pageKey);
		expect(net.fetch.mock.calls[0][0]).toBe(`${ORIGIN}/r/a?sp=registration-1`);
		const cached = await (await storage.open('ita-pages-2')).match(`${ORIGIN}/r/a`);
		expect(await cached?.text()).toBe(`page ${ORIGIN}/r/a?sp=registration-1`);
	});

	it('gives up quietly offline', async () => {
		await (await storage.open('ita-pages-1')).put(`${ORIGIN}/r/a`, new Response('old a'));
		stubFetch(() => new Response('')).offline();
		const names = cacheNames('2');
		await expect(cachePages(names, await earlierPages(names), pageKey)).resolves.toBeUndefined();
	});
});

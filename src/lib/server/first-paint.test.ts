import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { paintsBeforeScripts, startAfterFirstPaint } from './first-paint.ts';

/** SvelteKit 2's start-up script as it writes it for the `split` bundle strategy. */
const kitStart = `
				{
					__sveltekit_abc = { base: new URL("..", location).pathname.slice(0, -1) };
					const element = document.currentScript.parentElement;
					Promise.all([
						import("../_app/immutable/entry/start.A.js"),
						import("../_app/immutable/entry/app.B.js")
					]).then(([kit, app]) => {
						kit.start(app, element, { node_ids: [0, 2] });
					});
				}`;

/**
 * Runs the start-up with a stand-in browser: `paint()` reports the first contentful paint;
 * `imported` lists the modules asked for, `preloaded` the links added, `started` the start.
 */
function browser(paintTypes = ['paint', 'largest-contentful-paint']) {
	const imported: string[] = [];
	const preloaded: string[] = [];
	let started = false;
	let observer: ((list: { getEntriesByName(name: string): unknown[] }, o: unknown) => void) | null =
		null;
	class PerformanceObserver {
		static supportedEntryTypes = paintTypes;
		constructor(callback: typeof observer) {
			observer = callback;
		}
		observe() {}
		disconnect() {
			observer = null;
		}
	}
	const document = {
		currentScript: { parentElement: {} },
		createElement: () => ({ rel: '', href: '' }),
		head: { append: (link: { rel: string; href: string }) => preloaded.push(link.href) }
	};
	const load = (path: string) => {
		imported.push(path);
		return Promise.resolve({ start: () => (started = true) });
	};
	const run = (html: string) =>
		runInNewContext(html.replaceAll('import(', 'load('), {
			window: { PerformanceObserver },
			PerformanceObserver,
			document,
			location: new URL('http://ita.test/r/x'),
			URL,
			load,
			setTimeout
		}) as void;
	const paint = (name = 'first-contentful-paint') =>
		observer?.(
			{ getEntriesByName: (n) => (n === name ? [{}] : []) },
			{ disconnect: () => (observer = null) }
		);
	return { run, paint, imported, preloaded, started: () => started };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startAfterFirstPaint', () => {
	const modules = ['../_app/immutable/entry/start.A.js', '../_app/immutable/chunks/C.js'];

	test('the app is fetched, preloaded and started only after the first contentful paint', async () => {
		const b = browser();
		b.run(startAfterFirstPaint(kitStart, modules));
		await settle();
		expect(b.imported).toEqual([]);
		b.paint('first-paint');
		await settle();
		expect(b.imported).toEqual([]);
		b.paint();
		await settle();
		expect(b.preloaded).toEqual(modules);
		expect(b.imported).toEqual([
			'../_app/immutable/entry/start.A.js',
			'../_app/immutable/entry/app.B.js'
		]);
		expect(b.started()).toBe(true);
	});

	test('a browser that cannot report paints starts at once; one that never paints, after the fallback', async () => {
		const blind = browser([]);
		blind.run(startAfterFirstPaint(kitStart, modules));
		await settle();
		expect(blind.started()).toBe(true);

		const hidden = browser();
		hidden.run(startAfterFirstPaint(kitStart, modules, 5));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(hidden.started()).toBe(true);
	});

	test('a start-up it does not know is left as it is', () => {
		const other = kitStart.replace('Promise.all([', 'Promise.any([');
		expect(startAfterFirstPaint(other, modules)).toBe(other);
	});

	test('only the survey pages wait', () => {
		expect(paintsBeforeScripts('/(public)/r/[round]')).toBe(true);
		expect(paintsBeforeScripts('/(public)/r/[round]/iit')).toBe(true);
		expect(paintsBeforeScripts('/(kiosk)/kiosk')).toBe(false);
		expect(paintsBeforeScripts('/')).toBe(false);
		expect(paintsBeforeScripts(null)).toBe(false);
	});
});

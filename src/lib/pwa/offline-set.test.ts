import { describe, expect, it } from 'vitest';
import { offlineModule, offlineSet, type ChunkFacts } from './offline-set.ts';

/** A chunk of a build, with what it holds and imports. */
function chunk(fileName: string, facts: Partial<ChunkFacts> = {}): ChunkFacts {
	return {
		fileName,
		isEntry: false,
		moduleIds: [],
		imports: [],
		dynamicImports: [],
		css: [],
		assets: [],
		...facts
	};
}

const build = [
	// SvelteKit's entries: app.js imports every page on demand, the officers' too.
	chunk('entry/start.js', { isEntry: true, imports: ['chunks/runtime.js'] }),
	chunk('entry/app.js', {
		isEntry: true,
		imports: ['chunks/runtime.js'],
		dynamicImports: ['nodes/0.js', 'nodes/9.js', 'nodes/23.js']
	}),
	chunk('chunks/runtime.js'),
	chunk('nodes/0.js', {
		moduleIds: ['/app/src/routes/+layout.svelte'],
		css: ['assets/0.css'],
		dynamicImports: ['chunks/pwa.js']
	}),
	chunk('chunks/pwa.js'),
	chunk('nodes/23.js', {
		moduleIds: ['/app/src/routes/(public)/r/[round]/+page.svelte'],
		imports: ['chunks/survey.js'],
		dynamicImports: ['chunks/steps.js', 'chunks/rest.js']
	}),
	chunk('chunks/survey.js', { css: ['assets/base.css'] }),
	chunk('chunks/steps.js'),
	chunk('chunks/rest.js'),
	chunk('nodes/9.js', {
		moduleIds: ['/app/src/routes/(admin)/admin/(app)/+page.svelte'],
		imports: ['chunks/admin.js', 'chunks/survey.js'],
		dynamicImports: ['chunks/qrcode.js']
	}),
	chunk('chunks/admin.js'),
	chunk('chunks/qrcode.js'),
	// Styles only: Vite drops the file, the stylesheet stays.
	chunk('chunks/empty.js', { empty: true, css: ['assets/kiosk.css'] }),
	chunk('nodes/22.js', {
		moduleIds: ['/app/src/routes/(kiosk)/kiosk/+page.svelte'],
		imports: ['chunks/empty.js']
	})
];

describe('the offline set', () => {
	it("holds the respondent's and the kiosk's screens with what they load later, and no officers' page", () => {
		const files = offlineSet(build, (css) =>
			css === 'assets/0.css' ? ['assets/sarabun.woff2'] : []
		);
		expect(files).toEqual(
			[
				'entry/start.js',
				'entry/app.js',
				'chunks/runtime.js',
				'nodes/0.js',
				'assets/0.css',
				'assets/sarabun.woff2',
				'chunks/pwa.js',
				'nodes/23.js',
				'chunks/survey.js',
				'assets/base.css',
				'chunks/steps.js',
				'chunks/rest.js',
				'nodes/22.js',
				'assets/kiosk.css'
			].sort()
		);
		expect(files.filter((f) => /admin|qrcode|nodes\/9/.test(f))).toEqual([]);
	});

	it('knows the screens that must open offline by their routes', () => {
		expect(offlineModule('/app/src/routes/(public)/status/+page.svelte')).toBe(true);
		expect(offlineModule('/app/src/routes/(kiosk)/kiosk/+page.svelte')).toBe(true);
		expect(offlineModule('/app/src/routes/+layout.ts')).toBe(true);
		expect(
			offlineModule('/app/node_modules/@sveltejs/kit/src/runtime/components/svelte-5/error.svelte')
		).toBe(true);
		expect(offlineModule('/app/src/routes/(admin)/admin/login/+page.svelte')).toBe(false);
		expect(offlineModule('/app/src/routes/+page.svelte')).toBe(false);
	});
});

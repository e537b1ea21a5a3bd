/// <reference types="vitest/config" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { offlineSet } from './src/lib/pwa/offline-set.ts';

/** A module's id without this folder's path (and `node_modules/` shortened). */
function shortId(id: string): string {
	return id
		.replace(/\\/g, '/')
		.replace(`${process.cwd().replace(/\\/g, '/')}/`, '')
		.replace(/^.*node_modules\//, '~')
		.replace(/\?.*$/, '');
}

/**
 * Writes `_app/offline-set.json`: the files of the respondent's and the kiosk's screens,
 * which the service worker precaches (src/lib/pwa/offline-set.ts says which and why).
 */
function offlineSetPlugin(): Plugin {
	return {
		name: 'ita-offline-set',
		apply: 'build',
		// SvelteKit asks for 'strict' entry signatures; 'allow-extension' (the entries keep
		// every export, a chunk may export more) lets the framework-later group below take
		// its modules without their dependencies.
		options(options) {
			return { ...options, preserveEntrySignatures: 'allow-extension' };
		},
		generateBundle(_options, bundle) {
			if (this.environment?.name !== 'client') return;
			const chunks = Object.values(bundle).flatMap((item) =>
				item.type === 'chunk'
					? [
							{
								fileName: item.fileName,
								isEntry: item.fileName.includes('/entry/'),
								empty: item.code.trim() === '',
								moduleIds: item.moduleIds,
								imports: item.imports,
								dynamicImports: item.dynamicImports,
								css: [...(item.viteMetadata?.importedCss ?? [])],
								assets: [...(item.viteMetadata?.importedAssets ?? [])]
							}
						]
					: []
			);
			const cssRefs = (file: string) => {
				const css = bundle[file];
				if (!css || css.type !== 'asset') return [];
				const text = String(css.source);
				return [...text.matchAll(/url\(["']?([^"')]+)["']?\)/g)]
					.map(([, url]) => url.replace(/^(\.\.?\/)+/, ''))
					.flatMap((url) => Object.keys(bundle).filter((name) => name.endsWith(url)));
			};
			this.emitFile({
				type: 'asset',
				fileName: '_app/offline-set.json',
				source: JSON.stringify(offlineSet(chunks, cssRefs))
			});
			// What each chunk is made of (`npm run size` lists the largest parts of the first
			// screen's chunks): each module's rendered length (before minifying) and the
			// chunk's gzip size. Kept beside the build's other intermediate files, never served.
			const report = Object.values(bundle).flatMap((item) =>
				item.type === 'chunk'
					? [
							{
								fileName: item.fileName,
								gzip: gzipSync(item.code, { level: 9 }).length,
								bytes: Buffer.byteLength(item.code),
								imports: item.imports,
								facade: item.facadeModuleId && shortId(item.facadeModuleId),
								modules: Object.entries(item.modules)
									.map(([id, m]) => ({ id: shortId(id), bytes: m.renderedLength }))
									.filter((m) => m.bytes > 0)
									.sort((a, b) => b.bytes - a.bytes)
							}
						]
					: []
			);
			mkdirSync('.svelte-kit', { recursive: true });
			writeFileSync('.svelte-kit/ita-chunks.json', JSON.stringify(report));
		}
	};
}

/**
 * What a respondent's first screen loads comes in few requests (a phone on a weak signal
 * pays a round trip for each): the framework (Svelte, SvelteKit's client) in one chunk, the
 * survey's first screen (the intro, the drafts' storage, the Thai words, the pages' words
 * the root error page needs) in another. The rest of the survey (components/later.ts: the
 * survey's state and flow, the later screens, the end screens, the delivery), the outbox
 * and the officers' pages keep their own chunks, loaded later.
 */
const firstScreen =
	/[\\/]src[\\/]lib[\\/](survey[\\/](components[\\/](Survey|SurveyRoute|IntroStep)\.svelte|(intro|drafts|lang|response|outbox-flag)\.ts)|i18n[\\/](index|th|pages)\.ts|idle\.ts|pwa[\\/]prompt\.svelte\.ts)$/;
const framework =
	/[\\/]node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]|^\0(vite[\\/]preload-helper|rolldown[\\/]runtime)/;
/**
 * The parts of Svelte that no respondent's first screen uses (lists, form bindings, custom
 * elements, dynamic class and style values): a chunk of their own, loaded with the
 * screens that use them. They only declare functions and classes, which the build is told
 * (`moduleSideEffects`), so importing Svelte's index does not load them.
 */
const frameworkLater =
	/[\\/]node_modules[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]dom[\\/](blocks[\\/]each|elements[\\/](class|style|custom-element|bindings[\\/](select|input)))\.js$/;

export default defineConfig({
	plugins: [sveltekit(), offlineSetPlugin()],
	build: {
		rolldownOptions: {
			// See frameworkLater.
			treeshake: { moduleSideEffects: (id) => (frameworkLater.test(id) ? false : undefined) },
			output: {
				codeSplitting: {
					groups: [
						{
							name: 'framework-later',
							test: frameworkLater,
							priority: 3,
							includeDependenciesRecursively: false
						},
						{ name: 'framework', test: framework, priority: 2 },
						{
							name: 'survey',
							test: firstScreen,
							priority: 1,
							includeDependenciesRecursively: false
						}
					]
				}
			}
		}
	},
	server: {
		fs: { allow: ['supabase'] }
	},
	test: {
		include: [
			'src/**/*.test.ts',
			'tests/db/**/*.test.ts',
			'tests/cli/**/*.test.ts',
			'tests/server/**/*.test.ts',
			'tests/e2e/**/*.test.ts'
		],
		// Each database test file migrates its own databases; PGlite start-up is ~1–2 s.
		testTimeout: 120_000,
		// Two files at a time: the browser suites wait on Chromium and a server process
		// more than on their own core, and one at a time took 13 minutes.
		maxWorkers: 2,
		// expect.poll waits for what a person would wait for (a server's answer on a busy
		// machine), not vitest's default second.
		expect: { poll: { timeout: 15_000 } },
		hookTimeout: 120_000,
		globalSetup: ['tests/global-setup.ts'],
		// The tests that start no server first while the app builds (tests/support/sequencer.ts).
		// (Loaded under vitest only: the app's build has no use for vitest's modules.)
		sequence: process.env.VITEST
			? { sequencer: (await import('./tests/support/sequencer.ts')).default }
			: undefined,
		// Passwords hashed at a test cost (src/lib/server/auth/password.ts; one test keeps the
		// production cost), in the tests and in the servers they start.
		env: { ITA_TEST_FAST_HASH: '1' },
		// supabase-js wants a WebSocket, which Node 20 has only behind this flag.
		execArgv: ['--experimental-websocket']
	}
});

/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { offlineSet } from './src/lib/pwa/offline-set.ts';

/**
 * Writes `_app/offline-set.json`: the files of the respondent's and the kiosk's screens,
 * which the service worker precaches (src/lib/pwa/offline-set.ts says which and why).
 */
function offlineSetPlugin(): Plugin {
	return {
		name: 'ita-offline-set',
		apply: 'build',
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
		}
	};
}

/**
 * What a respondent's first screen loads comes in few requests (a phone on a weak signal
 * pays a round trip for each): the framework (Svelte, SvelteKit's client) in one chunk, the
 * survey's first screen (its state, the intro, the Thai words) in another. The screens after
 * the first (steps.ts), the outbox and the officers' pages keep their own chunks.
 */
const firstScreen =
	/[\\/]src[\\/]lib[\\/](survey[\\/](?!components[\\/](AboutStep|QuestionStep|ReviewStep|ChoiceGroup|steps))|i18n[\\/](index|th)\.ts|idle\.ts|pwa[\\/](prompt\.svelte|storage)\.ts)/;
const framework =
	/[\\/]node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]|^\0(vite[\\/]preload-helper|rolldown[\\/]runtime)/;

export default defineConfig({
	plugins: [sveltekit(), offlineSetPlugin()],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{ name: 'framework', test: framework, priority: 2 },
						{ name: 'survey', test: firstScreen, priority: 1 }
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
		// Passwords hashed at a test cost (src/lib/server/auth/password.ts; one test keeps the
		// production cost), in the tests and in the servers they start.
		env: { ITA_TEST_FAST_HASH: '1' },
		// supabase-js wants a WebSocket, which Node 20 has only behind this flag.
		execArgv: ['--experimental-websocket']
	}
});

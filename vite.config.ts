/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
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
		// supabase-js wants a WebSocket, which Node 20 has only behind this flag.
		execArgv: ['--experimental-websocket']
	}
});

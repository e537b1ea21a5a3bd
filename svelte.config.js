import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// No `window.__svelte.v` version mark in every page's scripts: nothing here reads it.
	compilerOptions: { discloseVersion: false },
	kit: {
		adapter: adapter(),
		// src/lib/pwa registers the worker with workbox-window, which tells the page when
		// a new version waits, so that it switches only between surveys.
		serviceWorker: {
			register: false,
			// The large icons are read by the browser when the app is installed, online; a
			// phone need not keep them to work offline.
			files: (file) => !/-512\.png$/.test(file)
		},
		// The respondent's few kilobytes of CSS go inside the page: no render-blocking
		// request on a slow connection before the first screen paints.
		inlineStyleThreshold: 8192,
		// The server resolves routes: a respondent's first screen does not carry the table of
		// every route (the officers' fourteen among them), and pages are still loaded one by one.
		// A client-side navigation then asks the server, so the respondent's few links are full
		// page loads, which the service worker answers offline.
		router: { resolution: 'server' }
	}
};

export default config;

import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// src/lib/pwa registers the worker with workbox-window, which tells the page when
		// a new version waits, so that it switches only between surveys.
		serviceWorker: { register: false },
		// The respondent's few kilobytes of CSS go inside the page: no render-blocking
		// request on a slow connection before the first screen paints.
		inlineStyleThreshold: 8192
	}
};

export default config;

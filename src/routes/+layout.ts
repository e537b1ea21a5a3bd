import { browser } from '$app/environment';
import { loadLang } from '$lib/i18n/index.ts';
import type { LayoutLoad } from './$types';

/** English texts are fetched only for those who chose English, before the page renders. */
export const load: LayoutLoad = async ({ data }) => {
	if (browser) await loadLang(data.lang);
	return data;
};

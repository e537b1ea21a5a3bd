import { loadLang, type Lang } from '../i18n/index.ts';

/**
 * Switches the language in place (no reload: a survey in progress stays on screen) and
 * remembers it; resolves once its texts are loaded.
 */
export async function switchLang(lang: Lang): Promise<void> {
	await loadLang(lang);
	document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
	document.documentElement.lang = lang;
}

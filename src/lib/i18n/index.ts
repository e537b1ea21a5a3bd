/**
 * Thai first, English on request. UI text lives here under `area.feature.kind` keys;
 * questionnaire text lives in the framework files.
 */
import { th } from './th.ts';

export type Lang = 'th' | 'en';
export const langs: readonly Lang[] = ['th', 'en'];
export type MessageKey = keyof typeof th;
export type Dictionary = Record<MessageKey, string>;

// Thai is always there; English is fetched when someone asks for it, so that the Thai
// majority does not download it (see loadLang).
const dictionaries: Partial<Record<Lang, Dictionary>> = { th };

/** Makes `lang` available to t(); resolves at once when it already is. */
export async function loadLang(lang: Lang): Promise<void> {
	if (lang === 'en' && !dictionaries.en) dictionaries.en = (await import('./en.ts')).en;
}

/** For the server, which has every language from the start. */
export function provideLang(lang: Lang, dictionary: Dictionary): void {
	dictionaries[lang] = dictionary;
}

export function isLang(value: unknown): value is Lang {
	return value === 'th' || value === 'en';
}

/** The text of `key`, with `{name}` placeholders filled in. */
export function t(
	lang: Lang,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	return (dictionaries[lang] ?? th)[key].replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

/** Picks the Thai or English of a framework text, falling back to Thai. */
export function local(text: { th: string; en?: string }, lang: Lang): string {
	return lang === 'en' ? (text.en ?? text.th) : text.th;
}

/** A fiscal or calendar year shown in the Buddhist era (storage keeps the Gregorian one). */
export function buddhistYear(gregorian: number): number {
	return gregorian + 543;
}

/** A day like "22 พฤศจิกายน 2569" / "22 November 2569 BE" — always the Buddhist-era year. */
export function formatDay(isoDay: string, lang: Lang): string {
	const [y, m, d] = isoDay.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	const locale = lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB-u-ca-buddhist';
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * Thai first, English on request. UI text lives under `area.feature.kind` keys;
 * questionnaire text lives in the framework files.
 *
 * The dictionaries are split by screen and audience, so that a phone downloads only the
 * words it shows: th.ts/en.ts hold the respondent's survey (its first screen and the
 * screens after it), and every other audience keeps its own beside its code — the
 * kiosk's in src/lib/kiosk/i18n.ts, the delivery status page's in ./status.ts, the
 * officers' in src/lib/admin/i18n.ts and src/lib/results/. Those modules export a `t`
 * that knows their words and these.
 */
import { th } from './th.ts';
import type { thIit } from './th-iit.ts';
import type { thLater } from './th-later.ts';

export type Lang = 'th' | 'en';
export const langs: readonly Lang[] = ['th', 'en'];
export type MessageKey = keyof typeof th | keyof typeof thLater | keyof typeof thIit;
export type Dictionary = Record<MessageKey, string>;

// The first screen's Thai is always there, the later screens' (and the IIT code field's)
// Thai arrives with them (addTexts); English is fetched when someone asks for it, so that the Thai majority does
// not download it (see loadLang).
const dictionaries: Partial<Record<Lang, Partial<Dictionary>>> = { th };

/** Adds texts that came with a later screen (./th-later.ts). */
export function addTexts(lang: Lang, texts: Partial<Dictionary>): void {
	dictionaries[lang] = { ...dictionaries[lang], ...texts };
}

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

/** `text` with its `{name}` placeholders filled in. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
	return text.replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

/** The text of `key`, with `{name}` placeholders filled in. */
export function t(
	lang: Lang,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	// A screen shows only words that came with it; the key itself is a last resort.
	return fill(dictionaries[lang]?.[key] ?? dictionaries.th?.[key] ?? key, params);
}

/**
 * A `t` for one audience's own words (`th`, `en`: bundled with that audience's screens)
 * that also knows the shared ones above.
 */
export function textsFor<K extends string>(
	own: Record<Lang, Record<K, string>>
): (lang: Lang, key: K | MessageKey, params?: Record<string, string | number>) => string {
	return (lang, key, params) =>
		key in own.th ? fill(own[lang][key as K], params) : t(lang, key as MessageKey, params);
}

/**
 * `text` with Thai digits (๐–๙) written as Arabic ones (0–9). The app writes numbers in
 * Arabic digits in both languages — counts, minutes, dates, scores — so a text copied
 * from a printed form ("ในระยะเวลา ๑ ปีที่ผ่านมา", "๓๑ - ๔๐ ปี") is shown the same way,
 * never "๑ ปี" beside "4 นาที" on one screen. No screen reproduces a printed form's Thai
 * digits (the printed report uses Arabic ones too).
 */
export function arabicDigits(text: string): string {
	return text.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/**
 * Picks the Thai or English of a framework text (or a name), falling back to Thai, with
 * Arabic digits (arabicDigits).
 */
export function local(text: { th: string; en?: string }, lang: Lang): string {
	return arabicDigits(lang === 'en' ? (text.en ?? text.th) : text.th);
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

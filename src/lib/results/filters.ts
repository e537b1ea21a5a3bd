/**
 * The results' filters: the page's query (`?servicePoint=…&section=…&channel=…&sex=…`)
 * to and from the filter object round_results_for reads ({servicePoint, channel, section,
 * demographics: {…}}). Only the round's own choices are kept: an unknown key or value in
 * a hand-edited address is dropped, and the form shows what is really applied.
 */
import type { Framework } from '../ita/framework.ts';
import type { LocalText } from '../admin/views.ts';
import { local, type Lang } from '../i18n/index.ts';
import { rt } from './i18n.ts';

export const channels = ['qr', 'kiosk', 'link', 'paper'] as const;
export type Channel = (typeof channels)[number];

export interface Choice {
	code: string;
	label: LocalText;
}

export interface FilterOptions {
	servicePoints: Choice[];
	/** "Which section did you contact": the framework's options and the agency's sections. */
	sections: Choice[];
	channels: Channel[];
	/** Every other background question of the IIT and the EIT, once each. */
	demographics: { id: string; label: LocalText; options: Choice[] }[];
}

/** What round_results_for is asked; empty = the whole round. */
export interface ResultsFilter {
	servicePoint?: string;
	section?: string;
	channel?: Channel;
	demographics?: Record<string, string>;
}

/** Query names the page uses for itself; no background question may take them. */
const reserved = new Set(['servicePoint', 'section', 'channel', 'lang']);

export function filterOptions(
	f: Framework,
	agency: { sections: Choice[]; servicePoints: Choice[] }
): FilterOptions {
	const demographics = new Map<string, { id: string; label: LocalText; options: Choice[] }>();
	const sections = new Map<string, Choice>();
	for (const q of [...f.demographics.iit, ...f.demographics.eit]) {
		if (q.source === 'section' || q.id === 'section') {
			for (const o of q.options) sections.set(o.code, { code: o.code, label: o.label });
			continue;
		}
		if (reserved.has(q.id)) continue;
		const known = demographics.get(q.id) ?? { id: q.id, label: q.label, options: [] };
		for (const o of q.options) {
			if (!known.options.some((k) => k.code === o.code))
				known.options.push({ code: o.code, label: o.label });
		}
		demographics.set(q.id, known);
	}
	// The agency's own sections are named as it names them.
	for (const s of agency.sections) sections.set(s.code, { code: s.code, label: s.label });
	return {
		servicePoints: agency.servicePoints.map((p) => ({ code: p.code, label: p.label })),
		sections: [...sections.values()],
		channels: [...channels],
		demographics: [...demographics.values()]
	};
}

/** The filter in a query string, keeping only the round's own choices. */
export function parseFilter(query: URLSearchParams, options: FilterOptions): ResultsFilter {
	const filter: ResultsFilter = {};
	const pick = (name: string, choices: readonly { code: string }[] | readonly string[]) => {
		const v = query.get(name);
		if (!v) return undefined;
		return choices.some((c) => (typeof c === 'string' ? c : c.code) === v) ? v : undefined;
	};
	const sp = pick('servicePoint', options.servicePoints);
	if (sp) filter.servicePoint = sp;
	const section = pick('section', options.sections);
	if (section) filter.section = section;
	const channel = pick('channel', options.channels);
	if (channel) filter.channel = channel as Channel;
	const demographics: Record<string, string> = {};
	for (const d of options.demographics) {
		const v = pick(d.id, d.options);
		if (v) demographics[d.id] = v;
	}
	if (Object.keys(demographics).length > 0) filter.demographics = demographics;
	return filter;
}

export function isWholeRound(filter: ResultsFilter): boolean {
	return Object.keys(filter).length === 0;
}

/** The filter back as query parameters (the page's address, the downloads' links). */
export function filterParams(filter: ResultsFilter): URLSearchParams {
	const q = new URLSearchParams();
	if (filter.servicePoint) q.set('servicePoint', filter.servicePoint);
	if (filter.section) q.set('section', filter.section);
	if (filter.channel) q.set('channel', filter.channel);
	for (const [k, v] of Object.entries(filter.demographics ?? {})) q.set(k, v);
	return q;
}

/** "?servicePoint=…" or "" for the whole round. */
export function filterQuery(filter: ResultsFilter): string {
	const q = filterParams(filter).toString();
	return q ? `?${q}` : '';
}

/** The filter in words: "จุดบริการ: ฝ่ายทะเบียน · เพศ: หญิง", or "" for the whole round. */
export function describeFilter(filter: ResultsFilter, options: FilterOptions, lang: Lang): string {
	const name = (choices: Choice[], code: string) =>
		local(choices.find((c) => c.code === code)?.label ?? { th: code }, lang);
	const parts: string[] = [];
	if (filter.servicePoint)
		parts.push(
			`${rt(lang, 'results.filter.servicePoint')}: ${name(options.servicePoints, filter.servicePoint)}`
		);
	if (filter.section)
		parts.push(`${rt(lang, 'results.filter.section')}: ${name(options.sections, filter.section)}`);
	if (filter.channel)
		parts.push(
			`${rt(lang, 'results.filter.channel')}: ${rt(lang, `results.channel.${filter.channel}`)}`
		);
	for (const [k, v] of Object.entries(filter.demographics ?? {})) {
		const d = options.demographics.find((x) => x.id === k);
		if (d) parts.push(`${local(d.label, lang)}: ${name(d.options, v)}`);
	}
	return parts.join(' · ');
}

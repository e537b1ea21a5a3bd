/**
 * Builders of test data: agencies, rounds, and synthetic responses whose answer
 * counts reproduce a published report.
 */
import { randomUUID } from 'node:crypto';
import type { Framework, Item, SurveyQuestion } from '../../src/lib/ita/framework.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';

export interface ResponseInput {
	id: string;
	round?: string;
	instrument: 'iit' | 'eit';
	channel?: string;
	servicePoint?: string;
	collectedOn?: string;
	accessCode?: string;
	answers: Record<string, number>;
	demographics?: Record<string, unknown>;
	variants?: Record<string, string>;
}

export interface RoundOptions {
	agency?: string;
	code?: string;
	framework: string;
	fiscalYear?: number;
	opensInDays?: number;
	closesInDays?: number;
	status?: 'draft' | 'open' | 'closed';
	iitAccessCode?: string | null;
}

/** Creates (or reuses) an agency and opens a round for it; returns the round's code. */
export async function createRound(db: Sql, o: RoundOptions): Promise<string> {
	const agency = o.agency ?? 'wang-thonglang';
	const code = o.code ?? `${agency}-${o.framework}-${randomUUID().slice(0, 8)}`;
	await db.query(
		`insert into public.agencies (code, name) values ($1, jsonb_build_object('th', $1::text))
		on conflict (code) do nothing`,
		[agency]
	);
	await db.query(
		`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on,
			status, iit_access_code)
		select $1, agency_id, $2, $3, ita_private.today() + $4::int, ita_private.today() + $5::int, $6, $7
		from public.agencies where code = $8`,
		[
			code,
			o.framework,
			o.fiscalYear ?? 2024,
			o.opensInDays ?? -30,
			o.closesInDays ?? 30,
			o.status ?? 'open',
			o.iitAccessCode ?? null,
			agency
		]
	);
	return code;
}

export async function addServicePoint(db: Sql, agency: string, code: string): Promise<void> {
	await db.query(
		`insert into public.service_points (agency_id, code, name)
		select agency_id, $2, jsonb_build_object('th', 'เคาน์เตอร์ ' || $2) from public.agencies where code = $1`,
		[agency, code]
	);
}

export function surveyQuestions(f: Framework, instrument: 'iit' | 'eit'): SurveyQuestion[] {
	const ins = f.instruments.find((i) => i.id === instrument);
	if (!ins) throw new Error(`${f.id} has no ${instrument}`);
	return ins.indicators.flatMap((ind) => (ind.questions ?? []) as SurveyQuestion[]);
}

export function itemsOf(q: SurveyQuestion): Item[] {
	return q.items ?? q.variants![0].items;
}

/** Answer codes of a scale, bottom answer first. */
export function scaleCodes(f: Framework, scale: string): number[] {
	return f.scales[scale].options.map((o) => o.code);
}

/** The code that earns `rank` favourable steps (0 = earns 0 points) for an item. */
export function codeFor(f: Framework, q: SurveyQuestion, item: Item, rank: number): number {
	const codes = scaleCodes(f, q.scale);
	return item.polarity === 'positive' ? codes[rank] : codes[codes.length - 1 - rank];
}

/** A response answering every item with its most favourable answer. */
export function favourableResponse(
	f: Framework,
	round: string,
	instrument: 'iit' | 'eit'
): ResponseInput {
	const answers: Record<string, number> = {};
	const variants: Record<string, string> = {};
	for (const q of surveyQuestions(f, instrument)) {
		const top = scaleCodes(f, q.scale).length - 1;
		for (const item of itemsOf(q)) answers[`${q.id}.${item.id}`] = codeFor(f, q, item, top);
		if (q.variants) variants[q.id] = q.variants[0].id;
	}
	return { id: randomUUID(), round, instrument, answers, variants };
}

/** Splits n respondents by percentages into whole counts that add up to n (largest remainder). */
export function countsFromPercent(
	percent: Record<string, number>,
	n: number
): Record<string, number> {
	const entries = Object.entries(percent).map(([code, p]) => {
		const exact = (p * n) / 100;
		return { code, count: Math.floor(exact), rest: exact - Math.floor(exact) };
	});
	let missing = n - entries.reduce((s, e) => s + e.count, 0);
	for (const e of [...entries].sort((a, b) => b.rest - a.rest)) {
		if (missing <= 0) break;
		e.count += 1;
		missing -= 1;
	}
	return Object.fromEntries(entries.map((e) => [e.code, e.count]));
}

/** Hands out `counts` (code → how many) to respondents 0 … n−1, one value each. */
export function spread<T extends string | number>(counts: [T, number][]): T[] {
	return counts.flatMap(([value, count]) => Array<T>(count).fill(value));
}

export function toNdjson(responses: ResponseInput[]): string {
	return responses.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** One response's verdict from `submit_responses`. */
export interface Verdict {
	id: string | null;
	status: 'accepted' | 'duplicate' | 'rejected';
	code?: string;
	reason?: string;
}

/** What `submit_responses` answers for a batch. */
export interface Outcome {
	results: Verdict[];
	accepted: number;
	duplicates: number;
	rejected: number;
}

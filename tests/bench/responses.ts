/**
 * Realistic responses for the benchmarks (ingest, scale): IIT and EIT of a framework,
 * answers drawn over each item's whole scale, variants and background answers as a
 * device sends them.
 */
import type { Framework } from '../../src/lib/ita/framework.ts';
import {
	favourableResponse,
	itemsOf,
	scaleCodes,
	surveyQuestions,
	type ResponseInput
} from '../support/fixtures.ts';
import { pick } from './common.ts';

/** One framework's questionnaire, flattened once so that making a response is cheap. */
export interface Questionnaire {
	framework: Framework;
	codes: Record<'iit' | 'eit', Map<string, number[]>>;
	variants: Record<'iit' | 'eit', Map<string, string[]>>;
}

export function questionnaire(f: Framework): Questionnaire {
	const codes = { iit: new Map<string, number[]>(), eit: new Map<string, number[]>() };
	const variants = { iit: new Map<string, string[]>(), eit: new Map<string, string[]>() };
	for (const instrument of ['iit', 'eit'] as const) {
		for (const q of surveyQuestions(f, instrument)) {
			const scale = scaleCodes(f, q.scale);
			for (const item of itemsOf(q)) codes[instrument].set(`${q.id}.${item.id}`, scale);
			if (q.variants)
				variants[instrument].set(
					q.id,
					q.variants.map((v) => v.id)
				);
		}
	}
	return { framework: f, codes, variants };
}

export interface BenchRound {
	code: string;
	servicePoint: string;
	accessCode: string;
	q: Questionnaire;
}

const thaiToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * A response as a device sends it. Answers are drawn over the whole scale, so the
 * counters see every code, not the one favourable answer.
 */
export function realisticResponse(
	random: () => number,
	r: BenchRound,
	instrument: 'iit' | 'eit'
): ResponseInput {
	const f = r.q.framework;
	const response = favourableResponse(f, r.code, instrument);
	for (const key of Object.keys(response.answers)) {
		response.answers[key] = pick(random, r.q.codes[instrument].get(key)!);
	}
	for (const [question, ids] of r.q.variants[instrument]) {
		response.variants![question] = pick(random, ids);
	}
	const demographics: Record<string, unknown> = {};
	for (const d of f.demographics[instrument]) {
		// Background questions are optional and some people skip them.
		if (!d.required && random() < 0.1) continue;
		const option = pick(random, d.options);
		demographics[d.id] = option.specify ? { code: option.code, text: 'แม่ค้า' } : option.code;
	}
	response.demographics = demographics;
	if (instrument === 'iit') {
		response.channel = 'link';
		response.accessCode = r.accessCode;
	} else if (random() < 0.5) {
		response.servicePoint = r.servicePoint;
	} else {
		// Not 'kiosk': a kiosk's response needs an enrolled tablet's device key.
		response.channel = 'link';
	}
	if (random() < 0.5) response.collectedOn = thaiToday();
	return response;
}

/**
 * Synthetic responses that reproduce published reports: answer counts taken from the
 * printed distributions (Wang Thonglang FY2565, seed 000) or, where only scores are
 * printed (Samphanthawong FY2567, seed 001), counts that give exactly those scores.
 */
import { randomUUID } from 'node:crypto';
import type { Framework } from '../../src/lib/ita/framework.ts';
import {
	codeFor,
	countsFromPercent,
	itemsOf,
	spread,
	surveyQuestions,
	type ResponseInput
} from './fixtures.ts';

export interface PublishedItem {
	scale: string;
	percent: Record<string, number>;
	score: number;
}

export interface PublishedDistributions {
	respondents: { iit: number; eit: number };
	items: Record<string, PublishedItem>;
	demographics: Record<
		'iit' | 'eit',
		Record<string, Record<string, { count: number; percent: number }>>
	>;
}

/** Responses whose per-item answer counts match the printed percentages. */
export function responsesFromDistributions(
	f: Framework,
	published: PublishedDistributions,
	round: string
): ResponseInput[] {
	const responses: ResponseInput[] = [];
	for (const instrument of ['iit', 'eit'] as const) {
		const n = published.respondents[instrument];
		const batch: ResponseInput[] = Array.from({ length: n }, () => ({
			id: randomUUID(),
			round,
			instrument,
			answers: {},
			demographics: {},
			variants: {}
		}));
		for (const q of surveyQuestions(f, instrument)) {
			for (const item of itemsOf(q)) {
				const key = `${q.id}.${item.id}`;
				const printed = published.items[key];
				if (!printed) throw new Error(`the fixture has no item ${key}`);
				const codes = spread(
					Object.entries(countsFromPercent(printed.percent, n)).map(([c, k]) => [Number(c), k])
				);
				codes.forEach((code, i) => (batch[i].answers[key] = code));
			}
		}
		for (const [question, options] of Object.entries(published.demographics[instrument])) {
			const values = spread(Object.entries(options).map(([code, o]) => [code, o.count]));
			if (values.length !== n)
				throw new Error(`${instrument} ${question} counts ${values.length} of ${n}`);
			values.forEach((code, i) => (batch[i].demographics![question] = code));
		}
		responses.push(...batch);
	}
	return responses;
}

const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;

/**
 * The smallest number of respondents for which every target score is reachable:
 * a one-item question on a k-step scale scores 100·S / ((k−1)·n) for whole S.
 */
function respondentsFor(targets: number[], steps: number): number {
	for (let n = 50; n <= 5000; n++) {
		if (targets.every((t) => reachable(t, n, steps) !== null)) return n;
	}
	throw new Error('no respondent count reproduces every score');
}

function reachable(target: number, n: number, steps: number): number | null {
	const s = Math.round((target * steps * n) / 100);
	for (const cand of [s - 1, s, s + 1]) {
		if (cand >= 0 && cand <= steps * n && round2((100 * cand) / (steps * n)) === target)
			return cand;
	}
	return null;
}

/**
 * Responses whose question scores are exactly the printed ones, for frameworks whose
 * survey questions have one item each (BMA). Variants are handed out in turn.
 */
export function responsesFromQuestionScores(
	f: Framework,
	scores: Record<string, number>,
	round: string
): ResponseInput[] {
	const responses: ResponseInput[] = [];
	for (const instrument of ['iit', 'eit'] as const) {
		const questions = surveyQuestions(f, instrument);
		const steps = f.scales[questions[0].scale].options.length - 1;
		const n = respondentsFor(
			questions.map((q) => scores[q.id]),
			steps
		);
		const batch: ResponseInput[] = Array.from({ length: n }, () => ({
			id: randomUUID(),
			round,
			instrument,
			answers: {},
			variants: {}
		}));
		for (const q of questions) {
			const [item] = itemsOf(q);
			let favour = reachable(scores[q.id], n, steps)!;
			// Whole top answers first, then the remainder, then the bottom answer.
			batch.forEach((response, i) => {
				const rank = Math.min(steps, favour);
				favour -= rank;
				response.answers[`${q.id}.${item.id}`] = codeFor(f, q, item, rank);
				if (q.variants) response.variants![q.id] = q.variants[i % q.variants.length].id;
			});
		}
		responses.push(...batch);
	}
	return responses;
}

/**
 * Checks a framework's parts against each other — what a schema of each part alone
 * cannot see. A new year's file that fails here would score wrongly, so it is refused
 * with the list of problems.
 */
import type { Framework, SurveyQuestion, CheckQuestion } from './framework.ts';

function isSurvey(q: SurveyQuestion | CheckQuestion): q is SurveyQuestion {
	return 'scale' in q;
}

/** Human-readable problems; empty when the framework is consistent. */
export function frameworkProblems(f: Framework): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	const once = (kind: string, id: string) => {
		if (seen.has(`${kind}:${id}`)) problems.push(`${kind} ${id} appears more than once`);
		seen.add(`${kind}:${id}`);
	};

	const instrumentIds = f.instruments.map((i) => i.id);
	for (const id of ['iit', 'eit', 'oit'] as const) {
		if (!instrumentIds.includes(id)) problems.push(`instrument ${id} is missing`);
	}

	for (const instrument of f.instruments) {
		once('instrument', instrument.id);
		for (const indicator of instrument.indicators) {
			once('indicator', indicator.id);
			const questions = [
				...(indicator.questions ?? []),
				...(indicator.subIndicators ?? []).flatMap((s) => s.questions)
			];
			for (const sub of indicator.subIndicators ?? []) {
				once('indicator', sub.id);
				if (!sub.id.startsWith(`${indicator.id}.`)) {
					problems.push(`sub-indicator ${sub.id} does not belong under indicator ${indicator.id}`);
				}
				const own = new Set(sub.questions.map((q) => q.id));
				for (const group of sub.groups ?? []) {
					once('indicator', group.id);
					for (const id of group.questions) {
						if (!own.has(id))
							problems.push(`group ${group.id} lists ${id}, not a question of ${sub.id}`);
					}
				}
			}
			for (const q of questions) {
				once('question', q.id);
				const survey = isSurvey(q);
				if (survey !== (instrument.id !== 'oit')) {
					problems.push(
						`${q.id}: ${instrument.id.toUpperCase()} questions are ${instrument.id === 'oit' ? 'scored by the assessor (no scale)' : 'answered on a scale'}`
					);
				}
				if (f.scoring.method === 'question-points' && q.points === undefined) {
					problems.push(`${q.id} has no points, which the question-points method needs`);
				}
				if (!survey) continue;
				if (!f.scales[q.scale])
					problems.push(`${q.id} uses scale ${q.scale}, which "scales" lacks`);
				const itemSets = q.variants ? q.variants.map((v) => v.items) : [q.items ?? []];
				const ids = itemSets.map((items) => items.map((i) => `${i.id}:${i.polarity}`).join(','));
				if (new Set(ids).size > 1) {
					problems.push(
						`${q.id}: every variant must have the same item ids and polarities, so they pool`
					);
				}
				const itemIds = itemSets[0].map((i) => i.id);
				if (new Set(itemIds).size !== itemIds.length) problems.push(`${q.id} repeats an item id`);
			}
		}
	}

	if (f.scoring.method === 'question-points') {
		for (const instrument of f.instruments) {
			const points = instrument.indicators
				.flatMap((i) => [
					...(i.questions ?? []),
					...(i.subIndicators ?? []).flatMap((s) => s.questions)
				])
				.reduce((sum, q) => sum + (q.points ?? 0), 0);
			const weight = f.scoring.weights[instrument.id];
			if (Math.abs(points - weight) > 1e-9) {
				problems.push(
					`${instrument.id.toUpperCase()} questions carry ${points} points, its weight is ${weight}`
				);
			}
		}
	}
	const weights = Object.values(f.scoring.weights).reduce((a, b) => a + b, 0);
	if (weights !== 100) problems.push(`the weights add up to ${weights}, not 100`);

	const mins = f.levels.map((l) => l.min);
	if (mins.some((m, i) => i > 0 && m > mins[i - 1]))
		problems.push('levels must go from the best down');
	if (mins[mins.length - 1] !== 0)
		problems.push('the last level must start at 0, so every total has a level');

	for (const [instrument, questions] of Object.entries(f.demographics)) {
		for (const d of questions) {
			once(`${instrument} background question`, d.id);
			const codes = d.options.map((o) => o.code);
			if (new Set(codes).size !== codes.length)
				problems.push(`${instrument} ${d.id} repeats an option`);
		}
	}
	return problems;
}

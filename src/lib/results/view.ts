/**
 * The results page's view of a round: the database's scores (round_results or
 * round_results_for) laid out in the framework's order — instruments, indicators,
 * sub-indicators, questions and items with the share of each answer option — as seed
 * 000's table 501 prints them. Nothing is computed here but the layout: every score
 * comes from SQL, and a cell hidden there ("< 5") stays hidden.
 */
import type { Framework, Indicator, Item, SurveyQuestion } from '../ita/framework.ts';
import type { LocalText } from '../admin/views.ts';
import { scoreOf, scoreText } from './format.ts';
import { isSuppressed, type Instrument, type ResultsJson, type Surveyed } from './types.ts';

/** A number as printed ("99.43", "< 5", "–") and as a number when there is one. */
export interface Score {
	text: string;
	value: number | null;
	suppressed: boolean;
}

export function score(cell: unknown): Score {
	return { text: scoreText(cell), value: scoreOf(cell), suppressed: isSuppressed(cell) };
}

export interface OptionShare {
	code: number;
	label: LocalText;
	/** Percent of those who answered the item; null when hidden. */
	percent: number | null;
	count: number | null;
}

export interface ItemView {
	/** The answer key, `<question>.<item>`: "e9.1". */
	key: string;
	text: LocalText;
	negative: boolean;
	n: number | null;
	options: OptionShare[];
	score: Score;
}

export interface QuestionView {
	id: string;
	text: LocalText;
	/** The answer options, bottom first (the stacked bar's order). */
	scale: { code: number; label: LocalText }[];
	items: ItemView[];
	score: Score;
}

export interface SubIndicatorView {
	id: string;
	name: LocalText;
	score: Score;
	/** OIT items with the assessor's score. */
	questions: { id: string; text: LocalText; score: Score }[];
}

export interface IndicatorView {
	id: string;
	instrument: Instrument;
	name: LocalText;
	score: Score;
	questions: QuestionView[];
	subIndicators: SubIndicatorView[];
}

export interface InstrumentView {
	id: Instrument;
	name: LocalText;
	score: Score;
	weight: number;
	weighted: Score;
	/** Head-count ("< 5" in a small subgroup); null for the OIT. */
	respondents: string | number | null;
	suppressed: boolean;
	indicators: IndicatorView[];
}

export interface LevelRule {
	code: string;
	label: LocalText;
	min: number;
	instrumentsMin: number | null;
}

export interface ResultsView {
	method: ResultsJson['method'];
	instruments: InstrumentView[];
	total: Score;
	level: { code: string; label: LocalText } | null;
	levels: LevelRule[];
	/** Every top-level indicator in order: the radar's axes. */
	radar: { id: string; name: LocalText; score: Score }[];
}

function itemsOf(q: SurveyQuestion): Item[] {
	return q.items ?? q.variants?.[0]?.items ?? [];
}

function isSurveyQuestion(q: unknown): q is SurveyQuestion {
	return typeof q === 'object' && q !== null && 'scale' in q;
}

function itemView(f: Framework, q: SurveyQuestion, item: Item, results: ResultsJson): ItemView {
	const key = `${q.id}.${item.id}`;
	const cell = results.items[key];
	const hidden = isSuppressed(cell);
	const shown = !hidden && cell ? cell : null;
	const options = f.scales[q.scale].options.map((o) => ({
		code: o.code,
		label: o.label,
		percent: shown ? (shown.percent?.[String(o.code)] ?? 0) : null,
		count: shown ? (shown.counts?.[String(o.code)] ?? 0) : null
	}));
	// A question with variants (BMA's E3) words its single item as the question itself.
	const text = q.variants && itemsOf(q).length === 1 ? q.text : item.text;
	return {
		key,
		text,
		negative: item.polarity === 'negative',
		n: shown ? shown.n : null,
		options,
		score: score(cell)
	};
}

function indicatorView(
	f: Framework,
	instrument: Instrument,
	ind: Indicator,
	results: ResultsJson
): IndicatorView {
	const questions = (ind.questions ?? []).filter(isSurveyQuestion).map((q) => ({
		id: q.id,
		text: q.text,
		scale: f.scales[q.scale].options.map((o) => ({ code: o.code, label: o.label })),
		items: itemsOf(q).map((item) => itemView(f, q, item, results)),
		score: score(results.questions[q.id])
	}));
	const subIndicators = (ind.subIndicators ?? []).map((s) => ({
		id: s.id,
		name: s.name,
		score: score(results.indicators[s.id]),
		questions: s.questions.map((q) => ({
			id: q.id,
			text: q.text,
			score: score(results.questions[q.id])
		}))
	}));
	return {
		id: ind.id,
		instrument,
		name: ind.name,
		score: score(results.indicators[ind.id]),
		questions,
		subIndicators
	};
}

/** The whole round's (or a subgroup's) results in the framework's order. */
export function resultsView(f: Framework, results: ResultsJson): ResultsView {
	const instruments = f.instruments.map((ins) => {
		const cell = results.instruments[ins.id];
		const surveyed = ins.id !== 'oit';
		return {
			id: ins.id,
			name: ins.name,
			score: score(cell),
			weight: cell?.weight ?? f.scoring.weights[ins.id],
			weighted: score(
				cell && !isSuppressed(cell) && 'weighted' in cell ? { score: cell.weighted ?? null } : cell
			),
			respondents: surveyed ? (results.respondents[ins.id as Surveyed] ?? 0) : null,
			suppressed: isSuppressed(cell),
			indicators: ins.indicators.map((ind) => indicatorView(f, ins.id, ind, results))
		};
	});
	const levelRule = f.levels.find((l) => l.code === results.level);
	return {
		method: results.method,
		instruments,
		total: score(results.total),
		level: levelRule ? { code: levelRule.code, label: levelRule.label } : null,
		levels: f.levels.map((l) => ({
			code: l.code,
			label: l.label,
			min: l.min,
			instrumentsMin: l.instrumentsMin ?? null
		})),
		radar: instruments.flatMap((i) =>
			i.indicators.map((ind) => ({ id: ind.id, name: ind.name, score: ind.score }))
		)
	};
}

/** An item or question by its key, for a test or a report that quotes one number. */
export function findItem(view: ResultsView, key: string): ItemView | undefined {
	for (const ins of view.instruments)
		for (const ind of ins.indicators)
			for (const q of ind.questions) for (const item of q.items) if (item.key === key) return item;
	return undefined;
}

export function findQuestion(view: ResultsView, id: string): QuestionView | undefined {
	for (const ins of view.instruments)
		for (const ind of ins.indicators) for (const q of ind.questions) if (q.id === id) return q;
	return undefined;
}

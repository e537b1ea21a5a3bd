/**
 * The results functions' answers as JSON (see supabase/README.md): round_results,
 * round_results_for, round_progress, round_weak_items, export_responses. Types only,
 * shared by the server, the pages and the exports.
 */
import type { LocalText } from '../admin/views.ts';

export type Instrument = 'iit' | 'eit' | 'oit';
export type Surveyed = 'iit' | 'eit';

/** A cell hidden because its group has fewer than 5 respondents (or leaves 1–4 outside). */
export interface SuppressedCell {
	suppressed: true;
	reason: 'small' | 'rest';
	n?: '< 5';
	rest?: '< 5';
}

export interface ScoreCell {
	score: number | null;
	exact?: number | null;
}

export type Cell = ScoreCell | SuppressedCell;

export interface ItemCell extends ScoreCell {
	n: number;
	counts: Record<string, number>;
	percent: Record<string, number>;
}

export interface DemographicTable {
	n: number;
	options: Record<string, { count: number; percent: number }>;
}

export interface ResultsJson {
	round: {
		code: string;
		agency: { code: string; name: LocalText };
		status: string;
		opensOn: string;
		closesOn: string;
		framework: string;
		fiscalYear: number;
	};
	method: 'indicator-mean' | 'question-points';
	/** Only from round_results_for: the filter as the database read it. */
	filter?: Record<string, unknown>;
	/** A count, or "< 5" in a filtered subgroup. */
	respondents: Record<Surveyed, number | string>;
	suppressed?: Partial<Record<Surveyed, boolean>>;
	/** round_results only: responses held for review, counted nowhere (issue 13). */
	held?: Record<Surveyed, number>;
	items: Record<string, ItemCell | SuppressedCell>;
	questions: Record<string, (ScoreCell & { points?: number | null }) | SuppressedCell>;
	indicators: Record<string, Cell>;
	groups: Record<string, Cell>;
	instruments: Record<
		Instrument,
		| (ScoreCell & { weight: number; weighted?: number | null })
		| (SuppressedCell & { weight: number })
	>;
	total: number | null | SuppressedCell;
	totalExact: number | null;
	level: string | null;
	levelLabel: LocalText | null;
	demographics: Record<Surveyed, Record<string, DemographicTable> | SuppressedCell>;
}

export interface Pace {
	n: number;
	target: number | null;
	needed: number | null;
	daysLeft: number;
	perDayNeeded: number | null;
	ratePerDay: number | null;
	projected: number | null;
	onTrack: boolean | null;
}

export interface ProgressJson {
	round: { code: string; status: string; fiscalYear: number };
	today: string;
	opensOn: string;
	closesOn: string;
	targets: {
		staff: number | null;
		minIit: number | null;
		minEit: number | null;
		iit: number | null;
		eit: number | null;
	};
	respondents: Record<Surveyed, number>;
	daily: { day: string; iit: number; eit: number }[];
	byChannel: {
		channel: 'qr' | 'kiosk' | 'link' | 'paper';
		servicePoint: string | null;
		servicePointName: LocalText | null;
		iit: number;
		eit: number;
		n: number;
	}[];
	pace: Record<Surveyed, Pace>;
}

export interface WeakItem {
	ref: string;
	kind: 'item' | 'oit';
	instrument: Instrument;
	indicator: string;
	subIndicator: string | null;
	question: string;
	questionText: LocalText | null;
	itemText: LocalText | null;
	n: number | null;
	score: number;
	gap: number;
	moreFavourable: number | null;
	topAnswer: number | null;
}

export interface WeakJson {
	threshold: number;
	topBand: number;
	bar: number;
	items: WeakItem[];
}

export interface ExportedResponse {
	n: number;
	day: string;
	instrument: Surveyed;
	channel: string;
	servicePoint: string | null;
	demographics: Record<string, string>;
	variants: Record<string, string>;
	answers: Record<string, number>;
}

/** Whether a cell is hidden for a small group. */
export function isSuppressed(cell: unknown): cell is SuppressedCell {
	return typeof cell === 'object' && cell !== null && (cell as SuppressedCell).suppressed === true;
}

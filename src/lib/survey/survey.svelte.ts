/**
 * The state of one respondent's survey: where they are and what they answered. Every
 * change is saved as a draft (unless the shell forbids it, as the kiosk does), so a
 * reload resumes; the flow's rules live in flow.ts.
 */
import type { DemographicAnswer } from './response.ts';
import { emptyDraft, missing, steps, type Draft, type Missing, type Step } from './flow.ts';
import type { SurveyDefinition } from './questionnaire.ts';

export interface DraftStore {
	load(): Draft | null;
	save(draft: Draft): void;
	clear(): void;
}

export class SurveyState {
	readonly def: SurveyDefinition;
	readonly steps: Step[];
	#draft = $state<Draft>(emptyDraft());
	#problems = $state<Missing[]>([]);
	#resumed = $state(false);
	#store: DraftStore | null;

	constructor(
		def: SurveyDefinition,
		store: DraftStore | null,
		accessCode?: string,
		options: { aboutLast?: boolean } = {}
	) {
		this.def = def;
		this.steps = steps(def, options);
		this.#store = store;
		const saved = store?.load();
		if (saved && saved.step > 0) {
			this.#draft = { ...saved, step: Math.min(saved.step, this.steps.length - 1) };
			this.#resumed = true;
		}
		// The code a link carries (a slip's QR code) is the one to use, even over a draft's.
		if (accessCode) this.#draft.accessCode = accessCode;
	}

	get draft(): Draft {
		return this.#draft;
	}
	get index(): number {
		return this.#draft.step;
	}
	get step(): Step {
		return this.steps[this.#draft.step];
	}
	/** What blocked the last "next", shown until the respondent answers it. */
	get problems(): Missing[] {
		return this.#problems;
	}
	/** True when a saved draft was picked up. */
	get resumed(): boolean {
		return this.#resumed;
	}
	/** A survey counts as in progress once the respondent has left the first screen. */
	get inProgress(): boolean {
		return this.#draft.step > 0;
	}
	get questionCount(): number {
		return this.def.questions.length;
	}

	#changed() {
		this.#store?.save($state.snapshot(this.#draft));
		if (this.#problems.length > 0) this.#problems = missing(this.def, this.step, this.#draft);
	}

	setAnswer(key: string, code: number) {
		this.#draft.answers[key] = code;
		this.#changed();
	}

	setDemographic(id: string, answer: DemographicAnswer | undefined) {
		if (answer === undefined) delete this.#draft.demographics[id];
		else this.#draft.demographics[id] = answer;
		this.#changed();
	}

	setVariant(question: string, variant: string) {
		this.#draft.variants[question] = variant;
		this.#changed();
	}

	setAccessCode(code: string) {
		this.#draft.accessCode = code;
		this.#changed();
	}

	/** Goes on when nothing blocks; otherwise keeps the respondent here with the reasons. */
	next(): boolean {
		const blocking = missing(this.def, this.step, this.#draft);
		this.#problems = blocking;
		if (blocking.length > 0) return false;
		this.goTo(this.#draft.step + 1);
		return true;
	}

	back() {
		this.goTo(this.#draft.step - 1);
	}

	goTo(index: number) {
		this.#draft.step = Math.max(0, Math.min(index, this.steps.length - 1));
		// The clock for the server's time floor starts at the first question.
		if (this.#draft.step > 0 && this.#draft.startedAt === undefined) {
			this.#draft.startedAt = Date.now();
		}
		this.#problems = [];
		this.#store?.save($state.snapshot(this.#draft));
	}

	/** After sending, or after the idle reset of a kiosk: nothing of this respondent stays. */
	reset() {
		this.#store?.clear();
		this.#draft = emptyDraft();
		this.#problems = [];
		this.#resumed = false;
	}
}

/**
 * What a respondent's page needs of a round: its public facts and one instrument's
 * questions, flattened into the steps of the survey. Pure data, no Svelte, no I/O.
 */
import type {
	Demographic,
	Framework,
	Item,
	Scale,
	SurveyQuestion,
	Text
} from '../ita/framework.ts';
import type { Instrument } from './response.ts';

/** What get_questionnaire() answers. */
export interface RoundQuestionnaire {
	round: {
		code: string;
		fiscalYear: number;
		opensOn: string;
		closesOn: string;
		open: boolean;
		iitAccessCode: boolean;
		/**
		 * `single`: staff answer IIT with a slip's one-time code; `shared`: with the round's
		 * code when it has one (`iitAccessCode`). Absent from servers before issue 13.
		 */
		iitCodes?: 'single' | 'shared';
		allowRepeat: boolean;
	};
	agency: { code: string; name: Text };
	sections: { code: string; name: Text; kind: string }[];
	servicePoint: { code: string; name: Text } | null;
	framework: Framework;
}

export interface SurveyQuestionView {
	id: string;
	indicator: Text;
	text: Text;
	scale: Scale;
	items: Item[];
	variants?: { id: string; label: Text; items: Item[] }[];
}

/** One instrument of a round, as the survey screens walk through it. */
export interface SurveyDefinition {
	round: RoundQuestionnaire['round'];
	agency: RoundQuestionnaire['agency'];
	servicePoint: RoundQuestionnaire['servicePoint'];
	instrument: Instrument;
	instrumentName: Text;
	audience?: Text;
	frameworkTitle: Text;
	demographics: Demographic[];
	questions: SurveyQuestionView[];
}

/** Keeps only what the respondent sees: one instrument, no maintainers' notes. */
export function surveyDefinition(q: RoundQuestionnaire, instrument: Instrument): SurveyDefinition {
	const ins = q.framework.instruments.find((i) => i.id === instrument);
	if (!ins) throw new Error(`the round has no ${instrument.toUpperCase()} questionnaire`);
	const clean = (items: Item[]) => items.map(({ note: _note, ...item }) => item as Item);
	const questions = ins.indicators.flatMap((indicator) =>
		((indicator.questions ?? []) as SurveyQuestion[]).map((question) => ({
			id: question.id,
			indicator: indicator.name,
			text: question.text,
			scale: q.framework.scales[question.scale],
			items: clean(question.items ?? question.variants![0].items),
			variants: question.variants?.map((v) => ({ id: v.id, label: v.label, items: clean(v.items) }))
		}))
	);
	let demographics = q.framework.demographics[instrument];
	// "Which section did you contact" lists the agency's own sections where it has them.
	if (q.sections.length > 0) {
		demographics = demographics.map((d) =>
			d.source === 'section'
				? {
						...d,
						options: [
							...q.sections.map((s) => ({ code: s.code, label: s.name })),
							...d.options.filter((o) => !q.sections.some((s) => s.code === o.code))
						]
					}
				: d
		);
	}
	return {
		round: q.round,
		agency: q.agency,
		servicePoint: q.servicePoint,
		instrument,
		instrumentName: ins.name,
		audience: ins.audience,
		frameworkTitle: q.framework.title,
		demographics,
		questions
	};
}

// Said on the first screen, so it lives with the intro's helpers (the phone's first screen
// does not carry surveyDefinition, which the server and the kiosk use).
export { estimatedMinutes } from './intro.ts';

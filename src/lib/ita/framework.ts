/**
 * The questionnaire of one ITA framework version, as data.
 *
 * A framework file (`supabase/seed/frameworks/<id>.json`) is parsed with
 * `FrameworkSchema`; the database loads the same JSON with `load_framework()`.
 * Adding next year's questionnaire is adding one such file: nothing here
 * names a question, an indicator or a framework.
 */
import { z } from 'zod';

/** Text shown to people: Thai always, English where we have it. */
export const TextSchema = z.object({
	th: z.string().min(1),
	en: z.string().min(1).optional()
});
export type Text = z.infer<typeof TextSchema>;

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ids are letters, digits, _ and -');
const dottedId = z
	.string()
	.regex(/^[0-9]+(\.[0-9]+)*$/, 'indicator ids are dotted numbers like 9 or 9.1');

export const InstrumentIdSchema = z.enum(['iit', 'eit', 'oit']);
export type InstrumentId = z.infer<typeof InstrumentIdSchema>;

/**
 * `positive`: the top answer (มากที่สุด, มี) earns 100.
 * `negative`: the bottom answer (น้อยที่สุดหรือไม่มีเลย, ไม่มี) earns 100.
 */
export const PolaritySchema = z.enum(['positive', 'negative']);
export type Polarity = z.infer<typeof PolaritySchema>;

export const ItemSchema = z.object({
	/** Unique within its question; the answer key is `<question>.<item>`, e.g. `i1.1`. */
	id,
	text: TextSchema,
	polarity: PolaritySchema,
	/** A required item blocks the respondent until answered. Default true. */
	required: z.boolean().default(true),
	/** Why this polarity was chosen where no published distribution shows it. */
	note: z.string().optional()
});
export type Item = z.infer<typeof ItemSchema>;

/** One version of a question for one kind of service (BMA's E3). */
export const VariantSchema = z.object({
	id,
	label: TextSchema,
	/** The same item ids in every variant: answers pool into one score per item. */
	items: z.array(ItemSchema).min(1)
});

export const SurveyQuestionSchema = z
	.object({
		id,
		text: TextSchema,
		/** A key of `Framework.scales`. */
		scale: z.string(),
		/** Points of this question in the total (question-points method). */
		points: z.number().positive().optional(),
		items: z.array(ItemSchema).min(1).optional(),
		variants: z.array(VariantSchema).min(2).optional(),
		note: z.string().optional()
	})
	.refine((q) => (q.items === undefined) !== (q.variants === undefined), {
		message: 'a survey question has either items or variants'
	});
export type SurveyQuestion = z.infer<typeof SurveyQuestionSchema>;

/** An OIT item: the assessor enters its score (0–100); nobody answers it. */
export const CheckQuestionSchema = z.object({
	id,
	text: TextSchema,
	points: z.number().positive().optional(),
	note: z.string().optional()
});
export type CheckQuestion = z.infer<typeof CheckQuestionSchema>;

/** A heading under a sub-indicator (NACC's 9.1.1 …): shown, never scored on its own path. */
export const GroupSchema = z.object({
	id: dottedId,
	name: TextSchema,
	questions: z.array(id).min(1)
});

export const SubIndicatorSchema = z.object({
	id: dottedId,
	name: TextSchema,
	questions: z.array(CheckQuestionSchema).min(1),
	groups: z.array(GroupSchema).optional()
});

export const IndicatorSchema = z
	.object({
		id: dottedId,
		name: TextSchema,
		questions: z.array(z.union([SurveyQuestionSchema, CheckQuestionSchema])).optional(),
		subIndicators: z.array(SubIndicatorSchema).optional()
	})
	.refine((i) => (i.questions === undefined) !== (i.subIndicators === undefined), {
		message: 'an indicator has either questions or sub-indicators'
	});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const InstrumentSchema = z.object({
	id: InstrumentIdSchema,
	name: TextSchema,
	/** Who answers, shown on the survey's first screen. */
	audience: TextSchema.optional(),
	indicators: z.array(IndicatorSchema).min(1)
});
export type Instrument = z.infer<typeof InstrumentSchema>;

/** Answer options of a scale, from the bottom answer to the top answer. */
export const ScaleSchema = z.object({
	options: z.array(z.object({ code: z.number().int().min(0).max(9), label: TextSchema })).min(2)
});
export type Scale = z.infer<typeof ScaleSchema>;

export const LevelSchema = z.object({
	code: id,
	label: TextSchema,
	/** Lowest total (inclusive) of this level. */
	min: z.number().min(0).max(100),
	/** When set, every instrument's score must also reach it (BMA's conditions). */
	instrumentsMin: z.number().min(0).max(100).optional()
});
export type Level = z.infer<typeof LevelSchema>;

export const DemographicSchema = z.object({
	id,
	label: TextSchema,
	options: z
		.array(
			z.object({
				code: id,
				label: TextSchema,
				/** "อื่น ๆ (โปรดระบุ)": the respondent may type what it is. */
				specify: z.boolean().optional()
			})
		)
		.min(2),
	required: z.boolean().default(false),
	/** `section`: the options come from the agency's own sections when it has them. */
	source: z.enum(['framework', 'section']).default('framework')
});
export type Demographic = z.infer<typeof DemographicSchema>;

export const FrameworkSchema = z.object({
	id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
	title: TextSchema,
	/** Where the questionnaire, weights and levels come from. */
	source: z.string(),
	/** Gregorian fiscal years it is used for (shown in the Buddhist era). */
	fiscalYears: z.array(z.number().int().min(2000).max(2100)).min(1),
	scoring: z.object({
		/**
		 * `indicator-mean`: item → question → indicator by plain means, each instrument the
		 * mean of its indicators, total = Σ instrument × weight / 100 (NACC).
		 * `question-points`: every question carries points; indicators and instruments are
		 * points-weighted means and total = Σ question score × points / 100 (BMA).
		 */
		method: z.enum(['indicator-mean', 'question-points']),
		weights: z.object({ iit: z.number(), eit: z.number(), oit: z.number() })
	}),
	scales: z.record(z.string(), ScaleSchema),
	instruments: z.array(InstrumentSchema).min(1),
	/** From the best level down; the first whose conditions hold is the level. */
	levels: z.array(LevelSchema).min(2),
	demographics: z.object({
		iit: z.array(DemographicSchema),
		eit: z.array(DemographicSchema)
	})
});
export type Framework = z.infer<typeof FrameworkSchema>;

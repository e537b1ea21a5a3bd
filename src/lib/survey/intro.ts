/**
 * What the survey's first screen says about a survey before anything is answered: how
 * long it takes, and whether staff need a code. Apart from ./flow.ts (the steps and what
 * blocks "next"), which comes with the screens after the first.
 */
import type { Component } from 'svelte';
import type { Lang } from '../i18n/index.ts';
import type { SurveyDefinition } from './questionnaire.ts';

/** About one minute per six items, never less than three: said on the first screen. */
export function estimatedMinutes(def: SurveyDefinition): number {
	const items = def.questions.reduce((n, q) => n + q.items.length, 0) + def.demographics.length;
	return Math.max(3, Math.round(items / 6));
}

/** True when staff need a code to answer this round's IIT: a slip's, or the shared one. */
export function asksForCode(def: SurveyDefinition): boolean {
	return def.round.iitCodes === 'single' || def.round.iitAccessCode;
}

/** The code field of the IIT first screen, before and after the survey's state is loaded. */
export interface IntroCode {
	readonly value: string;
	/** "start" was tapped without one. */
	readonly missing: boolean;
	set(value: string): void;
}

/** The shape of the IIT page's code field (components/AccessCodeField.svelte), handed down to the intro. */
export type CodeField = Component<{ def: SurveyDefinition; code: IntroCode; lang: Lang }>;

/** Which of the phone's screens shows: the survey, "already answered", or the thank-you. */
export type View = 'survey' | 'answered' | 'thanks';

/**
 * The survey's screens after the first one, loaded when the browser is idle after the
 * first screen (or, at the latest, when the respondent taps "start"), so that the first
 * screen costs little to download on a cheap phone.
 */
export { default as AboutStep } from './AboutStep.svelte';
export { default as QuestionStep } from './QuestionStep.svelte';
export { default as ReviewStep } from './ReviewStep.svelte';

import { addTexts } from '../../i18n/index.ts';
import { thLater } from '../../i18n/th-later.ts';

// Their Thai words come with them.
addTexts('th', thLater);

import type { th } from './th.ts';

export const en: Record<keyof typeof th, string> = {
	'app.name': 'ITA Collect',
	'app.tagline':
		'Collect the ITA perception surveys of internal (IIT) and external (EIT) stakeholders and see the Integrity and Transparency Assessment scores while collection runs.',
	'app.lang.switch': 'ภาษาไทย',
	'app.lang.label': 'Change language',
	'home.rounds.title': 'Open assessment rounds',
	'home.rounds.empty': 'No assessment round is open yet.',
	'home.rounds.fiscalYear': 'Fiscal year {year} BE',
	'home.rounds.closes': 'Closes on {day}',
	'home.rounds.answer': 'Answer the survey'
};

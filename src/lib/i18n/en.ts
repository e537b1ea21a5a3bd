import type { Dictionary } from './index.ts';
import { pagesEn } from './pages-en.ts';
import { providePagesEn } from './pages.ts';

// The English of the pages' own words (./pages.ts) comes with this dictionary.
providePagesEn(pagesEn);

export const en: Dictionary = {
	'app.name': 'ITA Collect',
	'app.lang.switch': 'ภาษาไทย',
	'home.rounds.fiscalYear': 'Fiscal year {year} BE',
	'survey.intro.title.eit': 'External stakeholders’ perception survey (EIT)',
	'survey.intro.title.iit': 'Internal stakeholders’ perception survey (IIT)',
	'survey.intro.what':
		'The Integrity and Transparency Assessment (ITA) asks what you think of how {agency} works, so that its services can improve.',
	'survey.intro.anonymous':
		'Your name is not asked. Your answers are confidential and the time you answer is not recorded.',
	'survey.intro.minutes': 'About {minutes} minutes',
	'survey.intro.who': 'Who answers: {audience}',
	'survey.intro.counter': 'Service point: {name}',
	'survey.intro.start': 'Start',
	'survey.intro.resume': 'Continue where you left off',
	'survey.access.label': 'Staff access code',
	'survey.code.label': 'One-time code (from your slip)',
	'survey.code.help':
		'Type the code on the slip you got from the ITA working group, or scan the QR code on it. A code answers once, and is not linked to your answers.',
	'survey.access.help': 'Ask your office’s ITA working group for the code.',
	'survey.access.wrong':
		'The staff access code is wrong. Please check it with your office’s ITA working group.',
	'survey.loading': 'Loading…',
	'survey.reload': 'Reload the page',
	'survey.offlineTooEarly':
		'The survey had not finished loading when the connection dropped. Once connected, reload the page: your answers so far are kept.',
	'survey.access.missing': 'Please enter the staff access code to start.',
	'survey.about.title': 'About you',
	'survey.about.help': 'Optional. Used only for the overall summary.',
	'survey.about.specify': 'Please specify',
	'survey.about.missing': 'Please answer: {items}',
	'survey.progress': 'Question {current} of {total}',
	'survey.progress.label': 'Progress',
	'survey.question.variant': 'Which service did you use?',
	'survey.question.variantMissing': 'Please choose the service you used first.',
	'survey.question.missing': 'Not answered yet: {items}',
	'survey.question.item': 'Statement {n}',
	'survey.nav.back': 'Back',
	'survey.nav.next': 'Next',
	'survey.nav.review': 'Review answers',
	'survey.review.title': 'Check your answers before sending',
	'survey.review.help': 'Tap “Edit” to change an answer.',
	'survey.review.edit': 'Edit',
	'survey.review.none': 'Not answered',
	'survey.review.send': 'Send answers',
	'survey.review.sending': 'Saving…',
	'survey.review.incomplete': 'Some answers are missing; please go back to them.',
	'survey.review.saveFailed': 'Your answers could not be saved on this device. Please try again.',
	'survey.insecure':
		'This page was not opened over a secure connection (https), so it cannot work offline: answers cannot be kept on this device offline. Please answer and send while you have an internet connection.',
	'survey.thanks.title': 'Thank you for answering',
	'survey.thanks.saved': 'Your answers are saved.',
	'survey.thanks.sent': 'They have reached the office’s system.',
	'survey.thanks.queued':
		'There is no connection yet: your answers will be sent automatically. No need to answer again.',
	'survey.answered.title': 'This device has already answered this round',
	'survey.answered.when': 'Answered on {day}',
	'survey.answered.again': 'Answer for another person',
	'survey.answered.noRepeat': 'In this round each device answers once.',
	'survey.update.available': 'A new version of the app is ready',
	'survey.update.apply': 'Update now',
	'status.link': 'Sending status'
};

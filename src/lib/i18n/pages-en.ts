/** The English of ./pages.ts, loaded with the English dictionary (./en.ts). */
import type { PageKey } from './pages.ts';

export const pagesEn: Record<PageKey, string> = {
	'notFound.title': 'Page not found',
	'notFound.text': 'The link may be mistyped or removed. Check the link or QR code.',
	'notFound.round.title': 'Assessment round not found',
	'notFound.round.text':
		'There is no assessment round "{round}", or it is not open to answers. Check the link or QR code, or ask the agency’s staff.',
	'notFound.counter.title': 'Service counter not found',
	'notFound.counter.text':
		'This link names the service counter "{counter}", which this round does not have (it may be mistyped or removed). You can still answer this round’s survey.',
	'notFound.counter.general': 'Answer the survey of {agency}',
	'notFound.home': 'Go to the home page',
	'error.title': 'Something went wrong',
	'error.text': 'The system has a temporary problem. Please try again later.',
	'round.notYet.title': 'This assessment round is not open yet',
	'round.notYet.text':
		'It takes answers from {opens} to {closes}. Please come back then. Thank you.',
	'round.closed.title': 'This assessment round is closed',
	'round.closed.text': 'It stopped taking answers on {closes}. Thank you for your interest.',
	'round.paused.text': 'The agency has stopped taking answers for this round. Thank you.',
	'status.back': 'Back to the survey',
	'status.home': 'Go to the home page'
};

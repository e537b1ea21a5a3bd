/** The English of ./pages.ts, loaded with the English dictionary (./en.ts). */
import type { PageKey } from './pages.ts';

export const pagesEn: Record<PageKey, string> = {
	'notFound.title': 'Page not found',
	'notFound.text': 'The link may be mistyped or removed. Check the link or QR code.',
	'notFound.home': 'Go to the home page',
	'error.title': 'Something went wrong',
	'error.text': 'The system has a temporary problem. Please try again later.',
	'round.notYet.title': 'This assessment round is not open yet',
	'round.notYet.text':
		'It takes answers from {opens} to {closes}. Please come back then. Thank you.',
	'round.closed.title': 'This assessment round is closed',
	'round.closed.text': 'It stopped taking answers on {closes}. Thank you for your interest.',
	'round.paused.text': 'The agency has stopped taking answers for this round. Thank you.'
};

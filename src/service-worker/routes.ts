/**
 * Which strategy answers a request. Pure: it sees only the request's URL, method and
 * mode, so the rules are unit-tested without a browser.
 */

/** How the service worker answers one request; `key` is what it is cached under. */
export type Strategy =
	/** A same-origin HTML page: network first, the cached copy offline (key: origin + pathname). */
	| { kind: 'page'; key: string }
	/** A file of the app shell: cache first (key: origin + pathname). */
	| { kind: 'asset'; key: string }
	/** The round's questionnaire: network first, the cached copy offline (key: full URL). */
	| { kind: 'questionnaire'; key: string }
	/** Not ours to answer: the browser goes to the network as if there were no service worker. */
	| { kind: 'network' };

/** What the worker knows about itself when it chooses. */
export interface Scope {
	/** The app's origin (the worker's own). */
	origin: string;
	/** Pathnames of the precached app shell (`build`, `files`, `prerendered`). */
	precached: ReadonlySet<string>;
}

export type RequestFacts = Pick<Request, 'url' | 'method' | 'mode'>;

const API = '/rest/v1/';
const QUESTIONNAIRE = '/rest/v1/rpc/get_questionnaire';
/** Vite's content-hashed output: a name never changes content, so any cached copy is right. */
const IMMUTABLE = '/_app/immutable/';

/** What a page is cached under: its address without the query string (see below). */
export function pageKey(url: URL): string {
	return url.origin + url.pathname;
}

export function chooseStrategy(request: RequestFacts, scope: Scope): Strategy {
	if (request.method !== 'GET') return { kind: 'network' };
	const url = new URL(request.url);

	// The API is matched on any origin: with a Supabase project the browser calls the
	// project directly, and the questionnaire must still open offline. Everything else
	// there (submit_responses above all) goes straight to the network: an answer must
	// reach the server or stay in the outbox, never be "answered" from a cache.
	if (url.pathname.startsWith(API)) {
		return url.pathname === QUESTIONNAIRE
			? { kind: 'questionnaire', key: url.href }
			: { kind: 'network' };
	}
	if (url.origin !== scope.origin) return { kind: 'network' };
	// Officers' pages hold what only a signed-in officer may see (IIT access codes, scores):
	// never kept on the device, where the next person at the computer could read them.
	if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) return { kind: 'network' };
	// The server's health is the server's answer now, never a copy kept from earlier.
	if (url.pathname === '/healthz') return { kind: 'network' };

	// The query string is left out of the key: `/r/x?sp=a` and `/r/x?lang=en` are the same
	// page, and a respondent who arrives offline with another service point still gets it.
	if (request.mode === 'navigate') return { kind: 'page', key: pageKey(url) };

	if (scope.precached.has(url.pathname) || url.pathname.startsWith(IMMUTABLE)) {
		return { kind: 'asset', key: url.origin + url.pathname };
	}
	return { kind: 'network' };
}

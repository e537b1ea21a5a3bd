import { env } from '$env/dynamic/private';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { en } from '$lib/i18n/en.ts';
import { addTexts, isLang, provideLang } from '$lib/i18n/index.ts';
import { thIit } from '$lib/i18n/th-iit.ts';
import { thLater } from '$lib/i18n/th-later.ts';
import { DataFolderInUse } from '$lib/server/embedded/lock.ts';
import { startEmbedded, stopEmbedded } from '$lib/server/embedded/index.ts';
import type { StartFacts } from '$lib/server/embedded/start-facts.ts';
import { currentUser } from '$lib/server/admin/session.ts';
import { usesSupabase } from '$lib/server/config.ts';
import { paintsBeforeScripts, startAfterFirstPaint } from '$lib/server/first-paint.ts';

provideLang('en', en);
addTexts('th', thLater);
addTexts('th', thIit);

/** With no Supabase project configured, this server is the database's API (the embedded default). */
export const init: ServerInit = async () => {
	if (usesSupabase()) return;
	try {
		const started = await startEmbedded(env.ITA_DATA_DIR);
		const facts: StartFacts = {
			dataDir: started.dataDir,
			demo: started.demo,
			setupToken: started.setupToken
		};
		// `npm start` (src/cli/start.ts) prints them in its one start-up block.
		const announce = (globalThis as { __itaCollectStart?: StartFacts[] }).__itaCollectStart;
		if (announce) announce.push(facts);
		else console.log(`ITA Collect: data in ${started.dataDir}`);
		process.once('sveltekit:shutdown', () => void stopEmbedded());
		// A test seam: a server the tests started answers their SQL (test-channel.ts).
		if (process.env.NODE_ENV === 'test' && env.ITA_TEST_SQL === '1' && process.send) {
			(await import('$lib/server/db/test-channel.ts')).answerSql(started.db);
		}
	} catch (error) {
		if (error instanceof DataFolderInUse) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
};

/**
 * Thai unless the visitor chose English (`?lang=en`, remembered in a cookie); and who is
 * signed in to the officers' screens (`locals.user`: the session's claims, or null).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	if (isLang(asked)) {
		// Not `Secure` over plain http (SvelteKit's default off localhost), or a browser
		// on the office LAN would drop it and forget the choice.
		event.cookies.set('lang', asked, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			httpOnly: false,
			secure: event.url.protocol === 'https:'
		});
	}
	const cookie = event.cookies.get('lang');
	event.locals.lang = isLang(asked) ? asked : isLang(cookie) ? cookie : 'th';
	// Only the officers' screens have a session; a respondent's page asks nothing of
	// Supabase Auth (on Supabase, reading the session is a round trip to it).
	event.locals.user = event.url.pathname.startsWith('/admin') ? await currentUser(event) : null;
	// The survey's first screen is painted before its scripts are fetched (first-paint.ts).
	const respondent = paintsBeforeScripts(event.route.id);
	const modules: string[] = [];
	return resolve(event, {
		// No font is preloaded: Sarabun must not compete with the first paint. The phone's own
		// Thai font draws the first screen, given Sarabun's metrics so that nothing moves when
		// Sarabun swaps in (fonts.css; CLS 0, tests/e2e/ux.test.ts). With the two faces
		// preloaded, Chromium held the first paint for them, and Lighthouse counted them in
		// the LCP (README, "Benchmarks"). The survey pages' scripts are preloaded after the
		// first paint instead (first-paint.ts).
		preload: ({ type, path }) => {
			if (type === 'js' && respondent) {
				modules.push(path);
				return false;
			}
			return type === 'js' || type === 'css';
		},
		transformPageChunk: ({ html }) => {
			html = html.replace('<html lang="th">', `<html lang="${event.locals.lang}">`);
			return respondent ? startAfterFirstPaint(html, modules) : html;
		}
	});
};

/**
 * Size benchmark: what a respondent's phone downloads for the first screen of a survey,
 * and what the app keeps for offline use, in gzip KiB (zlib level 9, as a server would
 * send it at best).
 *
 *   npm run size                                   (the EIT page of the demo round)
 *   npm run size -- /r/demo-bma-2567?i=<code>      (any other path)
 *
 * It starts the embedded server as `npm start` does (which builds first when the build
 * is missing or older than the sources) on a throw-away data folder and a free port,
 * opens the page in Debian's Chromium at a phone's size (390×844) and records every
 * script and stylesheet the page loads until the network is idle. Then it adds up what
 * the round needs offline: the service worker's precache (the build's
 * `_app/offline-set.json` and the static files the worker lists), the worker itself, the
 * page's HTML and the questionnaire. For each first-screen chunk it lists the modules
 * that make it up, largest first (the bytes each renders to before minifying, from the build's
 * `.svelte-kit/ita-chunks.json`, which the `ita-offline-set` plugin in vite.config.ts writes).
 * Targets: first-screen JS ≤ 38 KiB gzip in at most 8 JS requests before the load event;
 * what a phone downloads to work offline ≤ 140 KiB gzip.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from 'playwright-core';
import { freePort } from '../support/ports.ts';
import { EmbeddedServer } from '../support/server.ts';
import { chromiumArgs } from '../e2e/browser.ts';
import { fmt, onCleanup, round, runBenchmark, verdict } from './common.ts';

const TARGET_JS_KIB = 38;
const TARGET_JS_REQUESTS = 8;
const TARGET_OFFLINE_KIB = 140;
const DEFAULT_PATH = '/r/demo-bma-2567?sp=registration-1';
const clientDir = resolve('build', 'client');

interface Sized {
	name: string;
	bytes: number;
	gzip: number;
}

function gzipSize(body: Buffer): number {
	return gzipSync(body, { level: 9 }).length;
}

const kib = (bytes: number) => bytes / 1024;

/**
 * The files the built service worker precaches: the build's offline set
 * (`_app/offline-set.json`, the respondent's and the kiosk's closures) and the static
 * files (the worker's `files` list: the string literals it holds that name a file outside
 * `_app/`).
 */
function precacheList(): string[] {
	const paths = new Set<string>(
		(JSON.parse(readFileSync(join(clientDir, '_app', 'offline-set.json'), 'utf8')) as string[]).map(
			(file) => `/${file}`
		)
	);
	const worker = readFileSync(join(clientDir, 'service-worker.js'), 'utf8');
	for (const [, path] of worker.matchAll(/[`"'](\/[^`"'\s]+)[`"']/g)) {
		const file = join(clientDir, decodeURI(path));
		if (path.startsWith('/_app/') || !file.startsWith(clientDir)) continue;
		if (existsSync(file) && statSync(file).isFile()) paths.add(path);
	}
	return [...paths].sort();
}

function sizeFile(path: string): Sized {
	const body = readFileSync(join(clientDir, decodeURI(path)));
	return { name: path, bytes: body.length, gzip: gzipSize(body) };
}

function total(items: Sized[]): number {
	return items.reduce((sum, item) => sum + item.gzip, 0);
}

function printFiles(title: string, items: Sized[]) {
	console.log(`\n${title}`);
	for (const item of [...items].sort((a, b) => b.gzip - a.gzip)) {
		console.log(`  ${fmt(kib(item.gzip), 2).padStart(8)} KiB  ${item.name}`);
	}
	console.log(`  ${fmt(kib(total(items)), 2).padStart(8)} KiB  total (${items.length} files)`);
}

interface ChunkReport {
	fileName: string;
	modules: { id: string; bytes: number }[];
}

/** What each first-screen chunk is made of, from the build's report (when it is there). */
function printModules(files: string[]) {
	const report = resolve('.svelte-kit', 'ita-chunks.json');
	if (!existsSync(report)) return;
	const chunks = JSON.parse(readFileSync(report, 'utf8')) as ChunkReport[];
	console.log(
		'\nWhat the first screen’s chunks hold (bytes each module renders to, before minifying; largest first)'
	);
	for (const file of files) {
		const chunk = chunks.find((c) => file.endsWith(`/${c.fileName}`));
		if (!chunk || chunk.modules.length === 0) continue;
		const shown = chunk.modules.slice(0, 12);
		const rest = chunk.modules.slice(12).reduce((sum, m) => sum + m.bytes, 0);
		console.log(`  ${file}`);
		for (const m of shown) console.log(`    ${String(m.bytes).padStart(7)}  ${m.id}`);
		if (rest > 0) {
			console.log(`    ${String(rest).padStart(7)}  ${chunk.modules.length - 12} more modules`);
		}
	}
}

function kindOf(response: Response): 'js' | 'css' | undefined {
	const type = response.headers()['content-type'] ?? '';
	if (/javascript/.test(type)) return 'js';
	if (/text\/css/.test(type)) return 'css';
	return undefined;
}

runBenchmark(async () => {
	const path = process.argv[2] ?? DEFAULT_PATH;
	if (!path.startsWith('/')) throw new Error(`the path must start with "/": ${path}`);

	const root = await mkdtemp(join(tmpdir(), 'ita-size-'));
	onCleanup(() => rm(root, { recursive: true, force: true }));

	console.log('Starting the embedded server (it builds first if the sources changed) …');
	const server = new EmbeddedServer(join(root, 'data'), await freePort());
	onCleanup(() => server.stop());
	await server.start();

	const context = await chromium.launchPersistentContext(join(root, 'profile'), {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: chromiumArgs,
		viewport: { width: 390, height: 844 },
		// Chromium's own temporary files go with the profile, removed at the end.
		env: { ...process.env, TMPDIR: root }
	});
	onCleanup(() => context.close());
	const page = context.pages()[0] ?? (await context.newPage());

	const loaded: { kind: 'js' | 'css'; name: string; body: Promise<Buffer> }[] = [];
	let questionnaire: Promise<Buffer> | undefined;
	page.on('response', (response) => {
		const url = new URL(response.url());
		const kind = kindOf(response);
		if (kind) loaded.push({ kind, name: url.pathname, body: response.body() });
		if (url.pathname.endsWith('/rest/v1/rpc/get_questionnaire') && response.ok()) {
			questionnaire = response.body();
		}
	});

	const navigation = await page.goto(server.url + path, { waitUntil: 'networkidle' });
	if (!navigation) throw new Error(`no response for ${path}`);
	if (!navigation.ok()) throw new Error(`${path} answered ${navigation.status()}`);
	const html = await navigation.body();

	// The first screen is what was requested before the page marked itself interactive
	// (the root layout's onMount); what the page fetches after that, when idle (the
	// outbox, the service-worker registration), is listed apart.
	const started = await page.evaluate(() => {
		const mark = performance.getEntriesByName('ita-interactive')[0]?.startTime ?? Infinity;
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
		return resources.map((e) => ({
			path: new URL(e.name).pathname,
			before: e.startTime <= mark,
			beforeLoad: e.startTime <= nav.loadEventStart,
			script: e.initiatorType === 'script' || /\.m?js$/.test(new URL(e.name).pathname)
		}));
	});
	const jsBeforeLoad = started.filter((e) => e.beforeLoad && e.script).length;
	const fontsBeforeLoad = started.filter((e) => e.beforeLoad && /\.woff2?$/.test(e.path));
	const beforeMark = new Set(started.filter((e) => e.before).map((e) => e.path));
	const sized = await Promise.all(
		loaded.map(async (item) => {
			const body = await item.body;
			return {
				kind: item.kind,
				name: item.name,
				bytes: body.length,
				gzip: gzipSize(body),
				first: beforeMark.has(item.name)
			};
		})
	);
	const js = sized.filter((item) => item.kind === 'js' && item.first);
	const css = sized.filter((item) => item.kind === 'css' && item.first);
	const later = sized.filter((item) => !item.first);
	console.log(`\nFirst screen of ${path} (390×844, up to the page becoming interactive)`);
	printFiles('JavaScript, gzip', js);
	printFiles('CSS, gzip', css);
	printModules(js.map((item) => item.name));
	console.log('\nLoaded after the first screen, when the browser is idle');
	printFiles('JavaScript and CSS, gzip', later);

	const precached = precacheList().map(sizeFile);
	const worker = sizeFile('/service-worker.js');
	const pageHtml: Sized = { name: `${path} (HTML)`, bytes: html.length, gzip: gzipSize(html) };
	const questionnaireBody = questionnaire ? await questionnaire : undefined;
	const data: Sized | undefined = questionnaireBody && {
		name: 'get_questionnaire response',
		bytes: questionnaireBody.length,
		gzip: gzipSize(questionnaireBody)
	};
	const byType = new Map<string, Sized[]>();
	for (const item of precached) {
		const type = extname(item.name).slice(1) || 'other';
		byType.set(type, [...(byType.get(type) ?? []), item]);
	}

	console.log('\nWhat the round needs offline, gzip');
	for (const [type, items] of [...byType].sort((a, b) => total(b[1]) - total(a[1]))) {
		console.log(
			`  ${fmt(kib(total(items)), 2).padStart(8)} KiB  precache: ${type} (${items.length})`
		);
	}
	console.log(`  ${fmt(kib(worker.gzip), 2).padStart(8)} KiB  the service worker`);
	console.log(`  ${fmt(kib(pageHtml.gzip), 2).padStart(8)} KiB  ${pageHtml.name}`);
	console.log(
		data
			? `  ${fmt(kib(data.gzip), 2).padStart(8)} KiB  ${data.name}`
			: '      —        get_questionnaire not requested by the page (its data is in the HTML)'
	);
	const offline = total(precached) + worker.gzip + pageHtml.gzip + (data?.gzip ?? 0);
	console.log(`  ${fmt(kib(offline), 2).padStart(8)} KiB  total`);

	const jsKiB = kib(total(js));
	const offlineKiB = kib(offline);
	const met =
		jsKiB <= TARGET_JS_KIB &&
		jsBeforeLoad <= TARGET_JS_REQUESTS &&
		offlineKiB <= TARGET_OFFLINE_KIB;
	console.log(
		`\nFirst-screen JS: ${fmt(jsKiB)} KiB gzip (target ≤ ${TARGET_JS_KIB} KiB gzip): ` +
			verdict(jsKiB <= TARGET_JS_KIB)
	);
	console.log(
		`JS requests before the load event: ${jsBeforeLoad} (target ≤ ${TARGET_JS_REQUESTS}): ` +
			`${verdict(jsBeforeLoad <= TARGET_JS_REQUESTS)}; fonts before load: ${fontsBeforeLoad.length} ` +
			`(${fontsBeforeLoad.map((f) => f.path.split('/').pop()).join(', ') || 'none'})`
	);
	console.log(
		`Offline set: ${fmt(offlineKiB)} KiB gzip (target ≤ ${TARGET_OFFLINE_KIB} KiB gzip): ` +
			verdict(offlineKiB <= TARGET_OFFLINE_KIB)
	);
	console.log(
		JSON.stringify({
			benchmark: 'size',
			path,
			firstScreen: {
				js: { files: js.length, gzipKiB: round(jsKiB, 2), requestsBeforeLoad: jsBeforeLoad },
				css: { files: css.length, gzipKiB: round(kib(total(css)), 2) }
			},
			targetJsGzipKiB: TARGET_JS_KIB,
			targetJsRequests: TARGET_JS_REQUESTS,
			targetOfflineGzipKiB: TARGET_OFFLINE_KIB,
			met,
			offline: {
				precacheFiles: precached.length,
				precacheGzipKiB: round(kib(total(precached)), 2),
				serviceWorkerGzipKiB: round(kib(worker.gzip), 2),
				pageHtmlGzipKiB: round(kib(pageHtml.gzip), 2),
				questionnaireGzipKiB: data ? round(kib(data.gzip), 2) : null,
				totalGzipKiB: round(kib(offline), 2)
			}
		})
	);
});

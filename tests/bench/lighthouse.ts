/**
 * Lighthouse (12.x, mobile preset, default simulated throttling) on the respondent's first
 * screen against a floor: the same first screen of the same survey written by hand
 * (tests/bench/floor: one small script, no framework), built with Vite and served with gzip
 * by a plain Node server. The floor, the app's EIT screen and its IIT screen are measured
 * in turn, in the same run, ROUNDS times (a fresh browser each time: a first visit), so that
 * a busy machine slows all three alike; the medians and the ratios app/floor are printed.
 *
 *   npm run bench:lighthouse                  (5 rounds; BENCH_RUNS=<n> for another count)
 *
 * Targets (issue 17): LCP(app) / LCP(floor) ≤ 1.2 in the same run; performance 100 in at
 * least 4 of 5 runs; TBT median ≤ 50 ms; CLS 0.
 */
import { existsSync } from 'node:fs';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { build } from 'vite';
import { freePort } from '../support/ports.ts';
import { EmbeddedServer } from '../support/server.ts';
import { chromiumArgs } from '../e2e/browser.ts';
import { median, onCleanup, round, runBenchmark, setting } from './common.ts';

const ROUNDS = setting('BENCH_RUNS', 5);
const demo = 'demo-bma-2567';
const pages = {
	floor: '/',
	eit: `/r/${demo}?sp=registration-1`,
	iit: `/r/${demo}/iit?code=demo1234`
} as const;
type PageName = keyof typeof pages;

interface Run {
	performance: number;
	accessibility: number;
	lcpMs: number;
	fcpMs: number;
	tbtMs: number;
	cls: number;
}

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8'
};

/** Builds the floor page with Vite (minified, as the app is) and serves it, gzipped. */
async function serveFloor(outDir: string): Promise<{ url: string; server: Server }> {
	await build({
		root: resolve('tests/bench/floor'),
		configFile: false,
		logLevel: 'error',
		build: { outDir, emptyOutDir: true, modulePreload: false }
	});
	const port = await freePort();
	const server = createServer((request, response) => {
		void (async () => {
			const path = new URL(request.url ?? '/', 'http://floor').pathname;
			const file = normalize(join(outDir, path === '/' ? 'index.html' : path));
			if (!file.startsWith(outDir)) return response.writeHead(404).end();
			try {
				const body = gzipSync(await readFile(file), { level: 9 });
				response.writeHead(200, {
					'content-type': types[extname(file)] ?? 'application/octet-stream',
					'content-encoding': 'gzip',
					'cache-control': path === '/' ? 'no-cache' : 'public, max-age=31536000, immutable'
				});
				response.end(body);
			} catch {
				response.writeHead(404).end();
			}
		})();
	});
	await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
	return { url: `http://127.0.0.1:${port}`, server };
}

async function measure(url: string, profileDir: string): Promise<Run> {
	// A fresh browser each run: a cold cache, as a citizen's first scan of the QR code.
	const chrome = await chromeLauncher.launch({
		chromePath: process.env.ITA_CHROMIUM ?? '/usr/bin/chromium',
		chromeFlags: ['--headless=new', ...chromiumArgs],
		userDataDir: profileDir
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility']
		});
		if (!result) throw new Error('Lighthouse returned nothing');
		const { categories, audits } = result.lhr;
		for (const [id, audit] of Object.entries(audits)) {
			if (
				audit.score !== null &&
				audit.score < 1 &&
				categories.accessibility.auditRefs.some((r) => r.id === id)
			) {
				console.log(`      accessibility: ${id} — ${audit.title}`);
			}
		}
		return {
			performance: Math.round((categories.performance.score ?? 0) * 100),
			accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
			lcpMs: audits['largest-contentful-paint'].numericValue ?? NaN,
			fcpMs: audits['first-contentful-paint'].numericValue ?? NaN,
			tbtMs: audits['total-blocking-time'].numericValue ?? NaN,
			cls: audits['cumulative-layout-shift'].numericValue ?? NaN
		};
	} finally {
		chrome.kill();
	}
}

runBenchmark(async () => {
	// A phone draws the first screen with its own Thai font until Sarabun comes; without one
	// (Debian's fonts-noto-core gives Chromium Android's) it draws boxes and CLS means little.
	if (!existsSync('/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf')) {
		console.warn(
			'Warning: Noto Sans Thai is not installed (apt-get install fonts-noto-core): the first ' +
				'paint draws Thai as boxes, and CLS is not what a phone would show.'
		);
	}
	const dir = await mkdtemp(join(tmpdir(), 'ita-lighthouse-'));
	onCleanup(() => rm(dir, { recursive: true, force: true }));

	console.log('Building and serving the floor page (tests/bench/floor) …');
	const floor = await serveFloor(join(dir, 'floor'));
	onCleanup(() => new Promise<void>((done) => floor.server.close(() => done())));
	console.log('Starting the embedded server (it builds first if the sources changed) …');
	const app = new EmbeddedServer(join(dir, 'data'), await freePort());
	await app.start();
	onCleanup(() => app.stop());

	const urls: Record<PageName, string> = {
		floor: new URL(pages.floor, floor.url).toString(),
		eit: new URL(pages.eit, app.url).toString(),
		iit: new URL(pages.iit, app.url).toString()
	};
	const runs: Record<PageName, Run[]> = { floor: [], eit: [], iit: [] };
	const order: PageName[] = ['floor', 'eit', 'iit'];
	console.log(
		`Lighthouse, mobile preset, simulated throttling: ${ROUNDS} rounds of ${order.join(', ')} ` +
			`(the order turns each round)`
	);
	for (let i = 0; i < ROUNDS; i++) {
		const turn = [...order.slice(i % 3), ...order.slice(0, i % 3)];
		for (const name of turn) {
			const run = await measure(urls[name], await mkdtemp(join(dir, `profile-${name}-`)));
			runs[name].push(run);
			console.log(
				`  round ${i + 1}/${ROUNDS} ${name.padEnd(5)} performance ${run.performance}, ` +
					`LCP ${Math.round(run.lcpMs)} ms, FCP ${Math.round(run.fcpMs)} ms, ` +
					`TBT ${Math.round(run.tbtMs)} ms, CLS ${round(run.cls, 3)}, ` +
					`accessibility ${run.accessibility}`
			);
		}
	}

	const summary = Object.fromEntries(
		order.map((name) => {
			const r = runs[name];
			return [
				name,
				{
					performance: median(r.map((x) => x.performance)),
					perfect: r.filter((x) => x.performance === 100).length,
					lcpMs: round(median(r.map((x) => x.lcpMs))),
					fcpMs: round(median(r.map((x) => x.fcpMs))),
					tbtMs: round(median(r.map((x) => x.tbtMs))),
					clsMax: round(Math.max(...r.map((x) => x.cls)), 3),
					accessibility: median(r.map((x) => x.accessibility))
				}
			];
		})
	) as Record<
		PageName,
		{
			performance: number;
			perfect: number;
			lcpMs: number;
			fcpMs: number;
			tbtMs: number;
			clsMax: number;
			accessibility: number;
		}
	>;

	console.log(`\nMedians of ${ROUNDS} runs each`);
	console.log('  page   perf  100s  LCP ms  FCP ms  TBT ms  CLS max  a11y  LCP/floor');
	const verdicts: Record<string, boolean> = {};
	for (const name of order) {
		const s = summary[name];
		const ratio = s.lcpMs / summary.floor.lcpMs;
		console.log(
			`  ${name.padEnd(5)} ${String(s.performance).padStart(5)} ${`${s.perfect}/${ROUNDS}`.padStart(5)} ` +
				`${String(Math.round(s.lcpMs)).padStart(7)} ${String(Math.round(s.fcpMs)).padStart(7)} ` +
				`${String(Math.round(s.tbtMs)).padStart(7)} ${String(s.clsMax).padStart(8)} ` +
				`${String(s.accessibility).padStart(5)} ${ratio.toFixed(2).padStart(10)}`
		);
		if (name !== 'floor') {
			verdicts[name] =
				ratio <= 1.2 && s.perfect >= Math.ceil((4 * ROUNDS) / 5) && s.tbtMs <= 50 && s.clsMax === 0;
		}
	}
	console.log(
		'\nTargets: LCP(app)/LCP(floor) ≤ 1.2, performance 100 in ≥ 4 of 5, TBT median ≤ 50 ms, CLS 0: ' +
			Object.entries(verdicts)
				.map(([name, met]) => `${name} ${met ? 'met' : 'MISSED'}`)
				.join(', ')
	);
	console.log(
		JSON.stringify({
			bench: 'lighthouse',
			rounds: ROUNDS,
			pages,
			median: summary,
			lcpRatio: {
				eit: round(summary.eit.lcpMs / summary.floor.lcpMs, 2),
				iit: round(summary.iit.lcpMs / summary.floor.lcpMs, 2)
			},
			met: verdicts,
			runs
		})
	);
});

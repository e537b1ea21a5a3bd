/**
 * Lighthouse (12.x, mobile preset, default simulated throttling) on the first respondent
 * screen, with Debian's Chromium, against the embedded server: performance,
 * accessibility and largest contentful paint, median of 3 runs.
 *
 *   npm run bench:lighthouse [-- /r/<round>?sp=<counter>]
 *
 * Targets: performance ≥ 98, LCP ≤ 1.2 s, accessibility 100.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { EmbeddedServer } from '../support/server.ts';
import { chromiumArgs } from '../e2e/browser.ts';
import { median, onCleanup, round, runBenchmark, setting } from './common.ts';

const RUNS = setting('BENCH_RUNS', 3);
const path = process.argv[2] ?? '/r/demo-bma-2567?sp=registration-1';

runBenchmark(async () => {
	const dir = await mkdtemp(join(tmpdir(), 'ita-lighthouse-'));
	onCleanup(() => rm(dir, { recursive: true, force: true }));
	const server = new EmbeddedServer(join(dir, 'data'), 47000 + Math.floor(Math.random() * 1000));
	await server.start();
	onCleanup(() => server.stop());
	const url = new URL(path, server.url).toString();

	console.log(`Lighthouse ${RUNS}× on ${url} (mobile preset, simulated throttling)`);
	const runs: { performance: number; accessibility: number; lcpMs: number }[] = [];
	for (let i = 1; i <= RUNS; i++) {
		// A fresh browser each run: a cold cache, as a citizen's first scan of the QR code.
		const chrome = await chromeLauncher.launch({
			chromePath: process.env.ITA_CHROMIUM ?? '/usr/bin/chromium',
			chromeFlags: ['--headless=new', ...chromiumArgs],
			userDataDir: await mkdtemp(join(dir, 'profile-'))
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
			const run = {
				performance: Math.round((categories.performance.score ?? 0) * 100),
				accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
				lcpMs: audits['largest-contentful-paint'].numericValue ?? NaN
			};
			runs.push(run);
			console.log(
				`  run ${i}/${RUNS}: performance ${run.performance}, accessibility ${run.accessibility}, ` +
					`LCP ${(run.lcpMs / 1000).toFixed(2)} s`
			);
			if (process.env.BENCH_VERBOSE) {
				for (const id of [
					'largest-contentful-paint-element',
					'render-blocking-resources',
					'lcp-lazy-loaded',
					'total-blocking-time',
					'first-contentful-paint',
					'speed-index',
					'cumulative-layout-shift',
					'interactive'
				]) {
					console.log(
						`    ${id}: ${audits[id]?.displayValue ?? ''} ${JSON.stringify(audits[id]?.details ?? {}).slice(0, 600)}`
					);
				}
			}
			for (const [id, audit] of Object.entries(audits)) {
				if (
					audit.score !== null &&
					audit.score < 1 &&
					categories.accessibility.auditRefs.some((r) => r.id === id)
				) {
					console.log(`    accessibility: ${id} — ${audit.title}`);
				}
			}
		} finally {
			chrome.kill();
		}
	}
	const summary = {
		performance: median(runs.map((r) => r.performance)),
		accessibility: median(runs.map((r) => r.accessibility)),
		lcpMs: round(median(runs.map((r) => r.lcpMs)))
	};
	const met = summary.performance >= 98 && summary.lcpMs <= 1200 && summary.accessibility === 100;
	console.log(
		`\nMedian of ${RUNS}: performance ${summary.performance} (target ≥ 98), ` +
			`LCP ${(summary.lcpMs / 1000).toFixed(2)} s (target ≤ 1.2 s), ` +
			`accessibility ${summary.accessibility} (target 100): ${met ? 'targets met' : 'TARGETS MISSED'}`
	);
	console.log(JSON.stringify({ bench: 'lighthouse', url: path, runs, median: summary, met }));
});

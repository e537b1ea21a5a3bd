/**
 * Debian's Chromium driven by playwright-core, a new profile per test unless the test
 * relaunches the same one (to show what survives closing the browser).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export const phone = { width: 390, height: 844 };
export const tablet = { width: 1024, height: 768 };

export class Profile {
	private constructor(readonly dir: string) {}

	static async create(): Promise<Profile> {
		return new Profile(await mkdtemp(join(tmpdir(), 'ita-chromium-')));
	}

	/**
	 * Opens Chromium on this profile; closing and calling again is a browser restart.
	 * `args`: more switches (a name mapped to this machine, a certificate authority trusted).
	 */
	launch(viewport = phone, args: string[] = []): Promise<BrowserContext> {
		return chromium.launchPersistentContext(this.dir, {
			executablePath: process.env.ITA_CHROMIUM ?? '/usr/bin/chromium',
			headless: true,
			args: [...chromiumArgs, ...args],
			viewport,
			hasTouch: viewport === phone,
			locale: 'th-TH',
			timezoneId: 'Asia/Bangkok'
		});
	}

	remove(): Promise<void> {
		return rm(this.dir, { recursive: true, force: true });
	}
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/**
 * axe-core's violations on the page as it is now (WCAG 2.1 A and AA rules). axe-core is
 * put into the page once per document (a quarter of each check's time went to parsing it
 * again on the survey's screens, which are one document).
 */
export async function axeViolations(page: Page): Promise<string[]> {
	const loaded = await page.evaluate(
		() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'
	);
	if (!loaded) await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }
		).axe;
		const result = await axe.run({
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
		return result.violations;
	});
	return violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/**
 * The page's scripts have run (the root layout's `ita-interactive` mark): what needs them,
 * such as a language switch without a reload, works from here.
 */
export function interactive(page: Page): Promise<unknown> {
	return page.waitForFunction(() => performance.getEntriesByName('ita-interactive').length > 0);
}

/**
 * Holds back the page's scripts (SvelteKit's immutable chunks), as a weak signal does, until
 * the returned function is called: what a person types or chooses before they arrive can
 * be checked to survive them. A service worker's answers pass by this (page.route): use a
 * context without one.
 */
export async function holdScripts(page: Page): Promise<() => void> {
	let arrive!: () => void;
	const scripts = new Promise<void>((resolve) => (arrive = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await scripts;
		await route.continue();
	});
	// Once let through, later loads of the page are not held either.
	return arrive;
}

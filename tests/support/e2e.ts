/**
 * The set-up every browser test shares: a throw-away data folder, the embedded server as
 * `npm start` runs it on a free port, and one Chromium for the whole file. Each test takes
 * fresh browser contexts (their own cookies, storage and service workers — a new visitor)
 * from that one browser; a test that restarts the browser takes a persistent profile.
 *
 *   let e2e: E2e;
 *   beforeAll(async () => { e2e = await startE2e({ name: 'kiosk', start: true }); }, 300_000);
 *   afterEach(() => e2e.closePages());
 *   afterAll(() => e2e?.stop());
 *
 * Waits are on what a person would see (a heading, a text); playwright's own cap on each
 * of them is raised from 30 s to what the test allows, so that a busy machine is slow
 * rather than red.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { vi } from 'vitest';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { chromiumArgs, phone, Profile } from '../e2e/browser.ts';
import { EmbeddedServer } from './server.ts';
import { migratedDataFolder } from './templates.ts';

/** How long one wait of playwright's may take before the test is red. */
export const E2E_WAIT_MS = 90_000;

// A browser test walks through many screens: on a busy machine it takes minutes. It is red
// when something a person waits for does not come (E2E_WAIT_MS), not because the whole walk
// took longer than vitest's default cap.
vi.setConfig({ testTimeout: 300_000 });

export const desk = { width: 1280, height: 900 };

/** A port nobody listens on now (the system picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolvePort(port));
		});
	});
}

export interface E2eOptions {
	/** Names the data folder (`ita-e2e-<name>-…`). */
	name: string;
	/**
	 * Start the server before `prepare` (the first start makes the demo office and its
	 * rounds). Without it the server first starts after `prepare`.
	 */
	start?: boolean;
	/** Data the file needs, written to the server's database before the tests. */
	prepare?: (db: Sql) => Promise<unknown>;
	/** More environment for the server. */
	env?: Record<string, string>;
}

export interface OpenPage {
	context: BrowserContext;
	page: Page;
}

export interface E2e {
	dir: string;
	server: EmbeddedServer;
	browser: Browser;
	/** A new visitor: a fresh context of the shared browser, closed after the test. */
	newPage(viewport?: { width: number; height: number }): Promise<OpenPage>;
	/** A browser on a profile of its own, for tests that close and reopen it (`relaunch`). */
	profile(viewport?: {
		width: number;
		height: number;
	}): Promise<OpenPage & { relaunch(): Promise<OpenPage> }>;
	/** Another embedded server in this file's folder (say, the app in Supabase mode). */
	anotherServer(name: string, env?: Record<string, string>): Promise<EmbeddedServer>;
	/** For afterEach: closes what the test opened. */
	closePages(): Promise<void>;
	/** For afterAll: closes the browser, stops the servers, removes the folder. */
	stop(): Promise<void>;
}

/** Makes a context wait as long as a person on a busy machine would. */
export function patient(context: BrowserContext): BrowserContext {
	context.setDefaultTimeout(E2E_WAIT_MS);
	context.setDefaultNavigationTimeout(E2E_WAIT_MS);
	return context;
}

export interface SharedBrowser {
	browser: Browser;
	/** A new visitor: a fresh context of the shared browser, closed by `closePages`. */
	newPage(viewport?: { width: number; height: number }): Promise<OpenPage>;
	/** For afterEach: closes the contexts opened since the last call. */
	closePages(): Promise<void>;
	/** For afterAll: closes the browser. */
	close(): Promise<void>;
}

/**
 * One Chromium for a whole file (`args`: more switches, say a name mapped to this machine),
 * each test taking fresh contexts of it: starting a browser costs more than a context.
 */
export async function sharedBrowser(args: string[] = []): Promise<SharedBrowser> {
	const browser = await chromium.launch({
		executablePath: process.env.ITA_CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: [...chromiumArgs, ...args]
	});
	const open: BrowserContext[] = [];
	return {
		browser,
		async newPage(viewport = phone) {
			const context = patient(
				await browser.newContext({
					viewport,
					hasTouch: viewport === phone,
					locale: 'th-TH',
					timezoneId: 'Asia/Bangkok'
				})
			);
			open.push(context);
			return { context, page: await context.newPage() };
		},
		async closePages() {
			for (const context of open.splice(0)) await context.close().catch(() => {});
		},
		async close() {
			for (const context of open.splice(0)) await context.close().catch(() => {});
			await browser.close();
		}
	};
}

export async function startE2e(options: E2eOptions): Promise<E2e> {
	const dir = await mkdtemp(join(tmpdir(), `ita-e2e-${options.name}-`));
	const servers: EmbeddedServer[] = [];
	const server = new EmbeddedServer(join(dir, 'data'), await freePort(), options.env);
	servers.push(server);
	const browser = sharedBrowser();
	const open: { context?: BrowserContext; profile?: Profile }[] = [];
	try {
		// The migrations already run (see templates.ts): the first start seeds the demo office.
		await migratedDataFolder(server.dataDir);
		// withDatabase opens the folder while the server is stopped, then starts it.
		if (options.start || !options.prepare) await server.start();
		if (options.prepare) await server.withDatabase(options.prepare);
	} catch (error) {
		await (await browser).close();
		await server.stop();
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
	const shared = await browser;

	return {
		dir,
		server,
		browser: shared.browser,
		newPage: (viewport) => shared.newPage(viewport),
		async profile(viewport = phone) {
			const profile = await Profile.create();
			const entry: { context?: BrowserContext; profile?: Profile } = { profile };
			open.push(entry);
			const launch = async () => {
				const context = patient(await profile.launch(viewport));
				entry.context = context;
				return { context, page: context.pages()[0] ?? (await context.newPage()) };
			};
			const first = await launch();
			return {
				...first,
				/** Closes the browser and opens it again on the same profile, as a person restarts it. */
				async relaunch() {
					await entry.context?.close();
					return launch();
				}
			};
		},
		async anotherServer(name, env = {}) {
			const other = new EmbeddedServer(join(dir, name), await freePort(), env);
			servers.push(other);
			await other.start();
			return other;
		},
		async closePages() {
			await shared.closePages();
			for (const o of open.splice(0)) {
				await o.context?.close().catch(() => {});
				await o.profile?.remove();
			}
		},
		async stop() {
			for (const o of open.splice(0)) {
				await o.context?.close().catch(() => {});
				await o.profile?.remove();
			}
			await shared.close();
			for (const s of servers.reverse()) await s.stop();
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Builds the app when `build/` is missing or older than its sources. Shared by `npm start`
 * and the tests' global set-up, so that test files starting servers at the same time
 * never run two builds into one output folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const sources = ['src', 'static', 'supabase', 'package.json', 'svelte.config.js', 'vite.config.ts'];

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

/** Whether `build/` is missing or older than any of its sources. */
export function buildNeeded(root = process.cwd()): boolean {
	const built = resolve(root, 'build', 'handler.js');
	return (
		!existsSync(built) || newest(built) < Math.max(...sources.map((s) => newest(resolve(root, s))))
	);
}

const vite = (root: string) => resolve(root, 'node_modules', '.bin', 'vite');
// Quiet: vite's list of chunks means nothing to an office's IT person; it is shown only
// when the build fails, with the error.
const viteArgs = ['build', '--logLevel', 'warn'];
// Always the production build, even when called from the tests (NODE_ENV=test).
const buildEnv = () => ({ ...process.env, NODE_ENV: 'production' });

/** The built server's handler; built first when stale. Exits the process when the build fails. */
export function ensureBuilt(root = process.cwd()): string {
	const built = resolve(root, 'build', 'handler.js');
	if (buildNeeded(root)) {
		console.log('Building ITA Collect (once after an install or update, about a minute) …');
		const started = Date.now();
		const result = spawnSync(vite(root), viteArgs, {
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 64 * 1024 * 1024,
			env: buildEnv()
		});
		if (result.status !== 0) {
			process.stderr.write(result.stdout ?? '');
			process.stderr.write(result.stderr ?? '');
			throw new Error(`the build failed (exit ${result.status})`);
		}
		console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
	}
	return built;
}

export interface BuildOutcome {
	ok: boolean;
	/** What vite printed (warnings; the error when it failed). */
	output: string;
	seconds: number;
}

/**
 * The same build as `ensureBuilt`'s, in the background (the tests' global set-up starts
 * it and lets the tests that need no server run meanwhile). Resolves when it ends, never
 * rejects: a failure is `ok: false` with vite's output.
 */
export function buildInBackground(root = process.cwd()): Promise<BuildOutcome> {
	const started = Date.now();
	return new Promise((done) => {
		const child = spawn(vite(root), viteArgs, {
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: buildEnv()
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (c: Buffer) => chunks.push(c));
		child.stderr.on('data', (c: Buffer) => chunks.push(c));
		const end = (ok: boolean, more = '') =>
			done({
				ok,
				output: Buffer.concat(chunks).toString() + more,
				seconds: Math.round((Date.now() - started) / 1000)
			});
		child.once('error', (error) => end(false, String(error)));
		child.once('close', (code, signal) =>
			end(code === 0, code === 0 ? '' : `\nvite build ended with ${signal ?? `exit ${code}`}`)
		);
	});
}

/**
 * Builds the app when `build/` is missing or older than its sources. Shared by `npm start`
 * and the tests' global set-up, so that test files starting servers at the same time
 * never run two builds into one output folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const sources = ['src', 'static', 'supabase', 'package.json', 'svelte.config.js', 'vite.config.ts'];

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

/** The built server's handler; built first when stale. Exits the process when the build fails. */
export function ensureBuilt(root = process.cwd()): string {
	const built = resolve(root, 'build', 'handler.js');
	const stale = newest(built) < Math.max(...sources.map((s) => newest(resolve(root, s))));
	if (!existsSync(built) || stale) {
		console.log('Building ITA Collect (once after an install or update, about a minute) …');
		const started = Date.now();
		// Quiet: vite's list of chunks means nothing to an office's IT person; it is
		// shown only when the build fails, with the error.
		const result = spawnSync(
			resolve(root, 'node_modules', '.bin', 'vite'),
			['build', '--logLevel', 'warn'],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
				maxBuffer: 64 * 1024 * 1024,
				// Always the production build, even when called from the tests (NODE_ENV=test).
				env: { ...process.env, NODE_ENV: 'production' }
			}
		);
		if (result.status !== 0) {
			process.stderr.write(result.stdout ?? '');
			process.stderr.write(result.stderr ?? '');
			throw new Error(`the build failed (exit ${result.status})`);
		}
		console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
	}
	return built;
}

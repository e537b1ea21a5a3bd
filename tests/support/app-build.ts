/**
 * The app's build, shared by the test files that start a server. The global set-up starts
 * the build (when `build/` is stale: src/cli/build.ts) in the background and writes how it
 * goes to a file of this run; the tests that need no server (the database and unit tests)
 * run meanwhile, and the first server start of each file waits here until the build has
 * ended. A failed build fails every server test with vite's output; a stale build is never
 * used (the servers' own `ensureBuilt` finds the fresh one and builds nothing).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export type BuildState =
	| { status: 'building' }
	| { status: 'built'; seconds?: number }
	| { status: 'failed'; output: string };

declare module 'vitest' {
	export interface ProvidedContext {
		/** The file that says how this run's build goes (global-setup.ts). */
		itaBuildState: string;
	}
}

export function writeBuildState(file: string, state: BuildState): Promise<void> {
	return writeFile(file, JSON.stringify(state));
}

/** The state file of this run, when running under vitest with the global set-up. */
async function stateFile(): Promise<string | undefined> {
	if (!process.env.VITEST) return undefined;
	const { inject } = await import('vitest');
	return inject('itaBuildState');
}

/**
 * Resolves once this run's build has ended well; throws with vite's output when it failed.
 * Outside the tests (the benches) it returns at once: `npm start` builds when stale.
 */
export async function appBuilt(): Promise<void> {
	const file = await stateFile();
	if (!file) return;
	for (;;) {
		const state = JSON.parse(await readFile(file, 'utf8')) as BuildState;
		if (state.status === 'built') return;
		if (state.status === 'failed') {
			throw new Error(`The app's build failed, so no server can start:\n${state.output}`);
		}
		// The build takes half a minute or more; a look a few times a second is plenty.
		await sleep(250);
	}
}

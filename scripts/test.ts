/**
 * `npm test`: the type-check, the lint and every test, side by side. The browser tests
 * spend much of their time waiting on Chromium and the servers they start, which leaves
 * room on the cores for the two checks (about a minute each, mostly on one core); they
 * start once the app's build, which the tests start, has ended (see below). The
 * tests' output streams as it comes; each check's is printed whole when it ends, so they
 * never interleave. It fails if any of the three fails, and says which.
 *
 *   npm test                  # vitest run, and check + lint once the build has ended
 *   npm test -- tests/e2e     # the same, with vitest's own arguments
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

interface Finished {
	name: string;
	code: number;
	output: string;
}

function npmRun(script: string): Promise<Finished> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (c: Buffer) => chunks.push(c));
		child.stderr.on('data', (c: Buffer) => chunks.push(c));
		child.on('close', (code) =>
			resolve({ name: script, code: code ?? 1, output: Buffer.concat(chunks).toString() })
		);
	});
}

const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 1000);
// SvelteKit's generated types first, once, before vitest's own start writes them too.
const sync = spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);
// The tests' global set-up builds the app beside them and says how that goes in this file
// (tests/support/app-build.ts). The build rewrites SvelteKit's generated types
// (.svelte-kit/ambient.d.ts lists the environment's variables, which differ between the
// build and this process), so the two checks start once it has ended: a check that read a
// half-written file failed with "Cannot find module '$env/dynamic/private'".
const stateDir = mkdtempSync(join(tmpdir(), 'ita-npm-test-'));
const buildState = join(stateDir, 'build.json');
let vitestEnded = false;
const tests = new Promise<Finished>((resolve) => {
	const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, ITA_TEST_BUILD_STATE: buildState }
	});
	vitest.on('close', (code) => {
		vitestEnded = true;
		resolve({ name: 'vitest', code: code ?? 1, output: '' });
	});
});

/** Resolves when this run's build has ended (or was not needed), or vitest has ended. */
async function buildEnded(): Promise<void> {
	while (!vitestEnded) {
		try {
			const state = JSON.parse(readFileSync(buildState, 'utf8')) as { status: string };
			if (state.status !== 'building') return;
		} catch {
			// Not written yet (the global set-up writes it first thing), or being written.
		}
		await sleep(500);
	}
}

await buildEnded();
const checks = [npmRun('check'), npmRun('lint')].map((run) =>
	run.then((check) => {
		process.stdout.write(
			`\n> npm run ${check.name} (${check.code === 0 ? 'passed' : 'FAILED'} in ${seconds()} s)\n${check.output}`
		);
		return check;
	})
);
const failed = (await Promise.all([...checks, tests])).filter((c) => c.code !== 0);
if (failed.length > 0) {
	const names = failed.map((c) => (c.name === 'vitest' ? 'the tests' : `npm run ${c.name}`));
	console.error(`\n${names.join(' and ')} failed (${seconds()} s).`);
	rmSync(stateDir, { recursive: true, force: true });
	process.exit(1);
}
rmSync(stateDir, { recursive: true, force: true });
console.log(`\nchecks and tests passed in ${seconds()} s.`);

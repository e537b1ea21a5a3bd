/**
 * `npm test`: the type-check, the lint and every test, side by side. The browser tests
 * spend much of their time waiting on Chromium and the servers they start, which leaves
 * room on the cores for the two checks (about a minute each, mostly on one core). The
 * tests' output streams as it comes; each check's is printed whole when it ends, so they
 * never interleave. It fails if any of the three fails, and says which.
 *
 *   npm test                  # check + lint, then vitest run
 *   npm test -- tests/e2e     # the same, with vitest's own arguments
 */
import { spawn, spawnSync } from 'node:child_process';

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
// SvelteKit's generated types first, once: the type-check reads them while the tests' build
// and vite server write them again (unchanged, so not at all) beside it.
const sync = spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);
const tests = new Promise<Finished>((resolve) => {
	const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
	vitest.on('close', (code) => resolve({ name: 'vitest', code: code ?? 1, output: '' }));
});
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
	process.exit(1);
}
console.log(`\nchecks and tests passed in ${seconds()} s.`);

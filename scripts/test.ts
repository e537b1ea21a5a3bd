/**
 * `npm test`: the type-check and the lint side by side (each mostly waits on one core),
 * then every test. Each check's output is printed whole when it ends, so the two never
 * interleave; the tests do not start unless both checks pass.
 *
 *   npm test                  # check + lint, then vitest run
 *   npm test -- tests/e2e     # the same, with vitest's own arguments
 */
import { spawn } from 'node:child_process';

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
const checks = await Promise.all([npmRun('check'), npmRun('lint')]);
for (const check of checks) {
	process.stdout.write(`\n> npm run ${check.name}\n${check.output}`);
}
const failed = checks.filter((c) => c.code !== 0);
if (failed.length > 0) {
	console.error(`\n${failed.map((c) => `npm run ${c.name}`).join(' and ')} failed: no tests run.`);
	process.exit(1);
}
console.log(`\nchecks passed in ${Math.round((Date.now() - started) / 1000)} s; now the tests\n`);

const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
vitest.on('close', (code) => process.exit(code ?? 1));

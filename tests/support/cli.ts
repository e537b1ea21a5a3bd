/**
 * `npm run ita -- …` run inside the test's process: the same function the program runs,
 * with what it prints to the console collected. A spawn costs a second or more of start-up
 * (tsx compiling the CLI) and proves nothing more, except that the program's entry sets its
 * exit code — which tests/cli/cli.test.ts checks once with a real process (`itaProcess`,
 * also used where a server runs beside the command).
 */
import { execFile } from 'node:child_process';
import { format, promisify } from 'node:util';
import { vi } from 'vitest';
import { ita } from '../../src/cli/ita.ts';

export interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs `ita <args>` with `env` added to the environment; its exit code and output. */
export async function runIta(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
	const stdout: string[] = [];
	const stderr: string[] = [];
	const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
		stdout.push(`${format(...a)}\n`);
	});
	const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
		stderr.push(`${format(...a)}\n`);
	});
	for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
	try {
		const code = await ita(args);
		return { code, stdout: stdout.join(''), stderr: stderr.join('') };
	} finally {
		log.mockRestore();
		error.mockRestore();
		vi.unstubAllEnvs();
	}
}

const run = promisify(execFile);

/**
 * `npm run ita -- <args>` as a process of its own, as a person starts it: its exit code and
 * output. For what only a real process shows (the exit code, a server running beside it).
 */
export function itaProcess(...args: string[]): Promise<CliRun> {
	return itaProcessWithEnv({}, ...args);
}

/** `itaProcess` with `env` added to its environment (what Node reads only at start, say). */
export async function itaProcessWithEnv(
	env: Record<string, string>,
	...args: string[]
): Promise<CliRun> {
	try {
		const { stdout, stderr } = await run('node', ['--import', 'tsx', 'src/cli/ita.ts', ...args], {
			env: { ...process.env, ...env }
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

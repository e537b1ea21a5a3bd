/**
 * Shared by the benchmarks: statistics, timing, printing, and clean-up that also runs
 * when the run is interrupted, so no throw-away database is left on the server.
 */
import { performance } from 'node:perf_hooks';

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds `work` took, and what it returned. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await work();
	return { ms: performance.now() - start, value };
}

/** Rounds for printing and for the JSON summary: enough digits to compare runs, no noise. */
export function round(x: number, digits = 1): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

export function fmt(x: number, digits = 1): string {
	return x.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

export function verdict(met: boolean): string {
	return met ? 'target met' : 'TARGET NOT MET';
}

/** A small seeded generator (mulberry32): the same data every run, so runs compare. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, xs: readonly T[]): T {
	return xs[Math.floor(random() * xs.length)];
}

/** Whole-number setting from the environment, for a shorter or longer run. */
export function setting(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
	return n;
}

const cleanups: (() => Promise<void>)[] = [];

/** Registers clean-up work; it runs last-registered first when the benchmark ends. */
export function onCleanup(work: () => Promise<void>): void {
	cleanups.push(work);
}

async function cleanUp(): Promise<void> {
	while (cleanups.length) {
		const work = cleanups.pop()!;
		try {
			await work();
		} catch (error) {
			console.error(`clean-up failed: ${(error as Error).message}`);
		}
	}
}

/**
 * Runs a benchmark: cleans up however it ends (Ctrl-C included) and sets the exit code.
 * A failure is a broken benchmark (bad data, no server), never a slow result.
 */
export function runBenchmark(main: () => Promise<void>): void {
	let stopping = false;
	const interrupted = (signal: NodeJS.Signals) => {
		stopping = true;
		console.error(`\n${signal}: cleaning up …`);
		void cleanUp().finally(() => process.exit(130));
	};
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	main()
		.then(
			() => cleanUp(),
			async (error: unknown) => {
				// Once interrupted, the work fails because clean-up closed its connection.
				if (stopping) return;
				console.error(error);
				await cleanUp();
				process.exitCode = 1;
			}
		)
		.finally(() => {
			process.off('SIGINT', interrupted);
			process.off('SIGTERM', interrupted);
		});
}

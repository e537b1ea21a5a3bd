/**
 * The order of the test files: vitest's own (the longest first, by the last run's
 * durations), except while the app is still to be built (global-setup.ts builds it in the
 * background): then the longest files that start no server go first, enough of them to
 * keep every worker busy for about as long as the build takes, and the rest follow in
 * vitest's order. A server test started earlier would only wait for the build
 * (support/app-build.ts).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { buildNeeded } from '../../src/cli/build.ts';

/** About how long the build takes on this machine beside the first tests (seconds: 30 idle, 70-120 busy). */
const buildSeconds = 60;
/** What a file nobody has timed yet is taken to last (seconds). */
const unknownSeconds = 5;

/** Whether the file starts the app's server (itself or through the browser tests' set-up). */
function startsServer(spec: TestSpecification): boolean {
	return /support\/(server|e2e)\.ts['"]/.test(readFileSync(spec.moduleId, 'utf8'));
}

export default class BuildFirstSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		if (!buildNeeded(this.ctx.config.root)) return sorted;
		const seconds = (spec: TestSpecification) => {
			const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
			const ms = this.ctx.cache.getFileTestResults(key)?.duration;
			return ms === undefined ? unknownSeconds : ms / 1000;
		};
		// Each worker takes the next file when it is free: deal the files out as the workers
		// will take them, until every worker has about the build's time of work.
		const workers: number[] = Array.from(
			{ length: Math.max(1, this.ctx.config.maxWorkers) },
			() => 0
		);
		const first: TestSpecification[] = [];
		for (const spec of sorted) {
			const least = workers.indexOf(Math.min(...workers));
			if (workers[least] >= buildSeconds) break;
			if (startsServer(spec)) continue;
			first.push(spec);
			workers[least] += seconds(spec);
		}
		return [...first, ...sorted.filter((spec) => !first.includes(spec))];
	}
}

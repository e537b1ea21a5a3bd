/**
 * Saving and restoring the embedded server's data folder as an office's IT person does:
 * `npm run ita -- backup <file>` while the server runs (the server makes the copy) and
 * while it is stopped, then `npm run ita -- restore <file>` into a fresh folder — which
 * then gives the very same results for every round.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { callRpc, service } from '../../src/lib/server/db/rpc.ts';
import {
	codeFor,
	favourableResponse,
	itemsOf,
	scaleCodes,
	surveyQuestions,
	type ResponseInput
} from '../support/fixtures.ts';
import { freePort } from '../support/ports.ts';
import { itaProcess, runIta } from '../support/cli.ts';
import { EmbeddedServer } from '../support/server.ts';
import { migratedDataFolder } from '../support/templates.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);
const round = 'demo-bma-2567';

/** Every round's results, by round code, read from a (stopped server's) data folder. */
async function resultsIn(folder: string): Promise<Record<string, unknown>> {
	const db = await openDatabase({ dataDir: folder });
	try {
		const rounds = await db.query<{ code: string }>('select code from public.rounds order by code');
		const out: Record<string, unknown> = {};
		for (const r of rounds) {
			out[r.code] = await callRpc(db, service, 'round_results', { round_code: r.code });
		}
		return out;
	} finally {
		await db.close();
	}
}

/** Varied answers: every item's answer moves down the scale from one respondent to the next. */
function variedResponses(n: number): ResponseInput[] {
	return Array.from({ length: n }, (_, i) => {
		const instrument = i % 3 === 0 ? 'iit' : 'eit';
		const r = favourableResponse(bma, round, instrument);
		for (const q of surveyQuestions(bma, instrument)) {
			const ranks = scaleCodes(bma, q.scale).length;
			itemsOf(q).forEach((item, k) => {
				r.answers[`${q.id}.${item.id}`] = codeFor(bma, q, item, (i + k) % ranks);
			});
		}
		return { ...r, accessCode: instrument === 'iit' ? 'demo1234' : undefined };
	});
}

describe('backup and restore of the embedded data folder', () => {
	let dir: string;
	let server: EmbeddedServer;
	let data: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-backup-'));
		data = join(dir, 'data');
		server = new EmbeddedServer(data, await freePort());
		await migratedDataFolder(data);
		await server.start();
		const { anonKey } = await server.keys();
		const submitted = await fetch(`${server.url}/rest/v1/rpc/submit_responses`, {
			method: 'POST',
			headers: {
				apikey: anonKey,
				authorization: `Bearer ${anonKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ batch: variedResponses(24) })
		});
		expect(submitted.status).toBe(200);
		const outcome = (await submitted.json()) as { accepted: number; results: unknown[] };
		expect(outcome.accepted, JSON.stringify(outcome.results)).toBe(24);
	}, 300_000);
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	test('while the server runs: the server makes the copy; restored into a fresh folder, every round reads the same', async () => {
		const file = join(dir, 'running.tar');
		const made = await itaProcess('backup', file, '--data', data);
		expect(made.stderr).toBe('');
		expect(made.code).toBe(0);
		expect(made.stdout).toMatch(/from the running server/);
		// Every response and the JWT secret are in it: the owner's only.
		expect((await stat(file)).mode & 0o777).toBe(0o600);

		// The server goes on taking answers after the copy; the copy does not have them.
		await server.stop();
		const original = await resultsIn(data);
		expect(Object.keys(original).length).toBeGreaterThan(0);
		expect(
			(original[round] as { respondents: { eit: number; iit: number } }).respondents
		).toMatchObject({ eit: 16, iit: 8 });

		const fresh = join(dir, 'fresh');
		const restored = await itaProcess('restore', file, '--data', fresh);
		expect(restored.stderr).toBe('');
		expect(restored.code).toBe(0);
		expect(restored.stdout).toMatch(/Restored/);
		expect((await stat(fresh)).mode & 0o777).toBe(0o700);
		expect((await stat(join(fresh, 'pglite'))).mode & 0o777).toBe(0o700);
		expect((await stat(join(fresh, 'keys.json'))).mode & 0o777).toBe(0o600);
		expect(await resultsIn(fresh)).toEqual(original);

		// The restored folder is a server's: it starts, with the same keys (kiosks keep working).
		const again = new EmbeddedServer(fresh, await freePort());
		await again.start();
		try {
			expect((await again.keys()).anonKey).toBe((await server.keys()).anonKey);
			expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
		} finally {
			await again.stop();
		}
		await server.start();
	});

	test('with the server stopped: the folder is read directly; a restore never goes over a folder in use or with data', async () => {
		await server.stop();
		const file = join(dir, 'stopped.tar');
		// In this process: the real process of each command ran in the test above.
		const made = await runIta(['backup', file, '--data', data]);
		expect(made.code).toBe(0);
		expect(made.stdout).not.toMatch(/running server/);
		const original = await resultsIn(data);

		const over = await runIta(['restore', file, '--data', data]);
		expect(over.code).toBe(1);
		expect(over.stderr).toMatch(/not empty/);
		expect(await resultsIn(data)).toEqual(original);

		const fresh = join(dir, 'fresh-2');
		expect((await runIta(['restore', file, '--data', fresh])).code).toBe(0);
		expect(await resultsIn(fresh)).toEqual(original);

		// Not a backup at all: said plainly, nothing made.
		const junk = join(dir, 'junk.tar');
		await writeFile(junk, 'hello');
		const empty = join(dir, 'fresh-3');
		await mkdir(empty);
		const refused = await runIta(['restore', junk, '--data', empty]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/not an ITA Collect backup/);
	});
});

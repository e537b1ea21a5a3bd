/**
 * The command line an office uses to check a file of responses and to load paper
 * forms: `npm run ita -- score …` and `npm run ita -- import …`. One run is a real process,
 * as a person starts it (its exit code and output); the others call the same function in
 * this process (tests/support/cli.ts), which proves the same in a fraction of the time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { itaProcess, runIta } from '../support/cli.ts';
import { favourableResponse, toNdjson } from '../support/fixtures.ts';
import { migratedDataFolder } from '../support/templates.ts';
import { responsesFromQuestionScores } from '../support/published.ts';
import samphanthawong from '../fixtures/samphanthawong-2567.json' with { type: 'json' };

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

const ita = (...args: string[]) => runIta(args);

describe('ita command line', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-cli-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	test('score prints the published Samphanthawong results from raw responses and OIT scores', async () => {
		const responses = responsesFromQuestionScores(bma, samphanthawong.questions, 'ignored').map(
			({ round: _round, ...r }) => r
		);
		await writeFile(join(dir, 'responses.ndjson'), toNdjson(responses));
		await writeFile(join(dir, 'oit.json'), JSON.stringify(samphanthawong.oit));

		const out = await ita(
			'score',
			'--framework',
			'bma-2567',
			'--responses',
			join(dir, 'responses.ndjson'),
			'--oit',
			join(dir, 'oit.json')
		);

		expect(out.stderr).toBe('');
		expect(out.code).toBe(0);
		const r = JSON.parse(out.stdout) as {
			total: number;
			level: string;
			questions: Record<string, { score: number }>;
			indicators: Record<string, { score: number }>;
			instruments: Record<string, { score: number }>;
			items: Record<string, { score: number; percent: Record<string, number> }>;
		};
		expect(r.total).toBe(87.67);
		expect(r.level).toBe('pass');
		expect(r.questions.I5.score).toBe(86.32);
		expect(r.indicators['9'].score).toBe(85);
		expect(r.instruments.oit.score).toBe(73.75);
		expect(Object.values(r.items['I1.1'].percent).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
	});

	test('score names every refused line and its reason, and scores the rest', async () => {
		const good = favourableResponse(bma, 'x', 'eit');
		const bad = { ...favourableResponse(bma, 'x', 'eit'), answers: { 'E1.1': 9 } };
		await writeFile(
			join(dir, 'mixed.ndjson'),
			`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n{oops\n`
		);

		const out = await itaProcess(
			'score',
			'--framework',
			'bma-2567',
			'--responses',
			join(dir, 'mixed.ndjson')
		);

		expect(out.code).toBe(1);
		expect(out.stderr).toMatch(/line 2: invalid_answer: E1\.1 = 9/);
		expect(out.stderr).toMatch(/line 3: invalid_json/);
		expect((JSON.parse(out.stdout) as { respondents: { eit: number } }).respondents.eit).toBe(1);
	});

	test('a refused OIT file is explained in the operator’s language, not as a database code', async () => {
		const responses = [favourableResponse(bma, 'x', 'eit')].map(({ round: _round, ...r }) => r);
		await writeFile(join(dir, 'one.ndjson'), toNdjson(responses));
		await writeFile(join(dir, 'bad-oit.json'), JSON.stringify({ O1: 100, O99: 100 }));
		const args = [
			'score',
			'--framework',
			'bma-2567',
			'--responses',
			join(dir, 'one.ndjson'),
			'--oit',
			join(dir, 'bad-oit.json')
		];

		const thai = await runIta(args, { ITA_LANG: 'th' });
		expect(thai.code).toBe(1);
		expect(thai.stderr.trim()).toBe('"O99" ไม่ใช่ข้อ OIT ของชุดแบบวัดนี้');
		const english = await runIta(args, { ITA_LANG: 'en' });
		expect(english.stderr.trim()).toBe('"O99" is not an OIT item of this framework.');
	});

	test('import loads paper responses into a round once, however often the file is imported', async () => {
		const data = join(dir, 'data');
		await migratedDataFolder(data);
		const db = await openDatabase({ dataDir: data });
		// Bang Rak is one of the 50 district offices every database starts with.
		await db.query(
			`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on)
			select 'bang-rak-2568', agency_id, 'bma-2567', 2025, ita_private.today() - 5, ita_private.today() + 5
			from public.agencies where code = 'bang-rak'`
		);
		await db.close();
		const paper = Array.from({ length: 3 }, () => favourableResponse(bma, 'x', 'eit'));
		await writeFile(join(dir, 'paper.ndjson'), toNdjson(paper.map(({ round: _r, ...p }) => p)));

		const first = await ita(
			'import',
			'--round',
			'bang-rak-2568',
			'--data',
			data,
			join(dir, 'paper.ndjson')
		);
		const second = await ita(
			'import',
			'--round',
			'bang-rak-2568',
			'--data',
			data,
			join(dir, 'paper.ndjson')
		);

		expect(first.stdout).toContain('3 stored, 0 already there, 0 refused');
		expect(second.stdout).toContain('0 stored, 3 already there, 0 refused');
		const check = await openDatabase({ dataDir: data });
		const rows = await check.query<{ channel: string; n: number }>(
			`select channel, count(*)::int as n from public.responses group by 1`
		);
		await check.close();
		expect(rows).toEqual([{ channel: 'paper', n: 3 }]);
	});
});

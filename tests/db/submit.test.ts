/**
 * submit_responses(): every good response is stored once, every bad one is refused
 * with a reason a person can act on and leaves nothing behind, and the counters kept
 * with the answers always equal a recount from the stored rows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, callRpc, service } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import {
	addServicePoint,
	createRound,
	favourableResponse,
	type Outcome,
	type ResponseInput
} from '../support/fixtures.ts';

const nacc = await readFrameworkFile(`${frameworksDir()}/nacc-2565.json`);
const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

const submit = (db: Sql, batch: unknown) =>
	callRpc<Outcome>(db, anon, 'submit_responses', { batch });

async function storedCount(db: Sql, round: string): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		`select count(*)::int as n from responses p join rounds r using (round_id) where r.code = $1`,
		[round]
	);
	return row.n;
}

/** The kept counters, and the same counters rebuilt from the stored rows. */
async function countersAndRecount(db: Sql, round: string) {
	const read = () =>
		db.query(
			`select 'a' as t, c.item_key as k, c.code::text as c, c.n from answer_counts c join rounds r using (round_id)
				where r.code = $1 and c.n > 0
			union all
			select 'r', c.instrument, '', c.n from respondent_counts c join rounds r using (round_id) where r.code = $1
			union all
			select 'd', c.question_id, c.option_code, c.n from demographic_counts c join rounds r using (round_id)
				where r.code = $1 and c.n > 0
			order by 1, 2, 3`,
			[round]
		);
	const kept = await read();
	await callRpc(db, service, 'recount_round', { round_code: round });
	return { kept, recounted: await read() };
}

describe.each(engines)('submit_responses on %s', (engine) => {
	let t: TestDatabase;
	let round: string;
	beforeAll(async () => {
		t = await freshDatabase(engine);
		round = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-rak',
			iitAccessCode: 'staff-2567'
		});
		await addServicePoint(t.db, 'bang-rak', 'registration-1');
	});
	afterAll(() => t?.drop());

	test('a batch with good, duplicated and bad responses: each good one counted once, each bad one refused with its reason', async () => {
		const good = favourableResponse(bma, round, 'eit');
		const good2 = {
			...favourableResponse(bma, round, 'eit'),
			servicePoint: 'registration-1',
			demographics: { sex: 'female', occupation: { code: 'other', text: 'แม่ค้า' } }
		};
		const unknownItem = {
			...favourableResponse(bma, round, 'eit'),
			answers: { ...good.answers, 'E9.1': 4 }
		};
		const outOfScale = {
			...favourableResponse(bma, round, 'eit'),
			answers: { ...good.answers, 'E1.1': 5 }
		};
		const missing = favourableResponse(bma, round, 'eit');
		delete missing.answers['E4.1'];
		const twice = {
			...favourableResponse(bma, round, 'eit'),
			answers: { ...good.answers, 'e1.1 ': 3 }
		};
		const noVariant = { ...favourableResponse(bma, round, 'eit'), variants: {} };
		const badDemographic = {
			...favourableResponse(bma, round, 'eit'),
			demographics: { sex: 'unknown' }
		};
		const otherRound = { ...favourableResponse(bma, round, 'eit'), round: 'no-such-round' };
		const noId = { ...favourableResponse(bma, round, 'eit'), id: 'not-a-uuid' };

		const out = await submit(t.db, [
			good,
			good,
			good2,
			unknownItem,
			outOfScale,
			missing,
			twice,
			noVariant,
			badDemographic,
			otherRound,
			noId,
			42
		]);

		expect(out.results.map((r) => r.status)).toEqual([
			'accepted',
			'duplicate',
			'accepted',
			'rejected',
			'rejected',
			'rejected',
			'rejected',
			'rejected',
			'rejected',
			'rejected',
			'rejected',
			'rejected'
		]);
		expect(out.results.slice(3).map((r) => r.code)).toEqual([
			'unknown_item',
			'invalid_answer',
			'missing_item',
			'duplicated_item',
			'missing_variant',
			'invalid_demographics',
			'unknown_round',
			'invalid_id',
			'invalid_response'
		]);
		expect(out.results[3].reason).toContain('E9.1');
		expect(out.results[4].reason).toContain('E1.1 = 5');
		expect(out.results[5].reason).toContain('E4.1');
		expect(out.results[9].reason).toContain('no-such-round');
		expect({ accepted: out.accepted, duplicates: out.duplicates, rejected: out.rejected }).toEqual({
			accepted: 2,
			duplicates: 1,
			rejected: 9
		});
		expect(await storedCount(t.db, round)).toBe(2);

		// Sent again (a retry after a lost reply): nothing is counted twice.
		const again = await submit(t.db, [good, good2]);
		expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
		expect(await storedCount(t.db, round)).toBe(2);

		const [sp] = await t.db.query<{ channel: string; code: string }>(
			`select p.channel, s.code from responses p join service_points s using (service_point_id) where p.response_id = $1`,
			[good2.id]
		);
		expect(sp).toEqual({ channel: 'qr', code: 'registration-1' });

		const { kept, recounted } = await countersAndRecount(t.db, round);
		expect(kept).toEqual(recounted);
		expect(kept.length).toBeGreaterThan(0);
	});

	test('"which section did you contact" takes the agency\'s own sections too, and the results count them', async () => {
		await t.db.query(
			`insert into public.sections (agency_id, code, name, kind)
			select agency_id, 'wat-hualamphong-school', '{"th": "โรงเรียนวัดหัวลำโพง"}', 'school'
			from public.agencies where code = 'bang-rak'`
		);
		const own = {
			...favourableResponse(bma, round, 'eit'),
			demographics: { section: 'wat-hualamphong-school' }
		};
		const stranger = {
			...favourableResponse(bma, round, 'eit'),
			demographics: { section: 'no-such-section' }
		};
		const out = await submit(t.db, [own, stranger]);
		expect(out.results.map((r) => r.code ?? r.status)).toEqual([
			'accepted',
			'invalid_demographics'
		]);
		const r = await callRpc<{
			demographics: { eit: { section: { options: Record<string, { count: number }> } } };
		}>(t.db, service, 'round_results', { round_code: round });
		expect(r.demographics.eit.section.options['wat-hualamphong-school'].count).toBe(1);
		expect(r.demographics.eit.section.options.registration.count).toBe(0);
	});

	test('a refused response leaves no row behind', async () => {
		const bad = { ...favourableResponse(bma, round, 'eit'), answers: { 'E1.1': 4 } };
		await submit(t.db, [bad]);
		const [row] = await t.db.query<{ n: number }>(
			`select (select count(*) from responses where response_id = $1)
				+ (select count(*) from answers where response_id = $1) as n`,
			[bad.id]
		);
		expect(Number(row.n)).toBe(0);
	});

	test("IIT needs the round's access code; the right one is accepted", async () => {
		const wrong = { ...favourableResponse(bma, round, 'iit'), accessCode: 'guess' };
		const none = favourableResponse(bma, round, 'iit');
		const right = { ...favourableResponse(bma, round, 'iit'), accessCode: 'staff-2567' };
		const out = await submit(t.db, [wrong, none, right]);
		expect(out.results.map((r) => r.code ?? r.status)).toEqual([
			'wrong_access_code',
			'wrong_access_code',
			'accepted'
		]);
		expect(out.results[0].reason).toMatch(/access code/);
	});

	test('closed, not yet open and draft rounds take nothing', async () => {
		const closed = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-rak',
			opensInDays: -60,
			closesInDays: -1
		});
		const future = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-rak',
			opensInDays: 2,
			closesInDays: 30
		});
		const shut = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-rak',
			status: 'closed'
		});
		const out = await submit(t.db, [
			favourableResponse(bma, closed, 'eit'),
			favourableResponse(bma, future, 'eit'),
			favourableResponse(bma, shut, 'eit')
		]);
		expect(out.results.map((r) => r.code)).toEqual([
			'round_closed',
			'round_not_open',
			'round_closed'
		]);
		expect(out.results[0].reason).toContain('closed on');
	});

	test('the day collected is kept (never a time), and must fall within the round', async () => {
		const [{ today }] = await t.db.query<{ today: string }>(
			`select ita_private.today()::text as today`
		);
		const ok = { ...favourableResponse(bma, round, 'eit'), collectedOn: today };
		const withTime = {
			...favourableResponse(bma, round, 'eit'),
			collectedOn: `${today}T10:15:00+07:00`
		};
		const tooEarly = { ...favourableResponse(bma, round, 'eit'), collectedOn: '2020-01-01' };
		const out = await submit(t.db, [ok, withTime, tooEarly]);
		expect(out.results.map((r) => r.code ?? r.status)).toEqual([
			'accepted',
			'invalid_date',
			'invalid_date'
		]);
		const columns = await t.db.query<{ column_name: string; data_type: string }>(
			`select column_name, data_type from information_schema.columns
			where table_schema = 'public' and table_name = 'responses' and data_type like '%time%'`
		);
		expect(columns).toEqual([]);
	});

	test('paper responses come only from officers or the import, not from the public page', async () => {
		const paper: ResponseInput = { ...favourableResponse(bma, round, 'eit'), channel: 'paper' };
		expect((await submit(t.db, [paper])).results[0].code).toBe('not_allowed');
		const imported = await callRpc<Outcome>(t.db, service, 'submit_responses', { batch: [paper] });
		expect(imported.results[0].status).toBe('accepted');
	});

	test('a batch that is not a list, or too long, is refused whole with what to do', async () => {
		await expect(submit(t.db, { id: randomUUID() })).rejects.toMatchObject({
			code: '22023',
			message: 'batch_not_array',
			hint: /JSON array/
		});
		const tooMany = Array.from({ length: 501 }, () => favourableResponse(bma, round, 'eit'));
		await expect(submit(t.db, tooMany)).rejects.toMatchObject({
			code: 'PT413',
			message: 'batch_too_large',
			detail: '{"max": 500, "count": 501}'
		});
		expect(await storedCount(t.db, round)).toBeGreaterThan(0);
	});

	test('yes/no items take 1 (มี) or 0 (ไม่มี) only, and negative wording is scored reversed', async () => {
		const nround = await createRound(t.db, { framework: 'nacc-2565', agency: 'bang-rak' });
		const r = favourableResponse(nacc, nround, 'eit');
		// e4 asks whether money was demanded: ไม่มี (0) is the favourable answer.
		expect(r.answers['e4.1']).toBe(0);
		const bad = {
			...favourableResponse(nacc, nround, 'eit'),
			answers: { ...r.answers, 'e4.1': 3 }
		};
		const out = await submit(t.db, [r, bad]);
		expect(out.results.map((x) => x.code ?? x.status)).toEqual(['accepted', 'invalid_answer']);
		const res = await callRpc<{ items: Record<string, { score: number }> }>(
			t.db,
			service,
			'round_results',
			{ round_code: nround }
		);
		expect(res.items['e4.1'].score).toBe(100);
		expect(res.items['e1.1'].score).toBe(100);
	});
});

describe('submit_responses under concurrency, on postgres', () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase('postgres');
	});
	afterAll(() => t?.drop());

	test('the same batch sent by several clients at once is stored once, and counters stay exact', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'pathum-wan' });
		const batch = Array.from({ length: 50 }, () => favourableResponse(bma, round, 'eit'));
		const others = Array.from({ length: 4 }, () =>
			Array.from({ length: 25 }, () => favourableResponse(bma, round, 'eit'))
		);
		const outcomes = await Promise.all([
			...Array.from({ length: 4 }, () => submit(t.db, batch)),
			...others.map((b) => submit(t.db, b))
		]);
		const acceptedOfShared = outcomes.slice(0, 4).reduce((s, o) => s + o.accepted, 0);
		expect(acceptedOfShared).toBe(50);
		expect(await storedCount(t.db, round)).toBe(150);
		const [{ n }] = await t.db.query<{ n: number }>(
			`select c.n from respondent_counts c join rounds r using (round_id) where r.code = $1 and c.instrument = 'eit'`,
			[round]
		);
		expect(n).toBe(150);
		const { kept, recounted } = await countersAndRecount(t.db, round);
		expect(kept).toEqual(recounted);
	});
});

/**
 * submit_responses stores a batch's counted responses with one insert (issue 16): a batch
 * that mixes every kind of response — counted, repeated within the batch, already counted,
 * already held, held now (device, time), a kiosk's (counted, and too soon after its
 * previous one), single-use IIT codes (good, used, missing), refused, and an id refused
 * first and then sent right — gets the same verdicts, in the same order, and leaves the
 * same rows, counters, holds, used codes and kept scores as the same responses sent one at
 * a time.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import {
	addServicePoint,
	createRound,
	favourableResponse,
	type Outcome,
	type Verdict
} from '../support/fixtures.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

const pin = await hashKioskPin('2468', 200_000);

/** What PostgREST hands SQL for a caller at this address. */
const submitFrom = (db: Sql, address: string, batch: unknown[]) =>
	callRpc<Outcome>(
		db,
		anon,
		'submit_responses',
		{ batch },
		{
			headers: { 'x-forwarded-for': address, 'x-real-ip': address }
		}
	);

/** An EIT response with varied answers (no straight line), seeded. */
function varied(round: string, seed: number) {
	const r = favourableResponse(bma, round, 'eit');
	let i = seed;
	for (const key of Object.keys(r.answers)) {
		if (r.answers[key] >= 1 && r.answers[key] <= 4) r.answers[key] = 1 + ((i += 7) % 4);
	}
	return r;
}

interface Setup {
	round: string;
	address: string;
	codes: string[];
	kioskKey: string;
	/** An id counted and an id held before the mixed batch. */
	counted: string;
	held: string;
}

describe.each(engines)('a mixed batch and the same responses one at a time on %s', (engine) => {
	let t: TestDatabase;
	let officer: Claims;
	const t0 = Date.now() - 300_000;

	beforeAll(async () => {
		t = await freshDatabase(engine);
		await t.db.query(
			`insert into agencies (code, name) values ('bang-rak', '{"th": "บางรัก"}') on conflict do nothing`
		);
		await addServicePoint(t.db, 'bang-rak', 'registration-1');
		const [{ agency_id }] = await t.db.query<{ agency_id: string }>(
			`select agency_id from agencies where code = 'bang-rak'`
		);
		officer = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id }
		};
	});
	afterAll(() => t?.drop());

	/** A round with single-use IIT codes, a kiosk, one response counted and one held. */
	async function setup(address: string): Promise<Setup> {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		await callRpc(t.db, service, 'set_round_trust_settings', {
			round_code: round,
			settings: { iitCodes: 'single', eligibleStaff: 100, allowRepeat: false }
		});
		const { codes } = await callRpc<{ codes: string[] }>(t.db, service, 'issue_iit_codes', {
			round_code: round,
			how_many: 2
		});
		const made = await callRpc<{ enrolmentCode: string }>(t.db, officer, 'create_kiosk', {
			round_code: round,
			name: 'Door',
			pin_hash: pin,
			min_interval_seconds: 20,
			idle_seconds: 60
		});
		const { deviceKey } = await callRpc<{ deviceKey: string }>(t.db, anon, 'enrol_kiosk', {
			code: made.enrolmentCode
		});
		const counted = varied(round, 1);
		const device = `phone-before-${randomUUID()}`;
		const first = { ...varied(round, 2), deviceId: device };
		const held = { ...varied(round, 3), deviceId: device };
		const before = await submitFrom(t.db, address, [counted, first, held]);
		expect(before.accepted).toBe(3);
		return { round, address, codes, kioskKey: deviceKey, counted: counted.id, held: held.id };
	}

	/** Every kind of response, in one order. */
	function mixed(s: Setup): unknown[] {
		const r = s.round;
		const repeated = { ...varied(r, 10), servicePoint: 'registration-1' };
		const device = `phone-${randomUUID()}`;
		const kiosk = (seconds: number, seed: number) => ({
			...varied(r, seed),
			channel: 'kiosk',
			kioskKey: s.kioskKey,
			collectedAt: new Date(t0 + seconds * 1000).toISOString()
		});
		const iit = (code?: string) => ({ ...favourableResponse(bma, r, 'iit'), iitCode: code });
		const refusedFirst = varied(r, 11);
		return [
			repeated,
			{ ...repeated },
			{ ...varied(r, 12), answers: { 'no.such.item': 4 } },
			{ ...varied(r, 13), id: s.counted },
			{ ...varied(r, 14), id: s.held },
			{ ...varied(r, 15), deviceId: device, secondsSpent: 600 },
			{ ...varied(r, 16), deviceId: device, secondsSpent: 600 },
			{ ...varied(r, 17), secondsSpent: 1 },
			kiosk(0, 18),
			kiosk(1, 19),
			kiosk(60, 20),
			{ ...kiosk(120, 21), id: s.counted },
			iit(s.codes[0]),
			iit(s.codes[0]),
			iit(),
			{ ...refusedFirst, instrument: 'oit' },
			refusedFirst,
			{ ...varied(r, 22), round: 'no-such-round' },
			'not an object',
			{
				...varied(r, 23),
				collectedOn: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
			},
			{ ...varied(r, 24), channel: 'paper' }
		];
	}

	const expected = [
		'accepted',
		'duplicate',
		'unknown_item',
		'duplicate',
		'duplicate',
		'accepted',
		'accepted', // held: device_limit
		'accepted', // held: too_fast
		'accepted',
		'kiosk_too_soon',
		'accepted',
		'duplicate',
		'accepted',
		'iit_code_used',
		'iit_code_missing',
		'unknown_instrument',
		'accepted',
		'unknown_round',
		'invalid_response',
		'accepted',
		'not_allowed'
	];

	/** What a round holds, without its ids: rows, counters, holds, used codes, kiosk. */
	async function state(round: string) {
		const q = (sql: string) => t.db.query(sql, [round]);
		const rid = `(select round_id from rounds where code = $1)`;
		return {
			responses: await q(
				`select instrument, channel, (service_point_id is not null) as sp, collected_on::text,
					(kiosk_id is not null) as kiosk, demographics, variants, count(*)::int as n
				from responses where round_id = ${rid} group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 8`
			),
			answers: await q(
				`select a.item_key, a.code, count(*)::int as n from answers a join responses p using (response_id)
				where p.round_id = ${rid} group by 1, 2 order by 1, 2`
			),
			answerCounts: await q(
				`select item_key, code, n from answer_counts where round_id = ${rid} and n > 0 order by 1, 2`
			),
			respondentCounts: await q(
				`select instrument, n from respondent_counts where round_id = ${rid} order by 1`
			),
			demographicCounts: await q(
				`select instrument, question_id, option_code, n from demographic_counts
				where round_id = ${rid} and n > 0 order by 1, 2, 3`
			),
			dailyCounts: await q(
				`select instrument, collected_on::text, channel, (service_point_id is not null) as sp, n
				from daily_counts where round_id = ${rid} and n > 0 order by 1, 2, 3, 4`
			),
			held: await q(
				`select reasons, channel, count(*)::int as n from held_responses where round_id = ${rid}
				group by 1, 2 order by 1, 2`
			),
			codesUsed: await q(`select count(*)::int as n from iit_code_uses where round_id = ${rid}`),
			kiosk: await q(`select last_collected_at from kiosks where round_id = ${rid}`),
			flags: await q(
				`select f.code from kiosk_flags f join kiosks k using (kiosk_id) where k.round_id = ${rid}
				order by 1`
			),
			windows: await q(
				`select responses, extreme from address_windows where round_id = ${rid} order by 1`
			)
		};
	}

	async function keptScores(round: string) {
		const [kept] = await t.db.query<Record<string, unknown>>(
			`select s.stale, s.instruments, s.questions, s.total::float8 as total, s.level
			from round_scores s join rounds r using (round_id) where r.code = $1`,
			[round]
		);
		const results = await callRpc<Record<string, unknown>>(t.db, service, 'round_results', {
			round_code: round
		});
		return { kept, results };
	}

	test('same verdicts in the same order, same rows, counters, holds, codes and kept scores', async () => {
		const one = await setup('10.9.0.1');
		const batch = await submitFrom(t.db, one.address, mixed(one));
		expect(batch.results.map((v) => v.code ?? v.status)).toEqual(expected);

		const other = await setup('10.9.0.2');
		const singles: Verdict[] = [];
		for (const response of mixed(other)) {
			singles.push(...(await submitFrom(t.db, other.address, [response])).results);
		}
		// (A response that is not an object is named by its place in what was sent.)
		const view = (v: Verdict) => ({
			status: v.status,
			code: v.code,
			reason: v.reason?.replace(/^Response \d+ of the batch/, 'Response n of the batch')
		});
		expect(batch.results.map(view)).toEqual(singles.map(view));
		expect(batch).toMatchObject({
			accepted: singles.filter((v) => v.status === 'accepted').length,
			duplicates: singles.filter((v) => v.status === 'duplicate').length,
			rejected: singles.filter((v) => v.status === 'rejected').length
		});

		const a = await state(one.round);
		expect(a.held.map((h) => h.reasons)).toEqual([['device_limit'], ['too_fast']]);
		expect(a.codesUsed).toEqual([{ n: 1 }]);
		expect(a.flags).toEqual([{ code: 'kiosk_too_soon' }]);
		expect(a.respondentCounts).toEqual([
			{ instrument: 'eit', n: 8 },
			{ instrument: 'iit', n: 1 }
		]);
		expect(await state(other.round)).toEqual(a);

		for (const round of [one.round, other.round]) {
			const { kept, results } = await keptScores(round);
			expect(kept.stale).toBe(false);
			expect(kept.instruments).toEqual(results.instruments);
			expect(kept.questions).toEqual(results.questions);
			expect(kept.total).toEqual(results.total);
			expect(kept.level).toEqual(results.level);
		}
		expect((await keptScores(one.round)).kept).toEqual((await keptScores(other.round)).kept);

		// The counters still equal a recount from the stored rows.
		const counters = await state(one.round);
		await callRpc(t.db, service, 'recount_round', { round_code: one.round });
		expect(await state(one.round)).toEqual(counters);
	});

	test('a batch sent again is all duplicates and changes nothing', async () => {
		const s = await setup('10.9.0.3');
		const responses = mixed(s);
		await submitFrom(t.db, s.address, responses);
		const before = await state(s.round);
		const again = await submitFrom(t.db, s.address, responses);
		// Every stored id is a duplicate now, the refused copy of a stored one too; the
		// other refused ones are checked again.
		expect(again.accepted).toBe(0);
		expect(again.duplicates).toBe(
			expected.filter((e) => e === 'accepted' || e === 'duplicate').length + 1
		);
		const after = await state(s.round);
		expect({ ...after, flags: [], windows: [] }).toEqual({ ...before, flags: [], windows: [] });
	});
});

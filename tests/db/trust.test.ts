/**
 * Trustworthy counts (issue 13), on PGlite and on PostgreSQL: limits per device and per
 * client address hold back what one sender floods in (held, never lost), two phones behind
 * one address are both counted, a kiosk is unaffected, release and discard change the
 * scores exactly as a recount says and are audited for good, single-use IIT codes admit
 * one response each and cannot be paired with it from a dump, and code guesses are
 * throttled (HTTP 429 with Retry-After, as PostgREST answers `raise sqlstate 'PGRST'`).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, asCaller, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import type { Row, Sql } from '../../src/lib/server/db/client.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import {
	addServicePoint,
	createRound,
	favourableResponse,
	type Outcome,
	type ResponseInput,
	type Verdict
} from '../support/fixtures.ts';
import { responsesFromDistributions, responsesFromQuestionScores } from '../support/published.ts';
import wang from '../fixtures/wang-thonglang-2565.json' with { type: 'json' };
import samphanthawong from '../fixtures/samphanthawong-2567.json' with { type: 'json' };

const nacc = await readFrameworkFile(`${frameworksDir()}/nacc-2565.json`);
const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

interface HeldSummary {
	held: number;
	groups: {
		reasons: string[];
		day: string;
		instrument: string;
		channel: string;
		servicePoint: { code: string } | null;
		n: number;
		pattern: { answers: Record<string, number>; sameAnswer: number };
		responses: { id: string; sameAnswer: boolean; answers: Record<string, number> }[];
	}[];
}

/** What PostgREST hands SQL for a caller at this address (the embedded gateway does the same). */
const from = (address: string) => ({
	headers: { 'x-forwarded-for': address, 'x-real-ip': address }
});

const submitFrom = (db: Sql, address: string, batch: unknown, claims: Claims = anon) =>
	callRpc<Outcome>(db, claims, 'submit_responses', { batch }, from(address));

async function submitAllFrom(db: Sql, address: string, responses: unknown[]) {
	const verdicts: Verdict[] = [];
	for (let i = 0; i < responses.length; i += 500) {
		verdicts.push(...(await submitFrom(db, address, responses.slice(i, i + 500))).results);
	}
	return verdicts;
}

async function one<T extends Row>(db: Sql, sql: string, params: unknown[] = []): Promise<T> {
	return (await db.query<T>(sql, params))[0];
}

const roundCounts = (db: Sql, round: string) =>
	one<{ counted: number; held: number; kept: number }>(
		db,
		`select (select count(*)::int from responses p where p.round_id = r.round_id) as counted,
			(select count(*)::int from held_responses h where h.round_id = r.round_id) as held,
			(select coalesce(sum(c.n), 0)::int from respondent_counts c where c.round_id = r.round_id) as kept
		from rounds r where r.code = $1`,
		[round]
	);

/** The kept counters, and the same counters rebuilt from the stored responses. */
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
			union all
			select 'y', c.collected_on::text || c.channel, coalesce(c.service_point_id::text, ''), c.n
			from daily_counts c join rounds r using (round_id) where r.code = $1 and c.n > 0
			order by 1, 2, 3`,
			[round]
		);
	const kept = await read();
	await callRpc(db, service, 'recount_round', { round_code: round });
	return { kept, recounted: await read() };
}

const central: Claims = {
	role: 'authenticated',
	sub: randomUUID(),
	app_metadata: { ita_role: 'central' }
};

/** A response with varied answers (not all one answer), so no straight-line rule applies. */
function variedResponse(round: string, seed: number): ResponseInput {
	const r = favourableResponse(bma, round, 'eit');
	let i = seed;
	for (const key of Object.keys(r.answers)) {
		if (r.answers[key] >= 1 && r.answers[key] <= 4) r.answers[key] = 1 + ((i += 7) % 4);
	}
	return r;
}

describe.each(engines)('trustworthy counts on %s', (engine) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(engine);
		await t.db.query(
			`insert into agencies (code, name) values ('bang-rak', '{"th": "บางรัก"}') on conflict do nothing`
		);
		await addServicePoint(t.db, 'bang-rak', 'registration-1').catch(() => undefined);
	});
	afterAll(() => t?.drop());

	test('2,000 responses from one address and one device: at most the limits counted, the rest held with reasons, none lost', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		const device = `phone-${randomUUID()}`;
		const sent = Array.from({ length: 2000 }, () => ({
			...favourableResponse(bma, round, 'eit'),
			deviceId: device
		}));
		const verdicts = await submitAllFrom(t.db, '203.0.113.7', sent);

		// Every one answered "accepted": the sender's outbox is done, and learns nothing.
		expect(verdicts.filter((v) => v.status !== 'accepted')).toEqual([]);
		const c = await roundCounts(t.db, round);
		// One device may answer for others up to 5 a day (the round allows it by default).
		expect(c.counted).toBeLessThanOrEqual(5);
		expect(c.counted).toBeGreaterThan(0);
		expect(c.kept).toBe(c.counted);
		expect(c.counted + c.held).toBe(2000);
		// None lost: every id sent is stored, counted or held.
		const stored = await t.db.query<{ id: string }>(
			`select response_id::text as id from responses p join rounds r using (round_id) where r.code = $1
			union all select response_id::text from held_responses h join rounds r using (round_id) where r.code = $1`,
			[round]
		);
		expect(new Set(stored.map((s) => s.id))).toEqual(new Set(sent.map((s) => s.id)));

		const summary = await callRpc<HeldSummary>(t.db, service, 'held_summary', {
			round_code: round
		});
		expect(summary.held).toBe(c.held);
		const reasons = new Set(summary.groups.flatMap((g) => g.reasons));
		expect(reasons).toContain('device_limit');
		expect(reasons).toContain('address_limit');
		expect(summary.groups.reduce((s, g) => s + g.n, 0)).toBe(c.held);
		// Grouped by reason, day, channel and service point only: no time, address or device.
		const text = JSON.stringify(summary);
		expect(text).not.toContain('203.0.113.7');
		expect(text).not.toContain(device);

		// A device with no limit of its own (fresh browsers) is still held by the address rule.
		const fresh = await submitAllFrom(
			t.db,
			'203.0.113.8',
			Array.from({ length: 100 }, (_, i) => variedResponse(round, i))
		);
		expect(fresh.every((v) => v.status === 'accepted')).toBe(true);
		const after = await roundCounts(t.db, round);
		expect(after.counted - c.counted).toBe(30);
		expect(after.held - c.held).toBe(70);
	});

	test('two phones behind one address each answering once are both counted; a phone that answers twice in a round without repeats is held', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		await callRpc(t.db, service, 'set_round_trust_settings', {
			round_code: round,
			settings: { allowRepeat: false }
		});
		const [a, b] = [`phone-a-${randomUUID()}`, `phone-b-${randomUUID()}`];
		await submitFrom(t.db, '198.51.100.20', [{ ...variedResponse(round, 1), deviceId: a }]);
		await submitFrom(t.db, '198.51.100.20', [{ ...variedResponse(round, 2), deviceId: b }]);
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 2, held: 0 });

		const again = await submitFrom(t.db, '198.51.100.20', [
			{ ...variedResponse(round, 3), deviceId: a }
		]);
		expect(again.results[0].status).toBe('accepted');
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 2, held: 1 });
		const summary = await callRpc<HeldSummary>(t.db, service, 'held_summary', {
			round_code: round
		});
		expect(summary.groups.map((g) => g.reasons)).toEqual([['device_limit']]);
	});

	test('too fast, and every item on one extreme answer in a burst from one address: held', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		const quick = await submitFrom(t.db, '192.0.2.50', [
			{ ...variedResponse(round, 4), deviceId: `p-${randomUUID()}`, secondsSpent: 3 },
			{ ...variedResponse(round, 5), deviceId: `p-${randomUUID()}`, secondsSpent: 600 }
		]);
		expect(quick.accepted).toBe(2);
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 1, held: 1 });

		const allLowest = () => {
			const r = favourableResponse(bma, round, 'eit');
			for (const key of Object.keys(r.answers)) if (r.answers[key] >= 1) r.answers[key] = 1;
			return { ...r, deviceId: `p-${randomUUID()}` };
		};
		await submitFrom(t.db, '192.0.2.51', [allLowest(), allLowest(), allLowest(), allLowest()]);
		const summary = await callRpc<HeldSummary>(t.db, service, 'held_summary', {
			round_code: round
		});
		const burst = summary.groups.filter((g) => g.reasons.includes('same_answer_burst'));
		expect(burst.reduce((s, g) => s + g.n, 0)).toBe(2);
		expect(burst[0].pattern.sameAnswer).toBe(burst[0].n);
		expect(summary.groups.some((g) => g.reasons.includes('too_fast'))).toBe(true);
		// The service role (imports) is exempt: a paper import of 100 from one machine is counted.
		const before = await roundCounts(t.db, round);
		const imported = await submitFrom(
			t.db,
			'192.0.2.51',
			Array.from({ length: 100 }, () => ({ ...allLowest(), secondsSpent: 1 })),
			service
		);
		expect(imported.accepted).toBe(100);
		expect(await roundCounts(t.db, round)).toMatchObject({
			counted: before.counted + 100,
			held: before.held
		});
	});

	test('a burst at one service point beyond its usual pace, from many addresses: the excess is held', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		// No earlier days, so its usual pace is nothing: more than twice the address limit
		// (2 × 30) in ten minutes is a burst.
		const verdicts: Verdict[] = [];
		for (let i = 0; i < 64; i++) {
			const r = { ...variedResponse(round, i), channel: 'qr', servicePoint: 'registration-1' };
			verdicts.push(...(await submitFrom(t.db, `172.16.${i >> 8}.${i & 255}`, [r])).results);
		}
		expect(verdicts.every((v) => v.status === 'accepted')).toBe(true);
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 60, held: 4 });
		const summary = await callRpc<HeldSummary>(t.db, service, 'held_summary', {
			round_code: round
		});
		expect(summary.groups.map((g) => [g.reasons, g.servicePoint?.code, g.n])).toEqual([
			[['service_point_burst'], 'registration-1', 4]
		]);
	});

	test('a kiosk is unaffected by the address and device limits', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		const kiosk = await callRpc<{ enrolmentCode: string }>(t.db, service, 'create_kiosk', {
			round_code: round,
			name: 'Entrance',
			pin_hash: await hashKioskPin('1234', 200_000),
			min_interval_seconds: 0
		});
		const { deviceKey } = await callRpc<{ deviceKey: string }>(t.db, anon, 'enrol_kiosk', {
			code: kiosk.enrolmentCode
		});
		// The office's address is already over its limit from phones.
		await submitAllFrom(
			t.db,
			'203.0.113.99',
			Array.from({ length: 40 }, (_, i) => variedResponse(round, i))
		);
		const before = await roundCounts(t.db, round);
		const start = Date.now() - 60_000;
		const batch = Array.from({ length: 40 }, (_, i) => ({
			...favourableResponse(bma, round, 'eit'),
			channel: 'kiosk',
			kioskKey: deviceKey,
			collectedAt: new Date(start + i * 1000).toISOString()
		}));
		const out = await submitFrom(t.db, '203.0.113.99', batch);
		expect(out.accepted).toBe(40);
		const after = await roundCounts(t.db, round);
		expect(after.counted - before.counted).toBe(40);
		expect(after.held).toBe(before.held);
	});

	test('release and discard change the scores exactly as a recount says, and leave audit rows no API role can change', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		await submitAllFrom(
			t.db,
			'203.0.113.40',
			Array.from({ length: 60 }, (_, i) => ({
				...variedResponse(round, i),
				servicePoint: 'registration-1',
				channel: 'qr'
			}))
		);
		const start = await roundCounts(t.db, round);
		expect(start).toMatchObject({ counted: 30, held: 30 });
		const before = await callRpc<{ respondents: { eit: number }; held: { eit: number } }>(
			t.db,
			service,
			'round_results',
			{ round_code: round }
		);
		expect(before.held.eit).toBe(30);
		const exportedBefore = await callRpc<unknown[]>(t.db, service, 'export_responses', {
			round_code: round
		});
		expect(exportedBefore).toHaveLength(30);

		const summary = await callRpc<HeldSummary>(t.db, service, 'held_summary', {
			round_code: round
		});
		const ids = summary.groups.flatMap((g) => g.responses.map((r) => r.id));
		expect(ids).toHaveLength(30);
		expect(summary.groups[0].servicePoint?.code).toBe('registration-1');

		const released = await callRpc<{ released: number; held: number }>(
			t.db,
			central,
			'release_held_responses',
			{ round_code: round, ids: ids.slice(0, 10), reason: 'A queue of real visitors that morning' }
		);
		expect(released).toEqual({ released: 10, held: 20 });
		let c = await countersAndRecount(t.db, round);
		expect(c.kept).toEqual(c.recounted);
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 40, held: 20, kept: 40 });

		const discarded = await callRpc<{ discarded: number; held: number }>(
			t.db,
			central,
			'discard_held_responses',
			{ round_code: round, ids: ids.slice(10), reason: 'One script from one address' }
		);
		expect(discarded).toEqual({ discarded: 20, held: 0 });
		c = await countersAndRecount(t.db, round);
		expect(c.kept).toEqual(c.recounted);
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 40, held: 0, kept: 40 });
		const after = await callRpc<{ respondents: { eit: number } }>(t.db, service, 'round_results', {
			round_code: round
		});
		expect(after.respondents.eit).toBe(before.respondents.eit + 10);

		// Reasons are required.
		await expect(
			callRpc(t.db, central, 'release_held_responses', { round_code: round, ids, reason: '' })
		).rejects.toMatchObject({ code: '22023', message: 'review_reason_invalid' });

		const audit = await callRpc<
			{ action: string; n: number; reason: string; round: string; by: { role: string } }[]
		>(t.db, central, 'list_review_audit', { round_code: round });
		expect(audit.map((a) => [a.action, a.n, a.reason])).toEqual([
			['discard', 20, 'One script from one address'],
			['release', 10, 'A queue of real visitors that morning']
		]);
		expect(audit[0].by.role).toBe('central');

		// An officer (not central) may not read it.
		const officer: Claims = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer' }
		};
		await expect(callRpc(t.db, officer, 'list_review_audit', {})).rejects.toMatchObject({
			code: '42501',
			message: 'review_audit_central_only'
		});

		// No API role can change or delete an audit row, nor can the owner.
		for (const claims of [anon, officer, central, service]) {
			for (const sql of [
				`update public.held_review_audit set reason = 'rewritten'`,
				`delete from public.held_review_audit`,
				`truncate public.held_review_audit`
			]) {
				await expect(
					asCaller(t.db, claims, (tx) => tx.query(sql)),
					`${claims.role} ${sql}`
				).rejects.toThrow();
			}
		}
		await expect(t.db.query(`update public.held_review_audit set reason = 'x'`)).rejects.toThrow(
			'review_audit_append_only'
		);
		await expect(t.db.query(`delete from public.held_review_audit`)).rejects.toThrow(
			'review_audit_append_only'
		);
		const [{ n }] = await t.db.query<{ n: number }>(
			`select count(*)::int as n from public.held_review_audit where round_code = $1 and reason <> 'rewritten'`,
			[round]
		);
		expect(n).toBe(2);
	});

	test('trust settings with several bad values: every problem named by its key, nothing changed', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		const read = () => callRpc(t.db, service, 'round_trust_settings', { round_code: round });
		const before = await read();
		interface Refusal {
			code: string;
			message: string;
			detail: string;
			hint: string;
		}
		const refused = await callRpc<Refusal>(t.db, service, 'set_round_trust_settings', {
			round_code: round,
			settings: {
				iitCodes: 'single',
				deviceLimit: 0,
				addressLimit: 'many',
				secondsPerQuestion: 2.25,
				eligibleStaff: 50,
				servicePoints: { 'registration-1': 0, 'nowhere-9': 5 }
			}
		}).catch((e: unknown) => e as Refusal);
		expect(refused).toMatchObject({ code: '22023', message: 'trust_settings_invalid' });
		const { problems } = JSON.parse(refused.detail) as { problems: Record<string, unknown>[] };
		const byField: Record<string, Record<string, unknown>> = Object.fromEntries(
			problems.map((p) => [String(p.field), p])
		);
		expect(Object.keys(byField).sort()).toEqual([
			'addressLimit',
			'deviceLimit',
			'secondsPerQuestion',
			'servicePoints.nowhere-9',
			'servicePoints.registration-1'
		]);
		expect(byField.deviceLimit).toMatchObject({ code: 'device_limit_invalid' });
		expect(byField.addressLimit).toMatchObject({ code: 'address_limit_invalid' });
		expect(byField.secondsPerQuestion).toMatchObject({ code: 'seconds_per_question_invalid' });
		expect(byField['servicePoints.nowhere-9']).toMatchObject({
			code: 'service_point_unknown',
			servicePoint: 'nowhere-9'
		});
		expect(byField['servicePoints.registration-1']).toMatchObject({
			code: 'service_point_limit_invalid',
			servicePoint: 'registration-1'
		});
		expect(refused.hint).toMatch(/deviceLimit \(device_limit_invalid\)/);
		// The good values in the same call were not saved either.
		expect(await read()).toEqual(before);

		for (const [settings, code] of [
			[[1], 'trust_settings_not_object'],
			[{ colour: 'red' }, 'trust_setting_unknown']
		] as const) {
			await expect(
				callRpc(t.db, service, 'set_round_trust_settings', { round_code: round, settings })
			).rejects.toMatchObject({ code: '22023', message: code });
		}
		await expect(
			callRpc(t.db, service, 'issue_iit_codes', { round_code: round, how_many: 1001 })
		).rejects.toMatchObject({ code: '22023', message: 'iit_codes_count_invalid' });
	});

	test('a rejected copy never makes a later valid copy a duplicate (issue 14, item 4)', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		const good = favourableResponse(bma, round, 'eit');
		const bad = { ...good, answers: { ...good.answers, [Object.keys(good.answers)[0]]: 9 } };
		const out = await callRpc<Outcome>(t.db, service, 'submit_responses', { batch: [bad, good] });
		expect(out.results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
		const again = await callRpc<Outcome>(t.db, service, 'submit_responses', { batch: [good, bad] });
		expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
	});

	test('single-use IIT codes: each admits one response; a used and a wrong code look alike', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		await callRpc(t.db, service, 'set_round_trust_settings', {
			round_code: round,
			settings: { iitCodes: 'single', eligibleStaff: 100 }
		});
		const settings = await callRpc<{ iitCodes: string; iitMinimumSample: number; minIit: number }>(
			t.db,
			service,
			'round_trust_settings',
			{ round_code: round }
		);
		expect(settings).toMatchObject({ iitCodes: 'single', iitMinimumSample: 80, minIit: 80 });

		const { codes } = await callRpc<{ codes: string[] }>(t.db, central, 'issue_iit_codes', {
			round_code: round,
			how_many: 3
		});
		expect(codes).toHaveLength(3);
		for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);

		const check = (code: string) =>
			callRpc<{ valid: boolean }>(
				t.db,
				anon,
				'check_iit_code',
				{ round_code: round, code },
				from('10.1.1.1')
			);
		expect(await check(codes[0].toLowerCase().replace('-', ' '))).toEqual({ valid: true });

		const iit = (code?: string) => ({ ...favourableResponse(bma, round, 'iit'), iitCode: code });
		const first = await submitFrom(t.db, '10.1.1.1', [iit(codes[0])]);
		expect(first.results[0].status).toBe('accepted');
		const used = await submitFrom(t.db, '10.1.1.2', [iit(codes[0])]);
		const wrong = await submitFrom(t.db, '10.1.1.2', [iit('ABCDE-FGHJK')]);
		const missing = await submitFrom(t.db, '10.1.1.2', [iit()]);
		expect(used.results[0]).toMatchObject({ status: 'rejected', code: 'iit_code_used' });
		expect(wrong.results[0].code).toBe(used.results[0].code);
		expect(wrong.results[0].reason).toBe(used.results[0].reason);
		expect(missing.results[0].code).toBe('iit_code_missing');
		expect(await check(codes[0])).toEqual({ valid: false });
		expect(await check('ABCDE-FGHJK')).toEqual({ valid: false });
		expect(await check(codes[1])).toEqual({ valid: true });
		// Two responses with one code in one batch: the second is refused.
		const twice = await submitFrom(t.db, '10.1.1.3', [iit(codes[1]), iit(codes[1])]);
		expect(twice.results.map((r) => r.code ?? r.status)).toEqual(['accepted', 'iit_code_used']);
		// The questionnaire no longer answers whether a code is right (it cannot count guesses).
		const q = await callRpc<{ round: { accessCodeValid: unknown; iitCodes: string } }>(
			t.db,
			anon,
			'get_questionnaire',
			{ round_code: round, access_code: codes[2] }
		);
		expect(q.round).toMatchObject({ accessCodeValid: null, iitCodes: 'single' });
	});

	test('unlinkability: from a dump, neither row order nor xmin pairs a used code with its response better than chance', async () => {
		const round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		await callRpc(t.db, service, 'set_round_trust_settings', {
			round_code: round,
			settings: { iitCodes: 'single' }
		});
		const n = 40;
		const { codes } = await callRpc<{ codes: string[] }>(t.db, service, 'issue_iit_codes', {
			round_code: round,
			how_many: n
		});
		// Each staff member answers on their own phone, one after another (one transaction each).
		const codeOf = new Map<string, string>();
		for (const code of codes) {
			const r = {
				...favourableResponse(bma, round, 'iit'),
				iitCode: code,
				deviceId: `p-${randomUUID()}`
			};
			codeOf.set(r.id, code);
			const out = await submitFrom(t.db, `10.2.0.${codeOf.size}`, [r]);
			expect(out.results[0].status).toBe('accepted');
		}
		const [{ round_id: roundId }] = await t.db.query<{ round_id: string }>(
			`select round_id::text from rounds where code = $1`,
			[round]
		);
		// The hash each code's mark carries (the test knows the codes; an attacker would not).
		const hashOf = new Map<string, string>();
		for (const code of codes) {
			const [{ h }] = await t.db.query<{ h: string }>(
				`select ita_private.salted_hash($1::uuid, 'code:' || replace($2, '-', '')) as h`,
				[roundId, code]
			);
			hashOf.set(code, h);
		}

		// Physical order (what a dump writes) and writing transaction of both tables.
		const marks = await t.db.query<{ hash: string; xmin: string }>(
			`select code_hash as hash, xmin::text from iit_code_uses where round_id = $1 order by ctid`,
			[roundId]
		);
		const responses = await t.db.query<{ id: string; xmin: string }>(
			`select response_id::text as id, xmin::text from responses
			where round_id = $1 and instrument = 'iit' order by ctid`,
			[roundId]
		);
		expect(marks).toHaveLength(n);
		expect(responses).toHaveLength(n);
		const truth = (id: string) => hashOf.get(codeOf.get(id)!);

		// Pairing by row order: the k-th mark with the k-th response.
		const byOrder = responses.filter((r, k) => marks[k].hash === truth(r.id)).length;
		// A random pairing of 40 gets 1 right on average; 7 or more happens less than once in 10,000.
		expect(byOrder).toBeLessThan(7);

		// Pairing by transaction: every mark was rewritten by the latest use, so a response's
		// xmin matches either no mark or all of them: never fewer candidates than all marks.
		expect(new Set(marks.map((m) => m.xmin)).size).toBe(1);
		for (const r of responses) {
			const candidates = marks.filter((m) => m.xmin === r.xmin).length;
			expect([0, n]).toContain(candidates);
		}

		// The same from a real dump on PostgreSQL: the COPY order of the two tables.
		if (engine === 'postgres' && t.url) {
			const dump = execFileSync(
				'pg_dump',
				['--data-only', '-t', 'public.iit_code_uses', '-t', 'public.responses', t.url],
				{ encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
			);
			const block = (table: string) => {
				const start = dump.indexOf(`COPY public.${table} `);
				const end = dump.indexOf('\n\\.\n', start);
				return dump
					.slice(dump.indexOf('\n', start) + 1, end)
					.split('\n')
					.map((line) => line.split('\t'));
			};
			const dumpedMarks = block('iit_code_uses').filter((row) => row[0] === roundId);
			const dumpedIit = block('responses').filter((row) => row[1] === roundId && row[2] === 'iit');
			expect(dumpedMarks).toHaveLength(n);
			expect(dumpedIit).toHaveLength(n);
			const right = dumpedIit.filter((row, k) => dumpedMarks[k][1] === truth(row[0])).length;
			expect(right).toBeLessThan(7);
			// A mark holds its round and the code's hash: nothing else to join on.
			expect(dumpedMarks.every((row) => row.length === 2)).toBe(true);
		}
	});

	test('code guesses are throttled per address: the 11th wrong code in 10 minutes is HTTP 429 with Retry-After', async () => {
		const round = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'bang-rak',
			iitAccessCode: 'staff-2567'
		});
		const guess = (code: string, address = '100.64.0.9') =>
			callRpc<{ valid: boolean }>(
				t.db,
				anon,
				'check_iit_code',
				{ round_code: round, code },
				from(address)
			);
		for (let i = 0; i < 10; i++) expect(await guess(`guess-${i}`)).toEqual({ valid: false });
		const refused = await guess('staff-2567').catch((e: unknown) => e);
		expect(refused).toMatchObject({ code: 'PGRST' });
		const e = refused as { message: string; detail: string };
		// The body PostgREST answers with: the catalogue code, the minutes to wait as details.
		const body = JSON.parse(e.message) as { code: string; message: string; details: string };
		expect(body).toMatchObject({ code: 'too_many_attempts', message: 'too_many_attempts' });
		const wait = JSON.parse(body.details) as { retryAfter: number; minutes: number };
		expect(wait.minutes).toBe(Math.ceil(wait.retryAfter / 60));
		const detail = JSON.parse(e.detail) as { status: number; headers: Record<string, string> };
		expect(detail.status).toBe(429);
		expect(Number(detail.headers['Retry-After'])).toBeGreaterThan(0);
		expect(Number(detail.headers['Retry-After'])).toBeLessThanOrEqual(600);

		// Submitting IIT with a code from that address is refused whole, nothing stored.
		const iit = { ...favourableResponse(bma, round, 'iit'), accessCode: 'staff-2567' };
		await expect(submitFrom(t.db, '100.64.0.9', [iit])).rejects.toMatchObject({ code: 'PGRST' });
		expect(await roundCounts(t.db, round)).toMatchObject({ counted: 0, held: 0 });
		// Another address is not affected; the right code is right.
		expect(await guess('staff-2567', '100.64.0.10')).toEqual({ valid: true });
		const ok = await submitFrom(t.db, '100.64.0.10', [iit]);
		expect(ok.results[0].status).toBe('accepted');

		// Within one batch, wrong shared codes past the limit are not even checked.
		const batch = Array.from({ length: 12 }, (_, i) => ({
			...favourableResponse(bma, round, 'iit'),
			accessCode: i === 11 ? 'staff-2567' : `wrong-${i}`
		}));
		const out = await submitFrom(t.db, '100.64.0.11', batch);
		expect(out.results.slice(0, 10).every((r) => r.code === 'wrong_access_code')).toBe(true);
		expect(out.results.slice(10).map((r) => r.code)).toEqual([
			'too_many_attempts',
			'too_many_attempts'
		]);
	});

	test('released responses reproduce the published Samphanthawong FY2567 figures', async () => {
		const round = await createRound(t.db, {
			framework: 'bma-2567',
			agency: 'samphanthawong',
			fiscalYear: 2024
		});
		const responses = responsesFromQuestionScores(bma, samphanthawong.questions, round);
		const verdicts = await submitAllFrom(t.db, '203.0.113.201', responses);
		expect(verdicts.every((v) => v.status === 'accepted')).toBe(true);
		const held = (
			await t.db.query<{ id: string }>(
				`select response_id::text as id from held_responses h join rounds r using (round_id) where r.code = $1`,
				[round]
			)
		).map((r) => r.id);
		expect(held.length).toBeGreaterThan(responses.length / 2);
		for (let i = 0; i < held.length; i += 5000) {
			await callRpc(t.db, central, 'release_held_responses', {
				round_code: round,
				ids: held.slice(i, i + 5000),
				reason: 'Collected at the district office and sent in one go'
			});
		}
		await callRpc(t.db, service, 'set_oit_scores', {
			round_code: round,
			scores: samphanthawong.oit
		});
		const r = await callRpc<{
			questions: Record<string, { score: number | null }>;
			indicators: Record<string, { score: number | null }>;
			total: number;
			level: string;
		}>(t.db, service, 'round_results', { round_code: round });
		const exact = (
			printed: Record<string, number>,
			computed: Record<string, { score: number | null }>
		) =>
			Object.entries(printed)
				.filter(([id, v]) => computed[id]?.score !== v)
				.map(([id, v]) => `${id}: printed ${v}, computed ${computed[id]?.score}`);
		expect(exact(samphanthawong.questions, r.questions)).toEqual([]);
		expect(exact(samphanthawong.indicators, r.indicators)).toEqual([]);
		expect(r.total).toBe(87.67);
		expect(r.level).toBe('pass');
	});

	test('released responses reproduce the published Wang Thonglang FY2565 figures', async () => {
		const round = await createRound(t.db, {
			framework: 'nacc-2565',
			agency: 'wang-thonglang',
			fiscalYear: 2022
		});
		const responses = responsesFromDistributions(nacc, wang, round);
		// All sent as anonymous phones through one address: most are held.
		const verdicts = await submitAllFrom(t.db, '203.0.113.200', responses);
		expect(verdicts.every((v) => v.status === 'accepted')).toBe(true);
		const held = await roundCounts(t.db, round);
		expect(held.held).toBeGreaterThan(700);

		const summary = await callRpc<HeldSummary>(t.db, service, 'held_summary', {
			round_code: round
		});
		const ids = (
			await t.db.query<{ id: string }>(
				`select response_id::text as id from held_responses h join rounds r using (round_id) where r.code = $1`,
				[round]
			)
		).map((r) => r.id);
		expect(summary.held).toBe(ids.length);
		await callRpc(t.db, central, 'release_held_responses', {
			round_code: round,
			ids,
			reason: 'Imported from the assessor’s file, sent from one office'
		});
		await callRpc(t.db, service, 'set_oit_scores', { round_code: round, scores: wang.oit });
		const r = await callRpc<{
			respondents: { iit: number; eit: number };
			held: { iit: number; eit: number };
			questions: Record<string, { score: number }>;
			total: number;
			level: string;
		}>(t.db, service, 'round_results', { round_code: round });
		expect(r.respondents).toEqual({ iit: 358, eit: 408 });
		expect(r.held).toEqual({ iit: 0, eit: 0 });
		const wrong = Object.entries(wang.questions as Record<string, number>)
			.filter(([id, v]) => !(Math.abs(r.questions[id].score - v) <= 0.01 + 1e-9))
			.map(([id, v]) => `${id}: printed ${v}, computed ${r.questions[id].score}`);
		expect(wrong).toEqual([]);
		expect(r.total).toBe(96.15);
		expect(r.level).toBe('AA');
	});
});

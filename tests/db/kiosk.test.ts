/**
 * Kiosks: an officer adds one and gets a one-use enrolment code; the tablet trades it for
 * a device key; responses carrying the key are attributed to the kiosk, and those that
 * come too fast or with an impossible time are refused with a reason and flagged for the
 * officer — never silently dropped.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { createRound, favourableResponse } from '../support/fixtures.ts';
import { pinMatches, type PinSecret } from '../../src/lib/kiosk/pin.ts';
import { hashKioskPin } from '../../src/lib/server/kiosk-pin.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

interface Verdict {
	id: string | null;
	status: 'accepted' | 'duplicate' | 'rejected';
	code?: string;
	reason?: string;
}
interface Device {
	deviceKey: string;
	name: string;
	status: 'active' | 'revoked';
	round: string;
	minIntervalSeconds: number;
	idleSeconds: number;
	pin: PinSecret;
}
interface KioskRow {
	id: string;
	name: string;
	lastContactAt: string | null;
	queuedCount: number;
	responses: number;
	revokedAt: string | null;
	flags: { code: string; reason: string }[];
}

/** One hash for every kiosk of these tests: each takes a few hundred milliseconds to make. */
const pin2468 = await hashKioskPin('2468', 200_000);

describe.each(engines)('kiosks on %s', (engine) => {
	let t: TestDatabase;
	let round: string;
	let other: string;
	let officer: Claims;

	const submit = async (batch: unknown[]) =>
		(await callRpc<{ results: Verdict[] }>(t.db, anon, 'submit_responses', { batch })).results;

	/** A kiosk of `round`, enrolled: its id and device key. */
	async function enrolled(options: { interval?: number; on?: string } = {}) {
		const made = await callRpc<{ kiosk: { id: string }; enrolmentCode: string }>(
			t.db,
			officer,
			'create_kiosk',
			{
				round_code: options.on ?? round,
				name: `Tablet ${randomUUID().slice(0, 4)}`,
				pin_hash: pin2468,
				min_interval_seconds: options.interval ?? 20,
				idle_seconds: 60
			}
		);
		const device = await callRpc<Device>(t.db, anon, 'enrol_kiosk', { code: made.enrolmentCode });
		return { id: made.kiosk.id, key: device.deviceKey, device };
	}

	/** A favourable EIT response collected by a kiosk at `at` (device time). */
	function fromKiosk(key: string | undefined, at: Date, on = round) {
		return {
			...favourableResponse(bma, on, 'eit'),
			channel: 'kiosk',
			...(key === undefined ? {} : { kioskKey: key }),
			collectedAt: at.toISOString()
		};
	}

	const kiosks = (db: Sql = t.db) =>
		callRpc<KioskRow[]>(db, officer, 'list_kiosks', { round_code: round });
	const kioskRow = async (id: string) => (await kiosks()).find((k) => k.id === id)!;
	const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);

	beforeAll(async () => {
		t = await freshDatabase(engine);
		round = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
		other = await createRound(t.db, { framework: 'bma-2567', agency: 'bang-rak' });
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

	test('adding a kiosk checks its settings and says what to fix', async () => {
		const add = (args: Record<string, unknown>) =>
			callRpc(t.db, officer, 'create_kiosk', {
				round_code: round,
				name: 'Door',
				pin_hash: pin2468,
				...args
			});
		// The PIN reaches the database only as its slow hash: a PIN, a fast hash or too few
		// iterations are refused.
		// Each refusal is a code of the catalogue, the field to mark in its detail.
		const refused = (message: string, field: string) => ({
			code: '22023',
			message,
			detail: expect.stringContaining(`"field": "${field}"`) as unknown
		});
		for (const pin_hash of [
			'1234',
			{ ...pin2468, iterations: 1000 },
			{ ...pin2468, algorithm: 'SHA-256' },
			{ ...pin2468, salt: 'xyz' }
		]) {
			await expect(add({ pin_hash })).rejects.toMatchObject(
				refused('kiosk_pin_hash_invalid', 'pin')
			);
		}
		await expect(add({ pin_hash: '1234' })).rejects.toMatchObject({
			hint: /200000 or more.*32 hex digits/
		});
		await expect(add({ name: '  ' })).rejects.toMatchObject(refused('kiosk_name_invalid', 'name'));
		await expect(add({ name: 'x'.repeat(101) })).rejects.toMatchObject(
			refused('kiosk_name_invalid', 'name')
		);
		await expect(add({ min_interval_seconds: -1 })).rejects.toMatchObject(
			refused('kiosk_min_interval_invalid', 'minInterval')
		);
		await expect(add({ idle_seconds: 5 })).rejects.toMatchObject(
			refused('kiosk_idle_invalid', 'idle')
		);
		await expect(add({ round_code: 'no-such-round' })).rejects.toThrow(/^round_not_managed$/);
	});

	test('an enrolment code enrols one tablet once, typed in any case, and not after 7 days', async () => {
		const made = await callRpc<{ kiosk: { id: string }; enrolmentCode: string }>(
			t.db,
			officer,
			'create_kiosk',
			{ round_code: round, name: 'Entrance', pin_hash: pin2468 }
		);
		expect(made.enrolmentCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		await expect(callRpc(t.db, anon, 'enrol_kiosk', { code: 'AB-12' })).rejects.toMatchObject({
			code: '22023',
			message: 'enrolment_code_invalid'
		});
		await expect(callRpc(t.db, anon, 'enrol_kiosk', { code: 'ABCD-EFGH' })).rejects.toMatchObject({
			code: 'PT404',
			message: 'enrolment_code_unknown'
		});
		const typed = made.enrolmentCode.replace('-', ' ').toLowerCase();
		const device = await callRpc<Device>(t.db, anon, 'enrol_kiosk', { code: typed });
		expect(device).toMatchObject({
			name: 'Entrance',
			status: 'active',
			round,
			minIntervalSeconds: 20,
			idleSeconds: 60
		});
		expect(device.deviceKey).toMatch(/^[0-9a-f]{64}$/);
		// The tablet checks the PIN offline with these; the PIN itself never leaves the server.
		// (Hex keys, salts and hashes are left out of the search: they may hold "2468" by chance.)
		expect(JSON.stringify(device).replace(/[0-9a-f]{32,}/g, '')).not.toContain('2468');
		// A slow key derivation (PBKDF2-SHA-256, ≥ 200,000 iterations) the tablet can check offline.
		expect(device.pin).toMatchObject({ algorithm: 'PBKDF2-SHA-256', salt: pin2468.salt });
		expect(device.pin.iterations).toBeGreaterThanOrEqual(200_000);
		expect(await pinMatches(device.pin, '2468')).toBe(true);
		expect(await pinMatches(device.pin, '2469')).toBe(false);
		await expect(
			callRpc(t.db, anon, 'enrol_kiosk', { code: made.enrolmentCode })
		).rejects.toMatchObject({ message: 'enrolment_code_unknown', hint: /used already/ });

		const late = await callRpc<{ kiosk: { id: string }; enrolmentCode: string }>(
			t.db,
			officer,
			'create_kiosk',
			{ round_code: round, name: 'Late', pin_hash: pin2468 }
		);
		await t.db.query(
			`update kiosks set enrolment_expires_at = now() - interval '1 minute' where kiosk_id = $1`,
			[late.kiosk.id]
		);
		await expect(
			callRpc(t.db, anon, 'enrol_kiosk', { code: late.enrolmentCode })
		).rejects.toMatchObject({ message: 'enrolment_code_unknown', hint: /older than 7 days/ });
	});

	test('two kiosks of one office answering in the same second are both accepted and attributed', async () => {
		const a = await enrolled();
		const b = await enrolled();
		const at = secondsAgo(5);
		const verdicts = await submit([fromKiosk(a.key, at), fromKiosk(b.key, at)]);
		expect(verdicts.map((v) => v.status)).toEqual(['accepted', 'accepted']);
		const rows = await t.db.query<{ kiosk_id: string; channel: string }>(
			`select kiosk_id::text, channel from responses where response_id = any($1::uuid[]) order by 1`,
			[verdicts.map((v) => v.id)]
		);
		expect(rows).toEqual([a.id, b.id].sort().map((id) => ({ kiosk_id: id, channel: 'kiosk' })));
		expect((await kioskRow(a.id)).responses).toBe(1);
		// The response row keeps the day only, never the tablet's time of day.
		const columns = await t.db.query<{ column_name: string }>(
			`select column_name from information_schema.columns where table_name = 'responses'
			and data_type like 'timestamp%'`
		);
		expect(columns).toEqual([]);
	});

	test('one kiosk faster than its minimum interval: refused with the reason, and flagged', async () => {
		const k = await enrolled({ interval: 20 });
		const first = fromKiosk(k.key, secondsAgo(60));
		const burst = fromKiosk(k.key, secondsAgo(55));
		const later = fromKiosk(k.key, secondsAgo(30));
		const verdicts = await submit([first, burst, later]);
		expect(verdicts.map((v) => [v.status, v.code])).toEqual([
			['accepted', undefined],
			['rejected', 'kiosk_too_soon'],
			['accepted', undefined]
		]);
		expect(verdicts[1].reason).toMatch(/5 seconds after the previous response.*every 20 seconds/);
		const row = await kioskRow(k.id);
		expect(row.responses).toBe(2);
		expect(row.flags).toEqual([expect.objectContaining({ code: 'kiosk_too_soon' })]);
		const [flag] = await t.db.query<{ response_id: string }>(
			`select response_id::text from kiosk_flags where kiosk_id = $1`,
			[k.id]
		);
		expect(flag.response_id).toBe(burst.id);

		// A batch sent again after a lost reply is a duplicate, not a burst.
		const again = await submit([first, later]);
		expect(again.map((v) => v.status)).toEqual(['duplicate', 'duplicate']);
	});

	test('impossible times are refused and flagged: in the future, before enrolment, out of order', async () => {
		const k = await enrolled({ interval: 0 });
		const verdicts = await submit([
			fromKiosk(k.key, new Date(Date.now() + 3600_000)),
			fromKiosk(k.key, new Date(Date.now() - 24 * 3600_000)),
			fromKiosk(k.key, secondsAgo(10)),
			fromKiosk(k.key, secondsAgo(100)),
			{ ...fromKiosk(k.key, secondsAgo(5)), collectedAt: 'yesterday' }
		]);
		expect(verdicts.map((v) => v.code ?? v.status)).toEqual([
			'kiosk_time_implausible',
			'kiosk_time_implausible',
			'accepted',
			'kiosk_time_order',
			'kiosk_time_implausible'
		]);
		expect(verdicts[0].reason).toMatch(/Set the tablet's date and time/);
		const row = await kioskRow(k.id);
		expect(row.flags.map((f) => f.code).sort()).toEqual([
			'kiosk_time_implausible',
			'kiosk_time_implausible',
			'kiosk_time_implausible',
			'kiosk_time_order'
		]);
	});

	test('a kiosk response without a key, with an unknown key or for another round is refused, not stored', async () => {
		const k = await enrolled();
		const before = await t.db.query<{ n: number }>('select count(*)::int as n from kiosk_flags');
		const verdicts = await submit([
			fromKiosk(undefined, secondsAgo(5)),
			fromKiosk('0'.repeat(64), secondsAgo(5)),
			fromKiosk(k.key, secondsAgo(5), other),
			{ ...favourableResponse(bma, round, 'eit'), kioskKey: k.key }
		]);
		expect(verdicts.map((v) => v.code)).toEqual([
			'kiosk_key_missing',
			'kiosk_unknown',
			'kiosk_wrong_round',
			'invalid_channel'
		]);
		expect(verdicts[1].reason).toMatch(/enrol the tablet again/);
		const stored = await t.db.query(`select from responses where response_id = any($1::uuid[])`, [
			verdicts.map((v) => v.id)
		]);
		expect(stored).toEqual([]);
		// Not flagged: none of these is a burst from a known kiosk.
		const after = await t.db.query<{ n: number }>('select count(*)::int as n from kiosk_flags');
		expect(after[0].n).toBe(before[0].n);
	});

	test('an import by the service may store kiosk responses without a key (as paper); a browser may not', async () => {
		const plain = { ...favourableResponse(bma, round, 'eit'), channel: 'kiosk' };
		const [refused] = await submit([plain]);
		expect(refused.code).toBe('kiosk_key_missing');
		const imported = await callRpc<{ results: Verdict[] }>(t.db, service, 'submit_responses', {
			batch: [plain]
		});
		expect(imported.results[0].status).toBe('accepted');
	});

	test('a revoked kiosk: what it collected before is accepted, what after refused; it is told so', async () => {
		const k = await enrolled({ interval: 0 });
		const before = fromKiosk(k.key, secondsAgo(30));
		await callRpc(t.db, officer, 'revoke_kiosk', { kiosk_id: k.id });
		const verdicts = await submit([before, fromKiosk(k.key, new Date())]);
		expect(verdicts.map((v) => v.code ?? v.status)).toEqual(['accepted', 'kiosk_revoked']);
		expect(verdicts[1].reason).toMatch(/was revoked/);
		const beat = await callRpc<Device>(t.db, anon, 'kiosk_heartbeat', {
			device_key: k.key,
			queued: 0
		});
		expect(beat.status).toBe('revoked');
	});

	test('the heartbeat records last contact and the queued count, which the officer sees', async () => {
		const k = await enrolled();
		const beat = await callRpc<Device>(t.db, anon, 'kiosk_heartbeat', {
			device_key: k.key,
			queued: 7
		});
		expect(beat).toMatchObject({ status: 'active', round, minIntervalSeconds: 20 });
		const row = await kioskRow(k.id);
		expect(row.queuedCount).toBe(7);
		expect(row.lastContactAt).not.toBeNull();
		await expect(
			callRpc(t.db, anon, 'kiosk_heartbeat', { device_key: 'f'.repeat(64), queued: 0 })
		).rejects.toMatchObject({ code: 'PT404', message: 'kiosk_unknown' });
		await expect(
			callRpc(t.db, anon, 'kiosk_heartbeat', { device_key: k.key, queued: -1 })
		).rejects.toMatchObject({ code: '22023', message: 'kiosk_queued_invalid' });
	});

	test('renaming checks the name', async () => {
		const k = await enrolled();
		await expect(
			callRpc(t.db, officer, 'rename_kiosk', { kiosk_id: k.id, name: '' })
		).rejects.toMatchObject({ message: 'kiosk_name_invalid', detail: '{"field": "name"}' });
		await callRpc(t.db, officer, 'rename_kiosk', { kiosk_id: k.id, name: ' Hall ' });
		expect((await kioskRow(k.id)).name).toBe('Hall');
	});
});

import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { FrameworkSchema } from '../ita/framework.ts';
import type { RoundQuestionnaire } from '../survey/questionnaire.ts';
import type { SurveyResponse, Verdict } from '../survey/response.ts';
import type { Answer, KioskApi } from './api.ts';
import type { KioskInfo } from './device.ts';
import { KioskState, thanksSeconds } from './kiosk.svelte.ts';
import { hashKioskPin } from '../server/kiosk-pin.ts';

const pin2468 = await hashKioskPin('2468', 200_000);

const day = 86_400_000;
const start = Date.UTC(2026, 10, 22, 3, 0);

const questionnaire: RoundQuestionnaire = {
	round: {
		code: 'demo-bma-2567',
		fiscalYear: 2024,
		opensOn: '2026-11-01',
		closesOn: '2026-12-31',
		open: true,
		iitAccessCode: false,
		allowRepeat: true
	},
	agency: { code: 'demo', name: { th: 'สำนักงานเขตตัวอย่าง' } },
	sections: [],
	servicePoint: null,
	framework: FrameworkSchema.parse(
		JSON.parse(readFileSync('supabase/seed/frameworks/bma-2567.json', 'utf8'))
	)
};

const info = (status: KioskInfo['status'] = 'active'): KioskInfo => ({
	name: 'Entrance',
	status,
	round: 'demo-bma-2567',
	agency: questionnaire.agency,
	opensOn: '2026-11-01',
	closesOn: '2026-12-31',
	roundStatus: 'open',
	minIntervalSeconds: 20,
	idleSeconds: 60,
	pin: pin2468
});

/** A server for one kiosk: answers as enrol_kiosk and kiosk_heartbeat do. */
function fakeServer() {
	const server = {
		status: 'active' as KioskInfo['status'],
		sent: [] as SurveyResponse[],
		heartbeats: [] as number[],
		/** The heartbeat finds no server (status 0), as just before the network is back. */
		unreachable: false,
		api: {
			enrol: (code: string): Promise<Answer<KioskInfo & { deviceKey: string }>> =>
				Promise.resolve(
					code.toUpperCase() === 'ABCDEF23'
						? { ok: true, data: { ...info(), deviceKey: 'k'.repeat(64) } }
						: { ok: false, status: 404, code: 'PT404', message: 'enrolment_code_unknown' }
				),
			heartbeat: (_key: string, queued: number): Promise<Answer<KioskInfo>> => {
				server.heartbeats.push(queued);
				if (server.unreachable) {
					return Promise.resolve({ ok: false, status: 0, code: 'network', message: 'offline' });
				}
				return Promise.resolve({ ok: true, data: info(server.status) });
			},
			questionnaire: (): Promise<Answer<RoundQuestionnaire>> =>
				Promise.resolve({ ok: true, data: questionnaire })
		} satisfies KioskApi,
		send: (batch: SurveyResponse[]): Promise<Verdict[]> => {
			server.sent.push(...batch);
			return Promise.resolve(batch.map((r) => ({ id: r.id, status: 'accepted' as const })));
		}
	};
	return server;
}

const target = () => ({
	window: new EventTarget(),
	document: Object.assign(new EventTarget(), { visibilityState: 'visible' })
});

describe('KioskState', () => {
	const stops: (() => void)[] = [];
	afterEach(() => {
		for (const stop of stops.splice(0)) stop();
	});

	async function kiosk(now: { t: number }, server = fakeServer(), names = crypto.randomUUID()) {
		const k = new KioskState({
			supabase: { url: 'http://127.0.0.1:1', anonKey: 'anon' },
			api: server.api,
			send: server.send,
			now: () => now.t,
			outboxName: `outbox-${names}`,
			deviceStoreName: `device-${names}`
		});
		stops.push(await k.start(target()));
		return k;
	}

	test('enrols once with the code, then starts on the welcome screen, also after a restart', async () => {
		const now = { t: start };
		const names = crypto.randomUUID();
		const first = await kiosk(now, fakeServer(), names);
		expect(first.screen).toBe('enrol');
		expect(await first.enrol('abc')).toBe(false);
		expect(first.enrolProblem).toBe('badCode');
		expect(await first.enrol('ZZZZ-ZZZZ')).toBe(false);
		expect(first.enrolProblem).toBe('notFound');
		expect(await first.enrol('abcd-ef23')).toBe(true);
		expect(first.screen).toBe('welcome');
		stops.pop()!();
		first.stop();

		const again = await kiosk(now, fakeServer(), names);
		expect(again.screen).toBe('welcome');
		expect(again.device?.name).toBe('Entrance');
	});

	test('a visitor who walks away: a countdown, then the survey is gone and nothing is kept', async () => {
		const now = { t: start };
		const server = fakeServer();
		const k = await kiosk(now, server);
		await k.enrol('ABCDEF23');
		k.begin();
		expect(k.screen).toBe('survey');
		// The welcome screen was the introduction: the first screen is question 1 (the
		// background questions come after the survey's questions on a kiosk).
		expect(k.survey?.step.kind).toBe('question');
		k.survey!.setAnswer('E1.1', 4);

		now.t += 60_000;
		k.tick();
		expect(k.idleSecondsLeft).toBe(20);
		now.t += 20_000;
		k.tick();
		expect(k.screen).toBe('welcome');
		expect(k.survey).toBeNull();
		await k.status.refresh();
		expect(k.status.queued + k.status.sent).toBe(0);
		expect(server.sent).toEqual([]);
	});

	test('a finished visitor: kept with the device key and time, sent, thanked, then welcome again', async () => {
		const now = { t: start };
		const server = fakeServer();
		const k = await kiosk(now, server);
		await k.enrol('ABCDEF23');
		k.begin();
		k.survey!.setAnswer('E1.1', 4);
		await k.finish();
		expect(k.screen).toBe('thanks');
		await expect.poll(() => server.sent.length).toBe(1);
		expect(server.sent[0]).toMatchObject({
			channel: 'kiosk',
			kioskKey: 'k'.repeat(64),
			collectedAt: new Date(start).toISOString(),
			answers: { 'E1.1': 4 }
		});
		now.t += thanksSeconds * 1000;
		k.tick();
		expect(k.screen).toBe('welcome');
		expect(k.survey).toBeNull();
	});

	test('the PIN opens the settings; three wrong lock them for a minute', async () => {
		const now = { t: start };
		const k = await kiosk(now);
		await k.enrol('ABCDEF23');
		k.openPin();
		expect(await k.enterPin('1111')).toBe(false);
		expect(k.pinResult).toEqual({ ok: false, locked: false, attemptsLeft: 2 });
		expect(await k.enterPin('2468')).toBe(true);
		expect(k.screen).toBe('settings');
		k.resume();
		k.openPin();
		await k.enterPin('0');
		await k.enterPin('1');
		await k.enterPin('2');
		expect(await k.enterPin('2468')).toBe(false);
		expect(k.pinLockedFor).toBe(60);
		now.t += 60_000;
		expect(await k.enterPin('2468')).toBe(true);
	});

	test('a PIN tapped again while the last is being checked waits for its answer: only answered ones count', async () => {
		const now = { t: start };
		const k = await kiosk(now);
		await k.enrol('ABCDEF23');
		k.openPin();
		const first = k.enterPin('0');
		expect(k.pinChecking).toBe(true);
		expect(await k.enterPin('1')).toBe(false);
		expect(await first).toBe(false);
		expect(k.pinChecking).toBe(false);
		expect(k.pinResult).toEqual({ ok: false, locked: false, attemptsLeft: 2 });
	});

	test('back online: a heartbeat that found no server is followed by "online" as soon as a send goes through', async () => {
		const now = { t: start };
		const server = fakeServer();
		const k = await kiosk(now, server);
		await k.enrol('ABCDEF23');
		expect(k.online).toBe(true);
		server.unreachable = true;
		await k.heartbeat();
		expect(k.online).toBe(false);
		// The network is back; a visitor's answers go out within the same few seconds.
		server.unreachable = false;
		k.begin();
		k.survey!.setAnswer('E1.1', 4);
		await k.finish();
		await expect.poll(() => server.sent.length).toBe(1);
		await expect.poll(() => k.online).toBe(true);
	});

	test('revoked: the heartbeat says so, and no visitor can start', async () => {
		const now = { t: start };
		const server = fakeServer();
		const k = await kiosk(now, server);
		await k.enrol('ABCDEF23');
		server.status = 'revoked';
		now.t += 61_000;
		k.tick();
		await expect.poll(() => k.screen).toBe('revoked');
		k.begin();
		expect(k.screen).toBe('revoked');
		expect(server.heartbeats.length).toBeGreaterThan(0);
	});

	test("outside the round's dates: the closed screen", async () => {
		const now = { t: start };
		const k = await kiosk(now);
		await k.enrol('ABCDEF23');
		now.t += 40 * day;
		k.tick();
		expect(k.screen).toBe('closed');
		expect(k.roundState).toBe('closed');
	});
});

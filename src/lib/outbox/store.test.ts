import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SurveyResponse, Verdict } from '../survey/response.ts';
import { Outbox } from './store.ts';

let opened: Outbox[] = [];

afterEach(() => {
	for (const outbox of opened) outbox.close();
	opened = [];
});

/** Each test its own database, so none sees another's responses. */
function databaseName(): string {
	return `ita-outbox-test-${crypto.randomUUID()}`;
}

async function open(name: string, now?: () => number): Promise<Outbox> {
	const outbox = await Outbox.open(name, { now });
	opened.push(outbox);
	return outbox;
}

function response(overrides: Partial<SurveyResponse> = {}): SurveyResponse {
	return {
		id: crypto.randomUUID(),
		round: 'wang-thonglang-2565',
		instrument: 'eit',
		channel: 'qr',
		servicePoint: 'registration-1',
		collectedOn: '2026-11-22',
		answers: { 'e1.1': 4, 'e1.2': 3 },
		demographics: { sex: 'female' },
		variants: {},
		...overrides
	};
}

function verdict(id: string, status: Verdict['status'], code?: string, reason?: string): Verdict {
	return code === undefined ? { id, status } : { id, status, code, reason };
}

describe('Outbox', () => {
	it('keeps a response across closing and reopening the database', async () => {
		const name = databaseName();
		const kept = response();
		const first = await open(name);
		await first.add(kept);
		first.close();

		const again = await open(name);
		const queued = await again.queued();
		expect(queued.map((entry) => entry.response)).toEqual([kept]);
		expect(queued[0]).toMatchObject({ id: kept.id, round: kept.round, state: 'queued' });
		expect((await again.counts()).queued).toBe(1);
	});

	it('keeps one entry when the same response is added twice', async () => {
		const outbox = await open(databaseName());
		const kept = response();
		await outbox.add(kept);
		await outbox.add({ ...kept, answers: { 'e1.1': 1 } });
		const queued = await outbox.queued();
		expect(queued).toHaveLength(1);
		expect(queued[0].response.answers).toEqual(kept.answers);
	});

	it('keeps what was submitted, not later changes to the same object', async () => {
		const outbox = await open(databaseName());
		const kept = response();
		await outbox.add(kept);
		kept.answers['e1.1'] = 1;
		expect((await outbox.queued())[0].response.answers['e1.1']).toBe(4);
	});

	it('refuses to keep a response without an id', async () => {
		const outbox = await open(databaseName());
		await expect(outbox.add(response({ id: '' }))).rejects.toThrow(TypeError);
		expect((await outbox.counts()).queued).toBe(0);
	});

	it('gives the oldest responses first, as many as asked', async () => {
		let clock = 1_000;
		const outbox = await open(databaseName(), () => clock);
		const responses = [response(), response(), response()];
		for (const r of responses) {
			await outbox.add(r);
			clock += 10;
		}
		expect((await outbox.queued()).map((entry) => entry.id)).toEqual(responses.map((r) => r.id));
		expect((await outbox.queued(2)).map((entry) => entry.id)).toEqual([
			responses[0].id,
			responses[1].id
		]);
	});

	it('lets accepted and duplicate responses go and keeps a rejected one with its reason', async () => {
		const outbox = await open(databaseName(), () => 5_000);
		const [accepted, duplicate, rejected, waiting] = [
			response(),
			response(),
			response(),
			response()
		];
		for (const r of [accepted, duplicate, rejected, waiting]) await outbox.add(r);

		await outbox.settle([
			verdict(accepted.id, 'accepted'),
			verdict(duplicate.id, 'duplicate'),
			verdict(rejected.id, 'rejected', 'round_closed', 'Round wang-thonglang-2565 is closed.'),
			verdict(crypto.randomUUID(), 'accepted')
		]);

		expect((await outbox.queued()).map((entry) => entry.id)).toEqual([waiting.id]);
		const refused = await outbox.refused();
		expect(refused).toHaveLength(1);
		expect(refused[0]).toMatchObject({
			id: rejected.id,
			state: 'refused',
			response: rejected,
			refusal: { code: 'round_closed', reason: 'Round wang-thonglang-2565 is closed.', at: 5_000 }
		});
		expect(await outbox.counts()).toEqual({
			queued: 1,
			refused: 1,
			sent: 2,
			lastSentAt: 5_000,
			lastAttemptAt: null,
			lastError: null
		});
	});

	it('adds up what was sent across settlements and reopening', async () => {
		const name = databaseName();
		const outbox = await open(name);
		const responses = [response(), response(), response()];
		for (const r of responses) await outbox.add(r);
		await outbox.settle([verdict(responses[0].id, 'accepted')]);
		await outbox.settle([
			verdict(responses[1].id, 'accepted'),
			verdict(responses[2].id, 'duplicate'),
			// Settling the same verdict twice must not count it twice.
			verdict(responses[0].id, 'accepted')
		]);
		outbox.close();
		expect((await (await open(name)).counts()).sent).toBe(3);
	});

	it('records attempts, the last error and clears it after a success', async () => {
		let clock = 10_000;
		const outbox = await open(databaseName(), () => clock);
		const kept = response();
		await outbox.add(kept);

		await outbox.noteAttempt('Failed to fetch', [kept.id]);
		expect(await outbox.counts()).toMatchObject({
			lastAttemptAt: 10_000,
			lastError: 'Failed to fetch'
		});
		expect((await outbox.queued())[0].attempts).toBe(1);

		clock = 20_000;
		await outbox.noteAttempt();
		expect(await outbox.counts()).toMatchObject({ lastAttemptAt: 20_000, lastError: null });
	});

	it('exports every kept response, with the reasons for the refused ones', async () => {
		const outbox = await open(databaseName(), () => Date.UTC(2026, 10, 22, 3, 42));
		const [queued, refused, sent] = [response(), response(), response()];
		for (const r of [queued, refused, sent]) await outbox.add(r);
		await outbox.settle([
			verdict(refused.id, 'rejected', 'wrong_access_code', 'The IIT access code is wrong.'),
			verdict(sent.id, 'accepted')
		]);

		const exported = await outbox.exportAll();
		// What the export button writes must come back whole from the file.
		expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
		expect(exported).toMatchObject({ queued: 1, refused: 1, sent: 1 });
		expect(exported.entries).toEqual([
			{ id: queued.id, round: queued.round, state: 'queued', attempts: 0, response: queued },
			{
				id: refused.id,
				round: refused.round,
				state: 'refused',
				attempts: 1,
				refusal: { code: 'wrong_access_code', reason: 'The IIT access code is wrong.' },
				response: refused
			}
		]);
		// The time a response was collected would tell who answered: it stays on the device.
		expect(JSON.stringify(exported.entries)).not.toContain('queuedAt');
	});

	it('exports a kiosk response without its device key', async () => {
		const outbox = await open(databaseName());
		const kiosk = response({
			channel: 'kiosk',
			kioskKey: 'kiosk-device-key-0123456789abcdef',
			collectedAt: '2026-11-22T10:42:00+07:00'
		});
		await outbox.add(kiosk);
		const exported = await outbox.exportAll();
		expect(JSON.stringify(exported)).not.toContain('kiosk-device-key-0123456789abcdef');
		expect(exported.entries[0].response).not.toHaveProperty('kioskKey');
		expect(exported.entries[0].response).toMatchObject({ id: kiosk.id, channel: 'kiosk' });
		// The queued response itself keeps its key: it is still to be sent.
		expect((await outbox.queued())[0].response.kioskKey).toBe('kiosk-device-key-0123456789abcdef');
	});

	it('lets an operator discard a refused response but never a queued one', async () => {
		const outbox = await open(databaseName());
		const [queued, refused] = [response(), response()];
		await outbox.add(queued);
		await outbox.add(refused);
		await outbox.settle([verdict(refused.id, 'rejected', 'unknown_round', 'No round.')]);

		expect(await outbox.discard(queued.id)).toBe(false);
		expect(await outbox.discard(refused.id)).toBe(true);
		expect(await outbox.counts()).toMatchObject({ queued: 1, refused: 0 });
	});
});

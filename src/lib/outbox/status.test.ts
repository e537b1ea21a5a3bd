import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../survey/response.ts';
import { OutboxStatus } from './status.svelte.ts';
import { Outbox } from './store.ts';
import { SyncLoop } from './sync.ts';
import { SendError } from './transport.ts';

function response(id = crypto.randomUUID()) {
	return {
		id,
		round: 'wang-thonglang-2565',
		instrument: 'eit' as const,
		channel: 'kiosk' as const,
		collectedOn: '2026-11-22',
		answers: { 'e1.1': 4 },
		demographics: {},
		variants: {}
	};
}

describe('OutboxStatus', () => {
	it('shows what waits, what was sent and why the last attempt failed', async () => {
		const outbox = await Outbox.open(`ita-outbox-test-${crypto.randomUUID()}`, { now: () => 42 });
		let reachable = false;
		const loop = new SyncLoop(
			outbox,
			(batch) =>
				reachable
					? Promise.resolve(batch.map((r): Verdict => ({ id: r.id, status: 'accepted' })))
					: Promise.reject(new SendError('Failed to fetch', 0)),
			{ now: () => 1_000, random: () => 0.5, setTimeout: () => 0, clearTimeout: () => {} }
		);
		const status = new OutboxStatus();
		const stop = status.listen(outbox, loop);

		await outbox.add(response());
		await outbox.add(response());
		await loop.syncNow();
		await status.refresh();
		expect(status).toMatchObject({
			queued: 2,
			sent: 0,
			syncing: false,
			nextAttemptAt: 3_000,
			lastError: 'Failed to fetch'
		});

		reachable = true;
		await loop.syncNow();
		await status.refresh();
		expect(status).toMatchObject({
			queued: 0,
			sent: 2,
			lastSentAt: 42,
			nextAttemptAt: null,
			lastError: null
		});

		stop();
		outbox.close();
	});
});

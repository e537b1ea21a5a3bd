import { beforeEach, describe, expect, test } from 'vitest';
import { draftLifetimeMs, loadDraft, saveDraft } from './drafts.ts';
import { emptyDraft } from './flow.ts';

// Node has no localStorage: a Map-backed one, as small as the Storage API the code uses.
class MemoryStorage {
	#items = new Map<string, string>();
	getItem(k: string) {
		return this.#items.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.#items.set(k, v);
	}
	removeItem(k: string) {
		this.#items.delete(k);
	}
}

describe('answers in progress', () => {
	beforeEach(() => {
		Object.assign(globalThis, { localStorage: new MemoryStorage() });
	});

	test('resume after a reload', () => {
		saveDraft('r1', 'eit', { ...emptyDraft(), step: 3, answers: { 'E1.1': 4 } }, 1000);
		expect(loadDraft('r1', 'eit', 1000 + 60_000)?.answers).toEqual({ 'E1.1': 4 });
	});

	test('are gone after a few hours, so the next person on the phone starts afresh', () => {
		saveDraft('r1', 'eit', { ...emptyDraft(), step: 3 }, 1000);
		expect(loadDraft('r1', 'eit', 1000 + draftLifetimeMs + 1)).toBeNull();
		expect(loadDraft('r1', 'eit', 1000)).toBeNull();
	});
});

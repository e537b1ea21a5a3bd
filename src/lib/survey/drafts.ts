/**
 * Answers in progress, kept on the device so that a reload, a crash or a closed tab
 * resumes where the respondent was — for a few hours only, so that the next person on
 * a shared phone does not inherit them. And the mark that this device has answered.
 */
import type { Draft } from './flow.ts';

export const draftLifetimeMs = 4 * 60 * 60 * 1000;

interface Saved {
	savedAt: number;
	draft: Draft;
}

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		// Storage can be blocked (private mode, policies): the survey still works, unsaved.
		return null;
	}
}

const draftKey = (round: string, instrument: string) => `ita:draft:${round}:${instrument}`;
const answeredKey = (round: string, instrument: string) => `ita:answered:${round}:${instrument}`;

export function saveDraft(round: string, instrument: string, draft: Draft, now = Date.now()): void {
	try {
		storage()?.setItem(
			draftKey(round, instrument),
			JSON.stringify({ savedAt: now, draft } satisfies Saved)
		);
	} catch {
		// A full storage must not stop the survey.
	}
}

/** The saved draft, unless it is older than the lifetime (then it is deleted). */
export function loadDraft(round: string, instrument: string, now = Date.now()): Draft | null {
	const s = storage();
	const raw = s?.getItem(draftKey(round, instrument));
	if (!s || !raw) return null;
	try {
		const saved = JSON.parse(raw) as Saved;
		if (now - saved.savedAt > draftLifetimeMs) {
			s.removeItem(draftKey(round, instrument));
			return null;
		}
		return saved.draft;
	} catch {
		s.removeItem(draftKey(round, instrument));
		return null;
	}
}

export function clearDraft(round: string, instrument: string): void {
	storage()?.removeItem(draftKey(round, instrument));
}

export function markAnswered(round: string, instrument: string, day: string): void {
	try {
		storage()?.setItem(answeredKey(round, instrument), day);
	} catch {
		// Not remembering only means the next visit is not warned.
	}
}

export function answeredOn(round: string, instrument: string): string | null {
	return storage()?.getItem(answeredKey(round, instrument)) ?? null;
}

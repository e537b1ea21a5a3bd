/**
 * The respondent's device, as the server's limits see it: a random id kept in this
 * browser's storage, sent with every response so that SQL can count responses per device
 * (supabase/README.md, "Trustworthy counts"). A fresh browser, a private window or
 * cleared storage is a fresh device — the id identifies nothing but this storage.
 *
 * Made with crypto.getRandomValues, which every browser has on every page; randomUUID
 * exists only in secure contexts (https or localhost), and an office's LAN address is not one.
 */

const deviceKey = 'ita:device';

/** A random (version 4) UUID from crypto.getRandomValues (`bytes`: 16 random bytes, for tests). */
export function randomUuid(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
	const b = Uint8Array.from(bytes.subarray(0, 16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Used when the browser keeps no storage at all: one id for as long as the page lives. */
let unsaved: string | undefined;

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/**
 * This browser's device id: made once and kept in localStorage; a value that is not
 * one of ours (edited by hand) is replaced.
 */
export function deviceId(store: Pick<Storage, 'getItem' | 'setItem'> | null = storage()): string {
	try {
		const kept = store?.getItem(deviceKey);
		if (kept && uuidPattern.test(kept)) return kept;
		const made = randomUuid();
		store?.setItem(deviceKey, made);
		if (!store) unsaved ??= made;
		return store ? made : unsaved!;
	} catch {
		// Storage refused (private mode, full): the id lasts as long as the page.
		unsaved ??= randomUuid();
		return unsaved;
	}
}

/**
 * Seconds from the first question to sending, as the server's time floor reads them:
 * undefined when the start is unknown (then the server does not check); never negative,
 * at most a day, since a device clock can jump and a draft can wait for hours.
 */
export function secondsSpent(startedAt: number | undefined, now = Date.now()): number | undefined {
	if (startedAt === undefined || !Number.isFinite(startedAt)) return undefined;
	return Math.max(0, Math.min(86_400, Math.round((now - startedAt) / 1000)));
}

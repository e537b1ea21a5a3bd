/**
 * Asks the browser to keep this origin's storage (the outbox of unsent answers, the
 * cached app) when the device runs low on space, instead of evicting it as it may for
 * "best-effort" sites. Resolves whether storage is persistent; never throws, and resolves
 * false where the API is missing (older Safari, server-side rendering).
 */
export async function requestPersistence(): Promise<boolean> {
	try {
		if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
		if (await navigator.storage.persisted?.()) return true;
		return await navigator.storage.persist();
	} catch {
		return false;
	}
}

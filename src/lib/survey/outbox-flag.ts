/**
 * The mark in localStorage that responses may wait in the outbox: the first screen reads it
 * (a few bytes of code) to decide whether to open the outbox at once, to send what an
 * earlier visit left, or when the browser is idle. The outbox itself (delivery.ts) sets it.
 */
export const pendingFlag = 'ita:outbox:pending';

/** True when responses may wait in the outbox from an earlier visit. */
export function outboxMayHoldResponses(): boolean {
	try {
		return localStorage.getItem(pendingFlag) !== null;
	} catch {
		return true;
	}
}

/** Sets or clears the mark; without storage the outbox still opens, only later. */
export function setPending(pending: boolean): void {
	try {
		if (pending) localStorage.setItem(pendingFlag, '1');
		else localStorage.removeItem(pendingFlag);
	} catch {
		// Without storage the outbox still opens, only later.
	}
}

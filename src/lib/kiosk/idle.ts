/**
 * The idle reset of a kiosk, as a pure function of time: after `idleSeconds` without a
 * touch a countdown of `warnSeconds` warns the visitor, then the survey is discarded.
 */
export const warnSeconds = 20;

export type IdlePhase =
	{ phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'expired' };

export function idlePhase(
	lastActivity: number,
	now: number,
	idleSeconds: number,
	warn = warnSeconds
): IdlePhase {
	const silent = (now - lastActivity) / 1000;
	if (silent < idleSeconds) return { phase: 'active' };
	const left = Math.ceil(idleSeconds + warn - silent);
	return left > 0 ? { phase: 'warning', secondsLeft: left } : { phase: 'expired' };
}

export type RoundOpen = 'open' | 'notYet' | 'closed';

/** Whether the kiosk collects today (a Thai day, YYYY-MM-DD) for its round. */
export function roundOpen(
	round: { opensOn: string; closesOn: string; roundStatus: string },
	today: string
): RoundOpen {
	if (round.roundStatus !== 'open' || today > round.closesOn) return 'closed';
	if (today < round.opensOn) return 'notYet';
	return 'open';
}

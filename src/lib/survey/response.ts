/**
 * A finished response as the device keeps it and sends it: the same object as a line of
 * the CLI's NDJSON and an element of the submit_responses batch (supabase/README.md).
 */
export type Instrument = 'iit' | 'eit';
export type Channel = 'qr' | 'link' | 'kiosk';

export type DemographicAnswer = string | { code: string; text: string };

export interface SurveyResponse {
	/** Made on the device (newId(), src/lib/uuid.ts), so a resend is counted once. */
	id: string;
	round: string;
	instrument: Instrument;
	channel: Channel;
	servicePoint?: string;
	/** The day only (YYYY-MM-DD, Thai time): never a time of day. */
	collectedOn: string;
	/** IIT only, when the round asks for one; checked by the server, never stored. */
	accessCode?: string;
	/** IIT of a round with single-use codes: the slip's one-time code; checked, used up, never stored. */
	iitCode?: string;
	answers: Record<string, number>;
	/** Kiosks only: the device key the tablet got at enrolment. */
	kioskKey?: string;
	/** Kiosks only: the tablet's time (ISO 8601), for the server's interval check. */
	collectedAt?: string;
	demographics: Record<string, DemographicAnswer>;
	variants: Record<string, string>;
	/** Phones: this browser's random device id, for the server's per-device limit. */
	deviceId?: string;
	/** Phones: seconds from the first question to sending, for the server's time floor. */
	secondsSpent?: number;
}

/** The server's answer for one response of a batch. */
export interface Verdict {
	id: string | null;
	status: 'accepted' | 'duplicate' | 'rejected';
	code?: string;
	reason?: string;
}

/** Today in Thailand (UTC+7 all year), as the server counts days. */
export function thaiToday(now = Date.now()): string {
	return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The officers' kiosk screen: what list_kiosks answers, the enrolment link of the QR code,
 * and the "add a kiosk" form read into create_kiosk's arguments. Pure; the database
 * checks the values and explains a refusal.
 */
import { FieldProblem, optionalCount, text } from './forms.ts';

export interface KioskFlag {
	code: string;
	reason: string;
	createdAt: string;
}

/** One kiosk as list_kiosks answers it. */
export interface KioskView {
	id: string;
	name: string;
	enrolled: boolean;
	enrolmentExpiresAt: string | null;
	minIntervalSeconds: number;
	idleSeconds: number;
	lastContactAt: string | null;
	queuedCount: number;
	revokedAt: string | null;
	createdAt: string;
	responses: number;
	flags: KioskFlag[];
}

export type KioskStateName = 'waiting' | 'active' | 'revoked';

export function kioskState(k: KioskView): KioskStateName {
	if (k.revokedAt) return 'revoked';
	return k.enrolled ? 'active' : 'waiting';
}

/** What create_kiosk answers. */
export interface CreatedKiosk {
	kiosk: KioskView;
	enrolmentCode: string;
	expiresAt: string;
}

/** The address the enrolment QR code carries: `<origin>/kiosk?code=<code>`. */
export function enrolmentLink(origin: string, code: string): string {
	const url = new URL('/kiosk', origin);
	url.searchParams.set('code', code);
	return url.href;
}

/** The "add a kiosk" form as create_kiosk's arguments (defaults: 20 s, 60 s). */
export function kioskSettings(form: FormData): {
	name: string;
	pin: string;
	min_interval_seconds: number;
	idle_seconds: number;
} {
	const pin = text(form, 'pin');
	if (!/^\d{4,8}$/.test(pin)) throw new FieldProblem('pin', 'admin.kiosks.pinHelp');
	return {
		name: text(form, 'name'),
		pin,
		min_interval_seconds: optionalCount(form, 'minInterval') ?? 20,
		idle_seconds: optionalCount(form, 'idle') ?? 60
	};
}

/**
 * Trustworthy counts on the officers' side (issue 13): a round's limits and IIT code
 * settings as round_trust_settings answers them and as its form sends them back, the
 * slips of one-time codes, and the review of held responses. Pure functions and types:
 * the routes read forms with these and call the database, which checks and decides.
 */
import { FieldProblem, optionalCount, text } from './forms.ts';
import { issuesOf, type Issue, type Problem } from './problems.ts';
import type { LocalText } from './views.ts';

export type IitCodes = 'single' | 'shared';

/** What round_trust_settings(round_code) answers. */
export interface TrustSettings {
	round: string;
	iitCodes: IitCodes;
	allowRepeat: boolean;
	deviceLimit: number;
	addressLimit: number;
	secondsPerQuestion: number;
	eligibleStaff: number | null;
	iitMinimumSample: number | null;
	minIit: number | null;
	servicePoints: { code: string; name: LocalText; addressLimit: number | null }[];
	codes: { issued: number; used: number };
}

/** The trust form's fields as text, so that a refused form is put back as it was typed. */
export interface TrustFormValues {
	iitCodes: IitCodes;
	eligibleStaff: string;
	deviceLimit: string;
	addressLimit: string;
	secondsPerQuestion: string;
	/** Service point code → its own address limit ('' = the round's). */
	pointLimits: Record<string, string>;
}

export const pointLimitField = (code: string) => `pointLimit-${code}`;

export function trustFormValues(settings: TrustSettings): TrustFormValues {
	const n = (v: number | null) => (v === null ? '' : String(v));
	return {
		iitCodes: settings.iitCodes,
		eligibleStaff: n(settings.eligibleStaff),
		deviceLimit: String(settings.deviceLimit),
		addressLimit: String(settings.addressLimit),
		secondsPerQuestion: String(settings.secondsPerQuestion),
		pointLimits: Object.fromEntries(settings.servicePoints.map((p) => [p.code, n(p.addressLimit)]))
	};
}

/** The form as sent back after a refusal: what was typed, over the saved settings. */
export function refilledTrust(
	values: Record<string, string>,
	saved: TrustFormValues
): TrustFormValues {
	const pick = (name: string, fallback: string) =>
		typeof values[name] === 'string' ? values[name] : fallback;
	return {
		iitCodes:
			values.iitCodes === 'shared' || values.iitCodes === 'single'
				? values.iitCodes
				: saved.iitCodes,
		eligibleStaff: pick('eligibleStaff', saved.eligibleStaff),
		deviceLimit: pick('deviceLimit', saved.deviceLimit),
		addressLimit: pick('addressLimit', saved.addressLimit),
		secondsPerQuestion: pick('secondsPerQuestion', saved.secondsPerQuestion),
		pointLimits: Object.fromEntries(
			Object.entries(saved.pointLimits).map(([code, v]) => [code, pick(pointLimitField(code), v)])
		)
	};
}

/**
 * A number as typed (Thai digits, thousands commas and a decimal comma read), null when
 * left empty; anything else is sent as typed, for the database to name with the rest.
 */
function numberOrTyped(form: FormData, name: string, decimalComma = false): number | string | null {
	const typed = text(form, name);
	const raw = (decimalComma ? typed.replace(',', '.') : typed.replace(/,/g, ''))
		.replace(/\s/g, '')
		.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
	if (raw === '') return null;
	return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : typed;
}

/** A trust setting's value as set_round_trust_settings takes it. */
export type TrustValue = number | string | null;

/**
 * What set_round_trust_settings takes, from the form: every setting, as typed when it is
 * not a number. The database checks them all at once and names each field at fault
 * (trust_settings_invalid, detail.problems), so one save shows every problem. An emptied
 * service point limit goes back to the round's.
 */
export function trustSettingsFromForm(
	form: FormData,
	servicePoints: readonly string[]
): Record<string, TrustValue | Record<string, TrustValue>> {
	const iitCodes = text(form, 'iitCodes');
	return {
		...(iitCodes === 'single' || iitCodes === 'shared' ? { iitCodes } : {}),
		...(text(form, 'eligibleStaff') === ''
			? {}
			: { eligibleStaff: numberOrTyped(form, 'eligibleStaff') }),
		deviceLimit: numberOrTyped(form, 'deviceLimit'),
		addressLimit: numberOrTyped(form, 'addressLimit'),
		secondsPerQuestion: numberOrTyped(form, 'secondsPerQuestion', true),
		servicePoints: Object.fromEntries(
			servicePoints.map((code) => [code, numberOrTyped(form, pointLimitField(code))])
		)
	};
}

/** The trust form's fields in their order on the page (before the service points' limits). */
const trustFields = [
	'iitCodes',
	'eligibleStaff',
	'deviceLimit',
	'addressLimit',
	'secondsPerQuestion'
];

/**
 * The problems of a refused trust form, each on its form field (the database names
 * `servicePoints.<code>`, the form `pointLimit-<code>`), in the order of the page.
 */
export function trustIssues(
	problem: Problem | undefined,
	servicePoints: readonly string[]
): Issue[] {
	if (!problem) return [];
	const issues = issuesOf(problem).map((issue) => {
		const point = /^servicePoints\.(.+)$/.exec(issue.field ?? '');
		return point ? { ...issue, field: pointLimitField(point[1]) } : issue;
	});
	const order = [...trustFields, ...servicePoints.map(pointLimitField)];
	const rank = (i: Issue) => {
		const at = order.indexOf(i.field ?? '');
		return at < 0 ? order.length : at;
	};
	return issues
		.map((issue, i) => ({ issue, i }))
		.sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i)
		.map((x) => x.issue);
}

/**
 * Krejcie & Morgan (1970), 95 % confidence, ±5 %: the IIT minimum sample for N eligible
 * staff, as the database computes it (ita_private.iit_min_sample) — here only to show
 * the officer what a number typed would give before saving.
 */
export function iitMinimumSample(staff: number): number {
	if (staff <= 10) return Math.max(0, staff);
	const chi = 3.841;
	return Math.ceil((chi * staff * 0.25) / (0.0025 * (staff - 1) + chi * 0.25));
}

/** How many slips to offer printing: what the IIT target still needs beyond the codes issued, at least 1. */
export function suggestedSlips(
	settings: Pick<TrustSettings, 'minIit' | 'iitMinimumSample' | 'codes'>
): number {
	const target = settings.minIit ?? settings.iitMinimumSample ?? 0;
	return Math.min(1000, Math.max(1, target - settings.codes.issued));
}

/** The number of slips asked for: 1–1000, a whole number (Thai digits too). */
export function slipCount(form: FormData): number {
	const n = optionalCount(form, 'count');
	if (n === null || n < 1 || n > 1000) throw new FieldProblem('count', 'admin.form.wholeNumber');
	return n;
}

/** The link a slip's QR code carries: `<origin>/r/<round>/iit?code=<one-time code>`. */
export function slipLink(origin: string, round: string, code: string): string {
	const url = new URL(`/r/${encodeURIComponent(round)}/iit`, origin);
	url.searchParams.set('code', code);
	return url.href;
}

/** Slips in sheets of `perSheet` (A4: two columns of five). */
export function sheets<T>(slips: readonly T[], perSheet = 10): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < slips.length; i += perSheet) out.push(slips.slice(i, i + perSheet));
	return out;
}

// ---- Review of held responses ----

export type HeldReason =
	'device_limit' | 'address_limit' | 'too_fast' | 'same_answer_burst' | 'service_point_burst';

export const heldReasons: readonly HeldReason[] = [
	'device_limit',
	'address_limit',
	'too_fast',
	'same_answer_burst',
	'service_point_burst'
];

/** Answer code → how many answers gave it ("1"…"4" the four levels, "0" no on yes/no items). */
export type AnswerTally = Record<string, number>;

export interface HeldGroup {
	reasons: string[];
	day: string;
	instrument: 'iit' | 'eit';
	channel: string;
	servicePoint: { code: string; name: LocalText } | null;
	n: number;
	pattern: { answers: AnswerTally; sameAnswer: number; medianSecondsPerQuestion: number | null };
	responses: { id: string; sameAnswer: boolean; answers: AnswerTally }[];
}

/** What held_summary(round_code) answers. */
export interface HeldSummary {
	held: number;
	groups: HeldGroup[];
}

/** One row of list_review_audit. */
export interface AuditRow {
	at: string;
	action: 'release' | 'discard';
	round: string;
	agency: string;
	n: number;
	responseIds: string[];
	heldReasons: string[] | Record<string, number> | null;
	reason: string;
	by: { sub: string | null; email: string | null; role: string | null };
}

/** A stable key for a group on the page (its anchor and its "whole group" box). */
export function groupKey(
	g: Pick<HeldGroup, 'reasons' | 'day' | 'instrument' | 'channel' | 'servicePoint'>
): string {
	return [g.day, g.instrument, g.channel, g.servicePoint?.code ?? '-', ...[...g.reasons].sort()]
		.join('_')
		.replace(/[^a-z0-9_-]/gi, '-');
}

/** Shares of each answer code in a tally, largest first: "4: 90 %, 3: 10 %". */
export function answerShares(tally: AnswerTally): { code: string; n: number; percent: number }[] {
	const total = Object.values(tally).reduce((a, b) => a + b, 0);
	return Object.entries(tally)
		.filter(([, n]) => n > 0)
		.map(([code, n]) => ({ code, n, percent: total === 0 ? 0 : Math.round((n / total) * 100) }))
		.sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The held responses a review form picked: single boxes (`id`) and whole groups (`group`,
 * the group's ids joined by commas), once each. Anything that is not a UUID is dropped
 * (the database checks that each belongs to the round).
 */
export function pickedIds(form: FormData): string[] {
	const ids = new Set<string>();
	for (const value of [...form.getAll('id'), ...form.getAll('group')]) {
		if (typeof value !== 'string') continue;
		for (const id of value.split(',')) if (uuid.test(id.trim())) ids.add(id.trim().toLowerCase());
	}
	return [...ids];
}

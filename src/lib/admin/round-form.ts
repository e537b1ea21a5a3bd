/**
 * A round's settings as its form holds them (text, years in the Buddhist era), and the
 * arguments of create_round / update_round they become.
 */
import {
	checkbox,
	code,
	collect,
	FieldProblems,
	fiscalYearFromBuddhist,
	optionalCount,
	optionalDay,
	optionalText,
	text
} from './forms.ts';
import { sqlIssues, type Issue } from './problems.ts';
import type { RoundStatus, RoundView } from './views.ts';

export interface RoundFormValues {
	code: string;
	framework: string;
	/** Buddhist era, as typed. */
	fiscalYear: string;
	opensOn: string;
	closesOn: string;
	iitAccessCode: string;
	targetStaff: string;
	minIit: string;
	minEit: string;
	allowRepeat: boolean;
	status: RoundStatus;
}

/** The form filled with a round's settings. */
export function roundFormValues(round: RoundView): RoundFormValues {
	const count = (n: number | null) => (n === null ? '' : String(n));
	return {
		code: round.code,
		framework: round.framework,
		fiscalYear: String(round.fiscalYear + 543),
		opensOn: round.opensOn,
		closesOn: round.closesOn,
		iitAccessCode: round.iitAccessCode ?? '',
		targetStaff: count(round.targetStaff),
		minIit: count(round.minIit),
		minEit: count(round.minEit),
		allowRepeat: round.allowRepeat,
		status: round.status
	};
}

/** The form as it was sent back after a refusal (what was typed, kept). */
export function refilled(
	values: Record<string, string>,
	fallback: RoundFormValues
): RoundFormValues {
	const pick = (name: keyof RoundFormValues) =>
		typeof values[name] === 'string' ? values[name] : String(fallback[name]);
	return {
		code: pick('code'),
		framework: pick('framework'),
		fiscalYear: pick('fiscalYear'),
		opensOn: pick('opensOn'),
		closesOn: pick('closesOn'),
		iitAccessCode: pick('iitAccessCode'),
		targetStaff: pick('targetStaff'),
		minIit: pick('minIit'),
		minEit: pick('minEit'),
		allowRepeat: values.allowRepeat === 'on',
		status: (values.status as RoundStatus | undefined) ?? fallback.status
	};
}

/** The settings update_round takes (every one of them: a value left out is not "unchanged"). */
export function roundSettings(form: FormData, issues: Issue[] = []) {
	return {
		framework: text(form, 'framework'),
		fiscal_year: collect(issues, () => fiscalYearFromBuddhist(text(form, 'fiscalYear'))),
		opens_on: collect(issues, () => optionalDay(form, 'opensOn')),
		closes_on: collect(issues, () => optionalDay(form, 'closesOn')),
		iit_access_code: optionalText(form, 'iitAccessCode'),
		target_staff: collect(issues, () => optionalCount(form, 'targetStaff')),
		min_iit: collect(issues, () => optionalCount(form, 'minIit')),
		min_eit: collect(issues, () => optionalCount(form, 'minEit')),
		allow_repeat: checkbox(form, 'allowRepeat')
	};
}

/** What create_round takes: the settings, the round's code and its first status. */
export function newRound(form: FormData, issues: Issue[] = []) {
	const status = text(form, 'status');
	return {
		code: code(form, 'code'),
		...roundSettings(form, issues),
		status: status === 'draft' ? 'draft' : 'open'
	};
}

/**
 * Our own problems with the form (`issues`) and the database's with the rest (`problems`,
 * as round_settings_problems lists them), one per field — ours first, since it is about
 * what was typed — thrown together so that one answer names them all.
 */
export function allProblems(issues: Issue[], problems: unknown): FieldProblems {
	const theirs = sqlIssues({
		code: '22023',
		message: 'round_invalid',
		hint: null,
		detail: { problems: Array.isArray(problems) ? problems : [] }
	}).filter((i) => i.code !== 'unknown' && !issues.some((j) => j.field === i.field));
	const order = [
		'code',
		'framework',
		'fiscalYear',
		'opensOn',
		'closesOn',
		'iitAccessCode',
		'targetStaff',
		'minIit',
		'minEit'
	];
	const rank = (i: Issue) => (i.field ? order.indexOf(i.field) : 99);
	return new FieldProblems([...issues, ...theirs].sort((a, b) => rank(a) - rank(b)));
}

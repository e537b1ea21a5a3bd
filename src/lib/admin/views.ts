/**
 * What the officers' screens show, as the set-up functions answer it (list_agencies,
 * list_agency, list_oit_scores): types only, shared by the server and the pages.
 */

/** A name or text in Thai, with English when there is one. */
export interface LocalText {
	th: string;
	en?: string;
}

export type RoundStatus = 'draft' | 'open' | 'closed';

export interface RoundView {
	code: string;
	agency: string;
	framework: string;
	/** Gregorian, as stored; the screens show it in the Buddhist era. */
	fiscalYear: number;
	opensOn: string;
	closesOn: string;
	status: RoundStatus;
	iitAccessCode: string | null;
	targetStaff: number | null;
	minIit: number | null;
	minEit: number | null;
	allowRepeat: boolean;
	respondents: { iit: number; eit: number };
}

export interface AgencySummary {
	code: string;
	/** What an officer's `app_metadata.agency_id` holds on Supabase Auth. */
	id: string;
	name: LocalText;
	sections: number;
	servicePoints: number;
	rounds: number;
}

export type SectionKind = 'section' | 'school' | 'other';

export interface SectionView {
	code: string;
	name: LocalText;
	kind: SectionKind;
	servicePoints: number;
}

export interface ServicePointView {
	code: string;
	name: LocalText;
	section: string | null;
}

export interface AgencyView {
	code: string;
	name: LocalText;
	sections: SectionView[];
	servicePoints: ServicePointView[];
	rounds: RoundView[];
}

export interface OitItem {
	question: string;
	indicator: string;
	text: LocalText;
	score: number | null;
	evidenceUrl: string | null;
}

export interface FrameworkOption {
	id: string;
	title: LocalText;
	fiscalYears: number[];
}

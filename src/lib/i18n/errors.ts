/**
 * The one catalogue of refusals a person can see, Thai and English, keyed by the stable
 * code the database raises (`raise exception using message = '<code>'`, parameters in
 * `detail` as a JSON object, an English sentence for API users in `hint`) or a check in
 * TypeScript uses. Screens never show the database's own words: they look the code up
 * here (errorText) and fill the {placeholders} from the detail; a code that is not here
 * gets the generic text, never raw SQL.
 *
 * src/lib/i18n/errors.test.ts fails when a code lacks a language or when a migration
 * raises a message that is not a code of this catalogue (the files other teams own are
 * listed there until they are converted).
 */
import type { Lang } from './index.ts';
import { verdicts } from './verdicts.ts';

export { verdictText } from './verdicts.ts';

export interface CatalogueText {
	th: string;
	en: string;
}

export const errors = {
	unknown: {
		th: 'ระบบไม่รับการเปลี่ยนแปลงนี้ กรุณาตรวจสอบข้อมูลแล้วลองอีกครั้ง',
		en: 'The system did not accept this change. Check what you entered and try again.'
	},

	// Codes and names
	code_invalid: {
		th: 'รหัส "{value}" ใช้ไม่ได้ ใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (-) ไม่เกิน 60 ตัว เช่น registration-1',
		en: 'The code "{value}" cannot be used: use 1 to 60 lower-case letters (a–z), digits and single dashes, like registration-1.'
	},
	name_invalid: {
		th: 'กรุณากรอกชื่อภาษาไทย (และชื่อภาษาอังกฤษ ถ้ามี)',
		en: 'Enter the Thai name (and the English name, if any).'
	},
	name_th_missing: { th: 'กรุณากรอกชื่อภาษาไทย', en: 'Enter the Thai name.' },
	name_too_long: {
		th: 'ชื่อยาวได้ไม่เกิน 200 ตัวอักษรในแต่ละภาษา',
		en: 'A name is at most 200 characters in each language.'
	},

	// Who may manage what
	agency_not_managed: {
		th: 'ไม่พบหน่วยงาน "{agency}" ที่ท่านจัดการได้ เจ้าหน้าที่จัดการได้เฉพาะหน่วยงานของตนเอง',
		en: 'There is no agency "{agency}" that you may manage; officers manage their own agency only.'
	},
	round_not_managed: {
		th: 'ไม่พบรอบการประเมิน "{round}" ที่ท่านจัดการได้ เจ้าหน้าที่จัดการได้เฉพาะรอบของหน่วยงานตนเอง',
		en: 'There is no round "{round}" that you may manage; officers manage their own agency’s rounds only.'
	},
	agency_add_forbidden: {
		th: 'เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่เพิ่มหน่วยงานได้',
		en: 'Only a central administrator may add an agency.'
	},
	agency_code_taken: {
		th: 'มีหน่วยงานรหัส "{code}" อยู่แล้ว กรุณาใช้รหัสอื่น หรือแก้ไขหน่วยงานเดิม',
		en: 'There already is an agency with the code "{code}"; choose another code or edit that agency.'
	},
	agency_code_reserved: {
		th: 'รหัส "{code}" สงวนไว้สำหรับหน้าของระบบ กรุณาใช้รหัสอื่น',
		en: 'The code "{code}" is reserved for the app’s own pages; choose another code.'
	},

	// Rounds: every setting
	round_invalid: {
		th: 'ตั้งค่ารอบการประเมินไม่ครบถ้วน กรุณาแก้ไขตามรายการด้านล่าง',
		en: 'Some of the round’s settings need fixing; see the list below.'
	},
	framework_unknown: {
		th: 'ไม่มีชุดแบบวัด "{framework}" ในระบบ กรุณาเลือกจากรายการ',
		en: 'There is no framework "{framework}"; choose one from the list.'
	},
	fiscal_year_missing: { th: 'กรุณาระบุปีงบประมาณ', en: 'Enter the fiscal year.' },
	fiscal_year_buddhist: {
		th: 'ปีงบประมาณ {year} เป็นปี พ.ศ. ระบบเก็บเป็น ค.ศ. {gregorian}',
		en: 'Fiscal year {year} is a Buddhist-era year; rounds store the Gregorian year, {gregorian}.'
	},
	fiscal_year_out_of_range: {
		th: 'ปีงบประมาณ {year} อยู่นอกช่วงที่ระบบรองรับ',
		en: 'Fiscal year {year} is outside the years this app can hold.'
	},
	opens_on_missing: {
		th: 'กรุณาเลือกวันเปิดรับคำตอบ',
		en: 'Choose the day the round opens.'
	},
	closes_on_missing: {
		th: 'กรุณาเลือกวันปิดรับคำตอบ',
		en: 'Choose the day the round closes.'
	},
	round_closes_before_opens: {
		th: 'วันปิดรับคำตอบต้องไม่ก่อนวันเปิดรับคำตอบ',
		en: 'The round cannot close before it opens.'
	},
	iit_access_code_length: {
		th: 'รหัสสำหรับบุคลากรต้องยาว 4–64 ตัวอักษร หรือเว้นว่างหากไม่ใช้',
		en: 'The staff access code is 4 to 64 characters long, or left empty.'
	},
	count_invalid: {
		th: 'กรุณากรอกจำนวนเต็มตั้งแต่ 0 ขึ้นไป หรือเว้นว่าง',
		en: 'Enter a whole number of 0 or more, or leave it empty.'
	},
	allow_repeat_missing: {
		th: 'กรุณาระบุว่าให้ตอบซ้ำจากเครื่องเดียวกันได้หรือไม่',
		en: 'Say whether one phone may answer more than once.'
	},
	round_status_invalid: {
		th: 'สถานะของรอบต้องเป็น ร่าง เปิดรับคำตอบ หรือ ปิด',
		en: 'A round’s status is draft, open or closed.'
	},
	round_code_taken: {
		th: 'มีรอบการประเมินรหัส "{value}" อยู่แล้ว (รหัสรอบใช้ซ้ำไม่ได้ทั้งระบบ) ลองใช้ เช่น {suggestion}',
		en: 'There already is a round with the code "{value}" (round codes are unique across all agencies); try {suggestion}.'
	},
	round_framework_locked: {
		th: 'รอบ "{round}" มีผู้ตอบแล้ว {count} คน จึงเปลี่ยนชุดแบบวัดไม่ได้ ให้สร้างรอบใหม่แทน',
		en: 'Round "{round}" already has {count} responses, so its framework cannot change; open a new round instead.'
	},
	round_has_responses_no_draft: {
		th: 'รอบ "{round}" มีผู้ตอบแล้ว จึงกลับเป็นร่างไม่ได้ ให้ปิดรอบแทน',
		en: 'Round "{round}" already has responses and cannot go back to draft; close it instead.'
	},
	round_has_responses_no_delete: {
		th: 'รอบ "{round}" มีผู้ตอบแล้ว {count} คน จึงลบไม่ได้ ให้ปิดรอบแทน',
		en: 'Round "{round}" already has {count} responses and cannot be deleted; close it instead.'
	},

	// Sections and service points
	section_kind_invalid: {
		th: 'ประเภทต้องเป็น ฝ่าย โรงเรียน หรือ อื่น ๆ',
		en: 'The kind is section, school or other.'
	},
	section_unknown: {
		th: 'ไม่พบฝ่าย "{section}" ในหน่วยงานนี้ กรุณาเพิ่มฝ่ายก่อน หรือเลือกจากรายการ',
		en: 'This agency has no section "{section}"; add it first or choose one from the list.'
	},
	section_code_taken: {
		th: 'มีฝ่ายรหัส "{section}" ({name}) อยู่แล้ว กรุณาใช้รหัสอื่น หรือแก้ไขฝ่ายเดิม',
		en: 'There already is a section with the code "{section}" ({name}); choose another code or edit that section.'
	},
	section_has_service_points: {
		th: 'ฝ่าย "{section}" ยังมีจุดบริการ ({servicePoints}) ย้ายหรือลบจุดบริการก่อน',
		en: 'Section "{section}" still has service points ({servicePoints}); move or delete them first.'
	},
	service_point_unknown: {
		th: 'ไม่พบจุดบริการ "{servicePoint}" ในหน่วยงานนี้',
		en: 'This agency has no service point "{servicePoint}".'
	},
	service_point_code_taken: {
		th: 'มีจุดบริการรหัส "{servicePoint}" ({name}) อยู่แล้ว กรุณาใช้รหัสอื่น หรือแก้ไขจุดบริการเดิม',
		en: 'There already is a service point with the code "{servicePoint}" ({name}); choose another code or edit that service point.'
	},
	service_point_has_responses: {
		th: 'จุดบริการ "{servicePoint}" มีผู้ตอบแล้ว {count} คน จึงลบไม่ได้ (จะไม่รู้ว่าตอบที่ใด) แต่แก้ไขชื่อได้',
		en: 'Service point "{servicePoint}" already has {count} responses; deleting it would lose where they were given. Rename it instead.'
	},

	// OIT scores
	oit_item_unknown: {
		th: '"{item}" ไม่ใช่ข้อ OIT ของชุดแบบวัดนี้',
		en: '"{item}" is not an OIT item of this framework.'
	},
	oit_score_invalid: {
		th: 'คะแนนข้อ {item} ต้องเป็น 0 หรือ 100 หรือเว้นว่าง',
		en: 'The score of {item} is 0 or 100, or left empty.'
	},
	oit_evidence_url_invalid: {
		th: 'หลักฐานข้อ {item} ต้องเป็นลิงก์เดียวที่ขึ้นต้นด้วย https:// ไม่มีช่องว่าง',
		en: 'The evidence of {item} is one web address starting with https://, without spaces.'
	},
	oit_scores_invalid: {
		th: 'คะแนน OIT บางข้อยังไม่ถูกต้อง กรุณาแก้ไขตามรายการด้านล่าง',
		en: 'Some OIT scores need fixing; see the list below.'
	},

	// Improvement measures worksheet
	measures_invalid: {
		th: 'ตารางมาตรการยังไม่ถูกต้อง กรุณาแก้ไขตามรายการด้านล่าง',
		en: 'The measures worksheet needs fixing; see the list below.'
	},
	measures_not_rows: {
		th: 'ตารางมาตรการต้องเป็นรายการแถว',
		en: 'The measures are a list of rows.'
	},
	measures_too_many_rows: {
		th: 'ตารางมาตรการมีได้ไม่เกิน 500 แถว (มี {count} แถว)',
		en: 'A worksheet holds at most 500 rows; this one has {count}.'
	},
	measures_row_invalid: {
		th: 'แถวที่ {row} ของตารางมาตรการอ่านไม่ได้',
		en: 'Row {row} of the measures cannot be read.'
	},
	measures_item_ref_missing: {
		th: 'แถวที่ {row}: กรุณาระบุตัวชี้วัด ข้อ หรือประเด็นย่อย เช่น e1 หรือ e1.1',
		en: 'Row {row}: give the indicator, question or item it is for, like e1 or e1.1.'
	},
	measures_item_ref_unknown: {
		th: 'แถวที่ {row}: "{value}" ไม่ใช่ตัวชี้วัด ข้อ หรือประเด็นย่อยของชุดแบบวัดนี้',
		en: 'Row {row}: "{value}" is not an indicator, question or item of this framework.'
	},
	measures_score_invalid: {
		th: 'แถวที่ {row}: คะแนนต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง หรือเว้นว่าง',
		en: 'Row {row}: the score is a number from 0 to 100 with two decimals at most, or empty.'
	},
	measures_text_too_long: {
		th: 'แถวที่ {row}: ข้อความยาวได้ไม่เกิน 4,000 ตัวอักษร',
		en: 'Row {row}: a text is at most 4,000 characters.'
	},

	// Verdicts of submit_responses: src/lib/i18n/verdicts.ts
	...verdicts,

	// officer: password — signing in and an officer's own password (src/lib/server/auth/accounts.ts)
	sign_in_paused: {
		th: 'ระงับการเข้าสู่ระบบชั่วคราว เนื่องจากใส่รหัสผ่านไม่ถูกต้องหลายครั้งเกินไป โปรดลองใหม่ในอีก {minutes} นาที',
		en: 'Signing in is paused after too many wrong passwords. Try again in {minutes} minutes.'
	},
	sign_in_throttled: {
		th: 'มีการเข้าสู่ระบบไม่สำเร็จจากเครือข่ายนี้หลายครั้งเกินไป ระบบจึงระงับการเข้าสู่ระบบชั่วคราว โปรดลองใหม่ในอีก {minutes} นาที',
		en: 'Too many failed sign-ins from this network, so signing in is paused. Try again in {minutes} minutes.'
	},
	password_current_wrong: {
		th: 'รหัสผ่านปัจจุบันไม่ถูกต้อง',
		en: 'The current password is not right.'
	},
	password_too_short: {
		th: 'รหัสผ่านใหม่ต้องยาวอย่างน้อย {min} ตัวอักษร (ตอนนี้ {count} ตัว)',
		en: 'The new password needs at least {min} characters; this one has {count}.'
	},
	password_too_long: {
		th: 'รหัสผ่านใหม่ยาวได้ไม่เกิน {max} ตัวอักษร',
		en: 'The new password can have at most {max} characters.'
	},
	password_confirm_mismatch: {
		th: 'รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน กรุณาพิมพ์ให้เหมือนกัน',
		en: 'The two new passwords are not the same; type the same password twice.'
	},
	password_same_as_current: {
		th: 'รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน',
		en: 'The new password must differ from the current one.'
	}
} satisfies Record<string, CatalogueText>;

export type ErrorCode = keyof typeof errors;

export function isErrorCode(code: unknown): code is ErrorCode {
	return typeof code === 'string' && Object.hasOwn(errors, code);
}

/** The catalogue's text for `code` in `lang`, {placeholders} filled; unknown codes get the generic text. */
export function errorText(
	lang: Lang,
	code: string,
	params: Record<string, unknown> | null | undefined = {}
): string {
	const entry: CatalogueText = isErrorCode(code) ? errors[code] : errors.unknown;
	// A function not yet converted to codes still raises a sentence: better the officer reads
	// the database's reason than nothing they can act on.
	const prose = !isErrorCode(code) && /\s/.test(code.trim()) ? ` (${code.trim()})` : '';
	return (
		entry[lang].replace(/\{(\w+)\}/g, (m, name: string) => {
			const value = params?.[name];
			if (typeof value === 'string') return value;
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			return m;
		}) + prose
	);
}

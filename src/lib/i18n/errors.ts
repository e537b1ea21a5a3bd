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
		th: 'คะแนนข้อ {item} ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง หรือเว้นว่าง',
		en: 'The score of {item} is a number from 0 to 100 with two decimals at most, or left empty.'
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

	// codes-a: frameworks, rounds, responses, questionnaire, accounts, kiosks
	framework_not_object: {
		th: 'ไฟล์ชุดแบบวัดอ่านไม่ได้ ต้องเป็นข้อมูล JSON ของชุดแบบวัดหนึ่งชุด',
		en: 'The framework file cannot be read: it must be the JSON object of one framework.'
	},
	framework_id_missing: {
		th: 'ชุดแบบวัดนี้ไม่มีรหัส (id) กรุณาตรวจสอบไฟล์',
		en: 'The framework has no id; check the file.'
	},
	framework_incomplete: {
		th: 'ชุดแบบวัด "{framework}" ไม่ครบถ้วน ต้องมีแบบวัด มาตรวัดคำตอบ ระดับผลการประเมิน และวิธีคิดคะแนน',
		en: 'Framework "{framework}" is incomplete: it needs its instruments, answer scales, levels and scoring.'
	},
	framework_in_use: {
		th: 'ชุดแบบวัด "{framework}" มีรอบการประเมินใช้งานอยู่แล้ว จึงแก้ไขไม่ได้ ให้บันทึกเป็นชุดแบบวัดรุ่นใหม่ที่ใช้รหัสใหม่',
		en: 'Framework "{framework}" is used by rounds and cannot change; save the changed questionnaire as a new version with a new id.'
	},
	framework_scale_unknown: {
		th: 'ชุดแบบวัด "{framework}" มีคำถามที่อ้างถึงมาตรวัดคำตอบที่ไม่ได้กำหนดไว้',
		en: 'Framework "{framework}" has a question that names an answer scale it does not define.'
	},
	oit_scores_not_object: {
		th: 'คะแนน OIT ต้องระบุเป็นรายข้อ เช่น {"O1": 100, "O2": 0}',
		en: 'OIT scores are given item by item, like {"O1": 100, "O2": 0}.'
	},
	oit_table_not_array: {
		th: 'ตารางคะแนน OIT อ่านไม่ได้ ต้องเป็นรายการแถว แถวละหนึ่งข้อ',
		en: 'The OIT table cannot be read: it is a list of rows, one per item.'
	},
	oit_table_too_many_rows: {
		th: 'ตารางคะแนน OIT มีได้ไม่เกิน 200 แถว (มี {count} แถว)',
		en: 'An OIT table holds at most 200 rows; this one has {count}.'
	},
	oit_row_invalid: {
		th: 'แถวที่ {row} ของตารางคะแนน OIT อ่านไม่ได้',
		en: 'Row {row} of the OIT table cannot be read.'
	},
	oit_row_key_unknown: {
		th: 'แถวที่ {row} ของตารางคะแนน OIT มีช่อง "{key}" ที่ระบบไม่รู้จัก (แต่ละแถวมีเฉพาะ ข้อ คะแนน และ URL หลักฐาน)',
		en: 'Row {row} of the OIT table has an unknown column "{key}" (a row has the item, its score and its evidence URL).'
	},
	oit_item_twice: {
		th: 'ข้อ {item} อยู่ในตารางคะแนน OIT ซ้ำกัน 2 แถว',
		en: 'Item {item} is in the OIT table twice.'
	},
	batch_not_array: {
		th: 'ชุดคำตอบที่ส่งมาอ่านไม่ได้ ต้องเป็นรายการคำตอบ',
		en: 'The responses sent cannot be read: they must be a list of responses.'
	},
	batch_too_large: {
		th: 'ส่งคำตอบได้ครั้งละไม่เกิน {max} ชุด (ครั้งนี้ส่งมา {count} ชุด) กรุณาแบ่งส่งหลายครั้ง',
		en: 'At most {max} responses can be sent at once ({count} were sent); send the rest separately.'
	},
	round_code_malformed: {
		th: 'ลิงก์นี้ไม่ถูกต้อง รหัสรอบการประเมินมีเฉพาะอักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (-) ตามที่พิมพ์ไว้ใต้คิวอาร์โค้ด',
		en: 'This link is not right: a round code has only lower-case letters, digits and dashes, as printed under the QR code.'
	},
	account_unknown: {
		th: 'ไม่พบบัญชีนี้ อาจถูกลบไปแล้ว',
		en: 'There is no such account; it may have been removed already.'
	},
	account_remove_own: {
		th: 'ลบบัญชีของตนเองไม่ได้ ให้ผู้ดูแลระบบส่วนกลางคนอื่นเป็นผู้ลบ',
		en: 'You cannot remove your own account; another central administrator can.'
	},
	account_last_central: {
		th: '{email} เป็นผู้ดูแลระบบส่วนกลางคนสุดท้าย จึงลบไม่ได้ ให้เพิ่มผู้ดูแลระบบส่วนกลางอีกคนก่อน',
		en: '{email} is the last central administrator and cannot be removed; add another central administrator first.'
	},
	password_hash_invalid: {
		th: 'ระบบเก็บรหัสผ่านเฉพาะในรูปที่เข้ารหัสแล้วเท่านั้น กรุณาตั้งรหัสผ่านผ่านหน้าจอหรือคำสั่งของระบบ',
		en: 'Accounts keep only a hash of the password; set the password through the app’s screen or command.'
	},
	kiosk_not_managed: {
		th: 'ไม่พบเครื่องคีออสก์นี้ในหน่วยงานของท่าน อาจถูกลบไปแล้ว เจ้าหน้าที่จัดการได้เฉพาะเครื่องของหน่วยงานตนเอง',
		en: 'There is no such kiosk that you may manage; officers manage their own agency’s kiosks only.'
	},
	kiosk_name_invalid: {
		th: 'กรุณาตั้งชื่อเครื่องคีออสก์ 1–100 ตัวอักษร เช่น แท็บเล็ตหน้าสำนักงาน',
		en: 'Give the kiosk a name of 1 to 100 characters, like “Entrance tablet”.'
	},
	kiosk_pin_hash_invalid: {
		th: 'รหัส PIN สำหรับออกจากโหมดคีออสก์ใช้ไม่ได้ กรุณาตั้งรหัส PIN ใหม่ (ตัวเลข 4–8 หลัก)',
		en: 'The exit PIN cannot be used; set a new PIN of 4 to 8 digits.'
	},
	kiosk_min_interval_invalid: {
		th: 'ระยะห่างขั้นต่ำระหว่างคำตอบต้องเป็น 0–3600 วินาที',
		en: 'The minimum time between two answers is 0 to 3600 seconds.'
	},
	kiosk_idle_invalid: {
		th: 'เวลาที่ไม่มีผู้ใช้งานก่อนเริ่มหน้าแรกใหม่ต้องเป็น 20–600 วินาที',
		en: 'The idle time before the kiosk starts over is 20 to 600 seconds.'
	},
	enrolment_code_invalid: {
		th: 'รหัสลงทะเบียนเป็นตัวอักษรและตัวเลข 8 ตัว เช่น ABCD-EF23',
		en: 'An enrolment code is 8 letters and digits, like ABCD-EF23.'
	},
	enrolment_code_unknown: {
		th: 'ไม่พบรหัสลงทะเบียนนี้ (พิมพ์ผิด ใช้ไปแล้ว หรือเกิน 7 วัน) กรุณาขอรหัสใหม่จากเจ้าหน้าที่',
		en: 'No kiosk waits for this enrolment code: it is mistyped, used already or older than 7 days. Ask the officer for a new one.'
	},
	kiosk_queued_invalid: {
		th: 'จำนวนคำตอบที่รอส่งจากเครื่องต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป',
		en: 'The number of responses waiting on the tablet is a whole number of 0 or more.'
	},
	// codes-b: results views, trust, hardening, round scores
	results_filter_invalid: {
		th: 'ใช้ตัวกรองผลการประเมินนี้ไม่ได้ กรุณาเลือกตัวกรองใหม่จากรายการ',
		en: 'This results filter cannot be used; choose the filter again from the lists.'
	},
	results_filter_key_unknown: {
		th: 'ตัวกรองผลการประเมินไม่มี {keys} กรองได้ตามจุดบริการ ช่องทาง ฝ่าย และข้อมูลทั่วไปของผู้ตอบ',
		en: 'The results filter has no {keys}; filter by service point, channel, section or background answers.'
	},
	results_filter_channel_invalid: {
		th: 'ไม่มีช่องทาง "{value}" เลือกได้เฉพาะ คิวอาร์โค้ด ลิงก์ เครื่องตอบแบบสอบถาม หรือแบบกระดาษ',
		en: 'There is no channel "{value}"; choose QR code, link, kiosk or paper.'
	},
	results_filter_no_sections: {
		th: 'ชุดแบบวัด {framework} ไม่ได้ถามว่าติดต่อฝ่ายใด จึงกรองผลตามฝ่ายไม่ได้',
		en: 'Framework {framework} does not ask which section was contacted, so results cannot be filtered by section.'
	},
	results_filter_question_unknown: {
		th: 'ชุดแบบวัด {framework} ไม่มีคำถามข้อมูลทั่วไป "{question}" (มี: {questions})',
		en: 'Framework {framework} has no background question "{question}" (it has: {questions}).'
	},
	results_filter_option_unknown: {
		th: '"{value}" ไม่ใช่คำตอบของคำถาม "{question}" (ตัวเลือกที่มี: {options})',
		en: '"{value}" is not an answer to the question "{question}" (its options: {options}).'
	},
	threshold_invalid: {
		th: 'เกณฑ์คะแนนต้องมากกว่า 0 และไม่เกิน 100 ทศนิยมไม่เกิน 2 ตำแหน่ง เช่น 85 ("{value}" ใช้ไม่ได้)',
		en: 'The threshold is a score above 0 and at most 100, with two decimals at most, like 85 ("{value}" cannot be used).'
	},
	sort_invalid: {
		th: 'เรียงตาม "{value}" ไม่ได้ เลือกได้จาก: {options}',
		en: 'The list cannot be sorted by "{value}"; choose one of: {options}.'
	},
	sort_direction_invalid: {
		th: 'ลำดับการเรียง "{value}" ใช้ไม่ได้ เลือก น้อยไปมาก (asc) หรือ มากไปน้อย (desc)',
		en: 'The sort order "{value}" cannot be used; choose ascending (asc) or descending (desc).'
	},
	question_missing: {
		th: 'กรุณาระบุข้อคำถาม เช่น e1 หรือ i1',
		en: 'Enter the question, like e1 or i1.'
	},
	question_unknown: {
		th: 'ชุดแบบวัดของรอบการประเมินปีงบประมาณ {year} ไม่มีข้อ "{question}" กรุณาตรวจสอบรหัสข้อ เช่น e1 หรือ i1',
		en: 'No framework of the fiscal year {year} rounds has a question "{question}"; check the question’s id, like e1 or i1.'
	},
	review_audit_append_only: {
		th: 'ประวัติการตรวจสอบคำตอบแก้ไขหรือลบไม่ได้',
		en: 'The review history cannot be changed or deleted.'
	},
	review_reason_invalid: {
		th: 'กรุณาระบุเหตุผลของการตัดสินใจ 3–500 ตัวอักษร ระบบจะบันทึกไว้ในประวัติการตรวจสอบ',
		en: 'Give the reason for this decision, 3 to 500 characters; it is kept in the review history.'
	},
	review_ids_invalid: {
		th: 'กรุณาเลือกคำตอบที่รอตรวจสอบ 1–5,000 รายการ',
		en: 'Choose 1 to 5,000 held responses.'
	},
	review_audit_central_only: {
		th: 'ประวัติการตรวจสอบคำตอบดูได้เฉพาะผู้ดูแลระบบส่วนกลาง',
		en: 'Only central administrators can see the review history.'
	},
	trust_settings_not_object: {
		th: 'อ่านการตั้งค่าความน่าเชื่อถือของคำตอบไม่ได้ กรุณาส่งแบบฟอร์มอีกครั้ง',
		en: 'The trust settings cannot be read; send the form again.'
	},
	trust_setting_unknown: {
		th: 'ไม่มีการตั้งค่าชื่อ {keys}',
		en: 'There is no setting {keys}.'
	},
	trust_settings_invalid: {
		th: 'การตั้งค่าความน่าเชื่อถือของคำตอบบางข้อยังไม่ถูกต้อง กรุณาแก้ไขตามรายการด้านล่าง',
		en: 'Some of the trust settings need fixing; see the list below.'
	},
	iit_codes_mode_invalid: {
		th: 'กรุณาเลือกวิธีให้บุคลากรเข้าตอบ: รหัสใช้ครั้งเดียว หรือ รหัสเดียวกันทั้งหน่วยงาน',
		en: 'Choose how staff get in: one-time codes or one shared code.'
	},
	service_point_limits_invalid: {
		th: 'อ่านจำนวนคำตอบที่แต่ละจุดบริการรับได้ไม่ได้ กรุณาส่งแบบฟอร์มอีกครั้ง',
		en: 'The service points’ limits cannot be read; send the form again.'
	},
	service_point_limit_invalid: {
		th: 'จุดบริการ {name} ({servicePoint}): จำนวนคำตอบต่อ 10 นาทีต้องเป็นจำนวนเต็ม 1–10,000 หรือเว้นว่างเพื่อใช้ค่าของรอบ',
		en: 'Service point {name} ({servicePoint}): a whole number of responses per 10 minutes, 1 to 10,000, or empty for the round’s limit.'
	},
	device_limit_invalid: {
		th: 'จำนวนครั้งต่อวันจากเครื่องเดียวกันต้องเป็นจำนวนเต็ม 1–100',
		en: 'Responses a day from one device: a whole number from 1 to 100.'
	},
	address_limit_invalid: {
		th: 'จำนวนคำตอบต่อ 10 นาทีจากเครือข่ายเดียวกันต้องเป็นจำนวนเต็ม 1–10,000',
		en: 'Responses per 10 minutes from one network: a whole number from 1 to 10,000.'
	},
	seconds_per_question_invalid: {
		th: 'เวลาตอบขั้นต่ำต้องเป็น 0–60 วินาทีต่อข้อ ทศนิยมไม่เกิน 1 ตำแหน่ง เช่น 2 หรือ 1.5',
		en: 'The least time is 0 to 60 seconds per question, with one decimal at most, like 2 or 1.5.'
	},
	eligible_staff_invalid: {
		th: 'จำนวนบุคลากรที่ปฏิบัติงานมาแล้วอย่างน้อย 1 ปี ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป หรือเว้นว่าง',
		en: 'Staff with at least one year of service: a whole number of 0 or more, or empty.'
	},
	iit_codes_count_invalid: {
		th: 'ออกรหัสได้ครั้งละ 1–1,000 รหัส',
		en: 'Issue 1 to 1,000 codes at a time.'
	},
	too_many_attempts: {
		th: 'ลองรหัสผิดหลายครั้งเกินไปจากเครือข่ายนี้ กรุณาลองใหม่อีกครั้งใน {minutes} นาที',
		en: 'Too many wrong codes from this network. Please try again in {minutes} minutes.'
	},
	session_ended: {
		th: 'การเข้าสู่ระบบนี้สิ้นสุดแล้ว เพราะบัญชีถูกลบ ถูกระงับ หรือย้ายหน่วยงาน กรุณาเข้าสู่ระบบใหม่',
		en: 'This session has ended: the account was removed, paused or moved to another agency. Sign in again.'
	},
	account_pause_own: {
		th: 'ระงับบัญชีของตนเองไม่ได้ ให้ผู้ดูแลระบบส่วนกลางคนอื่นเป็นผู้ระงับ',
		en: 'You cannot pause your own account; another central administrator can.'
	},
	last_central_admin_pause: {
		th: 'ระงับบัญชี {email} ไม่ได้ เพราะเป็นผู้ดูแลระบบส่วนกลางคนสุดท้ายที่ใช้งานได้ กรุณาเพิ่มผู้ดูแลระบบส่วนกลางอีกคนก่อน',
		en: '{email} is the last central administrator who can sign in and cannot be paused; add another central administrator first.'
	},
	page_invalid: {
		th: 'ไม่มีหน้าที่ {value} เลขหน้าเริ่มที่ 1',
		en: 'There is no page {value}; pages are numbered from 1.'
	},
	page_size_invalid: {
		th: 'แสดงได้หน้าละ 1–1,000 แถว ("{value}" ใช้ไม่ได้)',
		en: 'A page shows 1 to 1,000 rows ("{value}" cannot be used).'
	},
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

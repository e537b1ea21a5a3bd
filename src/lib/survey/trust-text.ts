/**
 * The respondent's words about single-use IIT codes and refused responses, Thai first.
 * Kept apart from the shared dictionaries ($lib/i18n) so that the screens that need them
 * (the answer to a wrong code, the end screen, /status: all after the first screen) carry
 * them, in both languages: a refusal is read rarely, and then it must read right in either
 * language without another download. The code field's own label and help are first-screen
 * words (survey.code.* in $lib/i18n).
 */
import type { Lang } from '../i18n/index.ts';

const th = {
	'code.wrong':
		'รหัสนี้ใช้ไม่ได้ อาจพิมพ์ผิดหรือถูกใช้ไปแล้ว กรุณาตรวจสอบรหัสบนใบ หรือขอใบรหัสใหม่จากคณะทำงาน ITA ของหน่วยงาน',
	'code.throttled': 'ลองรหัสผิดหลายครั้งเกินไปจากเครือข่ายนี้ กรุณาลองใหม่อีกครั้งใน {minutes} นาที',
	'refused.title': 'ระบบไม่รับคำตอบนี้',
	'refused.kept': 'คำตอบของท่านยังเก็บไว้ในเครื่องนี้ ไม่ได้สูญหาย ดูรายละเอียดหรือบันทึกเป็นไฟล์ได้ที่หน้าสถานะการส่ง',
	'refused.status': 'ดูหน้าสถานะการส่ง',
	'refused.keptHere':
		'คำตอบที่ระบบไม่รับยังเก็บไว้ในเครื่องนี้ ไม่ได้สูญหาย บันทึกเป็นไฟล์ได้ด้วยปุ่ม “บันทึกคำตอบที่ค้างเป็นไฟล์”',
	'reason.iit_code_used':
		'รหัสใช้ครั้งเดียวนี้ถูกใช้ตอบไปแล้ว หรือไม่ถูกต้อง กรุณาขอใบรหัสใหม่จากคณะทำงาน ITA ของหน่วยงาน',
	'reason.wrong_access_code':
		'รหัสสำหรับบุคลากรไม่ถูกต้องหรือถูกใช้ไปแล้ว กรุณาตรวจสอบกับคณะทำงาน ITA ของหน่วยงาน',
	'reason.iit_code_missing': 'รอบนี้ต้องใช้รหัสใช้ครั้งเดียวจากใบรหัส กรุณาขอใบรหัสจากคณะทำงาน ITA ของหน่วยงาน',
	'reason.round_closed': 'รอบการประเมินนี้ปิดรับคำตอบแล้ว',
	'reason.round_not_open': 'รอบการประเมินนี้ยังไม่เปิดรับคำตอบ',
	'reason.too_many_attempts': 'ลองรหัสผิดหลายครั้งเกินไปจากเครือข่ายนี้ กรุณาลองใหม่ภายหลัง'
} as const;

export type TrustKey = keyof typeof th;

const en: Record<TrustKey, string> = {
	'code.wrong':
		'This code cannot be used: it may be mistyped or already used. Check the code on your slip, or ask your office’s ITA working group for a new slip.',
	'code.throttled':
		'Too many wrong codes from this network. Please try again in {minutes} minutes.',
	'refused.title': 'The server did not accept these answers',
	'refused.kept':
		'Your answers are still kept on this device, not lost. See the details or save them to a file on the sending status page.',
	'refused.status': 'Open the sending status',
	'refused.keptHere':
		'Answers the server refused are still kept on this device, not lost. Save them to a file with “Save kept answers to a file”.',
	'reason.iit_code_used':
		'This one-time code has already been used, or is not valid. Please ask your office’s ITA working group for a new slip.',
	'reason.wrong_access_code':
		'The staff access code is wrong or already used. Please check it with your office’s ITA working group.',
	'reason.iit_code_missing':
		'This round needs the one-time code of a slip. Please ask your office’s ITA working group for a slip.',
	'reason.round_closed': 'This assessment round is closed.',
	'reason.round_not_open': 'This assessment round is not open yet.',
	'reason.too_many_attempts': 'Too many wrong codes from this network. Please try again later.'
};

/** The text of `key` in `lang`, `{name}` placeholders filled. */
export function tt(
	lang: Lang,
	key: TrustKey,
	params: Record<string, string | number> = {}
): string {
	return (lang === 'en' ? en : th)[key].replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

/**
 * Why the server refused a response, in the person's language: our words for the codes
 * a respondent can meet, else the server's own reason (English) as it came.
 */
/** Whether this refusal code has its own text here (the limits and codes of issue 13). */
export function hasRefusalText(code: string): boolean {
	return `reason.${code}` in th;
}

export function refusalText(
	lang: Lang,
	refusal: { code: string; reason: string } | undefined
): string {
	if (!refusal) return '';
	const key = `reason.${refusal.code}`;
	return key in th ? tt(lang, key as TrustKey) : refusal.reason;
}

/**
 * The home page's own texts (what this site is, who answers, the officers' way in), in
 * both languages: only the home page carries them (./pages.ts says why they are apart).
 */
import { fill, type Lang } from './index.ts';

export const homeTh = {
	'app.tagline':
		'เก็บแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) และภายนอก (EIT) และดูคะแนนการประเมินคุณธรรมและความโปร่งใส (ITA) ระหว่างเก็บข้อมูล',
	'home.rounds.title': 'รอบการประเมินที่เปิดอยู่',
	'home.rounds.empty': 'ยังไม่มีรอบการประเมินที่เปิดอยู่',
	'home.rounds.closes': 'ปิดรับคำตอบ {day}',
	'home.rounds.answer': 'ตอบแบบวัด',
	'home.what':
		'ITA Collect คือระบบเก็บแบบวัดการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของสำนักงานเขตและหน่วยงานของรัฐ',
	'home.respondents.title': 'สำหรับผู้ตอบแบบวัด',
	'home.respondents.text':
		'ประชาชนและผู้มาติดต่อ: สแกนคิวอาร์โค้ดที่จุดบริการ หรือตอบที่เครื่องแท็บเล็ตหน้าสำนักงาน บุคลากร: ใช้ลิงก์ที่หน่วยงานส่งให้ ไม่ต้องสมัครหรือเข้าสู่ระบบ',
	'home.officers.title': 'สำหรับเจ้าหน้าที่',
	'home.officers.text':
		'คณะทำงาน ITA ของหน่วยงานเข้าสู่ระบบเพื่อสร้างรอบการประเมิน พิมพ์คิวอาร์โค้ด ดูผลคะแนน และนำเข้าแบบวัดฉบับกระดาษ',
	'home.officers.signIn': 'เข้าสู่ระบบสำหรับเจ้าหน้าที่',
	'home.status': 'สถานะการส่งคำตอบในเครื่องนี้'
} as const;

export type HomeKey = keyof typeof homeTh;

export const homeEn: Record<HomeKey, string> = {
	'app.tagline':
		'Collect the ITA perception surveys of internal (IIT) and external (EIT) stakeholders and see the Integrity and Transparency Assessment scores while collection runs.',
	'home.rounds.title': 'Open assessment rounds',
	'home.rounds.empty': 'No assessment round is open yet.',
	'home.rounds.closes': 'Closes on {day}',
	'home.rounds.answer': 'Answer the survey',
	'home.what':
		'ITA Collect collects the surveys of the Integrity and Transparency Assessment (ITA) of Thai public agencies, such as Bangkok’s district offices.',
	'home.respondents.title': 'If you were asked to answer',
	'home.respondents.text':
		'Citizens and visitors: scan the QR code at a service counter, or answer on the tablet at the entrance. Staff: use the link your agency sent you. There is nothing to sign up for.',
	'home.officers.title': 'For officers',
	'home.officers.text':
		'Each agency’s ITA team signs in to open rounds, print QR codes, follow the scores and import paper forms.',
	'home.officers.signIn': 'Officers’ sign-in',
	'home.status': 'Answers kept on this device'
};

/** A home page text in `lang`, `{name}` placeholders filled in. */
export function ht(lang: Lang, key: HomeKey, params: Record<string, string | number> = {}): string {
	return fill(lang === 'en' ? homeEn[key] : homeTh[key], params);
}

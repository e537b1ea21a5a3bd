/**
 * The kiosk's words (`kiosk.*`), Thai and English both: they come with the kiosk's page
 * only — never to a respondent's phone — and a tablet that is offline all day can still
 * switch to English. `t` here knows these, the delivery status words and the shared ones.
 */
import { addTexts, textsFor, type Lang } from '../i18n/index.ts';
import { thLater } from '../i18n/th-later.ts';
import { statusEn, statusTh } from '../i18n/status.ts';

export const kioskTh = {
	'kiosk.title': 'คีออสก์แบบวัด ITA',
	'kiosk.insecure':
		'เครื่องนี้เปิดหน้าคีออสก์ผ่าน http ที่ไม่ใช่การเชื่อมต่อที่ปลอดภัย จึงทำงานแบบออฟไลน์ไม่ได้ คำตอบจะส่งได้เฉพาะเมื่อมีสัญญาณ ให้เจ้าหน้าที่เปิดผ่านที่อยู่ https ของสำนักงาน',
	'kiosk.welcome.title': 'ช่วยประเมินการให้บริการของ{agency}',
	'kiosk.welcome.lead': 'ความเห็นของท่านช่วยให้หน่วยงานปรับปรุงการให้บริการ ใช้เวลาประมาณ {minutes} นาที',
	'kiosk.welcome.start': 'เริ่มตอบแบบวัด',
	'kiosk.survey.quit': 'เลิกตอบ',
	'kiosk.thanks.next': 'หน้าจอจะกลับสู่หน้าแรกในอีกสักครู่',
	'kiosk.idle.title': 'ยังตอบอยู่หรือไม่',
	'kiosk.idle.body': 'หากไม่แตะหน้าจอ คำตอบที่ตอบไว้จะถูกลบและกลับสู่หน้าแรกใน {seconds} วินาที',
	'kiosk.idle.continue': 'ตอบต่อ',
	'kiosk.closed.title': 'ขณะนี้ไม่เปิดรับแบบวัด',
	'kiosk.closed.notYet': 'การประเมินรอบนี้เปิดรับตั้งแต่ {day} ขอบคุณที่สนใจ',
	'kiosk.closed.ended': 'การประเมินรอบนี้ปิดรับคำตอบแล้ว ขอบคุณที่สนใจ',
	'kiosk.revoked.title': 'เครื่องนี้ปิดการใช้งานแล้ว',
	'kiosk.revoked.body': 'หน่วยงานได้ยกเลิกเครื่องคีออสก์นี้ จึงไม่รับคำตอบเพิ่ม ขออภัยในความไม่สะดวก',
	'kiosk.enrol.title': 'ลงทะเบียนเครื่องคีออสก์',
	'kiosk.enrol.help': 'กรอกรหัสลงทะเบียนที่เจ้าหน้าที่ได้จากหน้าจัดการรอบการประเมิน (ใช้ได้ครั้งเดียว ภายใน 7 วัน)',
	'kiosk.enrol.label': 'รหัสลงทะเบียน',
	'kiosk.enrol.submit': 'ลงทะเบียน',
	'kiosk.enrol.working': 'กำลังลงทะเบียน…',
	'kiosk.enrol.notFound': 'ไม่พบรหัสนี้ อาจพิมพ์ผิด ใช้ไปแล้ว หรือเกิน 7 วัน กรุณาขอรหัสใหม่จากเจ้าหน้าที่',
	'kiosk.enrol.badCode': 'รหัสลงทะเบียนเป็นตัวอักษรและตัวเลข 8 ตัว เช่น ABCD-EF23',
	'kiosk.enrol.offline': 'เชื่อมต่อระบบไม่ได้ การลงทะเบียนต้องออนไลน์ กรุณาตรวจสอบอินเทอร์เน็ตแล้วลองใหม่',
	'kiosk.enrol.failed': 'ลงทะเบียนไม่สำเร็จ กรุณาลองใหม่อีกครั้ง',
	'kiosk.status.label': 'สถานะเครื่อง',
	'kiosk.status.online': 'ออนไลน์',
	'kiosk.status.offline': 'ออฟไลน์',
	'kiosk.status.checking': 'กำลังตรวจสอบการเชื่อมต่อ',
	'kiosk.status.queued': 'รอส่ง {n}',
	'kiosk.status.lastSync': 'ติดต่อระบบล่าสุด {time}',
	'kiosk.status.never': 'ยังไม่เคยติดต่อระบบ',
	'kiosk.staff': 'เจ้าหน้าที่',
	'kiosk.pin.title': 'สำหรับเจ้าหน้าที่',
	'kiosk.pin.label': 'รหัส PIN',
	'kiosk.pin.submit': 'เข้าสู่การตั้งค่า',
	'kiosk.pin.cancel': 'กลับ',
	'kiosk.pin.wrong': 'รหัส PIN ไม่ถูกต้อง ใส่ได้อีก {n} ครั้ง',
	'kiosk.pin.locked': 'ใส่รหัส PIN ผิด 3 ครั้ง กรุณารอ {seconds} วินาที',
	'kiosk.settings.title': 'ตั้งค่าเครื่องคีออสก์',
	'kiosk.settings.name': 'ชื่อเครื่อง',
	'kiosk.settings.round': 'รอบการประเมิน',
	'kiosk.settings.period': 'ช่วงเวลาเปิดรับ',
	'kiosk.settings.minInterval': 'ระยะห่างขั้นต่ำระหว่างคำตอบ',
	'kiosk.settings.idle': 'เริ่มใหม่เมื่อไม่มีการใช้งาน',
	'kiosk.settings.seconds': '{n} วินาที',
	'kiosk.settings.refusedTitle': 'คำตอบที่ระบบไม่รับ',
	'kiosk.settings.noneRefused': 'ไม่มี',
	'kiosk.settings.sendNow': 'ส่งตอนนี้',
	'kiosk.settings.resume': 'กลับสู่หน้าแรก',
	'kiosk.settings.unenrol': 'ยกเลิกการลงทะเบียนเครื่องนี้',
	'kiosk.settings.unenrolConfirm': 'ยืนยัน: ยกเลิกการลงทะเบียน (ต้องขอรหัสใหม่จากเจ้าหน้าที่)',
	'kiosk.settings.unenrolHelp': 'คำตอบที่รอส่งยังอยู่ในเครื่องและจะถูกส่งต่อไป'
} as const;

export type KioskKey = keyof typeof kioskTh;

export const kioskEn: Record<KioskKey, string> = {
	'kiosk.title': 'ITA survey kiosk',
	'kiosk.insecure':
		'This kiosk page was opened over plain http, not a secure connection, so it cannot work offline: answers are sent only while it is online. Staff: open it at the office’s https address.',
	'kiosk.welcome.title': 'Help us improve the services of {agency}',
	'kiosk.welcome.lead': 'Your opinion helps the office serve you better. About {minutes} minutes.',
	'kiosk.welcome.start': 'Start the survey',
	'kiosk.survey.quit': 'Stop answering',
	'kiosk.thanks.next': 'The screen returns to the start in a moment.',
	'kiosk.idle.title': 'Are you still there?',
	'kiosk.idle.body':
		'Without a touch, your answers are erased and the screen returns to the start in {seconds} seconds.',
	'kiosk.idle.continue': 'Continue',
	'kiosk.closed.title': 'The survey is not open now',
	'kiosk.closed.notYet': 'This round opens on {day}. Thank you for your interest.',
	'kiosk.closed.ended': 'This round no longer takes answers. Thank you for your interest.',
	'kiosk.revoked.title': 'This kiosk is switched off',
	'kiosk.revoked.body':
		'The office has revoked this kiosk, so it takes no more answers. We apologise for the inconvenience.',
	'kiosk.enrol.title': 'Enrol this kiosk',
	'kiosk.enrol.help':
		"Type the enrolment code an officer got from the round's admin page (one use, within 7 days).",
	'kiosk.enrol.label': 'Enrolment code',
	'kiosk.enrol.submit': 'Enrol',
	'kiosk.enrol.working': 'Enrolling…',
	'kiosk.enrol.notFound':
		'This code was not found: mistyped, used already, or older than 7 days. Ask the officer for a new one.',
	'kiosk.enrol.badCode': 'An enrolment code is 8 letters and digits, like ABCD-EF23.',
	'kiosk.enrol.offline':
		'The server cannot be reached. Enrolment needs a connection: check the network and try again.',
	'kiosk.enrol.failed': 'Enrolment failed. Please try again.',
	'kiosk.status.label': 'Kiosk status',
	'kiosk.status.online': 'Online',
	'kiosk.status.offline': 'Offline',
	'kiosk.status.checking': 'Checking the connection',
	'kiosk.status.queued': '{n} waiting',
	'kiosk.status.lastSync': 'Last contact {time}',
	'kiosk.status.never': 'No contact yet',
	'kiosk.staff': 'Staff',
	'kiosk.pin.title': 'For staff',
	'kiosk.pin.label': 'PIN',
	'kiosk.pin.submit': 'Open settings',
	'kiosk.pin.cancel': 'Back',
	'kiosk.pin.wrong': 'Wrong PIN. {n} tries left.',
	'kiosk.pin.locked': 'Three wrong PINs. Please wait {seconds} seconds.',
	'kiosk.settings.title': 'Kiosk settings',
	'kiosk.settings.name': 'Kiosk name',
	'kiosk.settings.round': 'Round',
	'kiosk.settings.period': 'Open for answers',
	'kiosk.settings.minInterval': 'Minimum time between answers',
	'kiosk.settings.idle': 'Start over when idle for',
	'kiosk.settings.seconds': '{n} seconds',
	'kiosk.settings.refusedTitle': 'Answers the server refused',
	'kiosk.settings.noneRefused': 'None',
	'kiosk.settings.sendNow': 'Send now',
	'kiosk.settings.resume': 'Back to the start',
	'kiosk.settings.unenrol': "Remove this tablet's enrolment",
	'kiosk.settings.unenrolConfirm':
		'Confirm: remove the enrolment (a new code from the officer is needed)',
	'kiosk.settings.unenrolHelp': 'Answers waiting to be sent stay on the tablet and are still sent.'
};

const kiosk: Record<Lang, Record<KioskKey | keyof typeof statusTh, string>> = {
	th: { ...kioskTh, ...statusTh },
	en: { ...kioskEn, ...statusEn }
};

// The kiosk shows every survey screen from the start: all of their Thai words, at once.
addTexts('th', thLater);

/** The kiosk's text of `key` in `lang`, with `{name}` placeholders filled in. */
export const t = textsFor(kiosk);

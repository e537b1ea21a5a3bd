/**
 * The officers' words for trustworthy counts (issue 13): limits, single-use IIT code
 * slips and the review of held responses. Thai first; kept apart from ./i18n.ts so that
 * the feature's texts stay together. Same rules: `{name}` placeholders, Buddhist-era years.
 */
import type { Lang } from '../i18n/index.ts';

const th = {
	'trust.title': 'ความน่าเชื่อถือของคำตอบ',
	'trust.help':
		'คำตอบที่เกินขีดจำกัดหรือดูผิดปกติจะถูกเก็บไว้ “รอตรวจสอบ” ไม่นับในคะแนน ร้อยละ หรือไฟล์ส่งออก จนกว่าเจ้าหน้าที่จะยืนยัน ไม่มีคำตอบใดถูกทิ้งโดยไม่มีใครเห็น',
	'trust.eligibleStaff': 'จำนวนบุคลากรที่ปฏิบัติงานมาแล้วอย่างน้อย 1 ปี (กรอกใน ITAS ด้วย)',
	'trust.minimumSample': 'กลุ่มตัวอย่าง IIT ขั้นต่ำ: {n} คน',
	'trust.minimumSampleNone': 'กลุ่มตัวอย่าง IIT ขั้นต่ำ: กรอกจำนวนบุคลากรเพื่อคำนวณ',
	'trust.minimumSampleHelp':
		'คำนวณจากจำนวนบุคลากรตามสูตร Krejcie & Morgan (ความเชื่อมั่น 95% คลาดเคลื่อน ±5%) เมื่อบันทึก ระบบตั้ง “จำนวนผู้ตอบ IIT ขั้นต่ำ” ของรอบเป็นค่านี้',
	'trust.iitCodes': 'วิธีให้บุคลากรเข้าตอบ IIT',
	'trust.iitCodes.single': 'รหัสใช้ครั้งเดียว: พิมพ์ใบรหัสแจกบุคลากรคนละใบ หนึ่งรหัสตอบได้ครั้งเดียว (แนะนำ)',
	'trust.iitCodes.shared': 'รหัสเดียวใช้ร่วมกันทั้งรอบ: ตั้งรหัสที่ “รหัสสำหรับบุคลากร (IIT)” ในการตั้งค่ารอบด้านล่าง',
	'trust.deviceLimit': 'ตอบแทนบุคคลอื่น: ไม่เกินวันละกี่ครั้งต่อเครื่อง',
	'trust.deviceLimitHelp':
		'ใช้เมื่อเปิด “ให้เครื่องเดียวตอบได้มากกว่าหนึ่งครั้ง” ในการตั้งค่ารอบ (ค่าเริ่มต้น 5) ถ้าไม่เปิด หนึ่งเครื่องตอบได้ครั้งเดียว',
	'trust.addressLimit': 'คำตอบจากเครือข่ายเดียวกัน: ไม่เกินกี่รายการต่อ 10 นาที',
	'trust.addressLimitHelp':
		'เครือข่ายเดียวกัน คือหมายเลข IP เดียว เช่น Wi-Fi ของสำนักงาน (ค่าเริ่มต้น 30) ระบบเก็บหมายเลข IP เป็นค่าแฮชที่ใช้เฉพาะรอบนี้เท่านั้น',
	'trust.secondsPerQuestion': 'เวลาตอบขั้นต่ำ (วินาทีต่อข้อ)',
	'trust.secondsPerQuestionHelp':
		'คำตอบที่ใช้เวลาน้อยกว่าค่านี้ × จำนวนข้อที่ตอบ จะรอตรวจสอบ (ค่าเริ่มต้น 2 วินาที)',
	'trust.points': 'ขีดจำกัดต่อ 10 นาทีของแต่ละจุดบริการ',
	'trust.pointsHelp':
		'จุดบริการที่ผู้รับบริการจำนวนมากตอบผ่าน Wi-Fi เดียวกัน ตั้งให้สูงกว่าค่าของรอบได้ เว้นว่างเพื่อใช้ค่าของรอบ ({n})',
	'trust.pointLimit': 'ขีดจำกัดต่อ 10 นาทีของ {name}',
	'trust.point': 'จุดบริการ',
	'trust.limit': 'ขีดจำกัดต่อ 10 นาที',
	'trust.save': 'บันทึกการตั้งค่าความน่าเชื่อถือ',
	'trust.saved': 'บันทึกแล้ว',
	'trust.codes': 'ใบรหัสที่ออกแล้ว {issued} ใบ ใช้ตอบแล้ว {used} ใบ',
	'trust.slipsLink': 'พิมพ์ใบรหัสใช้ครั้งเดียว (IIT)',
	'trust.reviewLink': 'ตรวจสอบคำตอบที่รอตรวจสอบ',
	'held.badge': 'รอตรวจสอบ {n} รายการ',
	'held.none': 'ไม่มีคำตอบรอตรวจสอบ',

	'slips.title': 'ใบรหัสใช้ครั้งเดียวสำหรับบุคลากร (IIT)',
	'slips.intro':
		'ออกรหัสชุดใหม่แล้วพิมพ์บนกระดาษ A4 ตัดแจกบุคลากรที่ปฏิบัติงานมาแล้วอย่างน้อย 1 ปี คนละใบ แต่ละรหัสใช้ตอบได้ครั้งเดียว และระบบไม่เก็บว่ารหัสใดใช้ตอบคำตอบใด',
	'slips.once':
		'รหัสแสดงเพียงครั้งเดียว: ระบบเก็บไว้เฉพาะค่าแฮช ใบที่พิมพ์คือสำเนาเดียว หากปิดหรือโหลดหน้านี้ใหม่ก่อนพิมพ์ ต้องออกรหัสชุดใหม่ (รหัสชุดเดิมที่ไม่ได้แจกจะไม่มีใครใช้ได้)',
	'slips.count': 'จำนวนใบที่จะออก',
	'slips.countHelp': '1–1,000 ใบ ออกแล้ว {issued} ใบ ใช้ตอบแล้ว {used} ใบ กลุ่มตัวอย่าง IIT ขั้นต่ำ {target}',
	'slips.issue': 'ออกรหัสและแสดงใบรหัส',
	'slips.issued': 'ออกรหัสใหม่ {n} ใบแล้ว กรุณาพิมพ์ตอนนี้ รหัสชุดนี้จะไม่แสดงอีก',
	'slips.print': 'พิมพ์ใบรหัส ({n} ใบ, {pages} หน้า)',
	'slips.back': 'กลับไปหน้ารอบการประเมิน',
	'slips.sharedRound':
		'รอบนี้ใช้รหัสเดียวร่วมกันทั้งรอบ ใบรหัสใช้ครั้งเดียวจะใช้ได้เมื่อเปลี่ยนเป็น “รหัสใช้ครั้งเดียว” ในหน้ารอบการประเมิน',
	'slips.sheet': 'แผ่นที่ {n}',
	'slip.title': 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)',
	'slip.agency': '{agency} · ITA ปีงบประมาณ พ.ศ. {year}',
	'slip.do': 'สแกนคิวอาร์โค้ดด้วยโทรศัพท์แล้วตอบแบบวัด หรือเปิดลิงก์ด้านล่างแล้วพิมพ์รหัส',
	'slip.code': 'รหัสใช้ครั้งเดียว',
	'slip.qr': 'คิวอาร์โค้ดของใบรหัส {code}',
	'slip.anonymous': 'ไม่ต้องระบุชื่อ รหัสใช้ได้ครั้งเดียวและไม่เชื่อมโยงกับคำตอบของท่าน',

	'review.title': 'คำตอบที่รอตรวจสอบ',
	'review.intro':
		'คำตอบเหล่านี้เก็บไว้แล้วแต่ยังไม่นับในคะแนน ร้อยละ หรือไฟล์ส่งออก เพราะเกินขีดจำกัดหรือดูผิดปกติ เลือกแล้วกด “นับคำตอบ” หรือ “ตัดทิ้ง” พร้อมเหตุผล ทุกครั้งบันทึกในประวัติที่ไม่มีใครแก้ไขหรือลบได้',
	'review.privacy': 'แสดงเฉพาะวัน จุดบริการ และช่องทาง ไม่แสดงเวลา หมายเลข IP หรือข้อความที่ผู้ตอบพิมพ์',
	'review.none': 'ไม่มีคำตอบที่รอตรวจสอบ',
	'review.total': 'รอตรวจสอบ {n} รายการ',
	'review.groups': 'กลุ่มตามเหตุผล วัน จุดบริการ และช่องทาง',
	'review.count': '{n} รายการ',
	'review.day': 'วันที่',
	'review.channel': 'ช่องทาง',
	'review.servicePoint': 'จุดบริการ',
	'review.instrument': 'แบบวัด',
	'review.reasons': 'เหตุผลที่รอตรวจสอบ',
	'review.pattern': 'รูปแบบคำตอบ',
	'review.shares': 'สัดส่วนคำตอบ: {shares}',
	'review.share': '{label} {percent}%',
	'review.sameAnswer': 'ตอบค่าเดียวกันทุกข้อ {n} จาก {total} รายการ',
	'review.median': 'เวลาตอบ (มัธยฐาน) {s} วินาทีต่อข้อ',
	'review.wholeGroup': 'เลือกทั้งกลุ่ม ({n} รายการ)',
	'review.response': 'คำตอบที่ {i}: {shares}',
	'review.responseSame': 'ตอบค่าเดียวกันทุกข้อ',
	'review.responses': 'รายการในกลุ่ม',
	'review.reason': 'เหตุผลในการตัดสินใจ (บันทึกในประวัติ)',
	'review.reasonHelp': '3–500 ตัวอักษร เช่น “ตรวจแล้ว เป็นผู้รับบริการจริงที่ใช้ Wi-Fi ของสำนักงาน”',
	'review.release': 'นับคำตอบที่เลือก',
	'review.discard': 'ตัดทิ้งคำตอบที่เลือก',
	'review.released': 'นับคำตอบแล้ว {n} รายการ ยังรอตรวจสอบ {held} รายการ',
	'review.discarded': 'ตัดทิ้งแล้ว {n} รายการ ยังรอตรวจสอบ {held} รายการ',
	'review.noneSelected': 'กรุณาเลือกคำตอบอย่างน้อยหนึ่งรายการ',
	'review.back': 'กลับไปหน้ารอบการประเมิน',
	'review.results': 'ดูผลการประเมิน',
	'review.audit': 'ประวัติการตรวจสอบ',
	'review.auditHelp':
		'บันทึกทุกครั้งที่นับหรือตัดทิ้ง (ใคร ทำอะไร เมื่อไร เพราะอะไร) ไม่มีใครแก้ไขหรือลบได้ ผู้ดูแลระบบส่วนกลางเท่านั้นที่เห็น',
	'review.auditEmpty': 'ยังไม่มีการตรวจสอบ',
	'review.audit.at': 'เมื่อ',
	'review.audit.action': 'การกระทำ',
	'review.audit.n': 'จำนวน',
	'review.audit.heldReasons': 'เหตุผลที่รอตรวจสอบ',
	'review.audit.reason': 'เหตุผลในการตัดสินใจ',
	'review.audit.by': 'ผู้ดำเนินการ',
	'review.action.release': 'นับ',
	'review.action.discard': 'ตัดทิ้ง',
	'answer.legend': 'รหัสคำตอบ: 4 = มากที่สุด … 1 = น้อยที่สุดหรือไม่มีเลย (ข้อ มี/ไม่มี: 1 = มี, 0 = ไม่มี)',
	'answer.code': 'ตอบ {code}',
	'instrument.iit': 'IIT',
	'instrument.eit': 'EIT',
	'channel.qr': 'คิวอาร์โค้ดที่จุดบริการ',
	'channel.link': 'ลิงก์',
	'channel.kiosk': 'คีออสก์',
	'channel.paper': 'กระดาษ',
	'reason.device_limit': 'เครื่องเดียวกันตอบเกินที่กำหนด',
	'reason.address_limit': 'เครือข่ายเดียวกันส่งเกินที่กำหนดใน 10 นาที',
	'reason.too_fast': 'ตอบเร็วกว่าเวลาขั้นต่ำ',
	'reason.same_answer_burst': 'ตอบค่าสุดขั้วเดียวกันทุกข้อ ติดกันหลายรายการจากเครือข่ายเดียว',
	'reason.service_point_burst': 'จุดบริการได้รับคำตอบมากผิดปกติใน 10 นาที'
} as const;

export type TrustAdminKey = keyof typeof th;

const en: Record<TrustAdminKey, string> = {
	'trust.title': 'Trustworthy counts',
	'trust.help':
		'Answers over a limit or that look implausible are kept “held for review”: counted in no score, percentage or export until an officer releases them. Nothing is dropped unseen.',
	'trust.eligibleStaff': 'Staff with at least one year of service (enter it in ITAS too)',
	'trust.minimumSample': 'IIT minimum sample: {n} people',
	'trust.minimumSampleNone': 'IIT minimum sample: enter the number of staff to compute it',
	'trust.minimumSampleHelp':
		'Computed from the number of staff by Krejcie & Morgan (95 % confidence, ±5 %). Saving sets the round’s “minimum IIT respondents” to it.',
	'trust.iitCodes': 'How staff get into the IIT',
	'trust.iitCodes.single':
		'Single-use codes: print slips, one per staff member; each code answers once (recommended)',
	'trust.iitCodes.shared':
		'One code shared by the whole round: set it as “Staff access code (IIT)” in the round’s settings below',
	'trust.deviceLimit': 'Answering for another person: at most this many a day per device',
	'trust.deviceLimitHelp':
		'Applies when “let one device answer more than once” is on in the round’s settings (default 5). When it is off, a device answers once.',
	'trust.addressLimit': 'Answers from one network: at most this many per 10 minutes',
	'trust.addressLimitHelp':
		'One network is one IP address, such as the office Wi-Fi (default 30). Addresses are kept only as a hash salted for this round.',
	'trust.secondsPerQuestion': 'Least time to answer (seconds per question)',
	'trust.secondsPerQuestionHelp':
		'Answers sent faster than this × the questions answered are held (default 2 seconds).',
	'trust.points': 'Limit per 10 minutes of each service point',
	'trust.pointsHelp':
		'A counter where many people answer over one Wi-Fi may have a higher limit than the round’s. Leave empty to use the round’s ({n}).',
	'trust.pointLimit': 'Limit per 10 minutes of {name}',
	'trust.point': 'Service point',
	'trust.limit': 'Limit per 10 minutes',
	'trust.save': 'Save the trust settings',
	'trust.saved': 'Saved',
	'trust.codes': '{issued} slips issued, {used} used',
	'trust.slipsLink': 'Print single-use code slips (IIT)',
	'trust.reviewLink': 'Review held answers',
	'held.badge': '{n} held for review',
	'held.none': 'Nothing held for review',

	'slips.title': 'Single-use code slips for staff (IIT)',
	'slips.intro':
		'Issue a new set of codes and print them on A4 to cut and hand out, one slip to each staff member with at least one year of service. Each code answers once, and the system keeps no link between a code and an answer.',
	'slips.once':
		'The codes are shown once: only their hashes are kept, so the printed sheet is the only copy. If you close or reload this page before printing, issue a new set (codes never handed out cannot be used by anyone).',
	'slips.count': 'How many slips to issue',
	'slips.countHelp': '1–1,000. Issued so far {issued}, used {used}; IIT minimum sample {target}.',
	'slips.issue': 'Issue the codes and show the slips',
	'slips.issued': '{n} new codes issued. Print them now: this set will not be shown again.',
	'slips.print': 'Print the slips ({n} slips, {pages} pages)',
	'slips.back': 'Back to the round',
	'slips.sharedRound':
		'This round uses one shared code. Single-use slips work once the round is switched to “single-use codes” on the round’s page.',
	'slips.sheet': 'Sheet {n}',
	'slip.title': 'Internal stakeholders’ perception survey (IIT)',
	'slip.agency': '{agency} · ITA fiscal year {year} BE',
	'slip.do':
		'Scan the QR code with your phone and answer, or open the link below and type the code.',
	'slip.code': 'One-time code',
	'slip.qr': 'QR code of slip {code}',
	'slip.anonymous':
		'Your name is not asked. The code works once and is not linked to your answers.',

	'review.title': 'Answers held for review',
	'review.intro':
		'These answers are stored but counted in no score, percentage or export, because they went over a limit or look implausible. Select and press “Count” or “Discard” with a reason; each decision goes into a history nobody can change or delete.',
	'review.privacy':
		'Only the day, service point and channel are shown: never a time of day, an IP address or text a respondent typed.',
	'review.none': 'Nothing is held for review.',
	'review.total': '{n} held for review',
	'review.groups': 'Groups by reason, day, service point and channel',
	'review.count': '{n} answers',
	'review.day': 'Day',
	'review.channel': 'Channel',
	'review.servicePoint': 'Service point',
	'review.instrument': 'Survey',
	'review.reasons': 'Why held',
	'review.pattern': 'Answer pattern',
	'review.shares': 'Answers given: {shares}',
	'review.share': '{label} {percent}%',
	'review.sameAnswer': 'Same answer on every item: {n} of {total}',
	'review.median': 'Median time: {s} seconds a question',
	'review.wholeGroup': 'Select the whole group ({n} answers)',
	'review.response': 'Answer {i}: {shares}',
	'review.responseSame': 'same answer on every item',
	'review.responses': 'Answers in the group',
	'review.reason': 'Reason for the decision (kept in the history)',
	'review.reasonHelp': '3–500 characters, e.g. “checked: real visitors using the office Wi-Fi”',
	'review.release': 'Count the selected answers',
	'review.discard': 'Discard the selected answers',
	'review.released': '{n} answers counted; {held} still held',
	'review.discarded': '{n} answers discarded; {held} still held',
	'review.noneSelected': 'Please select at least one answer.',
	'review.back': 'Back to the round',
	'review.results': 'See the results',
	'review.audit': 'Review history',
	'review.auditHelp':
		'Every count and discard (who, what, when, why). Nobody can change or delete it; only central administrators see it.',
	'review.auditEmpty': 'No decisions yet.',
	'review.audit.at': 'When',
	'review.audit.action': 'Action',
	'review.audit.n': 'Answers',
	'review.audit.heldReasons': 'Why held',
	'review.audit.reason': 'Reason for the decision',
	'review.audit.by': 'By',
	'review.action.release': 'Counted',
	'review.action.discard': 'Discarded',
	'answer.legend': 'Answer codes: 4 = most … 1 = least or none (yes/no items: 1 = yes, 0 = no)',
	'answer.code': 'answer {code}',
	'instrument.iit': 'IIT',
	'instrument.eit': 'EIT',
	'channel.qr': 'QR code at a service point',
	'channel.link': 'Link',
	'channel.kiosk': 'Kiosk',
	'channel.paper': 'Paper',
	'reason.device_limit': 'One device answered more than allowed',
	'reason.address_limit': 'One network sent more than allowed in 10 minutes',
	'reason.too_fast': 'Answered faster than the least time',
	'reason.same_answer_burst':
		'Same extreme answer on every item, several in a row from one network',
	'reason.service_point_burst': 'Unusually many answers at the service point in 10 minutes'
};

/** The text of `key` in `lang`, `{name}` placeholders filled. */
export function trt(
	lang: Lang,
	key: TrustAdminKey,
	params: Record<string, string | number> = {}
): string {
	return (lang === 'en' ? en : th)[key].replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

/** A held reason's words; a reason this screen does not know is shown as its code. */
export function heldReasonText(lang: Lang, reason: string): string {
	const key = `reason.${reason}`;
	return key in th ? trt(lang, key as TrustAdminKey) : reason;
}

/** A channel's words (qr, link, kiosk, paper). */
export function channelText(lang: Lang, channel: string): string {
	const key = `channel.${channel}`;
	return key in th ? trt(lang, key as TrustAdminKey) : channel;
}

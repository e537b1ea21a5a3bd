/**
 * The Thai words of the survey's screens after the first (about you, the questions, the
 * review, the thank-you, the "already answered" screen): they come with those screens (src/lib/survey/components/steps.ts
 * adds them), which load while the respondent reads the intro — not with the first screen.
 * English has all of them in en.ts, which only those who choose English download.
 */
export const thLater = {
	'survey.intro.resume': 'ตอบต่อจากที่ค้างไว้',
	'survey.update.available': 'มีแอปรุ่นใหม่',
	'survey.update.apply': 'อัปเดตตอนนี้',
	'survey.access.missing': 'กรุณากรอกรหัสสำหรับบุคลากรก่อนเริ่มตอบ',
	'survey.progress': 'ข้อ {current} จาก {total}',
	'survey.nav.back': 'ย้อนกลับ',
	'survey.nav.next': 'ถัดไป',
	'survey.nav.review': 'ตรวจทานคำตอบ',
	'survey.about.title': 'ข้อมูลทั่วไปของผู้ตอบ',
	'survey.about.help': 'ไม่บังคับตอบ ใช้เพื่อสรุปผลในภาพรวมเท่านั้น',
	'survey.about.specify': 'โปรดระบุ',
	'survey.about.missing': 'กรุณาตอบ: {items}',
	'survey.question.variant': 'ท่านติดต่อขอรับบริการงานใด',
	'survey.question.variantMissing': 'กรุณาเลือกงานที่ท่านติดต่อก่อน',
	'survey.question.missing': 'ยังไม่ได้ตอบ: {items}',
	'survey.question.item': 'ประเด็นที่ {n}',
	'survey.review.title': 'ตรวจทานคำตอบก่อนส่ง',
	'survey.review.help': 'แตะ “แก้ไข” เพื่อเปลี่ยนคำตอบ',
	'survey.review.edit': 'แก้ไข',
	'survey.review.none': 'ไม่ได้ตอบ',
	'survey.review.send': 'ส่งคำตอบ',
	'survey.review.sending': 'กำลังบันทึก…',
	'survey.review.incomplete': 'ยังตอบไม่ครบ กรุณากลับไปตอบข้อที่ขาด',
	'survey.review.saveFailed': 'บันทึกคำตอบในเครื่องไม่สำเร็จ กรุณาลองอีกครั้ง',
	'survey.answered.title': 'เครื่องนี้ตอบแบบวัดของรอบนี้แล้ว',
	'survey.answered.when': 'ตอบไว้เมื่อ {day}',
	'survey.answered.again': 'ตอบแทนบุคคลอื่น',
	'survey.answered.noRepeat': 'รอบนี้ให้ตอบได้เครื่องละหนึ่งครั้ง',
	'survey.access.wrong': 'รหัสสำหรับบุคลากรไม่ถูกต้อง กรุณาตรวจสอบกับคณะทำงาน ITA ของหน่วยงาน',
	'survey.thanks.title': 'ขอบคุณที่ร่วมตอบแบบวัด',
	'survey.thanks.saved': 'คำตอบของท่านถูกบันทึกแล้ว',
	'survey.thanks.sent': 'ส่งถึงระบบเรียบร้อยแล้ว',
	'survey.thanks.queued': 'ยังไม่มีสัญญาณ คำตอบจะถูกส่งอัตโนมัติเมื่อเชื่อมต่อได้ ไม่ต้องตอบซ้ำ'
} as const;

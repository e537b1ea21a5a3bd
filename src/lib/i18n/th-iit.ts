/**
 * The Thai words of the IIT first screen's code field (./../survey/components/AccessCodeField.svelte,
 * which adds them): they come with the IIT page only, not with every phone's first screen
 * (most respondents answer the EIT, which asks for no code). English has them in en.ts.
 */
export const thIit = {
	'survey.access.label': 'รหัสสำหรับบุคลากร',
	'survey.access.help': 'ขอรหัสได้จากคณะทำงาน ITA ของหน่วยงาน',
	'survey.code.label': 'รหัสใช้ครั้งเดียว (จากใบรหัส)',
	'survey.code.help':
		'พิมพ์รหัสบนใบรหัสที่ได้รับจากคณะทำงาน ITA หรือสแกนคิวอาร์โค้ดบนใบรหัส รหัสหนึ่งใช้ตอบได้ครั้งเดียว และไม่เชื่อมโยงกับคำตอบของท่าน'
} as const;

export const th = {
	'app.name': 'ITA Collect',
	'app.lang.switch': 'English',
	'home.rounds.fiscalYear': 'ปีงบประมาณ พ.ศ. {year}',
	'survey.intro.title.eit': 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)',
	'survey.intro.title.iit': 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)',
	'survey.intro.what':
		'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ถามความเห็นของท่านต่อการทำงานของ{agency} เพื่อนำไปปรับปรุงการให้บริการ',
	'survey.intro.anonymous': 'ไม่ต้องระบุชื่อ คำตอบของท่านเป็นความลับ และไม่มีการบันทึกเวลาที่ตอบ',
	'survey.intro.minutes': 'ใช้เวลาประมาณ {minutes} นาที',
	'survey.intro.who': 'ผู้ตอบ: {audience}',
	'survey.intro.counter': 'จุดบริการ: {name}',
	'survey.intro.start': 'เริ่มตอบ',
	'survey.loading': 'กำลังโหลด…',
	'survey.reload': 'โหลดหน้าใหม่',
	'survey.offlineTooEarly':
		'ยังโหลดแบบวัดไม่ครบเพราะขาดการเชื่อมต่อ เมื่อเชื่อมต่อได้แล้วกรุณาโหลดหน้าใหม่ คำตอบที่ตอบไว้จะยังอยู่',
	'survey.progress.label': 'ความคืบหน้า',
	'survey.insecure':
		'หน้านี้ไม่ได้เปิดผ่านการเชื่อมต่อที่ปลอดภัย (https) จึงใช้งานแบบออฟไลน์ไม่ได้ และเก็บคำตอบไว้ในเครื่องนี้ขณะไม่มีสัญญาณไม่ได้ กรุณาตอบและกดส่งขณะมีสัญญาณอินเทอร์เน็ต',
	'status.link': 'สถานะการส่ง'
} as const;

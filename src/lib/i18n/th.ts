export const th = {
	'app.name': 'ITA Collect',
	'app.tagline':
		'เก็บแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) และภายนอก (EIT) และดูคะแนนการประเมินคุณธรรมและความโปร่งใส (ITA) ระหว่างเก็บข้อมูล',
	'app.lang.switch': 'English',
	'app.lang.label': 'เปลี่ยนภาษา',
	'home.rounds.title': 'รอบการประเมินที่เปิดอยู่',
	'home.rounds.empty': 'ยังไม่มีรอบการประเมินที่เปิดอยู่',
	'home.rounds.fiscalYear': 'ปีงบประมาณ พ.ศ. {year}',
	'home.rounds.closes': 'ปิดรับคำตอบ {day}',
	'home.rounds.answer': 'ตอบแบบวัด'
} as const;

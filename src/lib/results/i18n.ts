/**
 * The results' texts, Thai first, under `results.*` keys — loaded with the officers'
 * pages only, like src/lib/admin/i18n.ts. `{name}` placeholders; years in the Buddhist era.
 */
import type { Lang } from '../i18n/index.ts';

export const resultsTh = {
	'results.title': 'ผลการประเมิน',
	'results.heading': 'ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {year}',
	'results.link': 'ดูผลการประเมิน',
	'results.updated': 'ปรับปรุงล่าสุดเวลา {time}',
	'results.auto': '(ปรับปรุงเองทุก {seconds} วินาทีขณะเปิดหน้านี้)',
	'results.refresh': 'ปรับปรุงตอนนี้',
	'results.smallNote':
		'ช่องที่แสดง "< 5" คือกลุ่มที่มีผู้ตอบน้อยกว่า 5 คน (หรือเหลือผู้ตอบนอกกลุ่ม 1–4 คน) ระบบไม่แสดงคะแนนและร้อยละของกลุ่มนี้เพื่อไม่ให้ระบุตัวผู้ตอบได้',
	'results.contents': 'ในหน้านี้',

	'results.filter.title': 'กรองผลตามกลุ่มผู้ตอบ',
	'results.filter.help':
		'ใช้กับคะแนนและการกระจายคำตอบทุกส่วนในหน้านี้และไฟล์ที่ดาวน์โหลด (ความคืบหน้าและข้อที่ควรปรับปรุงแสดงทั้งรอบ)',
	'results.filter.all': 'ทั้งหมด',
	'results.filter.servicePoint': 'จุดบริการ',
	'results.filter.section': 'ฝ่ายที่ติดต่อ',
	'results.filter.channel': 'ช่องทาง',
	'results.filter.apply': 'กรองผล',
	'results.filter.clear': 'ล้างตัวกรอง',
	'results.filter.active': 'กำลังแสดงเฉพาะ: {what}',
	'results.filter.none': 'กำลังแสดงผู้ตอบทั้งหมด',

	'results.channel.qr': 'คิวอาร์โค้ดที่จุดบริการ',
	'results.channel.kiosk': 'แท็บเล็ตหน้าสำนักงาน (คีออสก์)',
	'results.channel.link': 'ลิงก์ (IIT และลิงก์ทั่วไป)',
	'results.channel.paper': 'แบบสอบถามกระดาษ (นำเข้า)',

	'results.progress.title': 'ความคืบหน้าการเก็บข้อมูล',
	'results.progress.respondents': 'จำนวนผู้ตอบเทียบกับเป้าหมาย',
	'results.progress.target': 'เป้าหมาย {n}',
	'results.progress.noTarget': 'ไม่ได้กำหนดเป้าหมาย',
	'results.progress.period': 'รับคำตอบ {from} ถึง {to}',
	'results.progress.daily': 'จำนวนผู้ตอบรายวัน',
	'results.progress.byChannel': 'จำนวนผู้ตอบตามช่องทาง',
	'results.progress.channelRow': '{channel}: {name}',
	'results.progress.onTrack':
		'{instrument}: ตามจังหวะปัจจุบันคาดว่าจะได้ {projected} คน ถึงเป้าหมาย {target} คนภายในวันปิดรับ',
	'results.progress.reached': '{instrument}: ได้ผู้ตอบ {n} คน ถึงเป้าหมาย {target} คนแล้ว',
	'results.progress.behind':
		'{instrument}: ตามจังหวะปัจจุบัน (วันละ {rate} คน) คาดว่าจะได้ {projected} คน ไม่ถึงเป้าหมาย {target} คนภายในวันปิดรับ ต้องได้อีก {needed} คนใน {days} วัน หรือวันละ {perDay} คน',
	'results.progress.closedShort': '{instrument}: ปิดรับแล้ว ได้ผู้ตอบ {n} คน ไม่ถึงเป้าหมาย {target} คน',
	'results.progress.warning': 'จังหวะการเก็บข้อมูลยังไม่ถึงเป้าหมาย',

	'results.scores.title': 'คะแนนและระดับผลการประเมิน',
	'results.scores.instrument': 'แบบวัด',
	'results.scores.score': 'คะแนน',
	'results.scores.weight': 'น้ำหนัก (ร้อยละ)',
	'results.scores.weighted': 'คะแนนถ่วงน้ำหนัก',
	'results.scores.respondents': 'ผู้ตอบ',
	'results.scores.total': 'คะแนนรวม',
	'results.scores.level': 'ระดับผลการประเมิน',
	'results.scores.noLevel': 'ยังไม่มีระดับ',
	'results.scores.levels': 'เกณฑ์ระดับผลการประเมินของกรอบนี้',
	'results.scores.levelRow': '{label}: ตั้งแต่ {min} คะแนน',
	'results.scores.levelCondition': 'และทุกแบบวัดได้อย่างน้อย {min} คะแนน',
	'results.scores.oitNote': 'คะแนน OIT มาจากคะแนนที่ผู้ประเมินบันทึกไว้ในหน้ารอบการประเมิน',

	'results.radar.title': 'คะแนนรายตัวชี้วัด (แผนภูมิใยแมงมุม)',
	'results.radar.axis': 'ตัวชี้วัดที่ {id}',

	'results.indicators.title': 'คะแนนรายตัวชี้วัดและตัวชี้วัดย่อย',
	'results.indicators.indicator': 'ตัวชี้วัด',
	'results.indicators.name': 'ชื่อ',

	'results.questions.title': 'ร้อยละของคำตอบและคะแนนรายข้อ',
	'results.questions.help':
		'แต่ละประเด็นย่อยแสดงร้อยละของผู้ตอบแต่ละตัวเลือกเป็นแถบสะสม คะแนนรายประเด็น และคะแนนรายข้อ (ค่าเฉลี่ยของประเด็นย่อย) เช่นเดียวกับตาราง 501 ของรายงานผล',
	'results.questions.item': 'ประเด็น',
	'results.questions.answers': 'ร้อยละของคำตอบ',
	'results.questions.itemScore': 'คะแนนประเด็น',
	'results.questions.questionScore': 'คะแนนข้อ {id}',
	'results.questions.n': 'ผู้ตอบ {n} คน',
	'results.questions.negative': '(ข้อคำถามเชิงลบ: ตอบ "{label}" ได้คะแนนเต็ม)',

	'results.weak.title': 'ประเด็นที่ควรปรับปรุงก่อน',
	'results.weak.help':
		'ประเด็นที่คะแนนต่ำกว่า {bar} (เกณฑ์ {threshold} หรือระดับสูงสุดของกรอบ {topBand} ถ้าต่ำกว่า) เรียงจากคะแนนต่ำสุด ของทั้งรอบการประเมิน',
	'results.weak.none': 'ไม่มีประเด็นที่คะแนนต่ำกว่า {bar}',
	'results.weak.ref': 'ข้อ',
	'results.weak.text': 'ประเด็น',
	'results.weak.score': 'คะแนน',
	'results.weak.gap': 'ห่างจาก {bar}',
	'results.weak.more': 'ต้องได้คำตอบระดับสูงสุดเพิ่มอีก',
	'results.weak.moreValue': '{n} คน',
	'results.weak.oit': 'OIT: ผู้ประเมินให้คะแนน',

	'results.respondents.title': 'ข้อมูลทั่วไปของผู้ตอบ',
	'results.respondents.help': 'จำนวนและร้อยละของผู้ตอบแต่ละแบบวัด ตามตาราง 503–511 ของรายงานผล',
	'results.respondents.option': 'รายการ',
	'results.respondents.count': 'จำนวน (คน)',
	'results.respondents.percent': 'ร้อยละ',
	'results.respondents.total': 'รวม',
	'results.respondents.tableOf': '{instrument}: {question}',

	'results.instrument.iit': 'IIT ผู้มีส่วนได้ส่วนเสียภายใน',
	'results.instrument.eit': 'EIT ผู้มีส่วนได้ส่วนเสียภายนอก',
	'results.instrument.oit': 'OIT การเปิดเผยข้อมูลสาธารณะ',

	'results.export.title': 'ดาวน์โหลด',
	'results.export.help': 'ไฟล์ใช้ตัวกรองเดียวกับหน้านี้ ไฟล์คำตอบรายคนไม่มีข้อมูลระบุตัวตนและมีเฉพาะวันที่ (ไม่มีเวลา)',
	'results.export.aggregatesCsv': 'ผลรวมรายข้อ (CSV)',
	'results.export.aggregatesXlsx': 'ผลรวมรายข้อ (Excel)',
	'results.export.responsesCsv': 'คำตอบรายคน (CSV)',

	'results.col.instrument': 'แบบวัด',
	'results.col.indicator': 'ตัวชี้วัด',
	'results.col.subIndicator': 'ตัวชี้วัดย่อย',
	'results.col.question': 'ข้อ',
	'results.col.item': 'ประเด็น',
	'results.col.kind': 'ระดับ',
	'results.col.text': 'ข้อความ',
	'results.col.n': 'จำนวนผู้ตอบ',
	'results.col.score': 'คะแนน',
	'results.col.option': 'ร้อยละตอบ "{label}"',
	'results.col.day': 'วันที่',
	'results.col.channel': 'ช่องทาง',
	'results.col.servicePoint': 'จุดบริการ',
	'results.col.number': 'ลำดับ',
	'results.col.filter': 'ตัวกรอง',
	'results.kind.instrument': 'แบบวัด',
	'results.kind.indicator': 'ตัวชี้วัด',
	'results.kind.question': 'ข้อ',
	'results.kind.item': 'ประเด็น',
	'results.kind.total': 'คะแนนรวม',
	'results.kind.level': 'ระดับ',
	'results.sheet.scores': 'คะแนน',
	'results.sheet.items': 'รายข้อ',
	'results.sheet.respondents': 'ผู้ตอบ'
};

export type ResultsKey = keyof typeof resultsTh;

export const resultsEn: Record<ResultsKey, string> = {
	'results.title': 'Results',
	'results.heading': 'ITA results, fiscal year {year} BE',
	'results.link': 'See the results',
	'results.updated': 'Last updated at {time}',
	'results.auto': '(updates itself every {seconds} seconds while open)',
	'results.refresh': 'Update now',
	'results.smallNote':
		'"< 5" marks a group of fewer than 5 respondents (or one that leaves 1–4 outside it): its scores and percentages are not shown, so that nobody can be recognised.',
	'results.contents': 'On this page',

	'results.filter.title': 'Filter by group of respondents',
	'results.filter.help':
		'Applies to every score and answer distribution on this page and in the downloads (progress and the weakest items are for the whole round).',
	'results.filter.all': 'All',
	'results.filter.servicePoint': 'Service point',
	'results.filter.section': 'Section contacted',
	'results.filter.channel': 'Channel',
	'results.filter.apply': 'Filter',
	'results.filter.clear': 'Clear the filter',
	'results.filter.active': 'Showing only: {what}',
	'results.filter.none': 'Showing every respondent',

	'results.channel.qr': 'QR code at a service point',
	'results.channel.kiosk': 'Kiosk tablet',
	'results.channel.link': 'Link (IIT and general link)',
	'results.channel.paper': 'Paper (imported)',

	'results.progress.title': 'Collection progress',
	'results.progress.respondents': 'Respondents against the targets',
	'results.progress.target': 'target {n}',
	'results.progress.noTarget': 'no target set',
	'results.progress.period': 'Collecting from {from} to {to}',
	'results.progress.daily': 'Respondents per day',
	'results.progress.byChannel': 'Respondents by channel',
	'results.progress.channelRow': '{channel}: {name}',
	'results.progress.onTrack':
		'{instrument}: at the current pace about {projected} by the close date, reaching the target of {target}',
	'results.progress.reached': '{instrument}: {n} respondents, the target of {target} is reached',
	'results.progress.behind':
		'{instrument}: at the current pace ({rate} a day) about {projected} by the close date, short of the target of {target}; {needed} more are needed in {days} days, {perDay} a day',
	'results.progress.closedShort':
		'{instrument}: closed with {n} respondents, short of the target of {target}',
	'results.progress.warning': 'Collection is not on pace to reach the target',

	'results.scores.title': 'Scores and level',
	'results.scores.instrument': 'Instrument',
	'results.scores.score': 'Score',
	'results.scores.weight': 'Weight (%)',
	'results.scores.weighted': 'Weighted score',
	'results.scores.respondents': 'Respondents',
	'results.scores.total': 'Total',
	'results.scores.level': 'Level',
	'results.scores.noLevel': 'No level yet',
	'results.scores.levels': 'The levels of this framework',
	'results.scores.levelRow': '{label}: from {min}',
	'results.scores.levelCondition': 'and every instrument at least {min}',
	'results.scores.oitNote':
		'The OIT score comes from the assessor’s scores entered on the round’s page.',

	'results.radar.title': 'Scores per indicator (radar chart)',
	'results.radar.axis': 'Indicator {id}',

	'results.indicators.title': 'Scores per indicator and sub-indicator',
	'results.indicators.indicator': 'Indicator',
	'results.indicators.name': 'Name',

	'results.questions.title': 'Answers and scores per question',
	'results.questions.help':
		'For each item: the percentage of respondents choosing each answer as a stacked bar, the item’s score, and the question’s score (the mean of its items), as table 501 of the report prints them.',
	'results.questions.item': 'Item',
	'results.questions.answers': 'Answers (%)',
	'results.questions.itemScore': 'Item score',
	'results.questions.questionScore': 'Score of {id}',
	'results.questions.n': '{n} respondents',
	'results.questions.negative': '(negative statement: "{label}" earns full marks)',

	'results.weak.title': 'The weakest items first',
	'results.weak.help':
		'Items scoring below {bar} (the threshold {threshold}, or the framework’s top band {topBand} if lower), lowest first, over the whole round.',
	'results.weak.none': 'No item scores below {bar}.',
	'results.weak.ref': 'Item',
	'results.weak.text': 'Text',
	'results.weak.score': 'Score',
	'results.weak.gap': 'Gap to {bar}',
	'results.weak.more': 'Further top answers needed',
	'results.weak.moreValue': '{n}',
	'results.weak.oit': 'OIT: scored by the assessor',

	'results.respondents.title': 'Who answered',
	'results.respondents.help':
		'Respondents of each instrument, counts and percentages, as tables 503–511 of the report.',
	'results.respondents.option': 'Answer',
	'results.respondents.count': 'Count',
	'results.respondents.percent': 'Percent',
	'results.respondents.total': 'Total',
	'results.respondents.tableOf': '{instrument}: {question}',

	'results.instrument.iit': 'IIT internal stakeholders',
	'results.instrument.eit': 'EIT external stakeholders',
	'results.instrument.oit': 'OIT open data',

	'results.export.title': 'Downloads',
	'results.export.help':
		'The files use this page’s filter. The responses file has no identifying fields and days only, no times.',
	'results.export.aggregatesCsv': 'Aggregates (CSV)',
	'results.export.aggregatesXlsx': 'Aggregates (Excel)',
	'results.export.responsesCsv': 'Responses (CSV)',

	'results.col.instrument': 'Instrument',
	'results.col.indicator': 'Indicator',
	'results.col.subIndicator': 'Sub-indicator',
	'results.col.question': 'Question',
	'results.col.item': 'Item',
	'results.col.kind': 'Level',
	'results.col.text': 'Text',
	'results.col.n': 'Respondents',
	'results.col.score': 'Score',
	'results.col.option': '% answering "{label}"',
	'results.col.day': 'Day',
	'results.col.channel': 'Channel',
	'results.col.servicePoint': 'Service point',
	'results.col.number': 'No.',
	'results.col.filter': 'Filter',
	'results.kind.instrument': 'Instrument',
	'results.kind.indicator': 'Indicator',
	'results.kind.question': 'Question',
	'results.kind.item': 'Item',
	'results.kind.total': 'Total',
	'results.kind.level': 'Level',
	'results.sheet.scores': 'Scores',
	'results.sheet.items': 'Items',
	'results.sheet.respondents': 'Respondents'
};

const dictionaries: Record<Lang, Record<ResultsKey, string>> = { th: resultsTh, en: resultsEn };

/** The results' text of `key` in `lang`, with `{name}` placeholders filled in. */
export function rt(
	lang: Lang,
	key: ResultsKey,
	params: Record<string, string | number> = {}
): string {
	return dictionaries[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

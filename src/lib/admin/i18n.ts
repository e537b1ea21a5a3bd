/**
 * The officers' screens' texts, Thai first, under `admin.*` keys.
 *
 * Kept apart from src/lib/i18n/th.ts on purpose: the Thai dictionary there is in every
 * respondent's first download (it is not split per page), and these ~170 Thai texts would
 * add about 4 KiB of gzip to a phone's first screen for words no respondent sees. Here
 * they load only with the admin pages. Same rules as the shared dictionary: `{name}`
 * placeholders, Buddhist-era years, `t()` from $lib/i18n for the shared words.
 */
import type { Lang } from '../i18n/index.ts';

export const adminTh = {
	'admin.app.title': 'ITA Collect · สำหรับเจ้าหน้าที่',
	'admin.nav.home': 'หน่วยงาน',
	'admin.nav.skip': 'ข้ามไปยังเนื้อหา',
	'admin.nav.signedInAs': 'เข้าสู่ระบบในชื่อ {email}',
	'admin.nav.role.officer': 'เจ้าหน้าที่หน่วยงาน',
	'admin.nav.role.central': 'ผู้ดูแลระบบส่วนกลาง',
	'admin.nav.signOut': 'ออกจากระบบ',
	'admin.nav.breadcrumb': 'ตำแหน่งของหน้านี้',

	'admin.login.title': 'เข้าสู่ระบบสำหรับเจ้าหน้าที่',
	'admin.login.intro': 'สำหรับคณะทำงาน ITA ของหน่วยงานและผู้ดูแลระบบส่วนกลาง ผู้ตอบแบบวัดไม่ต้องเข้าสู่ระบบ',
	'admin.login.email': 'อีเมล',
	'admin.login.password': 'รหัสผ่าน',
	'admin.login.submit': 'เข้าสู่ระบบ',
	'admin.login.expired': 'หมดเวลาการใช้งาน (เซสชันหมดอายุ) กรุณาเข้าสู่ระบบอีกครั้ง',
	'admin.login.signedOut': 'ออกจากระบบแล้ว',
	'admin.login.noAccount': 'ยังไม่มีบัญชี? ผู้ดูแลระบบสร้างบัญชีให้ได้ด้วยคำสั่ง npm run ita -- user add',

	'admin.setup.title': 'ตั้งค่าครั้งแรก: สร้างบัญชีผู้ดูแลระบบส่วนกลาง',
	'admin.setup.intro':
		'เซิร์ฟเวอร์นี้ยังไม่มีบัญชีผู้ใช้ บัญชีแรกเป็นผู้ดูแลระบบส่วนกลาง ซึ่งจัดการได้ทุกหน่วยงาน หน้านี้จะไม่แสดงอีกเมื่อมีบัญชีแล้ว',
	'admin.setup.token': 'รหัสตั้งค่าครั้งแรก',
	'admin.setup.tokenHelp':
		'รหัสนี้แสดงในหน้าจอของเครื่องแม่ข่ายเมื่อเริ่มระบบครั้งแรก (npm start) และอยู่ในไฟล์ setup-token ในโฟลเดอร์ข้อมูล เฉพาะผู้ดูแลเครื่องแม่ข่ายเท่านั้นที่เห็นได้',
	'admin.setup.tokenWrong':
		'รหัสตั้งค่าครั้งแรกไม่ถูกต้อง ดูรหัสที่ถูกต้องในหน้าจอของเครื่องแม่ข่าย หรือในไฟล์ setup-token ในโฟลเดอร์ข้อมูล',
	'admin.insecure':
		'หน้านี้เปิดผ่าน http ซึ่งไม่เข้ารหัส รหัสผ่านและข้อมูลอาจถูกดักอ่านได้ระหว่างทาง ให้ผู้ดูแลระบบเปิดใช้ https (ดูหัวข้อ "Go live" ใน README) แล้วเข้าใช้ที่ที่อยู่ https ของสำนักงาน',
	'admin.links.private':
		'ลิงก์และคิวอาร์โค้ดในหน้านี้ชี้ไปที่ {origin} ซึ่งโทรศัพท์ที่ใช้อินเทอร์เน็ตมือถือเข้าถึงไม่ได้ ให้ผู้ดูแลระบบตั้งค่า ITA_PUBLIC_URL เป็นที่อยู่ https สาธารณะของสำนักงานก่อนพิมพ์หรือแจกลิงก์',
	'admin.posters.privateTitle': 'ยังไม่พิมพ์: คิวอาร์โค้ดจะชี้ไปที่ที่อยู่ภายใน',
	'admin.posters.privateBody':
		'คิวอาร์โค้ดบนโปสเตอร์จะพาไปที่ {origin} ซึ่งใช้ได้เฉพาะในเครือข่ายของสำนักงาน ประชาชนที่สแกนด้วยอินเทอร์เน็ตมือถือจะเปิดไม่ได้ ให้ผู้ดูแลระบบตั้งค่า ITA_PUBLIC_URL เป็นที่อยู่ https สาธารณะ แล้วเปิดหน้านี้อีกครั้ง',
	'admin.posters.privateConfirm': 'เข้าใจแล้ว พิมพ์ด้วยที่อยู่ภายในนี้ ({origin})',
	'admin.setup.passwordHelp': 'อย่างน้อย {min} ตัวอักษร ใช้เป็นวลีที่จำง่ายได้',
	'admin.setup.password2': 'ยืนยันรหัสผ่าน',
	'admin.setup.mismatch': 'รหัสผ่านทั้งสองช่องไม่ตรงกัน',
	'admin.setup.submit': 'สร้างบัญชีและเข้าสู่ระบบ',
	'admin.setup.officers':
		'บัญชีของเจ้าหน้าที่แต่ละเขตสร้างด้วยคำสั่ง npm run ita -- user add --role officer --agency <รหัสเขต>',

	'admin.logout.title': 'ออกจากระบบ',

	'admin.agencies.title': 'หน่วยงาน',
	'admin.agencies.intro': 'เลือกหน่วยงานเพื่อจัดการฝ่าย จุดบริการ และรอบการประเมิน',
	'admin.agencies.filter': 'ค้นหาหน่วยงาน',
	'admin.agencies.counts': 'ฝ่าย {sections} · จุดบริการ {servicePoints} · รอบการประเมิน {rounds}',
	'admin.agencies.empty': 'ไม่มีหน่วยงานที่ท่านจัดการได้',

	'admin.form.save': 'บันทึก',
	'admin.form.delete': 'ลบ',
	'admin.form.saved': 'บันทึกแล้ว',
	'admin.form.deleted': 'ลบแล้ว',
	'admin.form.actions': 'จัดการ',
	'admin.form.optional': '(ไม่บังคับ)',
	'admin.form.code': 'รหัส',
	'admin.form.codeHelp':
		'อักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (-) เช่น registration-1 ใช้ในลิงก์และคิวอาร์โค้ด เปลี่ยนภายหลังไม่ได้',
	'admin.form.nameTh': 'ชื่อภาษาไทย',
	'admin.form.nameEn': 'ชื่อภาษาอังกฤษ (ไม่บังคับ)',
	'admin.form.fieldOf': '{field} ของ {name}',
	'admin.form.wholeNumber': 'กรุณากรอกเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป',
	'admin.form.day': 'กรุณาเลือกวันที่',

	'admin.sections.title': 'ฝ่ายและโรงเรียน',
	'admin.sections.help': 'ฝ่ายที่ยังมีจุดบริการอยู่ลบไม่ได้ ให้ย้ายหรือลบจุดบริการก่อน',
	'admin.sections.kind': 'ประเภท',
	'admin.sections.kind.section': 'ฝ่าย',
	'admin.sections.kind.school': 'โรงเรียน',
	'admin.sections.kind.other': 'อื่น ๆ',
	'admin.sections.points': 'จุดบริการ',
	'admin.sections.add': 'เพิ่มฝ่ายหรือโรงเรียน',
	'admin.sections.empty': 'ยังไม่มีฝ่าย',

	'admin.servicePoints.title': 'จุดบริการ',
	'admin.servicePoints.help':
		'เคาน์เตอร์หรือโต๊ะที่ให้บริการประชาชน แต่ละจุดมีคิวอาร์โค้ดของตนเอง คำตอบ EIT บันทึกว่ามาจากจุดใด จุดที่มีผู้ตอบมากผ่าน Wi-Fi เดียวกัน เพิ่มขีดจำกัดต่อ 10 นาทีได้ในหน้ารอบการประเมิน (ความน่าเชื่อถือของคำตอบ)',
	'admin.servicePoints.section': 'ฝ่าย',
	'admin.servicePoints.noSection': '— ไม่ระบุฝ่าย —',
	'admin.servicePoints.add': 'เพิ่มจุดบริการ',
	'admin.servicePoints.empty': 'ยังไม่มีจุดบริการ',

	'admin.rounds.title': 'รอบการประเมิน',
	'admin.rounds.new': 'สร้างรอบการประเมินใหม่',
	'admin.rounds.empty': 'ยังไม่มีรอบการประเมิน',

	'admin.round.code': 'รหัสรอบ',
	'admin.round.codeHelp':
		'ใช้ในลิงก์ของผู้ตอบ ต้องไม่ซ้ำกับหน่วยงานอื่น เช่น รหัสเขตตามด้วยปี พ.ศ. อักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (-)',
	'admin.round.framework': 'ชุดแบบวัด',
	'admin.round.fiscalYear': 'ปีงบประมาณ (พ.ศ.)',
	'admin.round.fiscalYearValue': 'ปีงบประมาณ พ.ศ. {year}',
	'admin.round.opensOn': 'วันเปิดรับคำตอบ',
	'admin.round.closesOn': 'วันปิดรับคำตอบ',
	'admin.round.period': 'ช่วงรับคำตอบ',
	'admin.round.periodValue': '{from} ถึง {to}',
	'admin.round.dayIs': 'ตรงกับ {day}',
	'admin.round.accessCode': 'รหัสสำหรับบุคลากร (IIT)',
	'admin.round.accessCodeHelp':
		'รหัสเดียวใช้ร่วมกันทั้งรอบ 4–64 ตัวอักษร เว้นว่างเพื่อใช้รหัสใช้ครั้งเดียว (พิมพ์เป็นใบรหัสแจกคนละใบ ซึ่งน่าเชื่อถือกว่า)',
	'admin.round.targetStaff': 'จำนวนบุคลากรที่ปฏิบัติงานมาแล้วอย่างน้อย 1 ปี',
	'admin.round.minIit': 'จำนวนผู้ตอบ IIT ขั้นต่ำ',
	'admin.round.minEit': 'จำนวนผู้ตอบ EIT ขั้นต่ำ',
	'admin.round.minHelp': 'เอกสาร ITA ของกรุงเทพมหานคร ปีงบประมาณ พ.ศ. 2566 กำหนดอย่างน้อยแบบละ 400 ราย',
	'admin.round.allowRepeat':
		'ให้เครื่องเดียวตอบได้มากกว่าหนึ่งครั้ง (เช่น แท็บเล็ตที่จุดบริการ หรือตอบแทนผู้ไม่มีโทรศัพท์)',
	'admin.round.initialStatus': 'เมื่อสร้างแล้ว',
	'admin.round.status': 'สถานะ',
	'admin.round.status.draft': 'ร่าง (ผู้ตอบยังไม่เห็น)',
	'admin.round.status.open': 'เปิดรับคำตอบ',
	'admin.round.status.closed': 'ปิดรับคำตอบแล้ว',
	'admin.round.respondents': 'ผู้ตอบ',
	'admin.round.respondentsValue': 'IIT {iit} จากขั้นต่ำ {minIit} · EIT {eit} จากขั้นต่ำ {minEit}',
	'admin.round.yearMissing': 'กรุณากรอกปีงบประมาณ (พ.ศ.)',
	'admin.round.yearInvalid': 'ปีงบประมาณเป็นปี พ.ศ. 4 หลัก เช่น 2570',
	'admin.round.yearGregorian': '{ce} เป็นปี ค.ศ. กรุณากรอกเป็นปี พ.ศ. ({be})',
	'admin.round.new.title': 'สร้างรอบการประเมินใหม่',
	'admin.round.create': 'สร้างรอบการประเมิน',
	'admin.round.created':
		'สร้างรอบการประเมินแล้ว ขั้นต่อไป: พิมพ์โปสเตอร์คิวอาร์โค้ดไปติดที่จุดบริการ และส่งลิงก์ IIT ให้บุคลากร',
	'admin.round.title': 'รอบการประเมิน {code}',
	'admin.round.settings': 'การตั้งค่ารอบ',
	'admin.round.statusTitle': 'เปิดหรือปิดรับคำตอบ',
	'admin.round.open': 'เปิดรับคำตอบ',
	'admin.round.close': 'ปิดรับคำตอบ',
	'admin.round.toDraft': 'กลับเป็นร่าง',
	'admin.round.statusChanged': 'เปลี่ยนสถานะแล้ว',
	'admin.round.delete': 'ลบรอบนี้',
	'admin.round.deleteHelp': 'ลบได้เฉพาะรอบที่ยังไม่มีผู้ตอบ (เช่น สร้างผิด) รอบที่มีผู้ตอบแล้วให้ปิดแทน',

	'admin.links.title': 'ลิงก์และคิวอาร์โค้ด',
	'admin.links.eit': 'EIT: ผู้มาติดต่อ แยกตามจุดบริการ',
	'admin.links.iit': 'IIT: บุคลากรของหน่วยงาน',
	'admin.links.includeCode': 'ใส่รหัสสำหรับบุคลากรไว้ในลิงก์ (ใครได้ลิงก์ก็ตอบได้)',
	'admin.links.link': 'ลิงก์',
	'admin.links.copy': 'คัดลอกลิงก์',
	'admin.links.copied': 'คัดลอกลิงก์แล้ว',
	'admin.links.copyFailed': 'คัดลอกอัตโนมัติไม่ได้ ลิงก์ถูกเลือกไว้แล้ว กด Ctrl+C เพื่อคัดลอก',
	'admin.links.svg': 'ดาวน์โหลด SVG',
	'admin.links.png': 'ดาวน์โหลด PNG',
	'admin.links.line': 'แชร์ทาง LINE',
	'admin.links.poster': 'โปสเตอร์ A4',
	'admin.links.qrOf': 'คิวอาร์โค้ดของ {name}',
	'admin.links.linkOf': 'ลิงก์ของ {name}',
	'admin.links.staff': 'บุคลากร (IIT)',
	'admin.links.noServicePoints': 'ยังไม่มีจุดบริการ เพิ่มได้ที่หน้าหน่วยงาน',
	'admin.links.notOpen': 'รอบนี้ยังไม่เปิดรับคำตอบ ผู้ที่สแกนคิวอาร์โค้ดจะยังตอบไม่ได้',
	'admin.line.eit':
		'ขอเชิญผู้มาติดต่อ{agency} ({counter}) ตอบแบบวัดความคิดเห็นต่อการให้บริการ (ITA · EIT) ไม่ต้องระบุชื่อ คำตอบเป็นความลับ',
	'admin.line.iit':
		'ขอเชิญบุคลากร{agency}ตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (ITA · IIT) ปีงบประมาณ พ.ศ. {year} ไม่ต้องระบุชื่อ คำตอบเป็นความลับ',

	'admin.posters.title': 'โปสเตอร์คิวอาร์โค้ด',
	'admin.posters.printAll': 'พิมพ์ทั้งหมด',
	'admin.posters.a4': 'โปสเตอร์ A4',
	'admin.posters.a5': 'ป้ายตั้งโต๊ะ A5 (พับครึ่งจากกระดาษ A4)',
	'admin.posters.print': 'พิมพ์',
	'admin.posters.back': 'กลับไปหน้ารอบการประเมิน',
	'admin.posters.help':
		'ตั้งค่าเครื่องพิมพ์: กระดาษ A4, ขนาดจริง (100%) และพิมพ์กราฟิกพื้นหลัง หนึ่งหน้าต่อหนึ่งจุดบริการ',
	'admin.posters.count': '{n} หน้า',
	'admin.poster.call': 'สแกนเพื่อบอกเราว่าบริการวันนี้เป็นอย่างไร',
	'admin.poster.survey': 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)',
	'admin.poster.ita':
		'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ปีงบประมาณ พ.ศ. {year}',
	'admin.poster.counter': 'จุดบริการ: {name}',
	'admin.poster.anonymous': 'ไม่ต้องระบุชื่อ คำตอบเป็นความลับ',
	'admin.poster.orOpen': 'หรือเปิดลิงก์',
	'admin.poster.fold': 'พับตามเส้นประ',

	'admin.oit.title': 'คะแนน OIT และหลักฐาน',
	'admin.oit.help':
		'กรอกคะแนนรายข้อตามผลของผู้ประเมิน (0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง) และที่อยู่เว็บ (URL) ที่ส่งเป็นหลักฐาน ข้อที่ยังไม่มีคะแนนเว้นว่างไว้ได้ ลบคะแนนที่บันทึกแล้วได้โดยลบตัวเลขออก ทั้งตารางบันทึกพร้อมกัน',
	'admin.oit.item': 'ข้อ',
	'admin.oit.text': 'ประเด็นการประเมิน',
	'admin.oit.score': 'คะแนน',
	'admin.oit.evidence': 'URL หลักฐาน',
	'admin.oit.fieldOf': '{field} ข้อ {item}',
	'admin.oit.save': 'บันทึกคะแนน OIT',
	'admin.oit.saved': 'บันทึกคะแนน OIT แล้ว',
	'admin.oit.scoreInvalid': 'ข้อ {item}: คะแนนต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง',
	'admin.oit.urlInvalid':
		'ข้อ {item}: URL หลักฐานต้องเป็นที่อยู่เว็บเดียว ขึ้นต้นด้วย https:// (หรือ http://) ไม่มีช่องว่าง',
	'admin.oit.empty': 'ชุดแบบวัดนี้ไม่มีข้อ OIT',

	'admin.nav.accounts': 'บัญชีผู้ใช้',
	'admin.accounts.title': 'บัญชีผู้ใช้',
	'admin.accounts.intro':
		'บัญชีของเจ้าหน้าที่หน่วยงาน (จัดการได้เฉพาะหน่วยงานของตน) และผู้ดูแลระบบส่วนกลาง (จัดการได้ทุกหน่วยงาน)',
	'admin.accounts.email': 'อีเมล',
	'admin.accounts.role': 'บทบาท',
	'admin.accounts.agency': 'หน่วยงาน',
	'admin.accounts.lastLogin': 'เข้าสู่ระบบล่าสุด',
	'admin.accounts.never': 'ยังไม่เคย',
	'admin.accounts.locked': 'ระงับการเข้าสู่ระบบถึง {time}',
	'admin.accounts.you': '(บัญชีของท่าน)',
	'admin.accounts.add': 'เพิ่มบัญชี',
	'admin.accounts.password': 'รหัสผ่าน',
	'admin.accounts.passwordHelp': 'อย่างน้อย {min} ตัวอักษร แจ้งรหัสผ่านแก่เจ้าของบัญชีทางช่องทางที่ปลอดภัย',
	'admin.accounts.noAgency': '— ไม่มี (ผู้ดูแลระบบส่วนกลาง) —',
	'admin.accounts.added': 'เพิ่มบัญชี {email} แล้ว',
	'admin.accounts.newPassword': 'รหัสผ่านใหม่',
	'admin.accounts.reset': 'ตั้งรหัสผ่านใหม่',
	'admin.accounts.wasReset': 'ตั้งรหัสผ่านใหม่ของ {email} แล้ว',
	'admin.accounts.remove': 'ลบบัญชี',
	'admin.accounts.removed': 'ลบบัญชี {email} แล้ว',
	'admin.accounts.confirmRemove': 'ยืนยันการลบบัญชี {email}',
	'admin.accounts.pause': 'ระงับบัญชีชั่วคราว',
	'admin.accounts.resume': 'เปิดใช้บัญชีอีกครั้ง',
	'admin.accounts.paused': 'ระงับบัญชีตั้งแต่ {time}',
	'admin.accounts.wasPaused':
		'ระงับบัญชี {email} แล้ว เข้าสู่ระบบไม่ได้และที่เข้าสู่ระบบอยู่ถูกออกจากระบบ จนกว่าจะเปิดใช้อีกครั้ง',
	'admin.accounts.wasResumed': 'เปิดใช้บัญชี {email} อีกครั้งแล้ว เข้าสู่ระบบด้วยรหัสผ่านเดิมได้',
	'admin.accounts.error.email': 'กรุณากรอกอีเมล เช่น somchai@bangrak.go.th',
	'admin.accounts.error.passwordShort': 'รหัสผ่านต้องยาวอย่างน้อย {min} ตัวอักษร',
	'admin.accounts.error.passwordLong': 'รหัสผ่านยาวได้ไม่เกิน {max} ตัวอักษร',
	'admin.accounts.error.role': 'กรุณาเลือกบทบาท',
	'admin.accounts.error.agencyRequired': 'เจ้าหน้าที่หน่วยงานต้องสังกัดหน่วยงาน กรุณาเลือกหน่วยงาน',
	'admin.accounts.error.agencyNotAllowed':
		'ผู้ดูแลระบบส่วนกลางจัดการได้ทุกหน่วยงาน ไม่สังกัดหน่วยงานใด กรุณาเลือก “ไม่มี”',
	'admin.accounts.error.agencyUnknown': 'ไม่พบหน่วยงานนี้',
	'admin.accounts.error.emailTaken': 'อีเมลนี้มีบัญชีอยู่แล้ว',
	'admin.accounts.supabase':
		'เซิร์ฟเวอร์นี้ใช้ Supabase Auth บัญชีผู้ใช้จึงอยู่ในโครงการ Supabase การดูหรือสร้างบัญชีต้องใช้ service key ซึ่งเซิร์ฟเวอร์นี้ไม่ได้เก็บไว้',
	'admin.accounts.supabaseHow':
		'สร้างบัญชีด้วยคำสั่ง npm run ita -- user add (ตั้งค่า PUBLIC_SUPABASE_URL และ SUPABASE_SERVICE_ROLE_KEY) หรือในหน้า Authentication ของ Supabase แล้วกำหนด app_metadata เป็น {"ita_role": "officer", "agency_id": "<รหัสด้านล่าง>"} หรือ {"ita_role": "central"}',
	'admin.accounts.agencyIds': 'agency_id ของแต่ละหน่วยงาน',
	'admin.accounts.agencyId': 'agency_id',

	'admin.error.duplicate': 'รหัสนี้มีอยู่แล้ว',
	'admin.error.invalid': 'ข้อมูลยังไม่ถูกต้อง',
	'admin.error.notFound': 'ไม่พบรายการนี้ หรือท่านไม่มีสิทธิ์จัดการ',
	'admin.error.inUse': 'รายการนี้ยังมีข้อมูลอื่นใช้อยู่',
	'admin.error.hasResponses': 'รอบนี้มีผู้ตอบแล้ว',
	'admin.error.forbidden': 'ท่านไม่มีสิทธิ์ทำรายการนี้',
	'admin.error.other': 'บันทึกไม่สำเร็จ',
	'admin.error.nothingChanged': 'ยังไม่มีการเปลี่ยนแปลงใดถูกบันทึก แก้ไขแล้วลองอีกครั้ง',
	'admin.error.summary': 'พบ {n} รายการที่ต้องแก้ไข',
	'admin.error.page': 'ไม่พบหน้านี้ หรือท่านไม่มีสิทธิ์เปิด',
	'admin.error.back': 'กลับไปหน้าหน่วยงาน',

	'admin.kiosks.title': 'เครื่องคีออสก์',
	'admin.kiosks.link': 'เครื่องคีออสก์ (แท็บเล็ตหน้าสำนักงาน)',
	'admin.kiosks.help':
		'แท็บเล็ตที่ตั้งไว้หน้าสำนักงานให้ผู้มาติดต่อตอบแบบวัด EIT ทีละคน ทำงานได้แม้ไม่มีอินเทอร์เน็ต เพิ่มเครื่องแล้วเปิด /kiosk บนแท็บเล็ต แล้วกรอกรหัสลงทะเบียนหรือสแกนคิวอาร์โค้ด',
	'admin.kiosks.add': 'เพิ่มเครื่องคีออสก์',
	'admin.kiosks.name': 'ชื่อเครื่อง',
	'admin.kiosks.nameHelp': 'เช่น แท็บเล็ตหน้าสำนักงาน',
	'admin.kiosks.pin': 'รหัส PIN สำหรับออกจากหน้าคีออสก์',
	'admin.kiosks.pinHelp': 'ตัวเลข 4–8 หลัก สำหรับเจ้าหน้าที่เข้าสู่การตั้งค่าของเครื่อง',
	'admin.kiosks.minInterval': 'ระยะห่างขั้นต่ำระหว่างคำตอบ (วินาที)',
	'admin.kiosks.minIntervalHelp': 'คำตอบที่มาเร็วกว่านี้จากเครื่องเดียวกันจะไม่ถูกนับ และแจ้งให้ตรวจสอบ',
	'admin.kiosks.idle': 'เริ่มใหม่เมื่อไม่มีการใช้งาน (วินาที)',
	'admin.kiosks.idleHelp': 'เมื่อผู้ตอบเดินจากไป คำตอบที่ค้างจะถูกลบหลังเวลานี้และนับถอยหลังอีก 20 วินาที',
	'admin.kiosks.added': 'เพิ่มเครื่อง {name} แล้ว',
	'admin.kiosks.code': 'รหัสลงทะเบียน',
	'admin.kiosks.codeHelp':
		'ใช้ได้ครั้งเดียว ภายใน {day} และแสดงเพียงครั้งนี้ กรอกรหัสที่ /kiosk บนแท็บเล็ต หรือสแกนคิวอาร์โค้ดนี้ด้วยแท็บเล็ต',
	'admin.kiosks.qrAlt': 'คิวอาร์โค้ดสำหรับลงทะเบียนเครื่อง {name}',
	'admin.kiosks.empty': 'ยังไม่มีเครื่องคีออสก์',
	'admin.kiosks.state': 'สถานะ',
	'admin.kiosks.state.waiting': 'รอลงทะเบียน',
	'admin.kiosks.state.active': 'ใช้งาน',
	'admin.kiosks.state.revoked': 'ยกเลิกแล้ว',
	'admin.kiosks.lastContact': 'ติดต่อล่าสุด',
	'admin.kiosks.never': 'ยังไม่เคย',
	'admin.kiosks.queued': 'รอส่ง',
	'admin.kiosks.responses': 'คำตอบที่รับแล้ว',
	'admin.kiosks.flags': 'รายการที่ต้องตรวจสอบ',
	'admin.kiosks.noFlags': 'ไม่มี',
	'admin.kiosks.rename': 'เปลี่ยนชื่อ',
	'admin.kiosks.renamed': 'เปลี่ยนชื่อแล้ว',
	'admin.kiosks.revoke': 'ยกเลิกเครื่องนี้',
	'admin.kiosks.revokeHelp': 'เครื่องที่ยกเลิกจะไม่รับคำตอบใหม่ คำตอบที่เก็บไว้ก่อนยกเลิกยังส่งเข้าระบบได้',
	'admin.kiosks.revoked': 'ยกเลิกเครื่องแล้ว',
	'admin.kiosks.back': 'กลับไปหน้ารอบการประเมิน',

	// Paper forms (issue 15)
	'admin.paper.link': 'นำเข้าแบบวัดฉบับกระดาษ',
	'admin.paper.title': 'นำเข้าแบบวัดฉบับกระดาษ · {code}',
	'admin.paper.intro':
		'กรอกคำตอบจากแบบวัดฉบับกระดาษลงในไฟล์ตัวอย่าง (1 แถวต่อ 1 ฉบับ) แล้วอัปโหลดที่นี่ได้ขณะระบบเปิดใช้งาน แต่ละแถวจะบันทึกทั้งฉบับหรือไม่บันทึกเลย อัปโหลดไฟล์เดิมซ้ำได้ ระบบไม่นับซ้ำ',
	'admin.paper.template': 'ไฟล์ตัวอย่าง',
	'admin.paper.templateHelp':
		'แถวแรกเป็นรหัสคอลัมน์ (รหัสข้อ เช่น i1.1) ห้ามแก้ไข แถวที่สองเป็นคำอธิบายภาษาไทยและรหัสคำตอบ (ขึ้นต้นด้วย #) ระบบจะข้ามแถวนี้ คำตอบกรอกเป็นรหัสตัวเลขของตัวเลือก',
	'admin.paper.download': 'ดาวน์โหลดไฟล์ตัวอย่าง {instrument} ({format})',
	'admin.paper.upload': 'อัปโหลดไฟล์',
	'admin.paper.instrument': 'แบบวัด',
	'admin.paper.file': 'ไฟล์ CSV หรือ XLSX',
	'admin.paper.submit': 'นำเข้า',
	'admin.paper.noFile': 'กรุณาเลือกไฟล์ CSV หรือ XLSX',
	'admin.paper.unreadable': 'อ่านไฟล์นี้ไม่ได้ กรุณาใช้ไฟล์ CSV หรือ XLSX ตามไฟล์ตัวอย่าง',
	'admin.paper.noRows': 'ไม่พบแถวคำตอบในไฟล์ (แถวแรกต้องเป็นรหัสคอลัมน์ตามไฟล์ตัวอย่าง)',
	'admin.paper.summary':
		'{file}: บันทึกแล้ว {stored} ฉบับ · มีอยู่แล้ว {duplicate} ฉบับ · ไม่รับ {refused} ฉบับ (จาก {total} แถว)',
	'admin.paper.row': 'แถว',
	'admin.paper.verdict': 'ผล',
	'admin.paper.reason': 'เหตุผล',
	'admin.paper.stored': 'บันทึกแล้ว',
	'admin.paper.duplicate': 'มีอยู่แล้ว',
	'admin.paper.refused': 'ไม่รับ',
	'admin.paper.back': 'กลับไปหน้ารอบการประเมิน',
	// officer: password — the officer's own account page (/admin/account)
	'admin.nav.account': 'บัญชีของฉัน',
	'admin.account.title': 'บัญชีของฉัน',
	'admin.account.intro': 'ข้อมูลบัญชีที่ใช้เข้าสู่ระบบ และการเปลี่ยนรหัสผ่านของท่านเอง',
	'admin.account.email': 'อีเมล',
	'admin.account.role': 'บทบาท',
	'admin.account.change': 'เปลี่ยนรหัสผ่าน',
	'admin.account.current': 'รหัสผ่านปัจจุบัน',
	'admin.account.new': 'รหัสผ่านใหม่',
	'admin.account.confirm': 'ยืนยันรหัสผ่านใหม่',
	'admin.account.newHelp': 'อย่างน้อย {min} ตัวอักษร ใช้เป็นวลีที่จำง่ายได้ เช่น ชื่อสถานที่ 3 แห่งต่อกัน',
	'admin.account.submit': 'เปลี่ยนรหัสผ่าน',
	'admin.account.changed':
		'เปลี่ยนรหัสผ่านแล้ว ครั้งต่อไปให้เข้าสู่ระบบด้วยรหัสผ่านใหม่ อุปกรณ์อื่นที่เข้าสู่ระบบด้วยบัญชีนี้ไว้ถูกออกจากระบบแล้ว',
	'admin.account.sessions':
		'เมื่อเปลี่ยนรหัสผ่าน อุปกรณ์อื่นทุกเครื่องที่เข้าสู่ระบบด้วยบัญชีนี้ไว้จะถูกออกจากระบบ ส่วนเครื่องนี้ยังใช้งานต่อได้',
	'admin.account.supabase': 'บัญชีนี้อยู่ใน Supabase Auth ของโครงการ การเปลี่ยนรหัสผ่านที่นี่มีผลกับบัญชีนั้นโดยตรง'
} as const;

export type AdminKey = keyof typeof adminTh;

export const adminEn: Record<AdminKey, string> = {
	'admin.app.title': 'ITA Collect · Officers',
	'admin.nav.home': 'Agencies',
	'admin.nav.skip': 'Skip to content',
	'admin.nav.signedInAs': 'Signed in as {email}',
	'admin.nav.role.officer': 'Agency officer',
	'admin.nav.role.central': 'Central administrator',
	'admin.nav.signOut': 'Sign out',
	'admin.nav.breadcrumb': 'Where you are',

	'admin.login.title': 'Officers: sign in',
	'admin.login.intro':
		'For agencies’ ITA working groups and central administrators. Respondents never sign in.',
	'admin.login.email': 'Email',
	'admin.login.password': 'Password',
	'admin.login.submit': 'Sign in',
	'admin.login.expired': 'Your session has expired. Please sign in again.',
	'admin.login.signedOut': 'You have signed out.',
	'admin.login.noAccount': 'No account? An administrator creates one with npm run ita -- user add.',

	'admin.setup.title': 'First run: create the central administrator',
	'admin.setup.intro':
		'This server has no account yet. The first one is a central administrator, who manages every agency. This page goes away once an account exists.',
	'admin.setup.token': 'Setup token',
	'admin.setup.tokenHelp':
		'The server printed this token when it first started (npm start); it is also in the file setup-token in the data folder, which only the server’s administrator can read.',
	'admin.setup.tokenWrong':
		'The setup token is not right. The server printed it when it started; it is also in the file setup-token in the data folder.',
	'admin.insecure':
		'This page came over plain http, which is not encrypted: passwords and data can be read on the way. Ask the administrator to turn on https (see "Go live" in the README) and use the office’s https address.',
	'admin.links.private':
		'The links and QR codes on this page point to {origin}, which phones on mobile data cannot reach. Ask the administrator to set ITA_PUBLIC_URL to the office’s public https address before printing or sharing them.',
	'admin.posters.privateTitle': 'Not printed yet: the QR codes would point to a private address',
	'admin.posters.privateBody':
		'The posters’ QR codes would lead to {origin}, which works only inside the office’s network: citizens scanning on mobile data cannot open it. Ask the administrator to set ITA_PUBLIC_URL to the public https address, then open this page again.',
	'admin.posters.privateConfirm': 'I understand: print with this private address ({origin})',
	'admin.setup.passwordHelp': 'At least {min} characters; a passphrase is welcome.',
	'admin.setup.password2': 'Password again',
	'admin.setup.mismatch': 'The two passwords differ.',
	'admin.setup.submit': 'Create the account and sign in',
	'admin.setup.officers':
		'Each district’s officers get their accounts with npm run ita -- user add --role officer --agency <district code>.',

	'admin.logout.title': 'Sign out',

	'admin.agencies.title': 'Agencies',
	'admin.agencies.intro': 'Choose an agency to manage its sections, service points and rounds.',
	'admin.agencies.filter': 'Find an agency',
	'admin.agencies.counts': '{sections} sections · {servicePoints} service points · {rounds} rounds',
	'admin.agencies.empty': 'There is no agency you may manage.',

	'admin.form.save': 'Save',
	'admin.form.delete': 'Delete',
	'admin.form.saved': 'Saved.',
	'admin.form.deleted': 'Deleted.',
	'admin.form.actions': 'Actions',
	'admin.form.optional': '(optional)',
	'admin.form.code': 'Code',
	'admin.form.codeHelp':
		'Lower-case letters, digits and dashes, like registration-1. It goes into links and QR codes and cannot change later.',
	'admin.form.nameTh': 'Thai name',
	'admin.form.nameEn': 'English name (optional)',
	'admin.form.fieldOf': '{field} of {name}',
	'admin.form.wholeNumber': 'Enter a whole number, 0 or more.',
	'admin.form.day': 'Choose a day.',

	'admin.sections.title': 'Sections and schools',
	'admin.sections.help':
		'A section that still has service points cannot be deleted: move or delete them first.',
	'admin.sections.kind': 'Kind',
	'admin.sections.kind.section': 'Section',
	'admin.sections.kind.school': 'School',
	'admin.sections.kind.other': 'Other',
	'admin.sections.points': 'Service points',
	'admin.sections.add': 'Add a section or school',
	'admin.sections.empty': 'No section yet.',

	'admin.servicePoints.title': 'Service points',
	'admin.servicePoints.help':
		'Counters or desks where people are served. Each has its own QR code, and EIT answers record which one they came from. A counter where many answer over one Wi-Fi can get a higher limit per 10 minutes on the round’s page (Trustworthy counts).',
	'admin.servicePoints.section': 'Section',
	'admin.servicePoints.noSection': '— no section —',
	'admin.servicePoints.add': 'Add a service point',
	'admin.servicePoints.empty': 'No service point yet.',

	'admin.rounds.title': 'Assessment rounds',
	'admin.rounds.new': 'New round',
	'admin.rounds.empty': 'No round yet.',

	'admin.round.code': 'Round code',
	'admin.round.codeHelp':
		'Goes into respondents’ links and must differ from every other agency’s: the district’s code and the Buddhist-era year, say. Lower-case letters, digits and dashes.',
	'admin.round.framework': 'Framework version',
	'admin.round.fiscalYear': 'Fiscal year (BE)',
	'admin.round.fiscalYearValue': 'Fiscal year {year} BE',
	'admin.round.opensOn': 'Opens on',
	'admin.round.closesOn': 'Closes on',
	'admin.round.period': 'Answers accepted',
	'admin.round.periodValue': '{from} to {to}',
	'admin.round.dayIs': 'That is {day}',
	'admin.round.accessCode': 'Staff access code (IIT)',
	'admin.round.accessCodeHelp':
		'One code shared by the whole round, 4–64 characters. Leave it empty to use single-use codes (printed slips, one per person, which are more trustworthy).',
	'admin.round.targetStaff': 'Staff with at least one year of service',
	'admin.round.minIit': 'Minimum IIT answers',
	'admin.round.minEit': 'Minimum EIT answers',
	'admin.round.minHelp':
		'The BMA’s FY 2566 ITA documents ask for at least 400 answers to each survey.',
	'admin.round.allowRepeat':
		'Let one device answer more than once (a tablet at a counter, or answering for someone without a phone)',
	'admin.round.initialStatus': 'Once created',
	'admin.round.status': 'Status',
	'admin.round.status.draft': 'Draft (hidden from respondents)',
	'admin.round.status.open': 'Open',
	'admin.round.status.closed': 'Closed',
	'admin.round.respondents': 'Respondents',
	'admin.round.respondentsValue': 'IIT {iit} of at least {minIit} · EIT {eit} of at least {minEit}',
	'admin.round.yearMissing': 'Enter the fiscal year (Buddhist era).',
	'admin.round.yearInvalid': 'The fiscal year is a four-digit Buddhist-era year, like 2570.',
	'admin.round.yearGregorian': '{ce} is a Gregorian year: enter the Buddhist-era year ({be}).',
	'admin.round.new.title': 'New assessment round',
	'admin.round.create': 'Create the round',
	'admin.round.created':
		'Round created. Next: print the QR posters for the counters and send the IIT link to staff.',
	'admin.round.title': 'Round {code}',
	'admin.round.settings': 'Round settings',
	'admin.round.statusTitle': 'Open or close',
	'admin.round.open': 'Open',
	'admin.round.close': 'Close',
	'admin.round.toDraft': 'Back to draft',
	'admin.round.statusChanged': 'Status changed.',
	'admin.round.delete': 'Delete this round',
	'admin.round.deleteHelp':
		'Only a round without answers can be deleted (a mistake, say); close a round that has answers instead.',

	'admin.links.title': 'Links and QR codes',
	'admin.links.eit': 'EIT: people served, one link per service point',
	'admin.links.iit': 'IIT: the agency’s staff',
	'admin.links.includeCode':
		'Include the access code in the link (anyone with the link can answer)',
	'admin.links.link': 'Link',
	'admin.links.copy': 'Copy link',
	'admin.links.copied': 'Link copied.',
	'admin.links.copyFailed': 'Could not copy automatically; the link is selected: press Ctrl+C.',
	'admin.links.svg': 'Download SVG',
	'admin.links.png': 'Download PNG',
	'admin.links.line': 'Share on LINE',
	'admin.links.poster': 'A4 poster',
	'admin.links.qrOf': 'QR code for {name}',
	'admin.links.linkOf': 'Link for {name}',
	'admin.links.staff': 'Staff (IIT)',
	'admin.links.noServicePoints': 'No service point yet; add them on the agency’s page.',
	'admin.links.notOpen': 'This round is not open: people who scan a code cannot answer yet.',
	// LINE messages go to Thai LINE groups: Thai whatever the screen's language.
	'admin.line.eit': adminTh['admin.line.eit'],
	'admin.line.iit': adminTh['admin.line.iit'],

	'admin.posters.title': 'QR posters',
	'admin.posters.printAll': 'Print all',
	'admin.posters.a4': 'A4 posters',
	'admin.posters.a5': 'A5 table tents (an A4 sheet folded in half)',
	'admin.posters.print': 'Print',
	'admin.posters.back': 'Back to the round',
	'admin.posters.help':
		'Printer settings: A4 paper, actual size (100%), background graphics on. One page per service point.',
	'admin.posters.count': '{n} pages',
	// The posters themselves are always in Thai.
	'admin.poster.call': 'สแกนเพื่อบอกเราว่าบริการวันนี้เป็นอย่างไร',
	'admin.poster.survey': 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)',
	'admin.poster.ita':
		'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ปีงบประมาณ พ.ศ. {year}',
	'admin.poster.counter': 'จุดบริการ: {name}',
	'admin.poster.anonymous': 'ไม่ต้องระบุชื่อ คำตอบเป็นความลับ',
	'admin.poster.orOpen': 'หรือเปิดลิงก์',
	'admin.poster.fold': 'พับตามเส้นประ',

	'admin.oit.title': 'OIT scores and evidence',
	'admin.oit.help':
		'Enter each item’s score as the assessor gave it (0–100, at most two decimals) and the web address submitted as evidence. Leave items not scored yet empty; empty a saved score to remove it. The whole table is saved at once.',
	'admin.oit.item': 'Item',
	'admin.oit.text': 'What is assessed',
	'admin.oit.score': 'Score',
	'admin.oit.evidence': 'Evidence URL',
	'admin.oit.fieldOf': '{field}, item {item}',
	'admin.oit.save': 'Save the OIT scores',
	'admin.oit.saved': 'OIT scores saved.',
	'admin.oit.scoreInvalid':
		'Item {item}: a score is a number from 0 to 100 with at most two decimals.',
	'admin.oit.urlInvalid':
		'Item {item}: the evidence is one web address starting with https:// (or http://), without spaces.',
	'admin.oit.empty': 'This framework has no OIT items.',

	'admin.nav.accounts': 'Accounts',
	'admin.accounts.title': 'Accounts',
	'admin.accounts.intro':
		'Agency officers (who manage their own agency) and central administrators (who manage every agency).',
	'admin.accounts.email': 'Email',
	'admin.accounts.role': 'Role',
	'admin.accounts.agency': 'Agency',
	'admin.accounts.lastLogin': 'Last signed in',
	'admin.accounts.never': 'Never',
	'admin.accounts.locked': 'Signing in paused until {time}',
	'admin.accounts.you': '(your account)',
	'admin.accounts.add': 'Add an account',
	'admin.accounts.password': 'Password',
	'admin.accounts.passwordHelp':
		'At least {min} characters. Tell the account’s owner the password over a safe channel.',
	'admin.accounts.noAgency': '— None (central administrator) —',
	'admin.accounts.added': 'Account {email} added.',
	'admin.accounts.newPassword': 'New password',
	'admin.accounts.reset': 'Set a new password',
	'admin.accounts.wasReset': 'New password set for {email}.',
	'admin.accounts.remove': 'Remove the account',
	'admin.accounts.removed': 'Account {email} removed.',
	'admin.accounts.confirmRemove': 'Yes, remove {email}',
	'admin.accounts.pause': 'Pause the account',
	'admin.accounts.resume': 'Resume the account',
	'admin.accounts.paused': 'Paused since {time}',
	'admin.accounts.wasPaused':
		'Account {email} paused: it cannot sign in, and its open sessions have ended, until it is resumed.',
	'admin.accounts.wasResumed': 'Account {email} resumed: it signs in with its password as before.',
	'admin.accounts.error.email': 'Give an email address, like somchai@bangrak.go.th.',
	'admin.accounts.error.passwordShort': 'A password has at least {min} characters.',
	'admin.accounts.error.passwordLong': 'A password has at most {max} characters.',
	'admin.accounts.error.role': 'Choose a role.',
	'admin.accounts.error.agencyRequired': 'An agency officer belongs to an agency: choose one.',
	'admin.accounts.error.agencyNotAllowed':
		'A central administrator manages every agency and belongs to none: choose “None”.',
	'admin.accounts.error.agencyUnknown': 'There is no such agency.',
	'admin.accounts.error.emailTaken': 'There already is an account with this email.',
	'admin.accounts.supabase':
		'This server uses Supabase Auth: the accounts are in the Supabase project, and listing or making them takes the service key, which this server does not hold.',
	'admin.accounts.supabaseHow':
		'Make accounts with npm run ita -- user add (with PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY set), or in Supabase’s Authentication page, then set app_metadata to {"ita_role": "officer", "agency_id": "<the id below>"} or {"ita_role": "central"}.',
	'admin.accounts.agencyIds': 'Each agency’s agency_id',
	'admin.accounts.agencyId': 'agency_id',

	'admin.error.duplicate': 'That code is already taken',
	'admin.error.invalid': 'Something needs correcting',
	'admin.error.notFound': 'Not found, or not yours to manage',
	'admin.error.inUse': 'Still in use',
	'admin.error.hasResponses': 'This round already has answers',
	'admin.error.forbidden': 'You may not do this',
	'admin.error.other': 'Not saved',
	'admin.error.nothingChanged': 'Nothing was changed. Correct it and try again.',
	'admin.error.summary': '{n} things to correct',
	'admin.error.page': 'This page does not exist, or is not yours to open.',
	'admin.error.back': 'Back to the agencies',
	'admin.kiosks.title': 'Kiosks',
	'admin.kiosks.link': 'Kiosks (tablets at the entrance)',
	'admin.kiosks.help':
		'A tablet at the office entrance on which visitors answer the EIT one after another, even without internet. Add a kiosk, open /kiosk on the tablet, and type the enrolment code or scan its QR code.',
	'admin.kiosks.add': 'Add a kiosk',
	'admin.kiosks.name': 'Kiosk name',
	'admin.kiosks.nameHelp': 'For example: Entrance tablet',
	'admin.kiosks.pin': 'Exit PIN',
	'admin.kiosks.pinHelp': "4 to 8 digits: staff type it to open the kiosk's settings.",
	'admin.kiosks.minInterval': 'Minimum time between answers (seconds)',
	'admin.kiosks.minIntervalHelp':
		'Answers from the same kiosk that come faster are not counted, and are flagged for review.',
	'admin.kiosks.idle': 'Start over when idle for (seconds)',
	'admin.kiosks.idleHelp':
		'When a visitor walks away, their answers are erased after this time and a 20-second countdown.',
	'admin.kiosks.added': 'Kiosk {name} added',
	'admin.kiosks.code': 'Enrolment code',
	'admin.kiosks.codeHelp':
		'One use, until {day}, and shown only now. Type it at /kiosk on the tablet, or scan this QR code with the tablet.',
	'admin.kiosks.qrAlt': 'QR code to enrol kiosk {name}',
	'admin.kiosks.empty': 'No kiosk yet',
	'admin.kiosks.state': 'State',
	'admin.kiosks.state.waiting': 'Waiting for enrolment',
	'admin.kiosks.state.active': 'Active',
	'admin.kiosks.state.revoked': 'Revoked',
	'admin.kiosks.lastContact': 'Last contact',
	'admin.kiosks.never': 'Never',
	'admin.kiosks.queued': 'Waiting to send',
	'admin.kiosks.responses': 'Answers received',
	'admin.kiosks.flags': 'To review',
	'admin.kiosks.noFlags': 'None',
	'admin.kiosks.rename': 'Rename',
	'admin.kiosks.renamed': 'Renamed',
	'admin.kiosks.revoke': 'Revoke this kiosk',
	'admin.kiosks.revokeHelp':
		'A revoked kiosk takes no new answers; what it collected before is still accepted.',
	'admin.kiosks.revoked': 'Kiosk revoked',
	'admin.kiosks.back': 'Back to the round',

	// Paper forms (issue 15)
	'admin.paper.link': 'Import paper forms',
	'admin.paper.title': 'Import paper forms · {code}',
	'admin.paper.intro':
		'Type the answers of paper forms into the template (one row per form) and upload it here while the server runs. Each row is stored whole or not at all; uploading the same file again stores nothing twice.',
	'admin.paper.template': 'Template',
	'admin.paper.templateHelp':
		'The first row holds the column keys (item ids like i1.1): keep it as it is. The second row, starting with #, holds the Thai labels and answer codes and is skipped. Answers are the options’ number codes.',
	'admin.paper.download': 'Download the {instrument} template ({format})',
	'admin.paper.upload': 'Upload a file',
	'admin.paper.instrument': 'Survey',
	'admin.paper.file': 'CSV or XLSX file',
	'admin.paper.submit': 'Import',
	'admin.paper.noFile': 'Choose a CSV or XLSX file.',
	'admin.paper.unreadable':
		'This file cannot be read; use a CSV or XLSX file laid out as the template.',
	'admin.paper.noRows':
		'The file has no rows of answers (its first row must be the template’s column keys).',
	'admin.paper.summary':
		'{file}: {stored} stored · {duplicate} already there · {refused} refused (of {total} rows)',
	'admin.paper.row': 'Row',
	'admin.paper.verdict': 'Result',
	'admin.paper.reason': 'Reason',
	'admin.paper.stored': 'Stored',
	'admin.paper.duplicate': 'Already there',
	'admin.paper.refused': 'Refused',
	'admin.paper.back': 'Back to the round',
	// officer: password
	'admin.nav.account': 'My account',
	'admin.account.title': 'My account',
	'admin.account.intro': 'The account you sign in with, and changing your own password.',
	'admin.account.email': 'Email',
	'admin.account.role': 'Role',
	'admin.account.change': 'Change password',
	'admin.account.current': 'Current password',
	'admin.account.new': 'New password',
	'admin.account.confirm': 'Confirm the new password',
	'admin.account.newHelp':
		'At least {min} characters. A phrase that is easy to remember works well, like three place names in a row.',
	'admin.account.submit': 'Change password',
	'admin.account.changed':
		'Your password has been changed. Sign in with the new password from now on. Other devices signed in to this account have been signed out.',
	'admin.account.sessions':
		'Changing the password signs out every other device signed in to this account; this one stays signed in.',
	'admin.account.supabase':
		'This account lives in the project’s Supabase Auth: a password changed here changes it there.'
};

const dictionaries: Record<Lang, Record<AdminKey, string>> = { th: adminTh, en: adminEn };

/** The officers' screens' text of `key` in `lang`, with `{name}` placeholders filled in. */
export function at(
	lang: Lang,
	key: AdminKey,
	params: Record<string, string | number> = {}
): string {
	return dictionaries[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

/**
 * The verdicts of submit_responses on one response (its `code`; the English `reason` is
 * for API users), Thai and English: part of the catalogue of src/lib/i18n/errors.ts, kept
 * in their own file because the kiosk and the status page show them and need nothing
 * else of the catalogue.
 */
import type { Lang } from './index.ts';

export const verdicts = {
	round_closed: {
		th: 'รอบการประเมินนี้ปิดรับคำตอบแล้ว',
		en: 'This round is closed and takes no responses.'
	},
	round_not_open: {
		th: 'รอบการประเมินนี้ยังไม่เปิดรับคำตอบ',
		en: 'This round is not open yet.'
	},
	unknown_round: { th: 'ไม่พบรอบการประเมินนี้', en: 'There is no such round.' },
	unknown_instrument: {
		th: 'แบบวัดต้องเป็น IIT หรือ EIT ของชุดแบบวัดของรอบนี้',
		en: 'The survey is the round’s IIT or EIT.'
	},
	invalid_channel: {
		th: 'ช่องทางการตอบไม่ถูกต้อง',
		en: 'The channel is not one of qr, link, kiosk or paper.'
	},
	not_allowed: {
		th: 'เฉพาะเจ้าหน้าที่ของหน่วยงานเท่านั้นที่นำเข้าแบบวัดฉบับกระดาษได้',
		en: 'Only the agency’s officers import paper forms.'
	},
	unknown_service_point: {
		th: 'ไม่พบจุดบริการ {value} ในหน่วยงานนี้',
		en: 'The agency has no service point {value}.'
	},
	wrong_access_code: {
		th: 'รหัสสำหรับบุคลากรไม่ถูกต้อง',
		en: 'The staff access code is missing or wrong.'
	},
	invalid_date: {
		th: 'วันที่เก็บข้อมูลต้องเป็นวันที่ในช่วงเปิดรับคำตอบ (ปปปป-ดด-วว) และไม่เกินวันนี้',
		en: 'The collection day is a day (YYYY-MM-DD) between the round’s opening and today.'
	},
	invalid_answers: { th: 'อ่านคำตอบไม่ได้', en: 'The answers cannot be read.' },
	response_too_large: { th: 'คำตอบยาวเกินกำหนด', en: 'The response is too large.' },
	unknown_item: {
		th: 'มีข้อที่ไม่อยู่ในแบบวัดนี้: {items}',
		en: 'Items not in this questionnaire: {items}'
	},
	duplicated_item: {
		th: 'มีข้อที่ตอบซ้ำ: {items}',
		en: 'Items answered twice: {items}'
	},
	invalid_answer: {
		th: 'คำตอบไม่อยู่ในตัวเลือกของข้อ: {items}',
		en: 'Not an answer of the item’s scale: {items}'
	},
	missing_item: {
		th: 'ยังไม่ได้ตอบข้อที่ต้องตอบ: {items}',
		en: 'Required items not answered: {items}'
	},
	invalid_variant: {
		th: 'ประเภทบริการ (ข้อที่แยกตามบริการ) ไม่ถูกต้อง',
		en: 'The kind of service (for a question asked per service) is not valid.'
	},
	missing_variant: {
		th: 'กรุณาระบุประเภทบริการของข้อที่แยกตามบริการ',
		en: 'Say which kind of service the question per service was answered for.'
	},
	invalid_demographics: {
		th: 'ข้อมูลทั่วไปของผู้ตอบไม่ถูกต้อง: {items}',
		en: 'The background answers are not valid: {items}'
	},
	invalid_response: { th: 'อ่านคำตอบไม่ได้', en: 'The response cannot be read.' },
	invalid_id: {
		th: 'รหัสคำตอบ (id) ต้องเป็น UUID',
		en: 'The response id is a UUID.'
	},
	invalid_json: { th: 'อ่านแถวนี้ไม่ได้', en: 'This row cannot be read.' },
	kiosk_key_missing: {
		th: 'เครื่องนี้ยังไม่ได้ลงทะเบียน',
		en: 'This tablet is not enrolled.'
	},
	kiosk_unknown: {
		th: 'ไม่พบเครื่องนี้ในระบบ กรุณาลงทะเบียนใหม่',
		en: 'This tablet is not known; enrol it again.'
	},
	kiosk_wrong_round: {
		th: 'เครื่องนี้ลงทะเบียนไว้กับรอบการประเมินอื่น',
		en: 'This tablet is enrolled for another round.'
	},
	kiosk_revoked: {
		th: 'เจ้าหน้าที่ยกเลิกการลงทะเบียนเครื่องนี้แล้ว',
		en: 'The officers have revoked this tablet.'
	},
	kiosk_time_implausible: {
		th: 'เวลาของเครื่องไม่ตรงกับวันที่ตอบ กรุณาตั้งเวลาเครื่อง',
		en: 'The tablet’s clock does not match the day answered; set its clock.'
	},
	kiosk_time_order: {
		th: 'เวลาของคำตอบย้อนหลังคำตอบก่อนหน้า กรุณาตั้งเวลาเครื่อง',
		en: 'The response’s time is before the previous one; set the tablet’s clock.'
	},
	kiosk_too_soon: {
		th: 'คำตอบนี้มาเร็วกว่าที่เครื่องนี้รับได้ (1 คำตอบทุก {interval} วินาที) เก็บไว้ให้เจ้าหน้าที่ตรวจสอบ',
		en: 'This response came sooner than this kiosk allows (one response every {interval} seconds); kept for an officer’s review.'
	}
} satisfies Record<string, { th: string; en: string }>;

const generic = {
	th: 'ระบบไม่รับคำตอบนี้',
	en: 'The server did not accept this response.'
};

/**
 * The text of a verdict (code and English reason) in `lang`: the catalogue's, with the
 * items the reason names (i1.1, E3.2 …) as its {items} and the numbers it gives.
 */
export function verdictText(lang: Lang, code: string, reason = ''): string {
	const entry = Object.hasOwn(verdicts, code) ? verdicts[code as keyof typeof verdicts] : generic;
	const items = [...new Set([...reason.matchAll(/\b[a-zA-Z]+\d+(?:\.\d+)*\b/g)].map((m) => m[0]))];
	const params: Record<string, string> = {
		items: items.length ? items.join(', ') : '–',
		value: /service point with the code (\S+?)\.?$/.exec(reason)?.[1] ?? '',
		interval: /every (\d+) seconds/.exec(reason)?.[1] ?? '–'
	};
	return entry[lang].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/**
 * The texts of the pages anyone may land on without a survey in hand: the home page, the
 * "not found" pages (unknown round, unknown counter), a round not yet open or closed.
 * Kept in their own small dictionary (both languages, ~2 KiB) so that the survey's
 * dictionaries stay as they are; same rules: `{name}` placeholders, Buddhist-era years.
 */
import type { Lang } from './index.ts';

export const pagesTh = {
	'home.what':
		'ITA Collect คือระบบเก็บแบบวัดการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของสำนักงานเขตและหน่วยงานของรัฐ',
	'home.respondents.title': 'สำหรับผู้ตอบแบบวัด',
	'home.respondents.text':
		'ประชาชนและผู้มาติดต่อ: สแกนคิวอาร์โค้ดที่จุดบริการ หรือตอบที่เครื่องแท็บเล็ตหน้าสำนักงาน บุคลากร: ใช้ลิงก์ที่หน่วยงานส่งให้ ไม่ต้องสมัครหรือเข้าสู่ระบบ',
	'home.officers.title': 'สำหรับเจ้าหน้าที่',
	'home.officers.text':
		'คณะทำงาน ITA ของหน่วยงานเข้าสู่ระบบเพื่อสร้างรอบการประเมิน พิมพ์คิวอาร์โค้ด ดูผลคะแนน และนำเข้าแบบวัดฉบับกระดาษ',
	'home.officers.signIn': 'เข้าสู่ระบบสำหรับเจ้าหน้าที่',
	'home.status': 'สถานะการส่งคำตอบในเครื่องนี้',

	'notFound.title': 'ไม่พบหน้านี้',
	'notFound.text': 'ลิงก์อาจพิมพ์ผิดหรือถูกลบไปแล้ว กรุณาตรวจสอบลิงก์หรือคิวอาร์โค้ดอีกครั้ง',
	'notFound.round.title': 'ไม่พบรอบการประเมินนี้',
	'notFound.round.text':
		'ไม่มีรอบการประเมินรหัส "{round}" หรือยังไม่เปิดให้ตอบ กรุณาตรวจสอบลิงก์หรือคิวอาร์โค้ด หรือสอบถามเจ้าหน้าที่ของหน่วยงาน',
	'notFound.counter.title': 'ไม่พบจุดบริการนี้',
	'notFound.counter.text':
		'ลิงก์นี้ระบุจุดบริการ "{counter}" ซึ่งไม่มีในรอบการประเมินนี้ (อาจพิมพ์ผิดหรือถูกลบแล้ว) ท่านยังตอบแบบวัดของรอบนี้ได้ตามปกติ',
	'notFound.counter.general': 'ตอบแบบวัดของ{agency}',
	'notFound.home': 'ไปหน้าแรก',
	'error.title': 'เกิดข้อผิดพลาด',
	'error.text': 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในภายหลัง',
	'round.notYet.title': 'รอบการประเมินนี้ยังไม่เปิดรับคำตอบ',
	'round.notYet.text': 'เปิดรับคำตอบตั้งแต่ {opens} ถึง {closes} กรุณากลับมาอีกครั้ง ขอบคุณที่สนใจ',
	'round.closed.title': 'รอบการประเมินนี้ปิดรับคำตอบแล้ว',
	'round.closed.text': 'ปิดรับคำตอบเมื่อ {closes} ขอบคุณที่สนใจ',
	'round.paused.text': 'เจ้าหน้าที่ปิดรับคำตอบของรอบนี้ไว้ ขอบคุณที่สนใจ',
	'status.back': 'กลับไปตอบแบบวัด',
	'status.home': 'ไปหน้าแรก'
} as const;

export type PageKey = keyof typeof pagesTh;

export const pagesEn: Record<PageKey, string> = {
	'home.what':
		'ITA Collect collects the surveys of the Integrity and Transparency Assessment (ITA) of Thai public agencies, such as Bangkok’s district offices.',
	'home.respondents.title': 'If you were asked to answer',
	'home.respondents.text':
		'Citizens and visitors: scan the QR code at a service counter, or answer on the tablet at the entrance. Staff: use the link your agency sent you. There is nothing to sign up for.',
	'home.officers.title': 'For officers',
	'home.officers.text':
		'Each agency’s ITA team signs in to open rounds, print QR codes, follow the scores and import paper forms.',
	'home.officers.signIn': 'Officers’ sign-in',
	'home.status': 'Answers kept on this device',

	'notFound.title': 'Page not found',
	'notFound.text': 'The link may be mistyped or removed. Check the link or QR code.',
	'notFound.round.title': 'Assessment round not found',
	'notFound.round.text':
		'There is no assessment round "{round}", or it is not open to answers. Check the link or QR code, or ask the agency’s staff.',
	'notFound.counter.title': 'Service counter not found',
	'notFound.counter.text':
		'This link names the service counter "{counter}", which this round does not have (it may be mistyped or removed). You can still answer this round’s survey.',
	'notFound.counter.general': 'Answer the survey of {agency}',
	'notFound.home': 'Go to the home page',
	'error.title': 'Something went wrong',
	'error.text': 'The system has a temporary problem. Please try again later.',
	'round.notYet.title': 'This assessment round is not open yet',
	'round.notYet.text':
		'It takes answers from {opens} to {closes}. Please come back then. Thank you.',
	'round.closed.title': 'This assessment round is closed',
	'round.closed.text': 'It stopped taking answers on {closes}. Thank you for your interest.',
	'round.paused.text': 'The agency has stopped taking answers for this round. Thank you.',
	'status.back': 'Back to the survey',
	'status.home': 'Go to the home page'
};

/** A page text in `lang`, `{name}` placeholders filled in. */
export function pt(lang: Lang, key: PageKey, params: Record<string, string | number> = {}): string {
	const text: string = lang === 'en' ? pagesEn[key] : pagesTh[key];
	return text.replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

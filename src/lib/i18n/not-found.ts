/**
 * The words of a respondent's link that leads nowhere — an unknown round, an unknown
 * counter — in both languages: they come with the respondents' error page
 * (src/routes/(public)/+error.svelte) only, not with every first screen (the root error
 * page, which SvelteKit loads with each, carries the general words of ./pages.ts).
 */
import { fill, type Lang } from './index.ts';

export const notFoundTh = {
	'notFound.round.title': 'ไม่พบรอบการประเมินนี้',
	'notFound.round.text':
		'ไม่มีรอบการประเมินรหัส "{round}" หรือยังไม่เปิดให้ตอบ กรุณาตรวจสอบลิงก์หรือคิวอาร์โค้ด หรือสอบถามเจ้าหน้าที่ของหน่วยงาน',
	'notFound.counter.title': 'ไม่พบจุดบริการนี้',
	'notFound.counter.text':
		'ลิงก์นี้ระบุจุดบริการ "{counter}" ซึ่งไม่มีในรอบการประเมินนี้ (อาจพิมพ์ผิดหรือถูกลบแล้ว) ท่านยังตอบแบบวัดของรอบนี้ได้ตามปกติ',
	'notFound.counter.general': 'ตอบแบบวัดของ{agency}'
} as const;

export type NotFoundKey = keyof typeof notFoundTh;

export const notFoundEn: Record<NotFoundKey, string> = {
	'notFound.round.title': 'Assessment round not found',
	'notFound.round.text':
		'There is no assessment round "{round}", or it is not open to answers. Check the link or QR code, or ask the agency’s staff.',
	'notFound.counter.title': 'Service counter not found',
	'notFound.counter.text':
		'This link names the service counter "{counter}", which this round does not have (it may be mistyped or removed). You can still answer this round’s survey.',
	'notFound.counter.general': 'Answer the survey of {agency}'
};

/** A text of this page in `lang`, `{name}` placeholders filled in. */
export function nt(
	lang: Lang,
	key: NotFoundKey,
	params: Record<string, string | number> = {}
): string {
	return fill(lang === 'en' ? notFoundEn[key] : notFoundTh[key], params);
}

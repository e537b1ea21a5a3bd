/**
 * The texts of the pages anyone may land on without a survey in hand: the root "not found"
 * and error page, and a round not yet open or closed (the survey's first screen). Kept in
 * their own small dictionary (both languages) so that the survey's dictionaries stay as
 * they are; same rules: `{name}` placeholders, Buddhist-era years. SvelteKit loads the
 * root error page with every first screen, so these words are on every phone: the home
 * page's longer texts are in ./home.ts, an unknown round's or counter's in ./not-found.ts,
 * the way back from /status in ./status.ts.
 */
import type { Lang } from './index.ts';

export const pagesTh = {
	'notFound.title': 'ไม่พบหน้านี้',
	'notFound.text': 'ลิงก์อาจพิมพ์ผิดหรือถูกลบไปแล้ว กรุณาตรวจสอบลิงก์หรือคิวอาร์โค้ดอีกครั้ง',
	'notFound.home': 'ไปหน้าแรก',
	'error.title': 'เกิดข้อผิดพลาด',
	'error.text': 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในภายหลัง',
	'round.notYet.title': 'รอบการประเมินนี้ยังไม่เปิดรับคำตอบ',
	'round.notYet.text': 'เปิดรับคำตอบตั้งแต่ {opens} ถึง {closes} กรุณากลับมาอีกครั้ง ขอบคุณที่สนใจ',
	'round.closed.title': 'รอบการประเมินนี้ปิดรับคำตอบแล้ว',
	'round.closed.text': 'ปิดรับคำตอบเมื่อ {closes} ขอบคุณที่สนใจ',
	'round.paused.text': 'เจ้าหน้าที่ปิดรับคำตอบของรอบนี้ไว้ ขอบคุณที่สนใจ'
} as const;

export type PageKey = keyof typeof pagesTh;

// Their English (./pages-en.ts) comes with the English dictionary (./en.ts), which only
// those who choose English download; the server has it from the start.
export { pagesEn } from './pages-en.ts';
let english: Record<PageKey, string> | undefined;

/** Called by ./en.ts when it loads. */
export function providePagesEn(texts: Record<PageKey, string>): void {
	english = texts;
}

/** A page text in `lang`, `{name}` placeholders filled in (Thai until English has loaded). */
export function pt(lang: Lang, key: PageKey, params: Record<string, string | number> = {}): string {
	const text: string = (lang === 'en' ? english?.[key] : undefined) ?? pagesTh[key];
	return text.replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

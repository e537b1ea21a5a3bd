/**
 * The words of the delivery status page (`/status`, and the kiosk's settings), Thai and
 * English both: loaded with those screens only, not with a survey's first screen.
 */
import { textsFor } from './index.ts';

export const statusTh = {
	'status.back': 'กลับไปตอบแบบวัด',
	'status.home': 'ไปหน้าแรก',
	'status.title': 'สถานะการส่งคำตอบในเครื่องนี้',
	'status.queued': 'รอส่ง',
	'status.sent': 'ส่งแล้ว',
	'status.refused': 'ระบบไม่รับ',
	'status.lastSent': 'ส่งสำเร็จล่าสุด {when}',
	'status.never': 'ยังไม่เคยส่ง',
	'status.sendNow': 'ส่งตอนนี้',
	'status.export': 'บันทึกคำตอบที่ค้างเป็นไฟล์',
	'status.reason': 'เหตุผล',
	'status.syncing': 'กำลังส่ง…',
	'status.offline': 'ยังส่งไม่ได้ จะลองใหม่อัตโนมัติ'
} as const;

export type StatusKey = keyof typeof statusTh;

export const statusEn: Record<StatusKey, string> = {
	'status.back': 'Back to the survey',
	'status.home': 'Go to the home page',
	'status.title': 'Answers kept on this device',
	'status.queued': 'Waiting to be sent',
	'status.sent': 'Sent',
	'status.refused': 'Refused by the server',
	'status.lastSent': 'Last sent {when}',
	'status.never': 'Nothing sent yet',
	'status.sendNow': 'Send now',
	'status.export': 'Save kept answers to a file',
	'status.reason': 'Reason',
	'status.syncing': 'Sending…',
	'status.offline': 'Cannot send yet; will retry automatically'
};

/** The status page's text of `key` in `lang`, with `{name}` placeholders filled in. */
export const t = textsFor<StatusKey>({ th: statusTh, en: statusEn });

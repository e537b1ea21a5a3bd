/**
 * A moment (an ISO timestamp, stored in UTC) as a person in Thailand reads it: the day and
 * the time in Asia/Bangkok (UTC+7, no daylight saving), with the Buddhist-era year —
 * never the UTC day beside the Bangkok time (06:46 on 6 December is 23:46 UTC on the 5th).
 */
import { formatDay, type Lang } from './index.ts';

/** The day in Bangkok of a moment, YYYY-MM-DD. */
export function bangkokDay(iso: string): string {
	return new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
}

/** "6 ธันวาคม 2569 06:46" / "6 December 2569 BE 06:46", in Bangkok time. */
export function formatMoment(iso: string, lang: Lang): string {
	const time = new Date(iso).toLocaleTimeString(lang === 'th' ? 'th-TH' : 'en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Asia/Bangkok'
	});
	return `${formatDay(bangkokDay(iso), lang)} ${time}`;
}

/**
 * Issue 15 item 8: the kiosk list showed the UTC day beside the Bangkok time ("5 Dec
 * 06:46" for 6 Dec 06:46). A moment is shown with its Bangkok day and time, whatever the
 * server's or the browser's time zone.
 */
import { describe, expect, test } from 'vitest';
import { bangkokDay, formatMoment } from './dates.ts';

describe('moments in Asia/Bangkok', () => {
	test('06:46 in Bangkok on 6 December is 23:46 UTC on the 5th: the day shown is the 6th', () => {
		expect(bangkokDay('2026-12-05T23:46:00Z')).toBe('2026-12-06');
		expect(formatMoment('2026-12-05T23:46:00Z', 'th')).toBe('6 ธันวาคม 2569 06:46');
		expect(formatMoment('2026-12-05T23:46:00Z', 'en')).toMatch(/^6 December 2569.* 06:46$/);
	});

	test('the day turns at midnight Bangkok time, 17:00 UTC', () => {
		expect(bangkokDay('2026-12-05T16:59:59Z')).toBe('2026-12-05');
		expect(bangkokDay('2026-12-05T17:00:00Z')).toBe('2026-12-06');
	});
});

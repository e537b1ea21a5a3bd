/**
 * QR codes, made on the server with the `qrcode` package: the admin screens and posters
 * get ready-made SVG, so no QR code library reaches any browser — least of all a
 * respondent's phone.
 *
 * Error correction M (15 %): a poster on a counter gets scuffed and taped over; the
 * links are short enough that the code stays easy to scan at that level.
 */
import QRCode from 'qrcode';

const options = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The QR code of `text` as an SVG document (scales to any size, prints sharp). */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { ...options, type: 'svg' });
}

/**
 * The QR code as a `data:` URL of its SVG, for an `<img>` in a page: it prints as sharply
 * as inline SVG, needs no request of its own (the print dialog never waits for it), and
 * keeps Svelte's `{@html}` out of the app — whose runtime every respondent downloads.
 */
export async function qrDataUrl(text: string): Promise<string> {
	return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString('base64')}`;
}

/** The QR code as a PNG of `width` pixels (1024: sharp when printed up to ~17 cm at 150 dpi). */
export function qrPng(text: string, width = 1024): Promise<Buffer> {
	return QRCode.toBuffer(text, { ...options, type: 'png', width });
}

/**
 * Paper forms typed into a spreadsheet: the template an officer downloads and the rows
 * read back from the file they upload (CSV or XLSX, the same layout), each turned into a
 * response for submit_responses (channel `paper`).
 *
 * The layout, one instrument (IIT or EIT) per file:
 *   row 1   column keys: `id`, `collected_on`, `service_point` (EIT), one column per item
 *           (`i1.1`, `e3.2` …: the answer's scale code), `variant:<question>` for a
 *           question asked per kind of service (BMA's E3), `demo:<question>` per
 *           background question (an option code, or empty);
 *   row 2+  a row whose first cell starts with `#` is a note (the template's Thai labels
 *           and answer codes) and is skipped; an empty row too;
 *   others  one paper form each.
 * A row without an `id` gets one made from the round, the instrument, its row number and
 * its cells, so uploading the same file again stores nothing twice ("already there").
 */
import type {
	Framework,
	Instrument as FrameworkInstrument,
	SurveyQuestion
} from '../ita/framework.ts';
import type { Instrument } from '../survey/response.ts';

export interface PaperColumn {
	key: string;
	/** Thai label and the answer codes, for the template's note row. */
	label: string;
}

/** The items of one instrument's survey questions, in questionnaire order. */
function surveyQuestions(instrument: FrameworkInstrument) {
	const out: {
		id: string;
		scale: string;
		items: { id: string; text: string }[];
		variants?: { id: string; label: string }[];
	}[] = [];
	for (const indicator of instrument.indicators) {
		const questions = [
			...(indicator.questions ?? []),
			...(indicator.subIndicators ?? []).flatMap((s) => s.questions)
		];
		for (const question of questions) {
			if (!('scale' in question)) continue;
			const q = question as SurveyQuestion;
			const items = q.items ?? q.variants?.[0]?.items ?? [];
			out.push({
				id: q.id,
				scale: q.scale,
				items: items.map((i) => ({ id: `${q.id}.${i.id}`, text: i.text.th })),
				variants: q.variants?.map((v) => ({ id: v.id, label: v.label.th }))
			});
		}
	}
	return out;
}

/** The template's columns for one instrument of a framework (`sections`: the agency's own). */
export function paperColumns(
	framework: Framework,
	instrument: Instrument,
	sections: readonly { code: string; name: { th: string } }[] = []
): PaperColumn[] {
	const inst = framework.instruments.find((i) => i.id === instrument);
	if (!inst) return [];
	const columns: PaperColumn[] = [
		{ key: 'id', label: 'รหัสแบบฟอร์ม (ไม่บังคับ)' },
		{ key: 'collected_on', label: 'วันที่ตอบ ค.ศ. ปปปป-ดด-วว (ว่าง = วันนี้)' }
	];
	if (instrument === 'eit') {
		columns.push({ key: 'service_point', label: 'รหัสจุดบริการ (ไม่บังคับ)' });
	}
	for (const q of surveyQuestions(inst)) {
		const scale = framework.scales[q.scale];
		const codes = scale?.options.map((o) => `${o.code}=${o.label.th}`).join(' ') ?? '';
		if (q.variants) {
			columns.push({
				key: `variant:${q.id}`,
				label: `ข้อ ${q.id} ประเภทบริการ: ${q.variants.map((v) => `${v.id}=${v.label}`).join(' ')}`
			});
		}
		for (const item of q.items) {
			columns.push({ key: item.id, label: `${item.id} ${item.text} (${codes})` });
		}
	}
	for (const d of framework.demographics[instrument]) {
		const options =
			d.source === 'section' && sections.length
				? sections.map((s) => `${s.code}=${s.name.th}`)
				: d.options.map((o) => `${o.code}=${o.label.th}`);
		columns.push({
			key: `demo:${d.id}`,
			label: `${d.label.th} (${options.join(' ')})${d.required ? '' : ' ไม่บังคับ'}`
		});
	}
	return columns;
}

/** A CSV cell, quoted when it must be. */
function csvCell(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template as CSV (UTF-8 with a byte-order mark, so that Excel reads the Thai). */
export function templateCsv(columns: readonly PaperColumn[]): string {
	const keys = columns.map((c) => csvCell(c.key)).join(',');
	const labels = columns.map((c, i) => csvCell(i === 0 ? `# ${c.label}` : c.label)).join(',');
	return `\uFEFF${keys}\r\n${labels}\r\n`;
}

/** Rows of a CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const src = text.replace(/^\uFEFF/, '');
	// A spreadsheet saved with semicolons (a European Excel) is read as such.
	const firstLine = src.slice(0, src.search(/\r?\n|$/));
	const sep = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === sep) {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && src[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

/** One row of the file, as a response or as the reason it cannot be one. */
export interface PaperRow {
	/** The row number in the file (1 is the keys). */
	row: number;
	response?: Record<string, unknown>;
	/** A catalogue code when the row cannot be read (before the database sees it). */
	problem?: { code: string; reason: string };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable UUID (v4 layout) from a text: the same row of the same file gets the same id. */
export async function stableId(text: string): Promise<string> {
	const bytes = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
	).slice(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Thai digits as Arabic, spaces dropped: what people type into a spreadsheet cell. */
function clean(value: string): string {
	return value.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/**
 * The responses in a file's rows (`rows[0]` the keys). `today` is the collection day of
 * a row that gives none.
 */
export async function paperResponses(
	rows: readonly string[][],
	opts: { round: string; instrument: Instrument; today: string }
): Promise<PaperRow[]> {
	const keys = (rows[0] ?? []).map((k) => k.trim());
	const out: PaperRow[] = [];
	for (let r = 1; r < rows.length; r++) {
		const cells = rows[r];
		if ((cells[0] ?? '').trim().startsWith('#')) continue;
		if (cells.every((c) => c.trim() === '')) continue;
		const response: Record<string, unknown> = {
			round: opts.round,
			instrument: opts.instrument,
			channel: 'paper',
			collectedOn: opts.today,
			answers: {},
			demographics: {},
			variants: {}
		};
		const answers = response.answers as Record<string, number>;
		const demographics = response.demographics as Record<string, string>;
		const variants = response.variants as Record<string, string>;
		let problem: PaperRow['problem'];
		let id = '';
		keys.forEach((key, k) => {
			const value = clean(cells[k] ?? '');
			if (value === '' || key === '') return;
			if (key === 'id') id = value;
			else if (key === 'collected_on') response.collectedOn = value;
			else if (key === 'service_point') response.servicePoint = value.toLowerCase();
			else if (key.startsWith('variant:')) variants[key.slice(8)] = value;
			else if (key.startsWith('demo:')) demographics[key.slice(5)] = value;
			else if (/^-?\d+$/.test(value)) answers[key] = Number(value);
			else problem ??= { code: 'invalid_answer', reason: `${key}: ${value}` };
		});
		if (id && !uuidPattern.test(id)) {
			problem ??= { code: 'invalid_id', reason: id };
		}
		response.id =
			id || (await stableId(`${opts.round}|${opts.instrument}|${r}|${cells.join('\u0001')}`));
		out.push(problem ? { row: r + 1, problem } : { row: r + 1, response });
	}
	return out;
}

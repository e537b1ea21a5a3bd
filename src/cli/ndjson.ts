/** Reading a file of responses, one JSON object per line, keeping line numbers for messages. */
export interface Line {
	line: number;
	value?: unknown;
	error?: string;
}

export function parseNdjson(text: string): Line[] {
	const out: Line[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		if (raw.trim() === '') return;
		try {
			out.push({ line: i + 1, value: JSON.parse(raw) });
		} catch (error) {
			out.push({ line: i + 1, error: `not JSON (${(error as Error).message})` });
		}
	});
	return out;
}

/**
 * Splits SQL text into its top-level statements, the way psql does: a `;` ends a
 * statement unless it is inside a string ('…', E'…'), a quoted identifier ("…"), a
 * dollar-quoted body ($$…$$, $tag$…$tag$) or a comment (-- …, nested /* … *\/). Each
 * statement keeps the comments and blank lines before it (its doc comment), so that the
 * pieces joined again give back the text.
 */

export interface Statement {
	/** Comments and white space before the statement. */
	leading: string;
	/** The statement itself, up to and including its `;` (none for a trailing fragment). */
	body: string;
}

export function splitStatements(sql: string): Statement[] {
	const out: Statement[] = [];
	let i = 0;
	let start = 0;
	// Where the statement's first token begins (after its leading comments), or -1.
	let bodyStart = -1;
	const n = sql.length;
	while (i < n) {
		const c = sql[i];
		const next = sql[i + 1];
		if (c === '-' && next === '-') {
			const end = sql.indexOf('\n', i);
			i = end === -1 ? n : end + 1;
			continue;
		}
		if (c === '/' && next === '*') {
			let depth = 1;
			i += 2;
			while (i < n && depth > 0) {
				if (sql[i] === '/' && sql[i + 1] === '*') {
					depth++;
					i += 2;
				} else if (sql[i] === '*' && sql[i + 1] === '/') {
					depth--;
					i += 2;
				} else i++;
			}
			continue;
		}
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (bodyStart === -1) bodyStart = i;
		if (c === "'") {
			const escapes = i > 0 && /[eE]/.test(sql[i - 1]) && !/\w/.test(sql[i - 2] ?? ' ');
			i++;
			while (i < n) {
				if (escapes && sql[i] === '\\') i += 2;
				else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
				else if (sql[i] === "'") {
					i++;
					break;
				} else i++;
			}
			continue;
		}
		if (c === '"') {
			i++;
			while (i < n) {
				if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
				else if (sql[i] === '"') {
					i++;
					break;
				} else i++;
			}
			continue;
		}
		if (c === '$') {
			const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
			// Not a positional parameter ($1) and not inside an identifier (a$b).
			if (tag && !/\w/.test(sql[i - 1] ?? ' ')) {
				const end = sql.indexOf(tag[0], i + tag[0].length);
				i = end === -1 ? n : end + tag[0].length;
				continue;
			}
		}
		if (c === ';') {
			out.push({ leading: sql.slice(start, bodyStart), body: sql.slice(bodyStart, i + 1) });
			i++;
			start = i;
			bodyStart = -1;
			continue;
		}
		i++;
	}
	if (start < n) {
		const rest = sql.slice(start);
		if (bodyStart === -1) out.push({ leading: rest, body: '' });
		else out.push({ leading: sql.slice(start, bodyStart), body: sql.slice(bodyStart) });
	}
	return out;
}

/** The statement without comments, its words lower-cased and spaced once (outside strings: rough). */
export function normalised(body: string): string {
	return body
		.replace(/--[^\n]*/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** The text between the parenthesis at `open` and its match (strings and bodies aside: argument lists have none). */
export function balanced(text: string, open: number): { inner: string; end: number } | null {
	let depth = 0;
	let quote: string | null = null;
	for (let i = open; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (c === quote) quote = null;
			continue;
		}
		if (c === "'" || c === '"') quote = c;
		else if (c === '(') depth++;
		else if (c === ')' && --depth === 0) return { inner: text.slice(open + 1, i), end: i };
	}
	return null;
}

/** Splits on commas outside parentheses and quotes. */
export function splitTopLevel(text: string, separator = ','): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quote: string | null = null;
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (c === quote) quote = null;
			continue;
		}
		if (c === "'" || c === '"') quote = c;
		else if (c === '(' || c === '[') depth++;
		else if (c === ')' || c === ']') depth--;
		else if (c === separator && depth === 0) {
			parts.push(text.slice(from, i));
			from = i + 1;
		}
	}
	parts.push(text.slice(from));
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const modes = new Set(['in', 'out', 'inout', 'variadic']);

/**
 * A function's identity as PostgreSQL sees it: schema-qualified name and the types of its
 * input arguments (names, defaults and OUT arguments are not part of it).
 */
export function functionKey(name: string, argList: string): string {
	const types: string[] = [];
	for (const raw of splitTopLevel(argList)) {
		let arg = raw.replace(/\s+(default\b|=)[\s\S]*$/i, '').trim();
		let mode = 'in';
		const first = arg.split(/\s+/)[0].toLowerCase();
		if (modes.has(first)) {
			mode = first;
			arg = arg.slice(first.length).trim();
		}
		if (mode === 'out') continue;
		const words = arg.split(/\s+/);
		// `name type` or just `type`; a type of several words (double precision, timestamp
		// with time zone) only ever follows a name here.
		const type =
			words.length > 1 && !/^(double|character|timestamp|time|bit)$/i.test(words[0])
				? words.slice(1).join(' ')
				: arg;
		types.push(type.toLowerCase().replace(/\s+/g, ' '));
	}
	const qualified = name.includes('.') ? name : `public.${name}`;
	return `${qualified.toLowerCase().replaceAll('"', '')}(${types.join(',')})`;
}

/** The function a `create [or replace] function` or `drop function` statement names, or null. */
export function functionOf(body: string): { kind: 'create' | 'drop'; key: string } | null {
	const m =
		/^\s*(create(?:\s+or\s+replace)?|drop)\s+function\s+(?:if\s+exists\s+)?([\w."]+)\s*\(/i.exec(
			body
		);
	if (!m) return null;
	const args = balanced(body, m[0].length - 1);
	if (!args) return null;
	return {
		kind: m[1].toLowerCase().startsWith('drop') ? 'drop' : 'create',
		key: functionKey(m[2], args.inner)
	};
}

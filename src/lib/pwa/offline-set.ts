/**
 * What the service worker keeps for offline use: the closures of the respondent's and the
 * kiosk's screens — the chunks their pages import, the screens they load later (the
 * questions, the outbox, English), their styles and fonts — and nothing of the officers'
 * pages, which need the network anyway and which no phone should carry.
 *
 * Computed at build time from the client bundle's chunk graph (see the `ita-offline-set`
 * plugin in vite.config.ts), written as `_app/offline-set.json`; the worker reads that list
 * at install. Pure, so the rule is unit-tested without a build.
 */

export interface ChunkFacts {
	fileName: string;
	/** An entry of the client (SvelteKit's start and app): only its static imports count. */
	isEntry: boolean;
	/** Source modules bundled into the chunk. */
	moduleIds: readonly string[];
	imports: readonly string[];
	dynamicImports: readonly string[];
	/** Stylesheets and other files (fonts, images) the chunk brings along. */
	css: readonly string[];
	assets: readonly string[];
	/** A chunk of styles only, which Vite leaves out of the output: its styles count, its file does not. */
	empty?: boolean;
}

/** The screens that must open offline: the respondent's (`(public)`), the kiosk, the root layout and error page. */
export function offlineModule(id: string): boolean {
	const path = id.replace(/\\/g, '/');
	return (
		path.includes('/src/routes/(public)/') ||
		path.includes('/src/routes/(kiosk)/') ||
		/\/src\/routes\/\+(layout|error)\.(svelte|ts)$/.test(path) ||
		// SvelteKit's own root layout and error page, when the app has none.
		/\/@sveltejs\/kit\/src\/runtime\/components\/(svelte-\d\/)?(layout|error)\.svelte$/.test(path)
	);
}

/**
 * Every file the offline screens need, sorted: the entries with their static imports,
 * and each chunk holding an offline module with all it imports, statically or on demand.
 * `cssRefs(file)` gives the files a stylesheet refers to (its fonts).
 */
export function offlineSet(
	chunks: readonly ChunkFacts[],
	cssRefs: (file: string) => readonly string[] = () => [],
	wanted: (moduleId: string) => boolean = offlineModule
): string[] {
	const byName = new Map(chunks.map((c) => [c.fileName, c]));
	const files = new Set<string>();
	const seen = new Set<string>();

	function take(chunk: ChunkFacts, dynamic: boolean) {
		const key = `${chunk.fileName}:${dynamic}`;
		if (seen.has(key)) return;
		seen.add(key);
		if (!chunk.empty) files.add(chunk.fileName);
		for (const css of chunk.css) {
			files.add(css);
			for (const ref of cssRefs(css)) files.add(ref);
		}
		for (const asset of chunk.assets) files.add(asset);
		const next = dynamic ? [...chunk.imports, ...chunk.dynamicImports] : chunk.imports;
		for (const name of next) {
			const child = byName.get(name);
			if (child) take(child, dynamic);
		}
	}

	for (const chunk of chunks) {
		if (chunk.moduleIds.some(wanted)) take(chunk, true);
		else if (chunk.isEntry) take(chunk, false);
	}
	return [...files].sort();
}

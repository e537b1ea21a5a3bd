/**
 * Where the browser sends its API calls. Kept apart from supabase.ts so that the first
 * screen (which checks an IIT code with a plain fetch) does not load supabase-js.
 */
export interface SupabaseConfig {
	/**
	 * The API's origin; '' means "the origin of this very page" (the embedded server
	 * answers the API where it serves the pages), so that no request's Host header ever
	 * decides where a browser sends answers.
	 */
	url: string;
	anonKey: string;
}

/** The absolute API address: in a browser, '' is the page's own origin. */
export function apiUrl(config: SupabaseConfig): string {
	if (config.url) return config.url;
	if (typeof location === 'undefined') throw new Error('no API address outside a browser');
	return location.origin;
}

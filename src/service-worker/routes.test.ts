import { describe, expect, it } from 'vitest';
import { chooseStrategy, type RequestFacts, type Scope } from './routes.ts';

const origin = 'https://ita.example';
const scope: Scope = {
	origin,
	precached: new Set([
		'/_app/immutable/entry/start.abc123.js',
		'/_app/immutable/assets/sarabun-thai-400-normal.f00.woff2',
		'/manifest.webmanifest',
		'/icons/icon-192.png'
	])
};

function get(url: string, mode: RequestMode = 'cors'): RequestFacts {
	return { url, method: 'GET', mode };
}

describe('chooseStrategy', () => {
	it('answers a round page network first, cached under its path without the query', () => {
		expect(
			chooseStrategy(get(`${origin}/r/demo-bma-2567?sp=registration-1`, 'navigate'), scope)
		).toEqual({
			kind: 'page',
			key: `${origin}/r/demo-bma-2567`
		});
	});

	it('gives the same page one cache entry whatever its query string', () => {
		const a = chooseStrategy(get(`${origin}/r/x?sp=a`, 'navigate'), scope);
		const b = chooseStrategy(get(`${origin}/r/x?lang=en`, 'navigate'), scope);
		expect(a).toEqual(b);
	});

	it('answers the app shell from the cache first', () => {
		expect(chooseStrategy(get(`${origin}/_app/immutable/entry/start.abc123.js`), scope)).toEqual({
			kind: 'asset',
			key: `${origin}/_app/immutable/entry/start.abc123.js`
		});
		expect(chooseStrategy(get(`${origin}/icons/icon-192.png`, 'no-cors'), scope).kind).toBe(
			'asset'
		);
	});

	it('treats any hashed build file as an asset, even one of another build', () => {
		expect(chooseStrategy(get(`${origin}/_app/immutable/chunks/Other.999.js`), scope).kind).toBe(
			'asset'
		);
	});

	it('answers the questionnaire network first, keyed by its full URL, on any origin', () => {
		const local = `${origin}/rest/v1/rpc/get_questionnaire?round_code=demo-bma-2567&service_point=registration-1`;
		expect(chooseStrategy(get(local), scope)).toEqual({ kind: 'questionnaire', key: local });
		const supabase = 'https://abc.supabase.co/rest/v1/rpc/get_questionnaire?round_code=x';
		expect(chooseStrategy(get(supabase), scope)).toEqual({ kind: 'questionnaire', key: supabase });
	});

	it('never caches a submission or any other API call', () => {
		const submit = {
			url: `${origin}/rest/v1/rpc/submit_responses`,
			method: 'POST',
			mode: 'cors'
		} as const;
		expect(chooseStrategy(submit, scope)).toEqual({ kind: 'network' });
		expect(chooseStrategy(get(`${origin}/rest/v1/rpc/round_results?round_code=x`), scope)).toEqual({
			kind: 'network'
		});
		// supabase-js sends the questionnaire as a POST unless told `{get: true}`.
		const posted = {
			url: `${origin}/rest/v1/rpc/get_questionnaire`,
			method: 'POST',
			mode: 'cors'
		} as const;
		expect(chooseStrategy(posted, scope)).toEqual({ kind: 'network' });
	});

	it('leaves other origins and other same-origin requests to the browser', () => {
		expect(chooseStrategy(get('https://cdn.example/x.js'), scope).kind).toBe('network');
		expect(
			chooseStrategy(get(`${origin}/r/x/__data.json?x-sveltekit-invalidated=01`), scope).kind
		).toBe('network');
		expect(chooseStrategy(get(`${origin}/_app/version.json`), scope).kind).toBe('network');
	});

	it("never caches the officers' pages", () => {
		for (const path of ['/admin', '/admin/bang-rak', '/admin/bang-rak/rounds/x/posters?size=a4']) {
			expect(
				chooseStrategy({ url: origin + path, method: 'GET', mode: 'navigate' }, scope).kind,
				path
			).toBe('network');
		}
	});

	it('never answers /healthz from a cache', () => {
		expect(
			chooseStrategy({ url: `${origin}/healthz`, method: 'GET', mode: 'navigate' }, scope).kind
		).toBe('network');
	});
});

/**
 * How the outbox reaches the server: `submit_responses` through Supabase's PostgREST client
 * (./rest.ts), which is loaded only when there is something to send, so the respondent's
 * first screen does not carry it.
 */
import type { SupabaseConfig } from '../supabase.ts';
import type { SurveyResponse, Verdict } from '../survey/response.ts';

/** A send that got no verdicts: the server could not be reached or answered an error. */
export class SendError extends Error {
	/** The HTTP status; 0 when the server could not be reached. */
	readonly status: number;
	/** PostgREST's code (`PGRST102`, a SQLSTATE such as `22023`), or '' when there is none. */
	readonly code: string;

	constructor(message: string, status: number, code = '', options?: ErrorOptions) {
		super(message, options);
		this.name = 'SendError';
		this.status = status;
		this.code = code;
	}
}

export type Sender = (batch: SurveyResponse[]) => Promise<Verdict[]>;

interface SubmitAnswer {
	results: Verdict[];
	accepted: number;
	duplicates: number;
	rejected: number;
}

type Connection = import('./rest.ts').Rpc;

/**
 * A `send` for the sync loop that calls `submit_responses(batch)` on the project at
 * `config.url` and resolves to its per-response verdicts. Throws a `SendError` when there
 * are none: network failure (status 0), HTTP error, or an answer without results.
 */
export function supabaseSender(config: SupabaseConfig): Sender {
	let connection: Promise<Connection> | undefined;

	function connect(): Promise<Connection> {
		connection ??= import('./rest.ts').then(
			(module) => module.restRpc(config),
			(error: unknown) => {
				// The chunk may be missing while offline: load it again on the next attempt.
				connection = undefined;
				throw new SendError('Could not load the code that talks to the server.', 0, '', {
					cause: error
				});
			}
		);
		return connection;
	}

	return async (batch) => {
		const rpc = await connect();
		const { data, error, status } = await rpc<SubmitAnswer>('submit_responses', { batch });
		if (error) {
			// A proxy's error page arrives as the message: keep it short enough to show.
			const message = (error.message || `HTTP ${status}`).slice(0, 300);
			throw new SendError(message, status, error.code ?? '', {
				cause: error
			});
		}
		if (!data || !Array.isArray(data.results)) {
			// Something between us and the server (a captive portal, a proxy) answered.
			throw new SendError('The server answered without verdicts.', status, 'ita_no_results');
		}
		return data.results;
	};
}

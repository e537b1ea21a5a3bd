// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n/index.ts';
import type { SessionClaims } from '$lib/server/auth/session.ts';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
			/** The signed-in officer's or administrator's session claims; null for everyone else. */
			user: SessionClaims | null;
		}
		/** What an error page needs to say more than "not found" (see src/routes/+error.svelte). */
		interface Error {
			message: string;
			/** round_unknown, service_point_unknown, … */
			code?: string;
			/** The parameters of a catalogue code (src/lib/i18n/errors.ts), from the database's detail. */
			params?: Record<string, unknown>;
			round?: string;
			counter?: string;
			agency?: { th: string; en?: string };
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};

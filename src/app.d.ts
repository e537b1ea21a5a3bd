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
		// interface Error {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};

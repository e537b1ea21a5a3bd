// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n/index.ts';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
		}
		// interface Error {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};

/**
 * Where the survey learns that a new version waits, without loading the registration
 * code (workbox-window) on its first screen: the root layout registers the service
 * worker when the browser is idle and puts its Updates here.
 */
export interface UpdateSource {
	readonly available: boolean;
	apply(): void;
}

export const updatePrompt = $state<{ source: UpdateSource | null }>({ source: null });

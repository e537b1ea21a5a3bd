/** The installable, offline app: service-worker registration and updates, persistent storage. */
import { Updates } from './updates.svelte.ts';

export { Updates, SERVICE_WORKER_URL } from './updates.svelte.ts';

/** The page's one registration (a browser-only singleton; on the server it never registers). */
export const updates = new Updates();
export { requestPersistence } from './storage.ts';

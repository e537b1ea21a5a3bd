import type { DemoRound } from './demo.ts';

/** What the app's init hook tells `npm start` for its start-up block. */
export interface StartFacts {
	dataDir: string;
	demo: DemoRound[];
	/** The one-time setup token, while the server has no account. */
	setupToken: string | null;
}

import type { RequestHandler } from '@sveltejs/kit';
import { download } from '$lib/server/results/exports.ts';

/** The round's aggregates.xlsx with the page's filter; 404 unless the round is the user's agency's. */
export const GET: RequestHandler = (event) => download(event, 'aggregates.xlsx');

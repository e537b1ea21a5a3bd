import type { LayoutServerLoad } from './$types';

/** Officers' pages hold an agency's set-up: never kept by a browser's or proxy's cache. */
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
};

import { afterEach, describe, expect, test, vi } from 'vitest';
import { whenIdle } from './idle.ts';

/** A window and document as far as whenIdle sees them; idle callbacks run on `idle()`. */
function page(readyState: 'loading' | 'complete') {
	const target = new EventTarget();
	const queued = new Map<number, () => void>();
	let next = 1;
	vi.stubGlobal('document', { readyState });
	vi.stubGlobal('window', {
		addEventListener: target.addEventListener.bind(target),
		removeEventListener: target.removeEventListener.bind(target),
		requestIdleCallback: (work: () => void) => {
			queued.set(next, work);
			return next++;
		},
		cancelIdleCallback: (handle: number) => queued.delete(handle)
	});
	return {
		load: () => target.dispatchEvent(new Event('load')),
		idle: () => {
			for (const work of queued.values()) work();
			queued.clear();
		}
	};
}

afterEach(() => vi.unstubAllGlobals());

describe('whenIdle: work that must not compete with the first screen', () => {
	test('waits for the page to load, then for the browser to be idle', () => {
		const p = page('loading');
		const work = vi.fn();
		whenIdle(work);
		p.idle();
		expect(work).not.toHaveBeenCalled();
		p.load();
		expect(work).not.toHaveBeenCalled();
		p.idle();
		expect(work).toHaveBeenCalledOnce();
	});

	test('on a page already loaded, waits only for idle', () => {
		const p = page('complete');
		const work = vi.fn();
		whenIdle(work);
		p.idle();
		expect(work).toHaveBeenCalledOnce();
	});

	test('cancelled before the load or before idle, it never runs', () => {
		const p = page('loading');
		const early = vi.fn();
		whenIdle(early)();
		p.load();
		p.idle();
		expect(early).not.toHaveBeenCalled();

		const q = page('loading');
		const late = vi.fn();
		const cancel = whenIdle(late);
		q.load();
		cancel();
		q.idle();
		expect(late).not.toHaveBeenCalled();
	});
});

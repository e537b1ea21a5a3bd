import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: object) => void;

/** A stand-in for workbox-window's Workbox: records listeners, lets the test fire events. */
class FakeWorkbox {
	static last: FakeWorkbox | undefined;
	readonly listeners = new Map<string, Handler[]>();
	readonly register = vi.fn(() => Promise.resolve(undefined));
	readonly update = vi.fn(() => Promise.resolve());
	readonly messageSkipWaiting = vi.fn();

	constructor(
		readonly url: string,
		readonly options: object
	) {
		FakeWorkbox.last = this;
	}

	addEventListener(type: string, handler: Handler) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), handler]);
	}

	fire(type: string, event: object = {}) {
		for (const handler of this.listeners.get(type) ?? []) handler(event);
	}
}

vi.mock('workbox-window', () => ({ Workbox: FakeWorkbox }));
vi.mock('$app/environment', () => ({ browser: true, dev: false }));

const reload = vi.fn();

beforeEach(() => {
	FakeWorkbox.last = undefined;
	reload.mockClear();
	vi.stubGlobal('navigator', { serviceWorker: {} });
	vi.stubGlobal('window', { location: { reload } });
});
afterEach(() => {
	vi.unstubAllGlobals();
});

async function registered() {
	const { Updates } = await import('./updates.svelte.ts');
	const updates = new Updates();
	await updates.register();
	const workbox = FakeWorkbox.last;
	if (!workbox) throw new Error('no Workbox was made');
	return { updates, workbox };
}

describe('Updates', () => {
	it('registers the built worker as a classic script', async () => {
		const { workbox } = await registered();
		expect(workbox.url).toBe('/service-worker.js');
		expect(workbox.options).toEqual({ type: 'classic' });
		expect(workbox.register).toHaveBeenCalledOnce();
	});

	it('does nothing where service workers are missing', async () => {
		vi.stubGlobal('navigator', {});
		const { Updates } = await import('./updates.svelte.ts');
		await new Updates().register();
		expect(FakeWorkbox.last).toBeUndefined();
	});

	it('says a new version is available once one is waiting', async () => {
		const { updates, workbox } = await registered();
		expect(updates.available).toBe(false);
		workbox.fire('waiting', { isUpdate: true });
		expect(updates.available).toBe(true);
	});

	it('does not reload when the first worker takes control', async () => {
		const { workbox } = await registered();
		workbox.fire('controlling', { isUpdate: false });
		expect(reload).not.toHaveBeenCalled();
	});

	it('switches to the waiting version and reloads once it controls the page', async () => {
		const { updates, workbox } = await registered();
		workbox.fire('waiting');
		updates.apply();
		expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce();
		expect(reload).not.toHaveBeenCalled();
		// workbox-window reports isUpdate=false even for a real update.
		workbox.fire('controlling', { isUpdate: false });
		expect(reload).toHaveBeenCalledOnce();
	});

	it('ignores apply() while nothing is waiting', async () => {
		const { updates, workbox } = await registered();
		updates.apply();
		expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();
	});
});

describe('requestPersistence', () => {
	it('asks for persistent storage and reports the answer', async () => {
		const persist = vi.fn(() => Promise.resolve(true));
		vi.stubGlobal('navigator', { storage: { persist, persisted: () => Promise.resolve(false) } });
		const { requestPersistence } = await import('./storage.ts');
		expect(await requestPersistence()).toBe(true);
		expect(persist).toHaveBeenCalledOnce();
	});

	it('resolves false where the API is missing or fails', async () => {
		const { requestPersistence } = await import('./storage.ts');
		vi.stubGlobal('navigator', {});
		expect(await requestPersistence()).toBe(false);
		vi.stubGlobal('navigator', { storage: { persist: () => Promise.reject(new Error('no')) } });
		expect(await requestPersistence()).toBe(false);
	});
});

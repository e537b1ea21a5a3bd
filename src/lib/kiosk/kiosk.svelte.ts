/**
 * The kiosk shell's state: which screen shows, the visitor's survey (in memory only),
 * the idle reset, the PIN exit, and the link to the server (outbox, heartbeat). The rules
 * are in the plain modules beside it (idle.ts, pin.ts, response.ts); this class wires
 * them to time and storage, and the components only show what it exposes.
 */
import type { SupabaseConfig } from '../supabase.ts';
import { newId } from '../uuid.ts';
import {
	Outbox,
	OutboxStatus,
	SyncLoop,
	supabaseSender,
	type OutboxEntry,
	type Sender,
	type SyncTarget
} from '../outbox/index.ts';
import { surveyDefinition, type SurveyDefinition } from '../survey/questionnaire.ts';
import { thaiToday } from '../survey/response.ts';
import { SurveyState } from '../survey/survey.svelte.ts';
import { kioskApi, type KioskApi } from './api.ts';
import { DeviceStore, withInfo, type KioskDevice } from './device.ts';
import { idlePhase, roundOpen, warnSeconds, type RoundOpen } from './idle.ts';
import { localPinStore, PinLock, type PinOutcome } from './pin.ts';
import { kioskDefinition, kioskResponse } from './response.ts';

export type Screen =
	'loading' | 'enrol' | 'welcome' | 'survey' | 'thanks' | 'closed' | 'revoked' | 'pin' | 'settings';

/** How long the thank-you stays before the welcome screen returns. */
export const thanksSeconds = 6;
/** How often the tablet tells the server it is alive (and hears whether it was revoked). */
export const heartbeatMs = 60_000;

export type EnrolProblem = 'notFound' | 'badCode' | 'offline' | 'failed';

export interface KioskOptions {
	supabase: SupabaseConfig;
	/** Stand-ins for the tests: the server's functions, submit_responses, the clock. */
	api?: KioskApi;
	send?: Sender;
	now?: () => number;
	/** The IndexedDB databases (the app's own unless a test names others). */
	outboxName?: string;
	deviceStoreName?: string;
}

export class KioskState {
	#screen = $state<Screen>('loading');
	#device = $state<KioskDevice | null>(null);
	#survey = $state<SurveyState | null>(null);
	/** Each visitor gets a new number, so the screens are built afresh for them. */
	#visitor = $state(0);
	#lastActivity = $state(0);
	#now = $state(0);
	#thanksAt = 0;
	#enrolProblem = $state<EnrolProblem | null>(null);
	#enrolling = $state(false);
	#pinResult = $state<PinOutcome | null>(null);
	#pinChecking = $state(false);
	#saveFailed = $state(false);
	#reachable = $state<boolean | null>(null);
	#lastHeartbeatAt = $state<number | null>(null);
	#refused = $state<OutboxEntry[]>([]);
	#def = $derived.by((): SurveyDefinition | null => {
		const d = this.#device;
		return d ? kioskDefinition(surveyDefinition(d.questionnaire, 'eit')) : null;
	});

	readonly status = new OutboxStatus();
	readonly #clock: () => number;
	readonly #api: KioskApi;
	readonly #send: Sender;
	readonly #names: { outbox?: string; device?: string };
	readonly #pin: PinLock;
	#store: DeviceStore | null = null;
	#outbox: Outbox | null = null;
	#loop: SyncLoop | null = null;
	#stops: (() => void)[] = [];
	#lastBeat = 0;
	#stopped = false;

	constructor(options: KioskOptions) {
		this.#api = options.api ?? kioskApi(options.supabase);
		this.#send = options.send ?? supabaseSender(options.supabase);
		this.#names = { outbox: options.outboxName, device: options.deviceStoreName };
		this.#clock = options.now ?? Date.now;
		this.#pin = new PinLock(this.#clock, localPinStore());
		this.#now = this.#clock();
	}

	get screen(): Screen {
		return this.#screen;
	}
	get device(): KioskDevice | null {
		return this.#device;
	}
	get def(): SurveyDefinition | null {
		return this.#def;
	}
	get survey(): SurveyState | null {
		return this.#survey;
	}
	get visitor(): number {
		return this.#visitor;
	}
	get enrolProblem(): EnrolProblem | null {
		return this.#enrolProblem;
	}
	get enrolling(): boolean {
		return this.#enrolling;
	}
	get pinResult(): PinOutcome | null {
		return this.#pinResult;
	}
	/** A PIN is being checked (its hash takes a moment on a slow tablet). */
	get pinChecking(): boolean {
		return this.#pinChecking;
	}
	/** The responses the server refused, with its reasons (read when the settings open). */
	get refused(): OutboxEntry[] {
		return this.#refused;
	}
	get saveFailed(): boolean {
		return this.#saveFailed;
	}
	/** Seconds left of the idle warning, or null when the visitor is not idle. */
	get idleSecondsLeft(): number | null {
		if (this.#screen !== 'survey' && this.#screen !== 'pin' && this.#screen !== 'settings') {
			return null;
		}
		const d = this.#device;
		if (!d) return null;
		const p = idlePhase(this.#lastActivity, this.#now, d.idleSeconds, warnSeconds);
		return p.phase === 'warning' ? p.secondsLeft : null;
	}
	/** True, false, or null before the first exchange with the server. */
	get online(): boolean | null {
		if (this.status.lastError) return false;
		return this.#reachable;
	}
	/** Device clock, ms: the last time the server took responses or answered the heartbeat. */
	get lastSyncAt(): number | null {
		const a = this.status.lastSentAt;
		const b = this.#lastHeartbeatAt;
		return a === null ? b : b === null ? a : Math.max(a, b);
	}
	/** Seconds left of the PIN lock, or null. */
	get pinLockedFor(): number | null {
		const until = this.#pin.lockedUntil();
		return until === null ? null : Math.ceil((until - this.#now) / 1000);
	}
	get roundState(): RoundOpen {
		const d = this.#device;
		return d ? roundOpen(d, thaiToday(this.#now)) : 'closed';
	}

	/**
	 * Opens the device's storage, the outbox and its sync loop; starts the clock that
	 * drives the idle reset, the return to welcome and the heartbeat. Returns the cleanup.
	 */
	async start(target: SyncTarget): Promise<() => void> {
		this.#store = await DeviceStore.open(this.#names.device);
		this.#outbox = await Outbox.open(this.#names.outbox);
		this.#loop = new SyncLoop(this.#outbox, this.#send);
		this.#stops.push(this.status.listen(this.#outbox, this.#loop));
		this.#stops.push(this.#loop.start(target));
		// After a send, hear from the server too: it may have revoked this kiosk meanwhile.
		this.#stops.push(
			this.#loop.subscribe((s) => {
				if (s.state !== 'idle') return;
				// Sent while the last heartbeat found no server (it ran as the network came
				// back): the server is there, and the status corner should say so now.
				const back = !s.lastError && this.#reachable === false;
				if (back || this.#clock() - this.#lastBeat > 5_000) void this.heartbeat();
			})
		);
		const onOnline = () => void this.heartbeat();
		target.window.addEventListener('online', onOnline);
		this.#stops.push(() => target.window.removeEventListener('online', onOnline));
		const timer = setInterval(() => this.tick(), 1000);
		this.#stops.push(() => clearInterval(timer));
		void this.status.refresh();

		this.#device = await this.#store.load();
		this.#home();
		if (this.#device) void this.heartbeat();
		return () => this.stop();
	}

	stop(): void {
		this.#stopped = true;
		for (const stop of this.#stops.splice(0)) stop();
		this.#outbox?.close();
		this.#store?.close();
	}

	/** Someone touched the screen: the idle countdown starts over. */
	activity(): void {
		this.#lastActivity = this.#clock();
		this.#now = this.#lastActivity;
	}

	/** Once a second: the idle reset, the end of the thank-you, the heartbeat. */
	tick(): void {
		this.#now = this.#clock();
		const d = this.#device;
		if (!d) return;
		if (this.#screen === 'survey' || this.#screen === 'pin' || this.#screen === 'settings') {
			if (idlePhase(this.#lastActivity, this.#now, d.idleSeconds).phase === 'expired') {
				this.discard();
			}
		} else if (this.#screen === 'thanks') {
			if (this.#now - this.#thanksAt >= thanksSeconds * 1000) this.#home();
		} else if (this.#screen === 'welcome' || this.#screen === 'closed') {
			// Midnight may open or close the round.
			this.#home();
		}
		if (this.#now - this.#lastBeat >= heartbeatMs) void this.heartbeat();
	}

	/** The screen between visitors: welcome, closed or revoked (or enrol, with no device). */
	#home(): void {
		this.#survey = null;
		this.#pinResult = null;
		const d = this.#device;
		if (!d) this.#screen = 'enrol';
		else if (d.status === 'revoked') this.#screen = 'revoked';
		else if (this.roundState !== 'open') this.#screen = 'closed';
		else this.#screen = 'welcome';
	}

	/** Trades an enrolment code for the device key, and keeps the round's questionnaire. */
	async enrol(code: string): Promise<boolean> {
		const typed = code.replace(/[^0-9a-z]/gi, '');
		if (typed.length !== 8) {
			this.#enrolProblem = 'badCode';
			return false;
		}
		this.#enrolling = true;
		this.#enrolProblem = null;
		try {
			const enrolled = await this.#api.enrol(typed);
			if (!enrolled.ok) {
				this.#enrolProblem =
					enrolled.status === 0
						? 'offline'
						: enrolled.code === 'PT404'
							? 'notFound'
							: enrolled.code === '22023'
								? 'badCode'
								: 'failed';
				return false;
			}
			const q = await this.#api.questionnaire(enrolled.data.round);
			if (!q.ok) {
				this.#enrolProblem = q.status === 0 ? 'offline' : 'failed';
				return false;
			}
			const { deviceKey, ...info } = enrolled.data;
			const device: KioskDevice = {
				...info,
				deviceKey,
				questionnaire: q.data,
				lastContactAt: this.#clock()
			};
			await this.#store?.save(device);
			this.#device = device;
			this.#reachable = true;
			this.#lastHeartbeatAt = this.#clock();
			this.#lastBeat = this.#clock();
			this.#home();
			return true;
		} finally {
			this.#enrolling = false;
		}
	}

	/**
	 * Tells the server the tablet is alive and how much waits on it; learns whether it was
	 * revoked, and its current settings. The questionnaire is refreshed too.
	 */
	async heartbeat(): Promise<void> {
		const d = this.#device;
		if (!d) return;
		this.#lastBeat = this.#clock();
		const counts = await this.#outbox?.counts().catch(() => undefined);
		const beat = await this.#api.heartbeat(d.deviceKey, counts?.queued ?? 0);
		// Closed meanwhile (the page went away): nothing more to record.
		if (this.#stopped) return;
		if (!beat.ok) {
			this.#reachable = beat.status === 0 ? false : true;
			// The server knows no such kiosk (its round was deleted): it collects no more.
			if (beat.code === 'PT404' && this.#device?.deviceKey === d.deviceKey) {
				this.#device = { ...d, status: 'revoked' };
				await this.#save(this.#device);
				if (this.#screen !== 'survey') this.#home();
			}
			return;
		}
		this.#reachable = true;
		this.#lastHeartbeatAt = this.#clock();
		let next = withInfo(d, beat.data, this.#clock());
		const q = await this.#api.questionnaire(d.round);
		if (q.ok) next = { ...next, questionnaire: q.data };
		if (this.#stopped || this.#device?.deviceKey !== d.deviceKey) return;
		this.#device = next;
		await this.#save(next);
		// Between visitors only: a visitor answering is never interrupted.
		if (this.#screen === 'welcome' || this.#screen === 'closed' || this.#screen === 'revoked') {
			this.#home();
		}
	}

	/** A visitor taps "start": a new survey, in memory only, at its first question screen. */
	begin(): void {
		const def = this.#def;
		if (!def || this.#screen !== 'welcome') return;
		// Background questions last on a kiosk: question 1 on the first tap, never a long page.
		const survey = new SurveyState(def, null, undefined, { aboutLast: true });
		// The welcome screen was the introduction.
		survey.goTo(1);
		this.#survey = survey;
		this.#visitor += 1;
		this.#saveFailed = false;
		this.activity();
		this.#screen = 'survey';
	}

	/** Keeps the finished response in the outbox (on disk before the thank-you), then sends. */
	async finish(): Promise<void> {
		const survey = this.#survey;
		const d = this.#device;
		const def = this.#def;
		if (!survey || !d || !def) return;
		// Whatever fails here, the visitor is told and the answers stay on the screen.
		this.#saveFailed = false;
		try {
			if (!this.#outbox) throw new Error('the outbox is not open');
			const response = kioskResponse(def, survey.draft, {
				id: newId(),
				now: this.#clock(),
				deviceKey: d.deviceKey
			});
			await this.#outbox.add(response);
		} catch (error) {
			console.error('ITA Collect: the kiosk could not keep a response', error);
			this.#saveFailed = true;
			return;
		}
		survey.reset();
		this.#survey = null;
		this.#thanksAt = this.#clock();
		this.#screen = 'thanks';
		void this.status.refresh();
		void this.#loop?.syncNow();
	}

	/** The visitor walked away (or staff left the settings): nothing of theirs stays. */
	discard(): void {
		this.#survey?.reset();
		this.#home();
	}

	/** Staff: the PIN pad, from the welcome (or closed, revoked) screen. */
	openPin(): void {
		this.#pinResult = null;
		this.activity();
		this.#screen = 'pin';
	}

	async enterPin(pin: string): Promise<boolean> {
		const d = this.#device;
		if (!d) return false;
		this.activity();
		// One PIN at a time: each is answered before the next is taken.
		if (this.#pinChecking) return false;
		this.#pinChecking = true;
		try {
			this.#pinResult = await this.#pin.check(d.pin, pin);
		} finally {
			this.#pinChecking = false;
		}
		if (this.#pinResult.ok) {
			this.#screen = 'settings';
			void this.#readRefused();
		}
		return this.#pinResult.ok;
	}

	/** Back to the visitors' screens. */
	resume(): void {
		this.#home();
	}

	async sendNow(): Promise<void> {
		this.activity();
		await this.#loop?.syncNow();
		await this.heartbeat();
		await this.#readRefused();
	}

	/** Keeps the device's settings; what is in memory holds meanwhile if the write fails. */
	async #save(device: KioskDevice): Promise<void> {
		try {
			await this.#store?.save(device);
		} catch (error) {
			console.warn('ITA Collect: the kiosk settings were not saved on the device', error);
		}
	}

	async #readRefused(): Promise<void> {
		this.#refused = (await this.#outbox?.refused()) ?? [];
	}

	/** Staff: forget this tablet's enrolment (what waits in the outbox stays and is sent). */
	async unenrol(): Promise<void> {
		await this.#store?.clear();
		this.#device = null;
		this.#home();
	}
}

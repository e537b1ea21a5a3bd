/**
 * What an enrolled tablet keeps, in its own IndexedDB database (`ita-kiosk`): the device
 * key, the kiosk's settings and PIN secret, and the round's questionnaire — everything
 * it needs to collect all day offline. Visitors' answers are never kept here: a finished
 * response goes to the outbox (`ita-outbox`), a survey in progress only in memory.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RoundQuestionnaire } from '../survey/questionnaire.ts';
import type { PinSecret } from './pin.ts';

/** What enrol_kiosk and kiosk_heartbeat answer (the heartbeat without `deviceKey`). */
export interface KioskInfo {
	name: string;
	status: 'active' | 'revoked';
	round: string;
	agency: { code: string; name: { th: string; en?: string } };
	opensOn: string;
	closesOn: string;
	roundStatus: string;
	minIntervalSeconds: number;
	idleSeconds: number;
	pin: PinSecret;
}

export interface KioskDevice extends KioskInfo {
	deviceKey: string;
	questionnaire: RoundQuestionnaire;
	/** Device clock, ms: when the server last answered this tablet. */
	lastContactAt: number | null;
}

interface Schema extends DBSchema {
	device: { key: 'device'; value: KioskDevice };
}

export const kioskDatabaseName = 'ita-kiosk';

export class DeviceStore {
	readonly #db: IDBPDatabase<Schema>;

	private constructor(db: IDBPDatabase<Schema>) {
		this.#db = db;
	}

	static async open(name = kioskDatabaseName): Promise<DeviceStore> {
		const db = await openDB<Schema>(name, 1, {
			upgrade(database) {
				database.createObjectStore('device');
			},
			blocking() {
				db.close();
			}
		});
		return new DeviceStore(db);
	}

	async load(): Promise<KioskDevice | null> {
		return (await this.#db.get('device', 'device')) ?? null;
	}

	async save(device: KioskDevice): Promise<void> {
		// JSON round trip: plain data only (no Svelte proxies, which IndexedDB cannot clone).
		await this.#db.put('device', JSON.parse(JSON.stringify(device)) as KioskDevice, 'device');
	}

	async clear(): Promise<void> {
		await this.#db.delete('device', 'device');
	}

	close(): void {
		this.#db.close();
	}
}

/** The device after a heartbeat: the server's settings and status, the rest kept. */
export function withInfo(device: KioskDevice, info: KioskInfo, at: number): KioskDevice {
	return {
		...device,
		name: info.name,
		status: info.status,
		opensOn: info.opensOn,
		closesOn: info.closesOn,
		roundStatus: info.roundStatus,
		minIntervalSeconds: info.minIntervalSeconds,
		idleSeconds: info.idleSeconds,
		pin: info.pin,
		lastContactAt: at
	};
}

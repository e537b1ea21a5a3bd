/**
 * The embedded server as a person starts it (`npm start` runs src/cli/start.ts), in its
 * own process, on a data folder and port of the test's choosing.
 *
 * A test looks into (or prepares) the database of a running server through the server
 * itself (src/lib/server/db/test-channel.ts, over the IPC channel opened here): PGlite
 * admits one process, and stopping, opening and restarting costs seconds of CPU a time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appBuilt } from './app-build.ts';
import type { Row, Sql } from '../../src/lib/server/db/client.ts';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import type { SqlReply, SqlRequest } from '../../src/lib/server/db/test-channel.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

type Ask = (request: DistributiveOmit<SqlRequest, 'id'>) => Promise<unknown>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The server's database, reached through the server's IPC channel. */
function remoteSql(child: ChildProcess): Sql {
	let next = 1;
	const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
	child.on('message', (reply: SqlReply) => {
		const found = waiting.get(reply.id);
		if (!found) return;
		waiting.delete(reply.id);
		if (reply.ok) found.resolve(reply.value);
		else found.reject(Object.assign(new Error(String(reply.error.message)), reply.error));
	});
	child.once('exit', () => {
		for (const w of waiting.values()) w.reject(new Error('the server exited'));
		waiting.clear();
	});
	const ask: Ask = (request) =>
		new Promise((resolve, reject) => {
			const id = next++;
			waiting.set(id, { resolve, reject });
			child.send({ ...request, id }, (error) => {
				if (!error) return;
				waiting.delete(id);
				reject(error);
			});
		});
	const over = (tx?: number): Sql => ({
		engine: 'pglite',
		query: <T extends Row>(text: string, params: unknown[] = []) =>
			ask({ op: 'query', tx, text, params }) as Promise<T[]>,
		async exec(text: string) {
			await ask({ op: 'exec', tx, text });
		},
		async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
			if (tx !== undefined) throw new Error('nested transactions are not supported');
			const id = (await ask({ op: 'begin' })) as number;
			let value: T;
			try {
				value = await work(over(id));
			} catch (error) {
				await ask({ op: 'end', tx: id, commit: false }).catch(() => {});
				throw error;
			}
			await ask({ op: 'end', tx: id, commit: true });
			return value;
		},
		async close() {
			// The server's database: it closes with the server.
		}
	});
	return over();
}

export interface Keys {
	jwtSecret: string;
	anonKey: string;
	serviceKey: string;
}

export class EmbeddedServer {
	private child?: ChildProcess;
	private sql?: Sql;
	output = '';

	/** `env`: more environment for the server (say PUBLIC_SUPABASE_URL, for the app in Supabase mode). */
	constructor(
		readonly dataDir: string,
		readonly port: number,
		readonly env: Record<string, string> = {}
	) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * Starts the server; resolves when it listens, rejects with its output if it exits first.
	 * Waits first for this run's build (support/app-build.ts), which may still be going.
	 */
	async start(): Promise<void> {
		await appBuilt();
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
			env: {
				...process.env,
				ITA_DATA_DIR: this.dataDir,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				ITA_TEST_SQL: '1',
				...this.env
			},
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			// Dates, bigints and bytes cross the channel as themselves.
			serialization: 'advanced'
		});
		this.child = child;
		this.sql = remoteSql(child);
		this.output = '';
		return new Promise((resolve, reject) => {
			const onData = (chunk: Buffer) => {
				this.output += chunk.toString();
				if (this.output.includes('Listening on')) resolve();
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', onData);
			child.once('exit', (code) =>
				reject(new Error(`server exited with ${code}:\n${this.output}`))
			);
		});
	}

	/** Runs a second server on the same folder and returns how it ended. */
	async startAgainExpectingRefusal(): Promise<{ code: number | null; output: string }> {
		const other = new EmbeddedServer(this.dataDir, this.port + 1, this.env);
		try {
			await other.start();
			await other.stop();
			return { code: 0, output: other.output };
		} catch {
			return { code: other.child?.exitCode ?? null, output: other.output };
		}
	}

	/** Stops it: SIGTERM (a clean shutdown) or SIGKILL (a crash, a pulled plug). */
	stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => {
			child.once('exit', () => resolve());
			child.kill(signal);
		});
	}

	get running(): boolean {
		const child = this.child;
		return Boolean(child && child.exitCode === null && child.signalCode === null);
	}

	/**
	 * Looks into (or changes) the server's database: through the running server (see
	 * above), or, while it is stopped, the way another process may: the folder is opened,
	 * and the server starts after.
	 */
	async withDatabase<T>(work: (db: Sql) => Promise<T>): Promise<T> {
		if (this.running && this.sql) return work(this.sql);
		const db = await openDatabase({ dataDir: this.dataDir });
		try {
			return await work(db);
		} finally {
			await db.close();
			await this.start();
		}
	}

	keys(): Promise<Keys> {
		return readFile(join(this.dataDir, 'keys.json'), 'utf8').then((t) => JSON.parse(t) as Keys);
	}
}

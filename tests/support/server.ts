/**
 * The embedded server as a person starts it (`npm start` runs src/cli/start.ts), in its
 * own process, on a data folder and port of the test's choosing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Sql } from '../../src/lib/server/db/client.ts';
import { openDatabase } from '../../src/lib/server/db/embedded.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Keys {
	jwtSecret: string;
	anonKey: string;
	serviceKey: string;
}

export class EmbeddedServer {
	private child?: ChildProcess;
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

	/** Starts the server; resolves when it listens, rejects with its output if it exits first. */
	start(): Promise<void> {
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
			env: {
				...process.env,
				ITA_DATA_DIR: this.dataDir,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				...this.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child = child;
		this.output = '';
		return new Promise((resolve, reject) => {
			const onData = (chunk: Buffer) => {
				this.output += chunk.toString();
				if (this.output.includes('Listening on')) resolve();
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
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

	/**
	 * Looks into (or changes) the server's database the only way another process may:
	 * the server stops, the folder is opened, and the server starts again.
	 */
	async withDatabase<T>(work: (db: Sql) => Promise<T>): Promise<T> {
		await this.stop();
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

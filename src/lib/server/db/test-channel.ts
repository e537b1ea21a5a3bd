/**
 * A test seam: the tests' way into the database of an embedded server they started
 * (tests/support/server.ts). PGlite admits one process, so without it a test that looks
 * into (or prepares) the server's data must stop the server, open the folder and start
 * the server again: seconds of CPU each time. With it, the server runs the test's
 * statements on the database it holds, between its own requests.
 *
 * Only a server started by the tests answers: NODE_ENV=test, ITA_TEST_SQL=1, and an IPC
 * channel to its parent (`process.send`), which a server a person starts never has.
 */
import type { Sql } from './client.ts';

export type SqlRequest =
	| { id: number; op: 'query'; tx?: number; text: string; params?: unknown[] }
	| { id: number; op: 'exec'; tx?: number; text: string }
	| { id: number; op: 'begin' }
	| { id: number; op: 'end'; tx: number; commit: boolean };

export type SqlReply =
	| { id: number; ok: true; value?: unknown }
	| { id: number; ok: false; error: Record<string, unknown> };

/** An error as plain data (its message, SQLSTATE, detail, hint …) to cross the channel. */
function plain(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { message: String(error) };
	const out: Record<string, unknown> = { name: error.name, message: error.message };
	for (const [key, value] of Object.entries(error)) {
		if (value === undefined || typeof value === 'function') continue;
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) continue;
		out[key] = value;
	}
	return out;
}

class Rollback extends Error {}

/** Answers the parent's statements on `db` until the process ends. */
export function answerSql(db: Sql): void {
	const send = (reply: SqlReply) => process.send?.(reply);
	/** The transactions the parent holds open: how to end each, and its outcome. */
	const open = new Map<number, { tx: Sql; finish(commit: boolean): void; done: Promise<void> }>();
	let nextTx = 1;

	const on = (tx: number | undefined): Sql => {
		if (tx === undefined) return db;
		const found = open.get(tx);
		if (!found) throw new Error(`no open transaction ${tx}`);
		return found.tx;
	};

	/** Opens a transaction that stays open until the parent ends it; its number. */
	const begin = () =>
		new Promise<number>((begun, failed) => {
			const txId = nextTx++;
			let started = false;
			const done: Promise<void> = db.transaction(
				(tx) =>
					new Promise<void>((resolve, reject) => {
						started = true;
						open.set(txId, {
							tx,
							finish: (commit) => (commit ? resolve() : reject(new Rollback())),
							done
						});
						begun(txId);
					})
			);
			done.catch((error: unknown) => {
				if (!started) failed(error instanceof Error ? error : new Error(String(error)));
			});
		});

	const end = async (txId: number, commit: boolean) => {
		const found = open.get(txId);
		if (!found) throw new Error(`no open transaction ${txId}`);
		open.delete(txId);
		found.finish(commit);
		await found.done.catch((error: unknown) => {
			if (!(error instanceof Rollback)) throw error;
		});
	};

	const onMessage = (message: SqlRequest) => {
		if (!message || typeof message !== 'object' || !('op' in message)) return;
		const { id } = message;
		const work = async (): Promise<unknown> => {
			switch (message.op) {
				case 'query':
					return on(message.tx).query(message.text, message.params ?? []);
				case 'exec':
					return on(message.tx).exec(message.text);
				case 'begin':
					return begin();
				case 'end':
					return end(message.tx, message.commit);
			}
		};
		work().then(
			(value) => send({ id, ok: true, value }),
			(error: unknown) => send({ id, ok: false, error: plain(error) })
		);
	};
	process.on('message', onMessage);
	// A listened-to channel keeps the process alive: at shutdown it stops listening, so that
	// the server ends as soon as its database is closed, as one a person started does
	// (rather than at start.ts's 5-second cap, on every stop of every test's server).
	process.once('sveltekit:shutdown', () => process.off('message', onMessage));
}

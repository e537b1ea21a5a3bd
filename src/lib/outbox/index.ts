/**
 * The device outbox: see README.md for its contract.
 */
export {
	Outbox,
	defaultOutboxName,
	type EntryState,
	type ExportedEntry,
	type OutboxCounts,
	type OutboxEntry,
	type OutboxExport,
	type OutboxOptions,
	type Refusal
} from './store.ts';
export {
	SyncLoop,
	type Send,
	type SyncListener,
	type SyncOptions,
	type SyncState,
	type SyncTarget
} from './sync.ts';
export { SendError, supabaseSender, type Sender } from './transport.ts';
export { OutboxStatus } from './status.svelte.ts';

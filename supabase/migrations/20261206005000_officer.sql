-- Issue 15: officers change their own password, and a changed password ends the
-- account's other sessions on the embedded server.
--
-- The embedded server's sessions are signed tokens, not rows (src/lib/server/auth/
-- session.ts): to end them, each token carries the account's session epoch
-- (`session_epoch` claim) from when it was issued, and a token whose epoch is not the
-- account's any more is refused — by the server on every screen and every refresh, and by
-- ita_private.caller_account_ok() on every API call. A new password (the officer's own,
-- or a central administrator's reset: ita_private.set_account_password) moves the epoch
-- on, so every session started before it ends at once; the device that changed it gets a
-- new session. On Supabase, Supabase Auth does the same (GoTrue signs out the account's
-- other sessions when its password changes).

alter table ita_private.accounts
	add column session_epoch integer not null default 0 check (session_epoch >= 0);

comment on column ita_private.accounts.session_epoch is
	'Moves on when the password changes; sessions issued with an older epoch have ended.';

/** The account's session epoch (see above), or null when there is no such account. */
create or replace function ita_private.account_session_epoch(id uuid)
returns integer
language sql stable
set search_path = ''
as $$
	select a.session_epoch from ita_private.accounts a where a.account_id = account_session_epoch.id
$$;

revoke all on function ita_private.account_session_epoch(uuid)
	from public, anon, authenticated, service_role;

-- Hardening: what Supabase's own defaults and its linter (splinter) would otherwise leave
-- open, and the account check behind every signed-in call.
--
-- - No API role (anon, authenticated) holds any privilege of any kind on any table —
--   not even TRUNCATE, REFERENCES or TRIGGER, which Supabase grants by default — and no
--   table created later gets any by default: everything goes through the functions.
-- - No function is executable by PUBLIC, the ita_private helpers included.
-- - An index for every foreign key; a primary key on daily_counts.
-- - ita_private.caller_account_ok(): a signed-in caller's account still exists, is not
--   paused and has the role and agency its token says (called by the caller_* helpers).

-- ---------------------------------------------------------------------------------
-- Tables: nothing for the API roles, now or later
-- ---------------------------------------------------------------------------------

revoke all on all tables in schema public from anon, authenticated, public;
revoke all on all sequences in schema public from anon, authenticated, public;
revoke all on all tables in schema ita_private from anon, authenticated, public;
revoke all on all sequences in schema ita_private from anon, authenticated, public;

-- Supabase's projects grant every new table, sequence and function in public to anon
-- and authenticated by default (`alter default privileges for role postgres …`); older
-- projects and a plain `supabase start` still do. These undo that for the role that runs
-- the migrations, so a table a later migration adds is closed until granted on purpose.
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke all on functions from anon, authenticated;
-- (PUBLIC's EXECUTE on a new function is PostgreSQL's own default for every schema; revoking
-- it globally would also close the functions of extensions created later, pgTAP's among
-- them. Each migration revokes it function by function instead, and the pgTAP suite checks.)

-- ---------------------------------------------------------------------------------
-- Functions: none executable by PUBLIC
-- ---------------------------------------------------------------------------------

-- The claim readers stay granted to the API roles by name (01-deny-by-default lists them).
revoke execute on function ita_private.caller_role(), ita_private.caller_is_central(),
	ita_private.caller_agency_id(), ita_private.can_manage_agency(uuid), ita_private.today()
	from public;

-- Whatever else was left executable by PUBLIC (a function's default), in both schemas.
do $$
declare
	f regprocedure;
begin
	for f in
		select p.oid::regprocedure from pg_proc p
		where p.pronamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
			and (p.proacl is null
				or exists (select from aclexplode(p.proacl) a
					where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
	loop
		execute format('revoke execute on function %s from public', f);
	end loop;
end;
$$;

-- ---------------------------------------------------------------------------------
-- Indexes for the foreign keys, and a primary key on daily_counts
-- ---------------------------------------------------------------------------------

-- Without them a delete of the referenced row (an agency, a round, a framework) scans the
-- referencing table, and joins along them scan it too.
create index if not exists framework_questions_framework_indicator_idx
	on public.framework_questions (framework_id, indicator_id);
create index if not exists framework_items_framework_question_idx
	on public.framework_items (framework_id, question_id);
create index if not exists service_points_section_id_idx on public.service_points (section_id);
create index if not exists rounds_agency_id_idx on public.rounds (agency_id);
create index if not exists rounds_framework_id_idx on public.rounds (framework_id);
create index if not exists responses_service_point_id_idx on public.responses (service_point_id);
create index if not exists daily_counts_service_point_id_idx
	on public.daily_counts (service_point_id);
create index if not exists kiosks_agency_id_idx on public.kiosks (agency_id);
create index if not exists accounts_agency_id_idx on ita_private.accounts (agency_id);

-- Its natural key has a nullable column (no service point: link, kiosk, paper), which a
-- primary key cannot hold: a surrogate key, the natural one stays unique (daily_counts_key).

-- ---------------------------------------------------------------------------------
-- Accounts: paused, and the check behind every signed-in call
-- ---------------------------------------------------------------------------------

/**
 * Whether the signed-in caller's account still stands as the token says: it exists, is
 * not paused, and has the ITA role and agency of the token's app_metadata. True for
 * anyone not signed in (anon, service_role) and for claims no account backs (set by the
 * server itself). Two deployments:
 * - a token the embedded server issued (iss = 'ita-collect'): its local account
 *   (ita_private.accounts);
 * - a Supabase Auth token: auth.users — deleted, banned (paused) or given another
 *   ita_role or agency_id in its app metadata since the token was issued.
 * So removing, pausing or moving an officer ends their API access at once, not when
 * their token expires; so does a new password for an embedded account (the token's
 * `session_epoch` is not the account's any more).
 */
create or replace function ita_private.caller_account_ok()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	claims jsonb := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
	sub text := lower(claims ->> 'sub');
	claimed_role text := claims #>> '{app_metadata,ita_role}';
	claimed_agency text := lower(claims #>> '{app_metadata,agency_id}');
	ok boolean;
begin
	if claims is null or claims ->> 'role' is distinct from 'authenticated' then
		return true;
	end if;
	if claims ->> 'iss' = 'ita-collect' then
		return exists (select from ita_private.accounts a
			where a.account_id::text = sub and a.paused_at is null
				and a.ita_role = claimed_role
				and a.agency_id::text is not distinct from claimed_agency
				-- A session from before the password last changed has ended (migration 20261206005000).
				and a.session_epoch::text = coalesce(claims ->> 'session_epoch', '0'));
	end if;
	if to_regclass('auth.users') is not null then
		begin
			execute $q$
				select exists (select from auth.users u
					where u.id::text = $1 and u.deleted_at is null
						and (u.banned_until is null or u.banned_until <= now())
						and u.raw_app_meta_data ->> 'ita_role' is not distinct from $2
						and lower(u.raw_app_meta_data ->> 'agency_id') is not distinct from $3)
			$q$ into ok using sub, claimed_role, claimed_agency;
			return ok;
		exception when insufficient_privilege or undefined_column then
			-- A Supabase Auth older or stricter than we know: the token's word stands.
			return true;
		end;
	end if;
	return true;
end;
$$;

-- Called by the caller_* helpers inside the functions (as their owner); no API role calls it.
revoke all on function ita_private.caller_account_ok() from public, anon, authenticated, service_role;

/**
 * Refuses a signed-in caller whose account no longer stands as the token says (see
 * caller_account_ok) with PT401, which PostgREST and the embedded server answer 401:
 * the app signs the person out. Called by ita_private.caller_is_central() and
 * caller_agency_id(), through which every officer's right is decided.
 */
create or replace function ita_private.require_caller_account()
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
	if not ita_private.caller_account_ok() then
		raise exception using errcode = 'PT401', message = 'session_ended',
			hint = 'this session has ended: the account was removed, paused or moved to another agency; sign in again';
	end if;
end;
$$;

revoke all on function ita_private.require_caller_account() from public, anon, authenticated, service_role;

/**
 * Pauses (paused = true) or resumes an account of the embedded server on behalf of
 * `by` (a central administrator, checked by the caller); returns its email. A paused
 * account cannot sign in and its sessions stop working at once. Nobody pauses their own
 * account (22023), and the last unpaused central administrator cannot be paused. PT404
 * when there is no such account.
 */
create or replace function ita_private.set_account_paused(id uuid, paused boolean, by uuid)
returns text
language plpgsql
set search_path = ''
as $$
declare
	a ita_private.accounts;
begin
	select * into a from ita_private.accounts x where x.account_id = set_account_paused.id for update;
	if a.account_id is null then
		raise exception using errcode = 'PT404', message = 'account_unknown',
			detail = jsonb_build_object('id', set_account_paused.id)::text, hint = 'no such account';
	end if;
	if coalesce(paused, false) and a.account_id = set_account_paused.by then
		raise exception using errcode = '22023', message = 'account_pause_own',
			hint = 'you cannot pause your own account; another central administrator can';
	end if;
	if coalesce(paused, false) and a.ita_role = 'central' and a.paused_at is null
		and not exists (select from ita_private.accounts x
			where x.ita_role = 'central' and x.paused_at is null and x.account_id <> a.account_id) then
		raise exception using errcode = '22023', message = 'last_central_admin_pause',
			detail = jsonb_build_object('email', a.email)::text,
			hint = 'the last central administrator cannot be paused; at least one central administrator must be able to sign in';
	end if;
	update ita_private.accounts x
	set paused_at = case when coalesce(paused, false) then coalesce(x.paused_at, now()) end
	where x.account_id = a.account_id;
	return a.email;
end;
$$;

revoke all on function ita_private.set_account_paused(uuid, boolean, uuid)
	from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Sign-in throttles of the embedded server: per client address, and per account and
-- address (so that nobody can lock an officer out from elsewhere)
-- ---------------------------------------------------------------------------------

/**
 * Failed sign-ins per throttle key, in the series that started at first_failed_at; a key
 * that reached its limit is refused until locked_until. Keys (made by the server):
 * 'address:<sha256 of the client address>', 'account:<account id>:<sha256 of the address>'
 * — never an address itself. Rows go once their series and lock are a day old.
 */
create table ita_private.sign_in_failures (
	throttle_key text primary key check (length(throttle_key) between 1 and 200),
	first_failed_at timestamptz not null,
	failures integer not null check (failures >= 0),
	locked_until timestamptz
);
alter table ita_private.sign_in_failures enable row level security;
revoke all on table ita_private.sign_in_failures from public, anon, authenticated, service_role;

comment on table ita_private.sign_in_failures is
	'Failed sign-ins of the embedded server per client address (hashed) and per account and address; see verifyLogin().';

/** When `key` may try again (a time after `at`), or null when it is not locked. */
create or replace function ita_private.sign_in_locked_until(key text, at timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
	select f.locked_until from ita_private.sign_in_failures f
	where f.throttle_key = key and f.locked_until > at
$$;

/**
 * One more failed sign-in for each key; a key reaching `max_failures` within
 * `series_length` is locked for `lock_for`. Returns the latest lock it set or holds, or null.
 */
create or replace function ita_private.record_sign_in_failure(
	keys text[],
	failed_at timestamptz,
	max_failures integer,
	series_length interval,
	lock_for interval
)
returns timestamptz
language plpgsql
set search_path = ''
as $$
declare
	locked timestamptz;
begin
	delete from ita_private.sign_in_failures f
	where greatest(f.first_failed_at + series_length, coalesce(f.locked_until, '-infinity'))
		< failed_at - interval '1 day';
	insert into ita_private.sign_in_failures as f (throttle_key, first_failed_at, failures)
	select distinct k, failed_at, 1 from unnest(keys) k where k is not null
	on conflict (throttle_key) do update set
		failures = case when f.first_failed_at <= failed_at - series_length then 1 else f.failures + 1 end,
		first_failed_at = case when f.first_failed_at <= failed_at - series_length
			then failed_at else f.first_failed_at end;
	update ita_private.sign_in_failures f
	set locked_until = failed_at + lock_for, failures = 0, first_failed_at = failed_at
	where f.throttle_key = any (keys) and f.failures >= max_failures;
	select max(f.locked_until) into locked from ita_private.sign_in_failures f
	where f.throttle_key = any (keys) and f.locked_until > failed_at;
	return locked;
end;
$$;

revoke all on function ita_private.sign_in_locked_until(text, timestamptz),
	ita_private.record_sign_in_failure(text[], timestamptz, integer, interval, interval)
	from public, anon, authenticated, service_role;

-- Kiosks: a tablet at the office entrance that collects the EIT all day, one visitor
-- after another, often offline.
--
-- An officer adds a kiosk to a round and gets a one-use enrolment code (7 days). The
-- tablet trades the code for a device key (enrol_kiosk), which it sends with every
-- response it collects. The server keeps only hashes of the code and of the key.
--
-- Against ballot stuffing: a kiosk response that comes less than the kiosk's minimum
-- interval after the previous one of the same kiosk (by the device's collected-at time),
-- or whose time cannot be right, is refused and flagged for the officer's review — never
-- deleted silently. Keys are per device, so kiosks behind one office NAT never block
-- each other.
--
-- Responses still store no time of day. The device's collected-at time of the last
-- accepted response of each kiosk is kept on the kiosk, for the next interval check only.

create table public.kiosks (
	kiosk_id uuid primary key default gen_random_uuid(),
	agency_id uuid not null references public.agencies on delete cascade,
	round_id uuid not null references public.rounds on delete cascade,
	name text not null check (length(name) between 1 and 100),
	-- sha256 (hex) of the key the tablet holds; null until it enrols.
	device_key_hash text unique,
	-- sha256 (hex) of the enrolment code; cleared once used (one use only).
	enrolment_code_hash text unique,
	enrolment_expires_at timestamptz,
	enrolled_at timestamptz,
	-- The exit PIN, checked on the tablet (offline): PBKDF2-HMAC-SHA-256 of the PIN with
	-- pin_salt (16 bytes) and pin_iterations, 32 bytes; all hex. Made where the PIN is typed
	-- (the officers' screen's server): the database never sees the PIN.
	pin_salt text not null check (pin_salt ~ '^[0-9a-f]{32}$'),
	pin_hash text not null check (pin_hash ~ '^[0-9a-f]{64}$'),
	pin_iterations integer not null check (pin_iterations between 200000 and 10000000),
	min_interval_seconds integer not null default 20 check (min_interval_seconds between 0 and 3600),
	idle_seconds integer not null default 60 check (idle_seconds between 20 and 600),
	last_contact_at timestamptz,
	queued_count integer not null default 0 check (queued_count >= 0),
	-- Device time of the last accepted response: the interval check's only memory.
	last_collected_at timestamptz,
	revoked_at timestamptz,
	created_at timestamptz not null default now()
);
alter table public.kiosks enable row level security;
create index kiosks_round_idx on public.kiosks (round_id);

comment on table public.kiosks is
	'Tablets that collect the EIT at an office entrance; see migration 20261122001000_kiosks.sql.';

/** What the server refused, or found odd, from a kiosk: for the officer's review. */
create table public.kiosk_flags (
	flag_id uuid primary key default gen_random_uuid(),
	kiosk_id uuid not null references public.kiosks on delete cascade,
	response_id uuid,
	code text not null,
	reason text not null,
	created_at timestamptz not null default now()
);
alter table public.kiosk_flags enable row level security;
create index kiosk_flags_kiosk_idx on public.kiosk_flags (kiosk_id, created_at);

alter table public.responses add column kiosk_id uuid references public.kiosks on delete set null;
create index responses_kiosk_idx on public.responses (kiosk_id) where kiosk_id is not null;

-- Officers read their kiosks, never the hashes (the functions below are the way in).
grant select (kiosk_id, agency_id, round_id, name, enrolment_expires_at, enrolled_at,
	min_interval_seconds, idle_seconds, last_contact_at, queued_count, revoked_at, created_at)
	on public.kiosks to authenticated;
grant select on public.kiosk_flags to authenticated;
grant all on public.kiosks, public.kiosk_flags to service_role;

create policy "Officers can read their agency's kiosks" on public.kiosks
	for select to authenticated using (ita_private.can_manage_agency(agency_id));
create policy "Officers can read their agency's kiosk flags" on public.kiosk_flags
	for select to authenticated using (
		exists (select from public.kiosks k
			where k.kiosk_id = kiosk_flags.kiosk_id and ita_private.can_manage_agency(k.agency_id))
	);

-- ---------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------

/** sha256 of a text, in hex: how keys, codes and PINs are kept. */
create or replace function ita_private.sha256_hex(value text)
returns text
language sql immutable
set search_path = ''
as $$
	select encode(sha256(convert_to(value, 'UTF8')), 'hex')
$$;

/**
 * A new enrolment code: 8 characters with no 0/O or 1/I to confuse, shown as XXXX-XXXX.
 * 32 symbols and a byte modulo 32: every symbol equally likely (40 bits).
 */
create or replace function ita_private.new_enrolment_code()
returns text
language sql volatile
set search_path = ''
as $$
	select substr(code, 1, 4) || '-' || substr(code, 5, 4)
	from (
		select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
			get_byte(uuid_send(gen_random_uuid()), 0) % 32 + 1, 1), '') as code
		from generate_series(1, 8)
	) c
$$;

/** An enrolment code as typed (any case, spaces or dashes) in its stored form. */
create or replace function ita_private.normal_enrolment_code(code text)
returns text
language sql immutable
set search_path = ''
as $$
	select substr(c, 1, 4) || '-' || substr(c, 5, 4)
	from (select upper(regexp_replace(coalesce(code, ''), '[^0-9A-Za-z]', '', 'g')) as c) x
$$;

/** The kiosk with this id when the caller manages its agency; else PT404. */
create or replace function ita_private.managed_kiosk(id uuid)
returns public.kiosks
language plpgsql stable
set search_path = ''
as $$
declare
	k public.kiosks;
begin
	select * into k from public.kiosks x where x.kiosk_id = id;
	if k.kiosk_id is null or not ita_private.can_manage_agency(k.agency_id) then
		raise exception using errcode = 'PT404', message = 'kiosk_not_managed',
			detail = jsonb_build_object('kiosk', coalesce(id::text, ''))::text,
			hint = format('no kiosk %s that you may manage', coalesce(id::text, '(no id given)'));
	end if;
	return k;
end;
$$;

/** A kiosk's name: trimmed, 1–100 characters; else 22023. */
create or replace function ita_private.require_kiosk_name(name text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
	n text := btrim(coalesce(name, ''), E' \t\r\n');
begin
	if n = '' or length(n) > 100 then
		raise exception using errcode = '22023', message = 'kiosk_name_invalid',
			detail = '{"field": "name"}',
			hint = 'a kiosk needs a name of 1 to 100 characters, like "Entrance tablet"';
	end if;
	return n;
end;
$$;

/** A kiosk's settings and PIN secrets as the tablet keeps them. */
create or replace function ita_private.kiosk_device_json(k public.kiosks)
returns jsonb
language sql stable
set search_path = ''
as $$
	select jsonb_build_object(
		'name', k.name,
		'status', case when k.revoked_at is not null then 'revoked' else 'active' end,
		'round', r.code,
		'agency', jsonb_build_object('code', a.code, 'name', a.name),
		'opensOn', r.opens_on,
		'closesOn', r.closes_on,
		'roundStatus', r.status,
		'minIntervalSeconds', k.min_interval_seconds,
		'idleSeconds', k.idle_seconds,
		'pin', jsonb_build_object('algorithm', 'PBKDF2-SHA-256', 'iterations', k.pin_iterations,
			'salt', k.pin_salt, 'hash', k.pin_hash)
	)
	from public.rounds r join public.agencies a using (agency_id)
	where r.round_id = k.round_id
$$;

/** A kiosk as the officers' screens list it. */
create or replace function ita_private.kiosk_json(k public.kiosks)
returns jsonb
language sql stable
set search_path = ''
as $$
	select jsonb_build_object(
		'id', k.kiosk_id,
		'name', k.name,
		'enrolled', k.enrolled_at is not null,
		'enrolledAt', k.enrolled_at,
		'enrolmentExpiresAt', case when k.enrolled_at is null then k.enrolment_expires_at end,
		'minIntervalSeconds', k.min_interval_seconds,
		'idleSeconds', k.idle_seconds,
		'lastContactAt', k.last_contact_at,
		'queuedCount', k.queued_count,
		'revokedAt', k.revoked_at,
		'createdAt', k.created_at,
		'responses', (select count(*) from public.responses p where p.kiosk_id = k.kiosk_id),
		'flags', coalesce((
			select jsonb_agg(jsonb_build_object('code', f.code, 'reason', f.reason, 'createdAt', f.created_at)
				order by f.created_at desc)
			from (select * from public.kiosk_flags f where f.kiosk_id = k.kiosk_id
				order by f.created_at desc limit 50) f), '[]')
	)
$$;

/**
 * Checks the kiosk part of a response with channel "kiosk" (the rest is checked by
 * check_response). Returns the kiosk and, when it may not be stored, the rejection. A
 * response refused for its timing is also flagged in kiosk_flags; one from an unknown
 * key is only refused (there is no kiosk to flag it on). The kiosk's row is locked, so
 * two requests of one kiosk are checked one after the other.
 */
create or replace function ita_private.check_kiosk_response(
	resp jsonb, r public.rounds, out verdict jsonb, out kiosk_id uuid
)
language plpgsql
set search_path = ''
as $$
declare
	rid text := resp ->> 'id';
	k public.kiosks;
	collected timestamptz;
	-- A tablet's clock a little off is no reason to refuse anyone.
	slack constant interval := interval '10 minutes';
	unreadable boolean := false;
begin
	if jsonb_typeof(resp -> 'kioskKey') is distinct from 'string' or resp ->> 'kioskKey' = '' then
		verdict := ita_private.rejection(rid, 'kiosk_key_missing',
			'A kiosk response carries the device key of the kiosk that collected it ("kioskKey"). Enrol the tablet again with a new code from the officer.');
		return;
	end if;
	select * into k from public.kiosks x
	where x.device_key_hash = ita_private.sha256_hex(resp ->> 'kioskKey')
	for update;
	if k.kiosk_id is null then
		verdict := ita_private.rejection(rid, 'kiosk_unknown',
			'No kiosk has this device key. Ask the officer for a new enrolment code and enrol the tablet again.');
		return;
	end if;
	kiosk_id := k.kiosk_id;
	update public.kiosks x set last_contact_at = now() where x.kiosk_id = k.kiosk_id;

	if k.round_id <> r.round_id then
		verdict := ita_private.rejection(rid, 'kiosk_wrong_round',
			format('This kiosk collects for another round, not %s.', r.code));
		return;
	end if;

	begin
		if jsonb_typeof(resp -> 'collectedAt') <> 'string'
			or (resp ->> 'collectedAt') !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}' then
			raise exception 'not a time';
		end if;
		collected := (resp ->> 'collectedAt')::timestamptz;
	exception when others then
		verdict := ita_private.rejection(rid, 'kiosk_time_implausible',
			'A kiosk response carries the time the tablet collected it ("collectedAt", ISO 8601 with a time zone).');
		unreadable := true;
	end;

	if not unreadable and k.revoked_at is not null and collected >= k.revoked_at then
		verdict := ita_private.rejection(rid, 'kiosk_revoked',
			format('Kiosk "%s" was revoked on %s and collects no more responses. Ask the officer to add a new kiosk.',
				k.name, to_char(k.revoked_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI')));
		return;
	end if;

	if not unreadable and (collected > now() + slack or collected < k.enrolled_at - slack) then
		verdict := ita_private.rejection(rid, 'kiosk_time_implausible',
			'The tablet''s clock says this response was collected at a time that cannot be right (in the future, or before the kiosk was enrolled). Set the tablet''s date and time.');
	elsif not unreadable and collected < k.last_collected_at then
		verdict := ita_private.rejection(rid, 'kiosk_time_order',
			'The tablet''s clock says this response was collected before the previous one it sent. Check the tablet''s date and time.');
	elsif not unreadable
		and collected < k.last_collected_at + make_interval(secs => k.min_interval_seconds) then
		verdict := ita_private.rejection(rid, 'kiosk_too_soon',
			format('Collected %s seconds after the previous response of this kiosk; a kiosk takes one response every %s seconds at most. Kept for the officer''s review.',
				floor(extract(epoch from collected - k.last_collected_at)), k.min_interval_seconds));
	end if;

	if verdict is not null then
		insert into public.kiosk_flags (kiosk_id, response_id, code, reason)
		values (k.kiosk_id, rid::uuid, verdict ->> 'code', verdict ->> 'reason');
	end if;
end;
$$;

revoke all on function ita_private.sha256_hex(text), ita_private.new_enrolment_code(),
	ita_private.normal_enrolment_code(text), ita_private.managed_kiosk(uuid),
	ita_private.require_kiosk_name(text), ita_private.kiosk_device_json(public.kiosks),
	ita_private.kiosk_json(public.kiosks), ita_private.check_kiosk_response(jsonb, public.rounds)
	from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- submit_responses, with the kiosk branch (otherwise as in 20261122000300_responses.sql)
-- ---------------------------------------------------------------------------------

revoke all on function public.submit_responses(jsonb) from public;
grant execute on function public.submit_responses(jsonb) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- The officers' functions
-- ---------------------------------------------------------------------------------

/**
 * Adds a kiosk to a round the caller manages and answers {"kiosk": <as list_kiosks>,
 * "enrolmentCode": "XXXX-XXXX", "expiresAt"}. The code is shown this once (only its hash
 * is kept) and enrols one tablet within 7 days. The PIN (4–8 digits) lets staff leave
 * the kiosk screen for its settings; it comes as its hash, `pin_hash` =
 * {"algorithm": "PBKDF2-SHA-256", "iterations": ≥ 200000, "salt": 32 hex, "hash": 64 hex}
 * (src/lib/server/kiosk-pin.ts makes it), so that the PIN itself never reaches the database.
 */
create or replace function public.create_kiosk(
	round_code text,
	name text,
	pin_hash jsonb,
	min_interval_seconds integer default 20,
	idle_seconds integer default 60
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	k public.kiosks;
	code text := ita_private.new_enrolment_code();
begin
	if pin_hash is null or jsonb_typeof(pin_hash) <> 'object'
		or pin_hash ->> 'algorithm' is distinct from 'PBKDF2-SHA-256'
		or jsonb_typeof(pin_hash -> 'iterations') is distinct from 'number'
		or not coalesce(pin_hash ->> 'iterations' ~ '^[0-9]{6,8}$', false)
		or not coalesce((pin_hash ->> 'iterations')::bigint between 200000 and 10000000, false)
		or not coalesce(pin_hash ->> 'salt' ~ '^[0-9a-f]{32}$', false)
		or not coalesce(pin_hash ->> 'hash' ~ '^[0-9a-f]{64}$', false) then
		raise exception using errcode = '22023', message = 'kiosk_pin_hash_invalid',
			detail = '{"field": "pin"}',
			hint = 'the exit PIN comes as its hash: {"algorithm": "PBKDF2-SHA-256", "iterations": 200000 or more, "salt": 32 hex digits, "hash": 64 hex digits}';
	end if;
	if min_interval_seconds is null or min_interval_seconds not between 0 and 3600 then
		raise exception using errcode = '22023', message = 'kiosk_min_interval_invalid',
			detail = jsonb_build_object('field', 'minInterval', 'value', min_interval_seconds)::text,
			hint = 'the minimum time between two responses of a kiosk is 0 to 3600 seconds';
	end if;
	if idle_seconds is null or idle_seconds not between 20 and 600 then
		raise exception using errcode = '22023', message = 'kiosk_idle_invalid',
			detail = jsonb_build_object('field', 'idle', 'value', idle_seconds)::text,
			hint = 'the idle time before a kiosk starts over is 20 to 600 seconds';
	end if;
	insert into public.kiosks (agency_id, round_id, name, enrolment_code_hash, enrolment_expires_at,
		pin_salt, pin_hash, pin_iterations, min_interval_seconds, idle_seconds)
	values (r.agency_id, r.round_id, ita_private.require_kiosk_name(name),
		ita_private.sha256_hex(code), now() + interval '7 days',
		pin_hash ->> 'salt', pin_hash ->> 'hash', (pin_hash ->> 'iterations')::integer,
		min_interval_seconds, idle_seconds)
	returning * into k;
	return jsonb_build_object('kiosk', ita_private.kiosk_json(k), 'enrolmentCode', code,
		'expiresAt', k.enrolment_expires_at);
end;
$$;

/** The round's kiosks: last contact, queued count, responses stored, latest flags. */
create or replace function public.list_kiosks(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
begin
	return coalesce((select jsonb_agg(ita_private.kiosk_json(k) order by k.created_at, k.name)
		from public.kiosks k where k.round_id = r.round_id), '[]');
end;
$$;

/** Renames a kiosk the caller manages; answers it as list_kiosks does. */
create or replace function public.rename_kiosk(kiosk_id uuid, name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	k public.kiosks := ita_private.managed_kiosk(kiosk_id);
begin
	update public.kiosks x set name = ita_private.require_kiosk_name(rename_kiosk.name)
	where x.kiosk_id = k.kiosk_id returning * into k;
	return ita_private.kiosk_json(k);
end;
$$;

/**
 * Revokes a kiosk: it collects nothing more, and an unused enrolment code is void. What
 * it collected before now is still accepted when it arrives. Revoking twice keeps the
 * first time.
 */
create or replace function public.revoke_kiosk(kiosk_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	k public.kiosks := ita_private.managed_kiosk(kiosk_id);
begin
	update public.kiosks x set revoked_at = coalesce(x.revoked_at, now()), enrolment_code_hash = null
	where x.kiosk_id = k.kiosk_id returning * into k;
	return ita_private.kiosk_json(k);
end;
$$;

-- ---------------------------------------------------------------------------------
-- The tablet's functions (anonymous: the tablet has its key, not an account)
-- ---------------------------------------------------------------------------------

/**
 * Trades an enrolment code (one use, 7 days; any case, dashes optional) for the kiosk's
 * device key: {"deviceKey", "name", "status", "round", "agency", "opensOn", "closesOn",
 * "roundStatus", "minIntervalSeconds", "idleSeconds", "pin": {"algorithm", "iterations", "salt", "hash"}}. The key
 * is shown this once; the PIN's salt and hash let the tablet check the PIN offline.
 */
create or replace function public.enrol_kiosk(code text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	k public.kiosks;
	key text := replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
begin
	if code is null or ita_private.normal_enrolment_code(code) !~ '^[A-Z0-9]{4}-[A-Z0-9]{4}$' then
		raise exception using errcode = '22023', message = 'enrolment_code_invalid',
			detail = '{"field": "code"}',
			hint = 'an enrolment code is 8 letters and digits, like ABCD-EF23';
	end if;
	update public.kiosks x
	set device_key_hash = ita_private.sha256_hex(key), enrolment_code_hash = null,
		enrolled_at = now(), last_contact_at = now()
	where x.enrolment_code_hash = ita_private.sha256_hex(ita_private.normal_enrolment_code(code))
		and x.enrolment_expires_at > now() and x.revoked_at is null
	returning * into k;
	if k.kiosk_id is null then
		raise exception using errcode = 'PT404', message = 'enrolment_code_unknown',
			detail = '{"field": "code"}',
			hint = 'no kiosk waits for this enrolment code: it is mistyped, used already, or older than 7 days';
	end if;
	return ita_private.kiosk_device_json(k) || jsonb_build_object('deviceKey', key);
end;
$$;

/**
 * The tablet says it is alive and how many responses wait on it; answers its current
 * settings and status ("revoked" once the officer revoked it) as enrol_kiosk does,
 * without the key. An unknown key is PT404.
 */
create or replace function public.kiosk_heartbeat(device_key text, queued integer default 0)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	k public.kiosks;
begin
	if queued is null or queued not between 0 and 1000000 then
		raise exception using errcode = '22023', message = 'kiosk_queued_invalid',
			hint = 'queued is the number of responses waiting on the tablet (0 to 1000000)';
	end if;
	update public.kiosks x set last_contact_at = now(), queued_count = queued
	where x.device_key_hash = ita_private.sha256_hex(coalesce(device_key, ''))
	returning * into k;
	if k.kiosk_id is null then
		raise exception using errcode = 'PT404', message = 'kiosk_unknown',
			hint = 'no kiosk has this device key; enrol the tablet again with a new code';
	end if;
	return ita_private.kiosk_device_json(k);
end;
$$;

revoke all on function public.create_kiosk(text, text, jsonb, integer, integer),
	public.list_kiosks(text), public.rename_kiosk(uuid, text), public.revoke_kiosk(uuid),
	public.enrol_kiosk(text), public.kiosk_heartbeat(text, integer)
	from public, anon, authenticated, service_role;
grant execute on function public.create_kiosk(text, text, jsonb, integer, integer),
	public.list_kiosks(text), public.rename_kiosk(uuid, text), public.revoke_kiosk(uuid)
	to authenticated, service_role;
grant execute on function public.enrol_kiosk(text), public.kiosk_heartbeat(text, integer)
	to anon, authenticated, service_role;

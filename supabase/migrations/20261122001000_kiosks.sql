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
		raise exception using errcode = 'PT404',
			message = format('no kiosk %s that you may manage', coalesce(id::text, '(no id given)')),
			hint = 'ตรวจสอบเครื่องคีออสก์ เจ้าหน้าที่จัดการได้เฉพาะเครื่องของหน่วยงานตนเอง';
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
		raise exception using errcode = '22023',
			message = 'a kiosk needs a name of 1 to 100 characters, like "Entrance tablet"',
			hint = 'ตั้งชื่อเครื่องคีออสก์ 1–100 ตัวอักษร เช่น แท็บเล็ตหน้าสำนักงาน';
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

/**
 * Stores a batch of responses (a JSON array; each like one line of the CLI's NDJSON:
 * {"id", "round", "instrument", "channel", "servicePoint", "collectedOn", "answers",
 * "demographics", "variants", "accessCode"}; a kiosk's also "kioskKey" and
 * "collectedAt"; a phone's also "deviceId", "secondsSpent" and, for single-use IIT codes,
 * "iitCode") and answers, per response in order,
 * {"id", "status": "accepted" | "duplicate" | "rejected", "code", "reason"}.
 *
 * A response whose id is already stored (counted or held) is a duplicate and counted
 * once, however often it is sent. A rejected response leaves no row and does not make a
 * later copy with the same id a duplicate. A response over a limit or implausible
 * (ita_private.hold_reasons; migration 20261206001000_trust.sql) is stored in
 * held_responses and answered "accepted" like a counted one. Counters are updated in the
 * same transaction, with counted responses only.
 *
 * Codes (single-use, or the round's shared code) are throttled per client address: a
 * request whose address already has 10 wrong or used codes in this 10-minute window is
 * refused with HTTP 429 (nothing stored); one that reaches the limit mid-batch gets
 * "too_many_attempts" for its further coded responses.
 */
create or replace function public.submit_responses(batch jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	caller text := ita_private.caller_role();
	max_batch constant integer := 500;
	address text := case when caller <> 'service_role' then ita_private.client_address() end;
	address_hash text;
	hashed_round uuid;
	resp jsonb;
	idx bigint;
	rid uuid;
	rid_text text;
	r public.rounds;
	sp_id uuid;
	k_id uuid;
	instr text;
	ch text;
	code_text text;
	coded boolean;
	reasons text[];
	verdict jsonb;
	results jsonb[] := '{}';
	seen uuid[] := '{}';
	accepted uuid[] := '{}';
	throttle_checked uuid[] := '{}';
	codes_used uuid[] := '{}';
	any_limited boolean := false;
	-- Address and service point windows of this request: locked and read once, counted
	-- here, written back at the end.
	win timestamptz := ita_private.current_window();
	lim integer;
	lim_key text;
	extreme boolean;
	aw_round uuid;
	aw_addr text;
	aw_base integer;
	aw_base_extreme integer;
	aw_added integer := 0;
	aw_added_extreme integer := 0;
	sp_key text;
	sp_base jsonb := '{}';
	sp_added jsonb := '{}';
	sp_n integer;
	inserted integer;
	n_accepted integer := 0;
	n_duplicate integer := 0;
	n_rejected integer := 0;
	-- The answer, variant and background findings of check_response for every response
	-- of the batch, keyed by its position: one query instead of one per response.
	findings jsonb;
begin
	if batch is null or jsonb_typeof(batch) <> 'array' then
		raise exception using errcode = '22023',
			message = 'submit_responses expects "batch": a JSON array of responses',
			hint = 'Send {"batch": [{"id": "<uuid>", "round": "<code>", "instrument": "eit", "answers": {…}}]}.';
	end if;
	if jsonb_array_length(batch) > max_batch then
		raise exception using errcode = 'PT413',
			message = format('a batch holds at most %s responses; this one has %s',
				max_batch, jsonb_array_length(batch)),
			hint = 'Send the rest in further batches.';
	end if;

	-- check_response's query (20261122000300_responses.sql), for all responses at once:
	-- the same findings, each aggregated per response (b.ord). A response left out (no
	-- such round, answers not an object, unknown instrument) is checked on its own.
	with
	b as (
		select e.ord, e.value as resp, ro.framework_id, ro.agency_id, e.value ->> 'instrument' as instr,
			coalesce(e.value -> 'variants', '{}') as variants,
			coalesce(e.value -> 'demographics', '{}') as demo
		from jsonb_array_elements(batch) with ordinality e(value, ord)
			join public.rounds ro on ro.code = e.value ->> 'round'
		where jsonb_typeof(e.value) = 'object' and jsonb_typeof(e.value -> 'answers') = 'object'
			and e.value ->> 'instrument' in ('iit', 'eit')
	),
	a as materialized (
		select b.ord, x.key, x.value, x.o, lower(btrim(x.key)) as k, b.framework_id, b.instr
		from b, jsonb_each(b.resp -> 'answers') with ordinality x(key, value, o)
	),
	fi as materialized (
		select i.framework_id, i.instrument, i.item_key, lower(i.item_key) as k, i.question_id,
			i.scale, i.required, i.ord
		from public.framework_items i
		where (i.framework_id, i.instrument) in (select distinct b.framework_id, b.instr from b)
	),
	scales as (
		select o.framework_id, o.scale, array_agg(o.code::numeric) as codes
		from public.framework_scale_options o
		where o.framework_id in (select b.framework_id from b)
		group by o.framework_id, o.scale
	),
	m as materialized (
		select a.ord, a.key, a.value, a.o, a.k, fi.item_key, fi.question_id,
			case when fi.item_key is null then null
				when jsonb_typeof(a.value) <> 'number' then false
				else (a.value::text)::numeric = any(s.codes)
			end as valid
		from a
			left join fi on fi.framework_id = a.framework_id and fi.instrument = a.instr and fi.k = a.k
			left join scales s on s.framework_id = a.framework_id and s.scale = fi.scale
	),
	ma as (
		select m.ord, count(*) as n_answers,
			string_agg(m.key, ', ' order by m.o) filter (where m.item_key is null) as unknown_items,
			string_agg(format('%s = %s', m.key, m.value), ', ' order by m.o)
				filter (where not m.valid) as invalid_answers
		from m group by m.ord
	),
	dup as (
		select g.ord, string_agg(g.k, ', ' order by g.k) as duplicated_items
		from (select a.ord, a.k from a group by a.ord, a.k having count(*) > 1) g
		group by g.ord
	),
	ak as (
		select a.ord, array_agg(a.k) as ks from a group by a.ord
	),
	miss as (
		-- (An anti-join with a here is planned as a nested loop over the whole batch.)
		select b.ord, string_agg(fi.item_key, ', ' order by fi.ord) as missing_items
		from b join fi on fi.framework_id = b.framework_id and fi.instrument = b.instr
			left join ak on ak.ord = b.ord
		where fi.required and not fi.k = any(coalesce(ak.ks, '{}'))
		group by b.ord
	),
	uv as (
		select b.ord, string_agg(v.key, ', ' order by v.o) as unknown_variants
		from b, jsonb_each(case when jsonb_typeof(b.variants) = 'object' then b.variants else '{}' end)
			with ordinality v(key, value, o)
		where not exists (select from public.framework_variants x
			where x.framework_id = b.framework_id and x.question_id = v.key
				and jsonb_typeof(v.value) = 'string' and x.variant_id = v.value #>> '{}')
		group by b.ord
	),
	mv as (
		select b.ord, string_agg(distinct m.question_id, ', ') as missing_variants
		from b join m on m.ord = b.ord
		where m.question_id is not null and not b.variants ? m.question_id
			and exists (select from public.framework_variants x
				where x.framework_id = b.framework_id and x.question_id = m.question_id)
		group by b.ord
	),
	fd as materialized (
		select x.* from public.framework_demographics x
		where (x.framework_id, x.instrument) in (select distinct b.framework_id, b.instr from b)
	),
	d as (
		select b.ord, b.framework_id, b.instr, b.agency_id, e.key, e.value, e.o
		from b, jsonb_each(case when jsonb_typeof(b.demo) = 'object' then b.demo else '{}' end)
			with ordinality e(key, value, o)
	),
	ud as (
		select d.ord, string_agg(d.key, ', ' order by d.o) as unknown_demographics
		from d
		where not exists (select from fd where fd.framework_id = d.framework_id
			and fd.instrument = d.instr and fd.question_id = d.key)
		group by d.ord
	),
	idm as (
		select d.ord, string_agg(format('%s = %s', d.key, d.value), ', ' order by d.o) as invalid_demographics
		from d
		where not exists (
			select from fd
			where fd.framework_id = d.framework_id and fd.instrument = d.instr
				and fd.question_id = d.key
				and (
					(jsonb_typeof(d.value) = 'string' and fd.option_code = d.value #>> '{}')
					or (jsonb_typeof(d.value) = 'string' and fd.source = 'section'
						and exists (select from public.sections s
							where s.agency_id = d.agency_id and s.code = d.value #>> '{}'))
					or (jsonb_typeof(d.value) = 'object' and fd.specify
						and fd.option_code = d.value ->> 'code'
						and jsonb_typeof(d.value -> 'text') = 'string'
						and length(d.value ->> 'text') <= 200
						and (select count(*) from jsonb_object_keys(d.value)) = 2)
				)
		)
		group by d.ord
	),
	md as (
		select b.ord, string_agg(distinct fd.question_id, ', ') as missing_demographics
		from b join fd on fd.framework_id = b.framework_id and fd.instrument = b.instr
		where fd.required and not b.demo ? fd.question_id
		group by b.ord
	)
	select jsonb_object_agg(b.ord::text, jsonb_build_object(
		'has_items', exists (select from fi where fi.framework_id = b.framework_id and fi.instrument = b.instr),
		'n_answers', coalesce(ma.n_answers, 0),
		'unknown_items', ma.unknown_items,
		'duplicated_items', dup.duplicated_items,
		'invalid_answers', ma.invalid_answers,
		'missing_items', miss.missing_items,
		'unknown_variants', uv.unknown_variants,
		'missing_variants', mv.missing_variants,
		'unknown_demographics', ud.unknown_demographics,
		'invalid_demographics', idm.invalid_demographics,
		'missing_demographics', md.missing_demographics))
	into findings
	from b
		left join ma on ma.ord = b.ord
		left join dup on dup.ord = b.ord
		left join miss on miss.ord = b.ord
		left join uv on uv.ord = b.ord
		left join mv on mv.ord = b.ord
		left join ud on ud.ord = b.ord
		left join idm on idm.ord = b.ord
		left join md on md.ord = b.ord;

	for resp, idx in select e.value, e.ord from jsonb_array_elements(batch) with ordinality e(value, ord) loop
		rid := null;
		rid_text := case when jsonb_typeof(resp) = 'object' then resp ->> 'id' end;
		verdict := null;
		sp_id := null;
		k_id := null;
		reasons := '{}';

		if jsonb_typeof(resp) <> 'object' then
			verdict := ita_private.rejection(null, 'invalid_response',
				format('Response %s of the batch is not a JSON object.', idx));
		elsif rid_text is null
			or rid_text !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
			verdict := ita_private.rejection(rid_text, 'invalid_id',
				format('Response %s has no "id" UUID made on the device.', idx));
		elsif length(resp::text) > 20000 then
			verdict := ita_private.rejection(rid_text, 'response_too_large',
				'A response is at most 20,000 characters of JSON.');
		else
			rid := rid_text::uuid;
			if rid = any(seen) or exists (select from public.responses p where p.response_id = rid)
				or exists (select from public.held_responses h where h.response_id = rid) then
				verdict := jsonb_build_object('id', rid, 'status', 'duplicate');
			else
				if r.round_id is null or r.code is distinct from resp ->> 'round' then
					select * into r from public.rounds where code = resp ->> 'round';
				end if;
				if r.round_id is null then
					verdict := ita_private.rejection(rid_text, 'unknown_round',
						format('No round has the code %s.', coalesce(resp ->> 'round', '(none given)')));
				else
					if resp ? 'servicePoint' then
						select s.service_point_id into sp_id from public.service_points s
						where s.agency_id = r.agency_id and s.code = resp ->> 'servicePoint';
					end if;
					verdict := ita_private.check_response(resp, r, caller, sp_id, findings -> idx::text);
					-- A device key belongs with a kiosk's response only.
					if verdict is null and resp ? 'kioskKey' and resp ->> 'channel' is distinct from 'kiosk' then
						verdict := ita_private.rejection(rid_text, 'invalid_channel',
							'"kioskKey" is sent with "channel": "kiosk" only.');
					end if;
					if verdict is null and resp ? 'deviceId' and (jsonb_typeof(resp -> 'deviceId') <> 'string'
						or (resp ->> 'deviceId') !~ '^[A-Za-z0-9_-]{16,100}$') then
						verdict := ita_private.rejection(rid_text, 'invalid_device_id',
							'"deviceId" is the id the app keeps on this device: 16 to 100 letters, digits, - or _.');
					end if;
					if verdict is null and resp ? 'secondsSpent' and (jsonb_typeof(resp -> 'secondsSpent') <> 'number'
						or (resp ->> 'secondsSpent')::numeric not between 0 and 10000000) then
						verdict := ita_private.rejection(rid_text, 'invalid_seconds_spent',
							'"secondsSpent" is the number of seconds spent answering (0 or more).');
					end if;
					-- A tablet's response carries its key. The service role (an import, or answers
					-- recovered from a tablet's exported file) may store one without, as officers
					-- import paper; with a key, the kiosk's checks apply to it too.
					if verdict is null and resp ->> 'channel' = 'kiosk'
						and (resp ? 'kioskKey' or caller <> 'service_role') then
						select c.verdict, c.kiosk_id into verdict, k_id
						from ita_private.check_kiosk_response(resp, r) c;
					end if;

					instr := resp ->> 'instrument';
					ch := coalesce(resp ->> 'channel', case when sp_id is not null then 'qr' else 'link' end);
					if address is not null and hashed_round is distinct from r.round_id then
						address_hash := ita_private.salted_hash(r.round_id, 'address:' || address);
						hashed_round := r.round_id;
					end if;

					-- IIT codes: the shared one (checked in check_response) or a single-use one.
					code_text := null;
					coded := false;
					if instr = 'iit' and ch <> 'paper' and caller <> 'service_role'
						and (verdict is null or verdict ->> 'code' = 'wrong_access_code') then
						if r.iit_codes = 'single' then
							code_text := coalesce(resp ->> 'iitCode', resp ->> 'accessCode');
							if verdict is null and code_text is null then
								verdict := ita_private.rejection(rid_text, 'iit_code_missing',
									'This round''s IIT is answered with a one-time code from a slip handed out by the ITA working group.');
							end if;
							coded := code_text is not null;
						else
							coded := r.iit_access_code is not null;
						end if;
					elsif instr = 'iit' and caller = 'service_role' and r.iit_codes = 'single' and verdict is null then
						-- An import may carry a slip's code (it is then used); without one it is stored.
						code_text := coalesce(resp ->> 'iitCode', resp ->> 'accessCode');
						coded := code_text is not null;
					end if;
					if coded then
						if not r.round_id = any(throttle_checked) then
							-- Over the limit already: the whole request is refused (429), nothing stored.
							perform ita_private.refuse_if_guessing(r.round_id, address_hash);
							throttle_checked := throttle_checked || r.round_id;
						end if;
						if address_hash is not null and ita_private.code_failures(r.round_id, address_hash)
							>= ita_private.code_attempt_limit() then
							verdict := ita_private.rejection(rid_text, 'too_many_attempts',
								'Too many wrong or used codes were sent from this network; this response was not checked. Send it again in 10 minutes.');
						elsif r.iit_codes = 'shared' then
							if verdict ->> 'code' = 'wrong_access_code' then
								perform ita_private.record_code_failure(r.round_id, address_hash);
							end if;
						elsif ita_private.use_iit_code(r.round_id, code_text) then
							if not r.round_id = any(codes_used) then
								codes_used := codes_used || r.round_id;
							end if;
						else
							perform ita_private.record_code_failure(r.round_id, address_hash);
							verdict := ita_private.rejection(rid_text, 'iit_code_used',
								'This code was already used or is not a code of this round. Each slip admits one response; ask the ITA working group for a new slip.');
						end if;
					end if;

					-- Limits and plausibility: phones and browsers; not imports, paper or kiosks.
					-- Without a known address (SQL called directly, not through an API) only the
					-- device and time rules apply.
					if verdict is null and caller <> 'service_role' and ch not in ('paper', 'kiosk')
						and (address_hash is not null or resp ? 'deviceId' or resp ? 'secondsSpent') then
						any_limited := true;
						extreme := false;
						sp_n := null;
						if address_hash is not null then
							if lim_key is distinct from r.round_id::text || ':' || coalesce(sp_id::text, '') then
								lim := ita_private.address_limit(r, sp_id);
								lim_key := r.round_id::text || ':' || coalesce(sp_id::text, '');
							end if;
							if aw_round is distinct from r.round_id or aw_addr is distinct from address_hash then
								if aw_round is not null then
									update public.address_windows w
									set responses = w.responses + aw_added, extreme = w.extreme + aw_added_extreme
									where w.round_id = aw_round and w.address_hash = aw_addr and w.window_start = win;
								end if;
								select l.responses, l.extreme into aw_base, aw_base_extreme
								from ita_private.lock_address_window(r.round_id, address_hash, win) l;
								aw_round := r.round_id;
								aw_addr := address_hash;
								aw_added := 0;
								aw_added_extreme := 0;
							end if;
							-- An answer 2 or 3 (four-level scales only) rules out a straight line at once.
							extreme := not (resp -> 'answers' @? '$.* ? (@ == 2 || @ == 3)')
								and ita_private.extreme_straight_line(resp -> 'answers', r.framework_id, instr);
							aw_added := aw_added + 1;
							if extreme then
								aw_added_extreme := aw_added_extreme + 1;
							end if;
							if sp_id is not null then
								sp_key := r.round_id::text || ':' || sp_id::text;
								if not sp_base ? sp_key then
									sp_base := sp_base || jsonb_build_object(sp_key,
										ita_private.lock_service_point_window(r.round_id, sp_id, win));
								end if;
								sp_added := sp_added || jsonb_build_object(sp_key,
									coalesce((sp_added ->> sp_key)::integer, 0) + 1);
								sp_n := (sp_base ->> sp_key)::integer + (sp_added ->> sp_key)::integer;
							end if;
						end if;
						-- Most responses: no device, no time, under every count: nothing to decide.
						if resp ? 'deviceId' or resp ? 'secondsSpent' or extreme
							or aw_base + aw_added > lim or sp_n > 2 * lim then
							reasons := ita_private.hold_reasons(resp, r, instr, sp_id, lim,
								case when address_hash is not null then aw_base + aw_added end,
								case when address_hash is not null then aw_base_extreme + aw_added_extreme end,
								extreme, sp_n);
						end if;
					end if;
				end if;
			end if;
		end if;

		if verdict is null and cardinality(reasons) > 0 then
			insert into public.held_responses (response_id, round_id, instrument, channel, service_point_id,
				collected_on, demographics, variants, answers, reasons, seconds_per_question)
			select rid, r.round_id, instr, ch, sp_id,
				coalesce((resp ->> 'collectedOn')::date, ita_private.today()),
				coalesce(resp -> 'demographics', '{}'), coalesce(resp -> 'variants', '{}'),
				(select jsonb_object_agg(i.item_key, (a.value::text)::smallint)
					from jsonb_each(resp -> 'answers') a
						join public.framework_items i on i.framework_id = r.framework_id
							and i.instrument = instr and lower(i.item_key) = lower(btrim(a.key))),
				reasons,
				case when resp ? 'secondsSpent' then round((resp ->> 'secondsSpent')::numeric
					/ nullif(ita_private.questions_answered(resp -> 'answers', r.framework_id, instr), 0), 1) end
			on conflict (response_id) do nothing;
			get diagnostics inserted = row_count;
			-- Held: answered as accepted, so the device is done with it; counted nowhere.
			verdict := jsonb_build_object('id', rid,
				'status', case when inserted = 0 then 'duplicate' else 'accepted' end);
		elsif verdict is null then
			insert into public.responses (response_id, round_id, instrument, channel, service_point_id,
				collected_on, demographics, variants, kiosk_id)
			values (rid, r.round_id, instr, ch,
				sp_id, coalesce((resp ->> 'collectedOn')::date, ita_private.today()),
				coalesce(resp -> 'demographics', '{}'), coalesce(resp -> 'variants', '{}'), k_id)
			on conflict (response_id) do nothing;
			get diagnostics inserted = row_count;
			if inserted = 0 then
				-- Stored by a concurrent request since we looked: still only once.
				verdict := jsonb_build_object('id', rid, 'status', 'duplicate');
			else
				insert into public.answers (response_id, item_key, code)
				select rid, i.item_key, (a.value::text)::smallint
				from jsonb_each(resp -> 'answers') a
					join public.framework_items i on i.framework_id = r.framework_id
						and i.instrument = instr
						and lower(i.item_key) = lower(btrim(a.key));
				if k_id is not null then
					update public.kiosks k
					set last_collected_at = greatest(k.last_collected_at, (resp ->> 'collectedAt')::timestamptz)
					where k.kiosk_id = k_id;
				end if;
				accepted := accepted || rid;
				verdict := jsonb_build_object('id', rid, 'status', 'accepted');
			end if;
		end if;

		-- Only a stored id makes a later copy a duplicate: a rejected copy must not.
		if rid is not null and verdict ->> 'status' <> 'rejected' then
			seen := seen || rid;
		end if;
		case verdict ->> 'status'
			when 'accepted' then n_accepted := n_accepted + 1;
			when 'duplicate' then n_duplicate := n_duplicate + 1;
			else n_rejected := n_rejected + 1;
		end case;
		results := results || verdict;
	end loop;

	if cardinality(accepted) > 0 then
		perform ita_private.count_responses(accepted);
	end if;
	-- The round's used marks rewritten as one set: no order or xmin names a response's code.
	for hashed_round in select unnest(codes_used) loop
		perform ita_private.shuffle_code_uses(hashed_round);
	end loop;
	if aw_round is not null then
		update public.address_windows w
		set responses = w.responses + aw_added, extreme = w.extreme + aw_added_extreme
		where w.round_id = aw_round and w.address_hash = aw_addr and w.window_start = win;
	end if;
	update public.service_point_windows w set n = w.n + (a.value #>> '{}')::integer
	from jsonb_each(sp_added) a
	where w.round_id = split_part(a.key, ':', 1)::uuid
		and w.service_point_id = split_part(a.key, ':', 2)::uuid and w.window_start = win;
	if any_limited and address is not null then
		perform ita_private.prune_windows();
	end if;

	return jsonb_build_object(
		'results', to_jsonb(results),
		'accepted', n_accepted,
		'duplicates', n_duplicate,
		'rejected', n_rejected
	);
end;
$$;

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
		raise exception using errcode = '22023',
			message = 'the exit PIN comes as its hash: {"algorithm": "PBKDF2-SHA-256", "iterations": 200000 or more, "salt": 32 hex digits, "hash": 64 hex digits}',
			hint = 'รหัส PIN ต้องส่งเป็นค่าแฮช PBKDF2-SHA-256 (หน้าจอเจ้าหน้าที่สร้างให้)';
	end if;
	if min_interval_seconds is null or min_interval_seconds not between 0 and 3600 then
		raise exception using errcode = '22023',
			message = 'the minimum time between two responses of a kiosk is 0 to 3600 seconds',
			hint = 'ระยะห่างขั้นต่ำระหว่างคำตอบ 0–3600 วินาที';
	end if;
	if idle_seconds is null or idle_seconds not between 20 and 600 then
		raise exception using errcode = '22023',
			message = 'the idle time before a kiosk starts over is 20 to 600 seconds',
			hint = 'เวลาที่ไม่มีการใช้งานก่อนเริ่มใหม่ 20–600 วินาที';
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
		raise exception using errcode = '22023',
			message = 'an enrolment code is 8 letters and digits, like ABCD-EF23',
			hint = 'รหัสลงทะเบียนเป็นตัวอักษรและตัวเลข 8 ตัว เช่น ABCD-EF23';
	end if;
	update public.kiosks x
	set device_key_hash = ita_private.sha256_hex(key), enrolment_code_hash = null,
		enrolled_at = now(), last_contact_at = now()
	where x.enrolment_code_hash = ita_private.sha256_hex(ita_private.normal_enrolment_code(code))
		and x.enrolment_expires_at > now() and x.revoked_at is null
	returning * into k;
	if k.kiosk_id is null then
		raise exception using errcode = 'PT404',
			message = 'no kiosk waits for this enrolment code: it is mistyped, used already, or older than 7 days',
			hint = 'ไม่พบรหัสลงทะเบียนนี้ (พิมพ์ผิด ใช้ไปแล้ว หรือเกิน 7 วัน) ขอรหัสใหม่จากเจ้าหน้าที่';
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
		raise exception using errcode = '22023',
			message = 'queued is the number of responses waiting on the tablet (0 or more)';
	end if;
	update public.kiosks x set last_contact_at = now(), queued_count = queued
	where x.device_key_hash = ita_private.sha256_hex(coalesce(device_key, ''))
	returning * into k;
	if k.kiosk_id is null then
		raise exception using errcode = 'PT404',
			message = 'no kiosk has this device key; enrol the tablet again with a new code',
			hint = 'ไม่พบเครื่องคีออสก์นี้ในระบบ ขอรหัสลงทะเบียนใหม่จากเจ้าหน้าที่';
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

-- Trustworthy counts (issue 13): limits per device and per client address, plausibility
-- checks, held responses and their review, single-use IIT codes that cannot be linked to
-- the responses they admitted, and a throttle on code guesses. See "Trustworthy counts"
-- in supabase/README.md for the rules and the unlinkability argument.
--
-- Changed where they are last defined (in place): submit_responses (…001000_kiosks.sql),
-- check_response (…000300: the shared code only for shared rounds), get_questionnaire
-- (…000500: accessCodeValid is always null, iitCodes added), create_round (…000600: new
-- rounds without a shared code use single-use codes), round_results (…000700: "held").

-- ---------------------------------------------------------------------------------
-- Round settings
-- ---------------------------------------------------------------------------------

alter table public.rounds
	-- 'single': one-time codes (issue_iit_codes); 'shared': the round's iit_access_code as
	-- before. Rows inserted directly (imports, fixtures) keep the old behaviour; create_round
	-- makes new rounds 'single' unless a shared code is given.
	add column iit_codes text not null default 'shared' check (iit_codes in ('single', 'shared')),
	-- Responses a day from one device when allow_repeat ("answer for another person").
	add column device_limit integer not null default 5 check (device_limit between 1 and 100),
	-- Responses per 10 minutes from one client address (a service point may raise it).
	add column address_limit integer not null default 30 check (address_limit between 1 and 10000),
	-- Fewer seconds than this per question answered is implausible.
	add column seconds_per_question numeric(4, 1) not null default 2
		check (seconds_per_question between 0 and 60);

/** A service point's own per-address limit (a counter's Wi-Fi behind one NAT). */
create table public.service_point_limits (
	round_id uuid not null references public.rounds on delete cascade,
	service_point_id uuid not null references public.service_points on delete cascade,
	address_limit integer not null check (address_limit between 1 and 10000),
	primary key (round_id, service_point_id)
);
alter table public.service_point_limits enable row level security;
grant select on public.service_point_limits to authenticated;
grant all on public.service_point_limits to service_role;
create policy "Officers can read their agency's service point limits" on public.service_point_limits
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = service_point_limits.round_id and ita_private.can_manage_agency(r.agency_id))
	);

/** The salt of a round's hashes (addresses, devices, codes). Never exposed. */
create table ita_private.round_salts (
	round_id uuid primary key references public.rounds on delete cascade,
	salt text not null
);
revoke all on ita_private.round_salts from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Tallies: no response id, hashed keys only
-- ---------------------------------------------------------------------------------

/** Responses per device (hashed), instrument and day of arrival. */
create table public.device_tallies (
	round_id uuid not null references public.rounds on delete cascade,
	instrument text not null,
	device_hash text not null,
	day date not null,
	n integer not null,
	primary key (round_id, instrument, device_hash, day)
);
alter table public.device_tallies enable row level security;

/**
 * Per client address (hashed) and fixed 10-minute window: responses stored, those with
 * every four-level item on one extreme answer, and wrong or used codes. Kept one hour.
 */
create table public.address_windows (
	round_id uuid not null references public.rounds on delete cascade,
	address_hash text not null,
	window_start timestamptz not null,
	responses integer not null default 0,
	extreme integer not null default 0,
	code_failures integer not null default 0,
	primary key (round_id, address_hash, window_start)
);
alter table public.address_windows enable row level security;
create index address_windows_age_idx on public.address_windows (window_start);

/** Responses per service point and 10-minute window (the burst check). Kept one hour. */
create table public.service_point_windows (
	round_id uuid not null references public.rounds on delete cascade,
	service_point_id uuid not null references public.service_points on delete cascade,
	window_start timestamptz not null,
	n integer not null,
	primary key (round_id, service_point_id, window_start)
);
alter table public.service_point_windows enable row level security;
create index service_point_windows_age_idx on public.service_point_windows (window_start);
-- Every foreign key indexed (deleting a service point finds its rows without a scan).
create index service_point_windows_service_point_idx on public.service_point_windows (service_point_id);
create index service_point_limits_service_point_idx on public.service_point_limits (service_point_id);

grant all on public.device_tallies, public.address_windows, public.service_point_windows to service_role;

-- ---------------------------------------------------------------------------------
-- Held responses and the review audit
-- ---------------------------------------------------------------------------------

/**
 * A response stored but not counted: over a limit or implausible. Not in `responses`,
 * so no counter, score or export sees it until an officer releases it.
 */
create table public.held_responses (
	response_id uuid primary key,
	round_id uuid not null references public.rounds on delete cascade,
	instrument text not null check (instrument in ('iit', 'eit')),
	channel text not null check (channel in ('qr', 'link', 'kiosk', 'paper')),
	service_point_id uuid references public.service_points on delete set null,
	collected_on date not null,
	demographics jsonb not null default '{}',
	variants jsonb not null default '{}',
	-- item key (as the framework spells it) → answer code
	answers jsonb not null,
	reasons text[] not null check (cardinality(reasons) > 0),
	-- Client-reported seconds per question answered, when sent.
	seconds_per_question numeric
);
alter table public.held_responses enable row level security;
create index held_responses_round_idx on public.held_responses (round_id, instrument);
create index held_responses_service_point_idx on public.held_responses (service_point_id);
grant all on public.held_responses to service_role;

/**
 * Every release and discard: who, what, when, why. Append-only: no API role may update
 * or delete (no grant, no policy), and a trigger refuses it to everyone. No foreign key,
 * so deleting a round keeps its audit.
 */
create table public.held_review_audit (
	audit_id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	action text not null check (action in ('release', 'discard')),
	round_id uuid not null,
	round_code text not null,
	agency_id uuid not null,
	response_ids uuid[] not null,
	held_reasons text[] not null,
	reason text not null,
	actor_role text not null,
	actor_sub text,
	actor_email text
);
alter table public.held_review_audit enable row level security;
revoke all on public.held_review_audit from public, anon, authenticated, service_role;
grant select on public.held_review_audit to authenticated, service_role;
create policy "Central administrators can read the review audit" on public.held_review_audit
	for select to authenticated using (ita_private.caller_is_central());

create or replace function ita_private.refuse_audit_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	raise exception using errcode = '42501', message = 'review_audit_append_only',
		hint = 'the review audit is append-only: its rows cannot be changed or deleted';
end;
$$;
create trigger held_review_audit_append_only
	before update or delete on public.held_review_audit
	for each row execute function ita_private.refuse_audit_change();
create trigger held_review_audit_no_truncate
	before truncate on public.held_review_audit
	for each statement execute function ita_private.refuse_audit_change();

-- ---------------------------------------------------------------------------------
-- Single-use IIT codes
-- ---------------------------------------------------------------------------------

/** Codes issued for a round (hashes only). */
create table public.iit_codes (
	round_id uuid not null references public.rounds on delete cascade,
	code_hash text not null,
	issued_on date not null,
	primary key (round_id, code_hash)
);
alter table public.iit_codes enable row level security;

/**
 * The used marks: the round and the code's hash, nothing else — no response id, no time
 * (not even the day: a day would pair marks and responses better than chance whenever
 * the responses fall on several days), no serial. Rewritten in random order at each use
 * (see ita_private.shuffle_code_uses), so neither row order nor xmin pairs a mark with a
 * response.
 */
create table public.iit_code_uses (
	round_id uuid not null references public.rounds on delete cascade,
	code_hash text not null,
	primary key (round_id, code_hash)
);
alter table public.iit_code_uses enable row level security;
grant all on public.iit_codes, public.iit_code_uses to service_role;

-- ---------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------

/** The round's salt, made on first use. */
create or replace function ita_private.round_salt(round uuid)
returns text
language plpgsql
set search_path = ''
as $$
declare
	s text;
begin
	select x.salt into s from ita_private.round_salts x where x.round_id = round;
	if s is null then
		insert into ita_private.round_salts (round_id, salt)
		values (round, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''))
		on conflict (round_id) do nothing;
		select x.salt into s from ita_private.round_salts x where x.round_id = round;
	end if;
	return s;
end;
$$;

/** sha256(round salt ‖ ':' ‖ value), hex. */
-- The helpers on the submitting path are PL/pgSQL, not SQL: a SQL function with its own
-- search_path is neither inlined nor keeps its plan, and is planned again at every call.
create or replace function ita_private.salted_hash(round uuid, value text)
returns text
language plpgsql
set search_path = ''
as $$
begin
	return encode(sha256(convert_to(ita_private.round_salt(round) || ':' || value, 'UTF8')), 'hex');
end;
$$;

/**
 * The caller's address from the request's headers (PostgREST's request.headers, which the
 * embedded gateway sets too): cf-connecting-ip (hosted Supabase: Cloudflare overwrites it),
 * then x-real-ip, then the right-most x-forwarded-for entry — the one the nearest proxy
 * appended. The left-most entry is the client's own say and is never read. Null when the
 * caller did not come through an API (SQL called directly).
 */
create or replace function ita_private.client_address()
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
	h jsonb;
	v text;
	hops text[];
begin
	begin
		h := nullif(current_setting('request.headers', true), '')::jsonb;
	exception when others then
		return null;
	end;
	if h is null or jsonb_typeof(h) <> 'object' then
		return null;
	end if;
	v := nullif(btrim(h ->> 'cf-connecting-ip'), '');
	if v is null then
		v := nullif(btrim(h ->> 'x-real-ip'), '');
	end if;
	if v is null and nullif(btrim(h ->> 'x-forwarded-for'), '') is not null then
		hops := string_to_array(h ->> 'x-forwarded-for', ',');
		v := nullif(btrim(hops[cardinality(hops)]), '');
	end if;
	return lower(left(v, 100));
end;
$$;

/** The fixed 10-minute window now falls in. */
create or replace function ita_private.current_window()
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
	return date_bin(interval '10 minutes', now(), timestamptz '2000-01-01 00:00:00+00');
end;
$$;

/** How many wrong or used codes one address may try per round and window. */
create or replace function ita_private.code_attempt_limit()
returns integer
language sql
immutable
set search_path = ''
as $$ select 10 $$;

/** Wrong or used codes recorded for this address in the current window. */
create or replace function ita_private.code_failures(round uuid, addr text)
returns integer
language plpgsql
stable
set search_path = ''
as $$
begin
	return coalesce((select w.code_failures from public.address_windows w
		where w.round_id = round and w.address_hash = addr
			and w.window_start = ita_private.current_window()), 0);
end;
$$;

/** Records one wrong or used code; answers the window's failures so far. */
create or replace function ita_private.record_code_failure(round uuid, addr text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
	n integer;
begin
	if addr is null then
		return 0;
	end if;
	insert into public.address_windows as w (round_id, address_hash, window_start, code_failures)
	values (round, addr, ita_private.current_window(), 1)
	on conflict (round_id, address_hash, window_start)
	do update set code_failures = w.code_failures + 1
	returning w.code_failures into n;
	return n;
end;
$$;

/**
 * Raises HTTP 429 with Retry-After (PostgREST's `raise sqlstate 'PGRST'`, which the embedded
 * gateway answers the same way) when the address already reached the limit of wrong codes
 * in this window. Called before a code is looked at; never after recording a failure in
 * the same call, since the raise would roll the record back.
 */
create or replace function ita_private.refuse_if_guessing(round uuid, addr text)
returns void
language plpgsql
stable
set search_path = ''
as $$
declare
	retry integer;
begin
	if addr is null
		or ita_private.code_failures(round, addr) < ita_private.code_attempt_limit() then
		return;
	end if;
	retry := greatest(1, ceil(extract(epoch from
		ita_private.current_window() + interval '10 minutes' - now()))::integer);
	-- PostgREST's body: the catalogue code as code and message, its parameters as details (JSON
	-- text), the English for API users as hint.
	raise sqlstate 'PGRST' using
		message = jsonb_build_object(
			'code', 'too_many_attempts',
			'message', 'too_many_attempts',
			'details', jsonb_build_object('retryAfter', retry, 'minutes', ceil(retry / 60.0)::integer)::text,
			'hint', format('too many wrong or used codes from this network; try again in %s seconds', retry))::text,
		detail = jsonb_build_object('status', 429,
			'headers', jsonb_build_object('Retry-After', retry::text))::text;
end;
$$;

/** An IIT code as typed (any case, spaces or dashes) in its checked form: 10 symbols. */
create or replace function ita_private.normal_iit_code(code text)
returns text
language sql
immutable
set search_path = ''
as $$
	select upper(regexp_replace(coalesce(code, ''), '[\s-]', '', 'g'))
$$;

/** Whether a normalised code can be one we issue (so junk is not hashed and looked up). */
create or replace function ita_private.iit_code_shape_ok(code text)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select code ~ '^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$'
$$;

/**
 * Marks a single-use code used, if it was issued for the round and is unused: true when
 * it admitted this response. The caller rewrites the day's marks afterwards.
 */
create or replace function ita_private.use_iit_code(round uuid, code text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
	c text := ita_private.normal_iit_code(code);
	h text;
	n integer;
begin
	if not ita_private.iit_code_shape_ok(c) then
		return false;
	end if;
	h := ita_private.salted_hash(round, 'code:' || c);
	insert into public.iit_code_uses (round_id, code_hash)
	select round, h
	where exists (select from public.iit_codes i where i.round_id = round and i.code_hash = h)
	on conflict (round_id, code_hash) do nothing;
	get diagnostics n = row_count;
	return n = 1;
end;
$$;

/**
 * Rewrites all of a round's used marks as one set in random order, under a per-round
 * lock: afterwards every one of them has the same xmin (this transaction) and a random
 * place in the table, so neither names the response its code admitted. O(the round's
 * used codes) per request that uses one: a few hundred rows.
 */
create or replace function ita_private.shuffle_code_uses(round uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
	perform pg_advisory_xact_lock(hashtextextended('iit_code_uses:' || round::text, 0));
	with gone as (
		delete from public.iit_code_uses u where u.round_id = round returning u.*
	)
	insert into public.iit_code_uses (round_id, code_hash)
	select g.round_id, g.code_hash from gone g order by random();
end;
$$;

/** Whether a single-use code is issued for the round and unused (does not use it). */
create or replace function ita_private.iit_code_unused(round uuid, code text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
	c text := ita_private.normal_iit_code(code);
	h text;
begin
	if not ita_private.iit_code_shape_ok(c) then
		return false;
	end if;
	h := ita_private.salted_hash(round, 'code:' || c);
	return exists (select from public.iit_codes i where i.round_id = round and i.code_hash = h)
		and not exists (select from public.iit_code_uses u where u.round_id = round and u.code_hash = h);
end;
$$;

/**
 * ITA's IIT minimum sample for N eligible staff (≥ 1 year of service): Krejcie & Morgan
 * (1970), 95 % confidence, ±5 %, P = 0.5, rounded up. N = 100 → 80, 1,000 → 278.
 */
create or replace function ita_private.iit_min_sample(staff integer)
returns integer
language sql
immutable
set search_path = ''
as $$
	select case when staff is null or staff <= 0 then null
		else least(staff, ceil(3.841 * staff * 0.25 / (0.0025 * (staff - 1) + 3.841 * 0.25))::integer) end
$$;

/**
 * Every answered four-level item (at least five) on the same extreme answer (1 or 4). An
 * answer 2 or 3 (four-level scales only) settles it without a query: nearly always.
 */
create or replace function ita_private.extreme_straight_line(answers jsonb, framework text, instr text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
	if answers @? '$.* ? (@ == 2 || @ == 3)' then
		return false;
	end if;
	return (
		with four as (
			select o.scale from public.framework_scale_options o
			where o.framework_id = framework group by o.scale having count(*) = 4
		)
		select coalesce(count(*) >= 5 and count(distinct a.value::text) = 1
			and min(a.value::text) in ('1', '4'), false)
		from jsonb_each(answers) a
			join public.framework_items i on i.framework_id = framework and i.instrument = instr
				and lower(i.item_key) = lower(btrim(a.key))
			join four f on f.scale = i.scale
	);
end;
$$;

/** How many questions a response answers (for the time floor). */
create or replace function ita_private.questions_answered(answers jsonb, framework text, instr text)
returns integer
language plpgsql
stable
set search_path = ''
as $$
begin
	return (select count(distinct i.question_id)::integer
		from jsonb_object_keys(answers) k
			join public.framework_items i on i.framework_id = framework and i.instrument = instr
				and lower(i.item_key) = lower(btrim(k)));
end;
$$;

/** A service point's per-address limit in a round: its own, else the round's. */
create or replace function ita_private.address_limit(r public.rounds, sp uuid)
returns integer
language plpgsql
stable
set search_path = ''
as $$
begin
	return coalesce((select l.address_limit from public.service_point_limits l
		where l.round_id = r.round_id and l.service_point_id = sp), r.address_limit);
end;
$$;

/**
 * Why a response about to be stored must be held: an empty array when it is counted.
 * Called only for responses that passed every check and are not exempt (service role,
 * paper, kiosk). Tallies the device here; the address and service point tallies are kept
 * by submit_responses (once per request), which passes their counts including this one:
 * addr_n and addr_extreme (null without a known address), sp_n (null without a service
 * point), lim the per-address limit that applies.
 */
create or replace function ita_private.hold_reasons(
	resp jsonb, r public.rounds, instr text, sp_id uuid, lim integer,
	addr_n integer, addr_extreme integer, extreme boolean, sp_n integer
)
returns text[]
language plpgsql
set search_path = ''
as $$
declare
	reasons text[] := '{}';
	today date := ita_private.today();
	dev_hash text;
	n integer;
	earlier integer;
	usual numeric;
begin
	if resp ? 'deviceId' then
		dev_hash := ita_private.salted_hash(r.round_id, 'device:' || (resp ->> 'deviceId'));
		insert into public.device_tallies as t (round_id, instrument, device_hash, day, n)
		values (r.round_id, instr, dev_hash, today, 1)
		on conflict (round_id, instrument, device_hash, day) do update set n = t.n + 1
		returning t.n into n;
		if r.allow_repeat then
			if n > r.device_limit then
				reasons := reasons || 'device_limit'::text;
			end if;
		else
			select coalesce(sum(t.n), 0) into earlier from public.device_tallies t
			where t.round_id = r.round_id and t.instrument = instr and t.device_hash = dev_hash
				and t.day <> today;
			if n + earlier > 1 then
				reasons := reasons || 'device_limit'::text;
			end if;
		end if;
	end if;

	if addr_n > lim then
		reasons := reasons || 'address_limit'::text;
	end if;
	if extreme and addr_extreme >= 3 then
		reasons := reasons || 'same_answer_burst'::text;
	end if;

	if resp ? 'secondsSpent' and (resp ->> 'secondsSpent')::numeric
		< r.seconds_per_question * ita_private.questions_answered(resp -> 'answers', r.framework_id, instr) then
		reasons := reasons || 'too_fast'::text;
	end if;

	-- Beyond twice its address limit, a service point's window is compared with its usual
	-- pace: counted responses per day on earlier days, over 48 ten-minute windows of an
	-- office day.
	if sp_n > 2 * lim then
		select sum(c.n)::numeric / nullif(count(distinct c.collected_on), 0) / 48 into usual
		from public.daily_counts c
		where c.round_id = r.round_id and c.service_point_id = sp_id and c.collected_on < today;
		if sp_n > 4 * coalesce(usual, 0) then
			reasons := reasons || 'service_point_burst'::text;
		end if;
	end if;
	return reasons;
end;
$$;

/**
 * Locks and reads a round's window of one address (creating it): what it held before this
 * request. The row stays locked to the end of the transaction, so two requests from one
 * address are counted one after the other.
 */
create or replace function ita_private.lock_address_window(
	round uuid, addr text, win timestamptz, out responses integer, out extreme integer
)
language plpgsql
set search_path = ''
as $$
begin
	insert into public.address_windows as w (round_id, address_hash, window_start)
	values (round, addr, win)
	on conflict (round_id, address_hash, window_start) do update set responses = w.responses
	returning w.responses, w.extreme into lock_address_window.responses, lock_address_window.extreme;
end;
$$;

/** The same for a service point's window: its responses before this request. */
create or replace function ita_private.lock_service_point_window(round uuid, sp uuid, win timestamptz)
returns integer
language plpgsql
set search_path = ''
as $$
declare
	n integer;
begin
	insert into public.service_point_windows as w (round_id, service_point_id, window_start, n)
	values (round, sp, win, 0)
	on conflict (round_id, service_point_id, window_start) do update set n = w.n
	returning w.n into n;
	return n;
end;
$$;

/** Forgets address and service point windows older than an hour. */
create or replace function ita_private.prune_windows()
returns void
language sql
set search_path = ''
as $$
	delete from public.address_windows where window_start < now() - interval '1 hour';
	delete from public.service_point_windows where window_start < now() - interval '1 hour';
$$;

/** Held responses of a round per instrument: {"iit": n, "eit": n}. */
create or replace function ita_private.held_counts(round uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select jsonb_build_object(
		'iit', (select count(*) from public.held_responses h where h.round_id = round and h.instrument = 'iit'),
		'eit', (select count(*) from public.held_responses h where h.round_id = round and h.instrument = 'eit'))
$$;

/** A review's reason: 3–500 characters; else 22023. */
create or replace function ita_private.require_review_reason(reason text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
	v text := btrim(coalesce(reason, ''));
begin
	if length(v) < 3 or length(v) > 500 then
		raise exception using errcode = '22023', message = 'review_reason_invalid',
			detail = jsonb_build_object('field', 'reason', 'length', length(v))::text,
			hint = 'give the reason for this decision (3 to 500 characters); it is kept in the audit';
	end if;
	return v;
end;
$$;

/** The ids given: a JSON array of 1 to 5,000 response ids (UUIDs); else 22023. */
create or replace function ita_private.require_ids(ids jsonb)
returns uuid[]
language plpgsql
immutable
set search_path = ''
as $$
begin
	if ids is null or jsonb_typeof(ids) <> 'array' or jsonb_array_length(ids) = 0
		or jsonb_array_length(ids) > 5000
		or exists (select from jsonb_array_elements(ids) e
			where jsonb_typeof(e) <> 'string'
				or e #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') then
		raise exception using errcode = '22023', message = 'review_ids_invalid',
			detail = '{"field": "ids"}',
			hint = 'ids is a JSON array of 1 to 5,000 held responses'' ids (UUIDs)';
	end if;
	return array(select (e #>> '{}')::uuid from jsonb_array_elements(ids) e);
end;
$$;

/** Appends one review to the audit. */
create or replace function ita_private.audit_review(
	r public.rounds, action text, ids uuid[], held_reasons text[], reason text
)
returns void
language plpgsql
set search_path = ''
as $$
declare
	claims jsonb := coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}');
begin
	insert into public.held_review_audit (action, round_id, round_code, agency_id, response_ids,
		held_reasons, reason, actor_role, actor_sub, actor_email)
	values (action, r.round_id, r.code, r.agency_id, ids, coalesce(held_reasons, '{}'), reason,
		coalesce(claims #>> '{app_metadata,ita_role}', ita_private.caller_role()),
		claims ->> 'sub', claims ->> 'email');
end;
$$;

/** A round's trust settings as the officers' screens show them. */
create or replace function ita_private.trust_settings_json(r public.rounds)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select jsonb_build_object(
		'round', r.code,
		'iitCodes', r.iit_codes,
		'hasSharedCode', r.iit_access_code is not null,
		'allowRepeat', r.allow_repeat,
		'deviceLimit', r.device_limit,
		'addressLimit', r.address_limit,
		'secondsPerQuestion', r.seconds_per_question,
		'eligibleStaff', r.target_staff,
		'iitMinimumSample', ita_private.iit_min_sample(r.target_staff),
		'minIit', r.min_iit,
		'servicePoints', coalesce((
			select jsonb_agg(jsonb_build_object('code', s.code, 'name', s.name,
				'addressLimit', l.address_limit) order by s.code)
			from public.service_points s
				left join public.service_point_limits l
					on l.round_id = r.round_id and l.service_point_id = s.service_point_id
			where s.agency_id = r.agency_id), '[]'),
		'codes', jsonb_build_object(
			'issued', (select count(*) from public.iit_codes c where c.round_id = r.round_id),
			'used', (select count(*) from public.iit_code_uses u where u.round_id = r.round_id)),
		'held', ita_private.held_counts(r.round_id)
	)
$$;

revoke all on function ita_private.refuse_audit_change(), ita_private.round_salt(uuid),
	ita_private.salted_hash(uuid, text), ita_private.client_address(), ita_private.current_window(),
	ita_private.code_attempt_limit(), ita_private.code_failures(uuid, text),
	ita_private.record_code_failure(uuid, text), ita_private.refuse_if_guessing(uuid, text),
	ita_private.normal_iit_code(text), ita_private.iit_code_shape_ok(text),
	ita_private.use_iit_code(uuid, text), ita_private.shuffle_code_uses(uuid),
	ita_private.iit_code_unused(uuid, text), ita_private.iit_min_sample(integer),
	ita_private.extreme_straight_line(jsonb, text, text), ita_private.questions_answered(jsonb, text, text),
	ita_private.address_limit(public.rounds, uuid),
	ita_private.hold_reasons(jsonb, public.rounds, text, uuid, integer, integer, integer, boolean, integer),
	ita_private.lock_address_window(uuid, text, timestamptz),
	ita_private.lock_service_point_window(uuid, uuid, timestamptz), ita_private.prune_windows(),
	ita_private.held_counts(uuid), ita_private.require_review_reason(text), ita_private.require_ids(jsonb),
	ita_private.audit_review(public.rounds, text, uuid[], text[], text),
	ita_private.trust_settings_json(public.rounds)
	from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- The phone's code check
-- ---------------------------------------------------------------------------------

/**
 * Whether an IIT code admits its holder to the round: {"valid": true | false}. Wrong,
 * used and unknown codes answer alike. Does not use the code (submit_responses does).
 * Throttled per client address: after 10 wrong or used codes in a 10-minute window the
 * next check is HTTP 429 with Retry-After.
 */
create or replace function public.check_iit_code(round_code text, code text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds;
	address text := ita_private.client_address();
	address_hash text;
	ok boolean;
begin
	select * into r from public.rounds x where x.code = round_code;
	if r.round_id is null or r.status = 'draft' then
		raise exception using errcode = 'PT404', message = 'unknown_round',
			detail = jsonb_build_object('round', coalesce(round_code, ''))::text,
			hint = format('no round has the code %s; check the link or QR code', coalesce(round_code, '(none given)'));
	end if;
	if address is not null and ita_private.caller_role() <> 'service_role' then
		address_hash := ita_private.salted_hash(r.round_id, 'address:' || address);
	end if;
	perform ita_private.refuse_if_guessing(r.round_id, address_hash);

	if r.iit_codes = 'single' then
		ok := ita_private.iit_code_unused(r.round_id, code);
	else
		ok := r.iit_access_code is null or code is not distinct from r.iit_access_code;
	end if;
	if not ok then
		perform ita_private.record_code_failure(r.round_id, address_hash);
	end if;
	return jsonb_build_object('valid', ok);
end;
$$;

-- ---------------------------------------------------------------------------------
-- The officers' functions
-- ---------------------------------------------------------------------------------

/** A round's limits, code mode, eligible staff and IIT minimum sample, codes issued and used. */
create or replace function public.round_trust_settings(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	return ita_private.trust_settings_json(ita_private.managed_round(round_code));
end;
$$;

/**
 * Changes any of a round's trust settings: {"iitCodes": "single" | "shared", "allowRepeat",
 * "deviceLimit" (1–100), "addressLimit" (1–10000), "secondsPerQuestion" (0–60),
 * "eligibleStaff" (0–1000000; also sets minIit to the IIT minimum sample), "servicePoints":
 * {"<code>": limit | null}}. All or nothing; bad values are 22023 trust_settings_invalid with
 * every problem in detail.problems ({field: the key or servicePoints.<code>, code}).
 */
create or replace function public.set_round_trust_settings(round_code text, settings jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	k text;
	v jsonb;
	sp uuid;
	n numeric;
	bad text;
	problems jsonb := '[]';
begin
	if settings is null or jsonb_typeof(settings) <> 'object' then
		raise exception using errcode = '22023', message = 'trust_settings_not_object',
			hint = 'settings is a JSON object like {"deviceLimit": 5, "addressLimit": 30}';
	end if;
	select string_agg(x, ', ') into bad from jsonb_object_keys(settings) x
	where x not in ('iitCodes', 'allowRepeat', 'deviceLimit', 'addressLimit', 'secondsPerQuestion',
		'eligibleStaff', 'servicePoints');
	if bad is not null then
		raise exception using errcode = '22023', message = 'trust_setting_unknown',
			detail = jsonb_build_object('keys', bad)::text,
			hint = format('unknown setting %s; the settings are iitCodes, allowRepeat, deviceLimit, addressLimit, secondsPerQuestion, eligibleStaff, servicePoints', bad);
	end if;

	-- Every setting is checked and every problem named at once (trust_settings_invalid,
	-- detail.problems: [{field: <setting key, or servicePoints.<code>>, code, …}]); the
	-- raise undoes the changes made before it.
	for k, v in select e.key, e.value from jsonb_each(settings) e loop
		if k = 'iitCodes' then
			if v #>> '{}' is distinct from 'single' and v #>> '{}' is distinct from 'shared' then
				problems := problems || jsonb_build_object('field', k, 'code', 'iit_codes_mode_invalid');
				continue;
			end if;
			update public.rounds x set iit_codes = v #>> '{}' where x.round_id = r.round_id;
		elsif k = 'allowRepeat' then
			if jsonb_typeof(v) <> 'boolean' then
				problems := problems || jsonb_build_object('field', k, 'code', 'allow_repeat_missing');
				continue;
			end if;
			update public.rounds x set allow_repeat = (v::text)::boolean where x.round_id = r.round_id;
		elsif k = 'servicePoints' then
			if jsonb_typeof(v) <> 'object' then
				problems := problems || jsonb_build_object('field', k, 'code', 'service_point_limits_invalid');
				continue;
			end if;
			for k, v in select e.key, e.value from jsonb_each(v) e loop
				select s.service_point_id into sp from public.service_points s
				where s.agency_id = r.agency_id and s.code = k;
				n := case when jsonb_typeof(v) = 'number' then (v::text)::numeric end;
				if sp is null then
					problems := problems || jsonb_build_object('field', 'servicePoints.' || k,
						'code', 'service_point_unknown', 'servicePoint', k);
				elsif jsonb_typeof(v) = 'null' then
					delete from public.service_point_limits l
					where l.round_id = r.round_id and l.service_point_id = sp;
				elsif n is null or n not between 1 and 10000 or n <> trunc(n) then
					problems := problems || jsonb_build_object('field', 'servicePoints.' || k,
						'code', 'service_point_limit_invalid', 'servicePoint', k,
						'name', (select coalesce(s.name ->> 'th', s.code) from public.service_points s
							where s.service_point_id = sp));
				else
					insert into public.service_point_limits (round_id, service_point_id, address_limit)
					values (r.round_id, sp, (v::text)::integer)
					on conflict (round_id, service_point_id) do update set address_limit = excluded.address_limit;
				end if;
			end loop;
		else
			n := case when jsonb_typeof(v) = 'number' then (v::text)::numeric end;
			if k = 'deviceLimit' and (n is null or n not between 1 and 100 or n <> trunc(n)) then
				problems := problems || jsonb_build_object('field', k, 'code', 'device_limit_invalid');
			elsif k = 'addressLimit' and (n is null or n not between 1 and 10000 or n <> trunc(n)) then
				problems := problems || jsonb_build_object('field', k, 'code', 'address_limit_invalid');
			elsif k = 'secondsPerQuestion' and (n is null or n not between 0 and 60 or n <> round(n, 1)) then
				problems := problems || jsonb_build_object('field', k, 'code', 'seconds_per_question_invalid');
			elsif k = 'eligibleStaff' and (n is null or n not between 0 and 1000000 or n <> trunc(n)) then
				problems := problems || jsonb_build_object('field', k, 'code', 'eligible_staff_invalid');
			elsif k = 'deviceLimit' then
				update public.rounds x set device_limit = n::integer where x.round_id = r.round_id;
			elsif k = 'addressLimit' then
				update public.rounds x set address_limit = n::integer where x.round_id = r.round_id;
			elsif k = 'secondsPerQuestion' then
				update public.rounds x set seconds_per_question = n where x.round_id = r.round_id;
			else
				update public.rounds x set target_staff = n::integer,
					min_iit = coalesce(ita_private.iit_min_sample(n::integer), x.min_iit)
				where x.round_id = r.round_id;
			end if;
		end if;
	end loop;
	if problems <> '[]' then
		raise exception using errcode = '22023', message = 'trust_settings_invalid',
			detail = jsonb_build_object('problems', problems)::text,
			hint = format('%s: deviceLimit is 1–100 a day, addressLimit and a service point''s limit 1–10000 per 10 minutes, secondsPerQuestion 0–60 with one decimal, eligibleStaff 0 or more, iitCodes "single" or "shared", allowRepeat true or false',
				(select string_agg(format('%s (%s)', p ->> 'field', p ->> 'code'), ', ')
				from jsonb_array_elements(problems) p));
	end if;
	select * into r from public.rounds x where x.round_id = r.round_id;
	return ita_private.trust_settings_json(r);
end;
$$;

/**
 * Issues 1–1000 one-time IIT codes for a round: {"codes": ["ABCDE-FGH23", …], "issued"}.
 * 10 symbols of 32 (50 bits), shown this once; only salted hashes are kept.
 */
create or replace function public.issue_iit_codes(round_code text, how_many integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	codes text[] := '{}';
	c text;
	n integer;
begin
	if how_many is null or how_many not between 1 and 1000 then
		raise exception using errcode = '22023', message = 'iit_codes_count_invalid',
			detail = jsonb_build_object('field', 'count', 'value', how_many)::text,
			hint = 'issue 1 to 1000 codes at a time';
	end if;
	while cardinality(codes) < how_many loop
		-- Byte 0 of a random UUID is fully random; modulo 32, every symbol is equally likely.
		select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
			get_byte(uuid_send(gen_random_uuid()), 0) % 32 + 1, 1), '')
		into c from generate_series(1, 10);
		insert into public.iit_codes (round_id, code_hash, issued_on)
		values (r.round_id, ita_private.salted_hash(r.round_id, 'code:' || c), ita_private.today())
		on conflict do nothing;
		get diagnostics n = row_count;
		if n = 1 then
			codes := codes || (substr(c, 1, 5) || '-' || substr(c, 6, 5));
		end if;
	end loop;
	return jsonb_build_object('codes', to_jsonb(codes),
		'issued', (select count(*) from public.iit_codes i where i.round_id = r.round_id));
end;
$$;

/**
 * The round's held responses grouped by their reasons, the day, instrument, channel and
 * service point — never a time of day, an address, a device or a free text — with each
 * group's answer pattern, and its responses (≤ 200 a group) for deciding one by one.
 */
create or replace function public.held_summary(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
begin
	return jsonb_build_object(
		'round', r.code,
		'held', (select count(*) from public.held_responses h where h.round_id = r.round_id),
		'byInstrument', ita_private.held_counts(r.round_id),
		'groups', coalesce((
			with h as (
				select h.*, array(select unnest(h.reasons) order by 1) as sorted_reasons,
					(select count(distinct a.value::text) = 1 from jsonb_each(h.answers) a) as same_answer
				from public.held_responses h where h.round_id = r.round_id
			), g as (
				select h.sorted_reasons, h.collected_on, h.instrument, h.channel, h.service_point_id,
					count(*) as n, array_agg(h.response_id order by h.response_id) as ids,
					count(*) filter (where h.same_answer) as same,
					percentile_cont(0.5) within group (order by h.seconds_per_question) as median_seconds
				from h
				group by h.sorted_reasons, h.collected_on, h.instrument, h.channel, h.service_point_id
			)
			select jsonb_agg(jsonb_build_object(
				'reasons', to_jsonb(g.sorted_reasons),
				'day', g.collected_on,
				'instrument', g.instrument,
				'channel', g.channel,
				'servicePoint', (select jsonb_build_object('code', s.code, 'name', s.name)
					from public.service_points s where s.service_point_id = g.service_point_id),
				'n', g.n,
				'pattern', jsonb_build_object(
					'answers', coalesce((select jsonb_object_agg(x.code, x.n) from (
						select a.value::text as code, count(*) as n
						from h h2, jsonb_each(h2.answers) a
						where h2.response_id = any(g.ids)
						group by 1) x), '{}'),
					'sameAnswer', g.same,
					'medianSecondsPerQuestion', round(g.median_seconds::numeric, 1)),
				'responses', (select jsonb_agg(jsonb_build_object(
						'id', h3.response_id,
						'sameAnswer', h3.same_answer,
						'answers', (select jsonb_object_agg(y.code, y.n) from (
							select a.value::text as code, count(*) as n
							from jsonb_each(h3.answers) a group by 1) y))
						order by h3.response_id)
					from h h3 where h3.response_id = any(g.ids[1:200]))
			) order by g.collected_on desc, g.n desc)
			from g), '[]')
	);
end;
$$;

/**
 * Releases held responses: they are stored and counted exactly as a submit counts them,
 * and the decision is audited. Ids not held in this round are skipped.
 */
create or replace function public.release_held_responses(round_code text, ids jsonb, reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	why text := ita_private.require_review_reason(reason);
	wanted uuid[] := ita_private.require_ids(ids);
	done uuid[];
	reasons text[];
begin
	select coalesce(array_agg(h.response_id order by h.response_id), '{}') into done
	from public.held_responses h where h.round_id = r.round_id and h.response_id = any(wanted);
	if cardinality(done) > 0 then
		select array(select distinct x from public.held_responses h, unnest(h.reasons) x
			where h.response_id = any(done) order by 1) into reasons;
		insert into public.responses (response_id, round_id, instrument, channel, service_point_id,
			collected_on, demographics, variants)
		select h.response_id, h.round_id, h.instrument, h.channel, h.service_point_id, h.collected_on,
			h.demographics, h.variants
		from public.held_responses h where h.response_id = any(done)
		on conflict (response_id) do nothing;
		insert into public.answers (response_id, item_key, code)
		select h.response_id, a.key, (a.value::text)::smallint
		from public.held_responses h, jsonb_each(h.answers) a
		where h.response_id = any(done)
		on conflict do nothing;
		perform ita_private.count_responses(done);
		delete from public.held_responses h where h.response_id = any(done);
		perform ita_private.audit_review(r, 'release', done, reasons, why);
	end if;
	return jsonb_build_object('released', cardinality(done),
		'held', (select count(*) from public.held_responses h where h.round_id = r.round_id));
end;
$$;

/** Discards held responses (deleted, never counted); the decision is audited. */
create or replace function public.discard_held_responses(round_code text, ids jsonb, reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	why text := ita_private.require_review_reason(reason);
	wanted uuid[] := ita_private.require_ids(ids);
	done uuid[];
	reasons text[];
begin
	select coalesce(array_agg(h.response_id order by h.response_id), '{}') into done
	from public.held_responses h where h.round_id = r.round_id and h.response_id = any(wanted);
	if cardinality(done) > 0 then
		select array(select distinct x from public.held_responses h, unnest(h.reasons) x
			where h.response_id = any(done) order by 1) into reasons;
		delete from public.held_responses h where h.response_id = any(done);
		perform ita_private.audit_review(r, 'discard', done, reasons, why);
	end if;
	return jsonb_build_object('discarded', cardinality(done),
		'held', (select count(*) from public.held_responses h where h.round_id = r.round_id));
end;
$$;

/** The review audit, newest first (≤ 1000 rows), of one round or (null) of all: central only. */
create or replace function public.list_review_audit(round_code text default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	if not ita_private.caller_is_central() then
		raise exception using errcode = '42501', message = 'review_audit_central_only',
			hint = 'the review audit is for central administrators';
	end if;
	return coalesce((
		select jsonb_agg(jsonb_build_object(
			'at', x.at,
			'action', x.action,
			'round', x.round_code,
			'agency', (select a.code from public.agencies a where a.agency_id = x.agency_id),
			'n', cardinality(x.response_ids),
			'responseIds', to_jsonb(x.response_ids),
			'heldReasons', to_jsonb(x.held_reasons),
			'reason', x.reason,
			'by', jsonb_build_object('role', x.actor_role, 'sub', x.actor_sub, 'email', x.actor_email)
		) order by x.at desc, x.audit_id desc)
		from (select * from public.held_review_audit a
			where list_review_audit.round_code is null or a.round_code = list_review_audit.round_code
			order by a.at desc, a.audit_id desc limit 1000) x), '[]');
end;
$$;

revoke all on function public.check_iit_code(text, text), public.round_trust_settings(text),
	public.set_round_trust_settings(text, jsonb), public.issue_iit_codes(text, integer),
	public.held_summary(text), public.release_held_responses(text, jsonb, text),
	public.discard_held_responses(text, jsonb, text), public.list_review_audit(text)
	from public, anon, authenticated, service_role;
grant execute on function public.check_iit_code(text, text) to anon, authenticated, service_role;
grant execute on function public.round_trust_settings(text), public.set_round_trust_settings(text, jsonb),
	public.issue_iit_codes(text, integer), public.held_summary(text),
	public.release_held_responses(text, jsonb, text), public.discard_held_responses(text, jsonb, text),
	public.list_review_audit(text)
	to authenticated, service_role;

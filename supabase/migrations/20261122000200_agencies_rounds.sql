-- Agencies (district offices), their sections and service points, and rounds:
-- one agency × fiscal year × framework, with its dates, IIT access code and targets.
-- OIT item scores are entered per round by the agency's officers.

/**
 * The caller as the request's JWT says: role (anon, authenticated, service_role),
 * the ITA role (officer, central) and the agency an officer belongs to. Supabase
 * Auth keeps the last two in app_metadata, which only the server can write.
 */
create or replace function ita_private.caller_role() returns text
language sql stable
set search_path = ''
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role',
		'anon'
	)
$$;

create or replace function ita_private.caller_is_central() returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
	if ita_private.caller_role() = 'service_role' then
		return true;
	end if;
	if ita_private.caller_role() <> 'authenticated'
		or nullif(current_setting('request.jwt.claims', true), '')::jsonb
			#>> '{app_metadata,ita_role}' is distinct from 'central' then
		return false;
	end if;
	perform ita_private.require_caller_account();
	return true;
end;
$$;

create or replace function ita_private.caller_agency_id() returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
	raw text := nullif(current_setting('request.jwt.claims', true), '')::jsonb
		#>> '{app_metadata,agency_id}';
begin
	if ita_private.caller_role() <> 'authenticated' or raw is null
		or raw !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
		return null;
	end if;
	perform ita_private.require_caller_account();
	return raw::uuid;
end;
$$;

/** True when the caller may see and manage this agency's data. */
create or replace function ita_private.can_manage_agency(target uuid) returns boolean
language sql stable
set search_path = ''
as $$
	-- coalesce: a NULL here must mean "no", never "unknown" (which `not` keeps unknown).
	select coalesce(ita_private.caller_is_central()
		or (target is not null and target = ita_private.caller_agency_id()), false)
$$;

/** Today in Thailand (UTC+7 all year): the day a response is collected on. */
create or replace function ita_private.today() returns date
language sql stable
set search_path = ''
as $$
	select (now() at time zone 'UTC' + interval '7 hours')::date
$$;

grant usage on schema ita_private to anon, authenticated, service_role;
grant execute on function ita_private.caller_role(), ita_private.caller_is_central(),
	ita_private.caller_agency_id(), ita_private.can_manage_agency(uuid), ita_private.today()
	to anon, authenticated, service_role;

create table public.agencies (
	agency_id uuid primary key default gen_random_uuid(),
	code text not null unique check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	name jsonb not null check (jsonb_typeof(name -> 'th') = 'string'),
	created_at timestamptz not null default now()
);
alter table public.agencies enable row level security;

create table public.sections (
	section_id uuid primary key default gen_random_uuid(),
	agency_id uuid not null references public.agencies on delete cascade,
	code text not null check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	name jsonb not null check (jsonb_typeof(name -> 'th') = 'string'),
	kind text not null default 'section' check (kind in ('section', 'school', 'other')),
	created_at timestamptz not null default now(),
	unique (agency_id, code)
);
alter table public.sections enable row level security;

create table public.service_points (
	service_point_id uuid primary key default gen_random_uuid(),
	agency_id uuid not null references public.agencies on delete cascade,
	section_id uuid references public.sections on delete set null,
	code text not null check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	name jsonb not null check (jsonb_typeof(name -> 'th') = 'string'),
	created_at timestamptz not null default now(),
	unique (agency_id, code)
);
alter table public.service_points enable row level security;

create table public.rounds (
	round_id uuid primary key default gen_random_uuid(),
	code text not null unique check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(code) <= 60),
	agency_id uuid not null references public.agencies on delete restrict,
	framework_id text not null references public.frameworks on delete restrict,
	fiscal_year integer not null check (fiscal_year between 2000 and 2100),
	opens_on date not null,
	closes_on date not null,
	status text not null default 'open' check (status in ('draft', 'open', 'closed')),
	-- Staff type it (or the internal link carries it) before answering the IIT.
	iit_access_code text check (length(iit_access_code) between 4 and 64),
	-- Staff with at least one year of service, and the minimum samples asked for.
	target_staff integer check (target_staff >= 0),
	min_iit integer check (min_iit >= 0),
	min_eit integer check (min_eit >= 0),
	-- Whether one phone may answer again, for another person.
	allow_repeat boolean not null default true,
	created_at timestamptz not null default now(),
	check (closes_on >= opens_on)
);
alter table public.rounds enable row level security;

create table public.oit_scores (
	round_id uuid not null references public.rounds on delete cascade,
	question_id text not null,
	score numeric(5, 2) not null check (score between 0 and 100),
	evidence_url text check (evidence_url ~ '^https?://'),
	updated_at timestamptz not null default now(),
	primary key (round_id, question_id)
);
alter table public.oit_scores enable row level security;

grant select on public.agencies, public.sections, public.service_points, public.rounds,
	public.oit_scores to authenticated;
grant all on public.agencies, public.sections, public.service_points, public.rounds,
	public.oit_scores to service_role;

create policy "Officers can read their own agency" on public.agencies
	for select to authenticated using (ita_private.can_manage_agency(agency_id));
create policy "Officers can read their agency's sections" on public.sections
	for select to authenticated using (ita_private.can_manage_agency(agency_id));
create policy "Officers can read their agency's service points" on public.service_points
	for select to authenticated using (ita_private.can_manage_agency(agency_id));
create policy "Officers can read their agency's rounds" on public.rounds
	for select to authenticated using (ita_private.can_manage_agency(agency_id));
create policy "Officers can read their agency's OIT scores" on public.oit_scores
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = oit_scores.round_id and ita_private.can_manage_agency(r.agency_id))
	);

/**
 * The assessor's OIT item scores {"O1": 100, "O2": null, …}: a number from 0 to 100 (two
 * decimals at most) sets the item's score, null removes it (the evidence address stays).
 * All or nothing; returns how many items it changed.
 */
create or replace function public.set_oit_scores(round_code text, scores jsonb)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds;
	bad text;
	n integer;
	removed integer;
begin
	-- Another agency's round and no round at all answer alike (PT404): a refusal must not
	-- tell an outsider which round codes exist.
	r := ita_private.managed_round(round_code);
	if scores is null or jsonb_typeof(scores) <> 'object' then
		raise exception using errcode = '22023', message = 'oit_scores_not_object',
			hint = 'OIT scores are a JSON object like {"O1": 100, "O2": 0}';
	end if;

	select s.key into bad from jsonb_each(scores) s
	where not exists (select from public.framework_questions q
		where q.framework_id = r.framework_id and q.kind = 'check' and q.question_id = s.key)
	limit 1;
	if bad is not null then
		raise exception using errcode = '22023', message = 'oit_item_unknown',
			detail = jsonb_build_object('item', bad, 'framework', r.framework_id)::text,
			hint = format('%s is not an OIT item of framework %s', bad, r.framework_id);
	end if;

	select s.key into bad from jsonb_each(scores) s
	where ita_private.bad_oit_score(s.value)
	limit 1;
	if bad is not null then
		raise exception using errcode = '22023', message = 'oit_score_invalid',
			detail = jsonb_build_object('item', bad)::text,
			hint = format('the score of %s must be a number from 0 to 100 with two decimals at most, or null to remove it', bad);
	end if;

	insert into public.oit_scores (round_id, question_id, score)
	select r.round_id, s.key, (s.value::text)::numeric from jsonb_each(scores) s
	where jsonb_typeof(s.value) = 'number'
	on conflict (round_id, question_id) do update set score = excluded.score, updated_at = now();
	get diagnostics n = row_count;

	-- A removed score: the row stays while it has an evidence address.
	update public.oit_scores o set score = null, updated_at = now()
	where o.round_id = r.round_id and o.score is not null
		and o.question_id in (select s.key from jsonb_each(scores) s where jsonb_typeof(s.value) = 'null');
	get diagnostics removed = row_count;
	delete from public.oit_scores o
	where o.round_id = r.round_id and o.score is null and o.evidence_url is null;
	return n + removed;
end;
$$;

revoke all on function public.set_oit_scores(text, jsonb) from public, anon;
grant execute on function public.set_oit_scores(text, jsonb) to authenticated, service_role;

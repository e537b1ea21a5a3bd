-- Issue 15: a round's form shows every problem at once, next to its field.
--
-- A round's settings are checked here, all of them, and the problems come back as a list
-- of {"field": <argument name>, "code": <catalogue code>, …parameters}. create_round and
-- update_round (20261122000600_admin.sql) raise the list once, as
-- `message = 'round_invalid'`, `detail = {"problems": [...]}`; the officers' screens also
-- ask round_settings_problems() for the list when their own checks of the form (a
-- Buddhist-era year, a whole number) already found something, so that one submit names
-- every problem. The texts are in src/lib/i18n/errors.ts.

/** Every problem of a round's settings (an empty list when there is none). */
create or replace function ita_private.round_problems(
	framework text,
	fiscal_year integer,
	opens_on date,
	closes_on date,
	iit_access_code text,
	target_staff integer,
	min_iit integer,
	min_eit integer,
	allow_repeat boolean
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
	problems jsonb := '[]';
	access text := nullif(btrim(iit_access_code, E' \t\r\n'), '');
begin
	if not exists (select from public.frameworks f where f.framework_id = round_problems.framework) then
		problems := problems || jsonb_build_object('field', 'framework', 'code', 'framework_unknown',
			'framework', coalesce(framework, ''));
	end if;
	if fiscal_year is null then
		problems := problems || jsonb_build_object('field', 'fiscal_year', 'code', 'fiscal_year_missing');
	elsif fiscal_year between 2400 and 2800 then
		problems := problems || jsonb_build_object('field', 'fiscal_year', 'code', 'fiscal_year_buddhist',
			'year', fiscal_year, 'gregorian', fiscal_year - 543);
	elsif fiscal_year not between 2000 and 2100 then
		problems := problems || jsonb_build_object('field', 'fiscal_year', 'code', 'fiscal_year_out_of_range',
			'year', fiscal_year);
	end if;
	if opens_on is null then
		problems := problems || jsonb_build_object('field', 'opens_on', 'code', 'opens_on_missing');
	end if;
	if closes_on is null then
		problems := problems || jsonb_build_object('field', 'closes_on', 'code', 'closes_on_missing');
	elsif closes_on < opens_on then
		problems := problems || jsonb_build_object('field', 'closes_on', 'code', 'round_closes_before_opens',
			'opensOn', opens_on, 'closesOn', closes_on);
	end if;
	if length(access) not between 4 and 64 then
		problems := problems || jsonb_build_object('field', 'iit_access_code', 'code', 'iit_access_code_length');
	end if;
	if target_staff not between 0 and 1000000 then
		problems := problems || jsonb_build_object('field', 'target_staff', 'code', 'count_invalid');
	end if;
	if min_iit not between 0 and 1000000 then
		problems := problems || jsonb_build_object('field', 'min_iit', 'code', 'count_invalid');
	end if;
	if min_eit not between 0 and 1000000 then
		problems := problems || jsonb_build_object('field', 'min_eit', 'code', 'count_invalid');
	end if;
	if allow_repeat is null then
		problems := problems || jsonb_build_object('field', 'allow_repeat', 'code', 'allow_repeat_missing');
	end if;
	return problems;
end;
$$;

/** The problems of a new round's code (and first status) on top of its settings'. */
create or replace function ita_private.new_round_problems(
	agency_code text,
	code text,
	framework text,
	fiscal_year integer,
	opens_on date,
	closes_on date,
	iit_access_code text,
	target_staff integer,
	min_iit integer,
	min_eit integer,
	allow_repeat boolean,
	status text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
	problems jsonb := '[]';
begin
	if code is null or code !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or length(code) > 60 then
		problems := problems || jsonb_build_object('field', 'code', 'code', 'code_invalid',
			'value', coalesce(code, ''));
	elsif exists (select from public.rounds x where x.code = new_round_problems.code) then
		problems := problems || jsonb_build_object('field', 'code', 'code', 'round_code_taken',
			'value', code, 'suggestion', format('%s-%s', agency_code,
				coalesce(fiscal_year, extract(year from now())::integer) + 543));
	end if;
	problems := problems || ita_private.round_problems(framework, fiscal_year, opens_on, closes_on,
		iit_access_code, target_staff, min_iit, min_eit, allow_repeat);
	if status is null or status not in ('draft', 'open', 'closed') then
		problems := problems || jsonb_build_object('field', 'status', 'code', 'round_status_invalid');
	end if;
	return problems;
end;
$$;

revoke all on function
	ita_private.round_problems(text, integer, date, date, text, integer, integer, integer, boolean),
	ita_private.new_round_problems(text, text, text, integer, date, date, text, integer, integer,
		integer, boolean, text)
	from public, anon, authenticated, service_role;

/**
 * What create_round (round_code null) or update_round (round_code given) would refuse in
 * these settings, as a list of {field, code, …} — without changing anything. For forms
 * that check some fields themselves and want the rest in the same answer. PT404 when the
 * caller may not manage the agency or the round.
 */
create or replace function public.round_settings_problems(
	agency_code text,
	round_code text,
	code text,
	framework text,
	fiscal_year integer,
	opens_on date,
	closes_on date,
	iit_access_code text default null,
	target_staff integer default null,
	min_iit integer default 400,
	min_eit integer default 400,
	allow_repeat boolean default true,
	status text default 'open'
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	a public.agencies;
begin
	if round_code is not null then
		perform ita_private.managed_round(round_code);
		return ita_private.round_problems(framework, fiscal_year, opens_on, closes_on,
			iit_access_code, target_staff, min_iit, min_eit, allow_repeat);
	end if;
	a := ita_private.managed_agency(agency_code);
	return ita_private.new_round_problems(a.code, code, framework, fiscal_year, opens_on, closes_on,
		iit_access_code, target_staff, min_iit, min_eit, allow_repeat, status);
end;
$$;

revoke all on function public.round_settings_problems(text, text, text, text, integer, date, date,
	text, integer, integer, integer, boolean, text) from public, anon;
grant execute on function public.round_settings_problems(text, text, text, text, integer, date, date,
	text, integer, integer, integer, boolean, text) to authenticated, service_role;

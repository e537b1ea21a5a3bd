-- Setting up an office: the 50 Bangkok district offices with their standard sections,
-- the RPCs with which officers (their own agency) and central administrators (every
-- agency) keep sections, service points, rounds and OIT evidence, and the local
-- accounts of the embedded deployment (on Supabase, Supabase Auth signs people in
-- instead; the database sees the same JWT claims either way).
--
-- Every RPC checks ita_private.can_manage_agency(). An agency or round the caller may
-- not manage is answered exactly like one that does not exist (PT404), so that codes
-- cannot be probed. Bad input is 22023 with a message a person can act on and a Thai
-- hint; a code already taken is 23505; a change that would lose data is refused with
-- 23503 or 55000. Each call is one transaction: it changes everything or nothing.

-- The FY2566 BMA documents ask for at least 400 IIT and 400 EIT answers.

-- Function bodies here refer to objects made in later files (the baseline keeps each
-- function where it was first defined): checked when they run, as pg_dump does.
set local check_function_bodies = off;
alter table public.rounds
	alter column min_iit set default 400,
	alter column min_eit set default 400;

-- Agencies publish the evidence of an OIT item before the assessor scores it, so an
-- item may have its URL and no score yet. round_results() reads a missing score and a
-- NULL one alike (the item, and what it adds up to, has no score yet).
alter table public.oit_scores alter column score drop not null;

-- ---------------------------------------------------------------------------------
-- The 50 district offices
-- ---------------------------------------------------------------------------------

/**
 * Adds the 50 Bangkok district offices (สำนักงานเขต, in the order of their geocodes
 * 1001–1050) that are missing, each with the ten standard sections of a district
 * office. An office already there is left alone, sections included: officers may have
 * renamed or removed some. Schools differ per district and are added by its officers.
 * Returns how many offices were added.
 */
create or replace function ita_private.add_bangkok_districts()
returns integer
language plpgsql
set search_path = ''
as $$
declare
	added integer;
begin
	with district (code, th, en) as (values
		('phra-nakhon', 'พระนคร', 'Phra Nakhon'),
		('dusit', 'ดุสิต', 'Dusit'),
		('nong-chok', 'หนองจอก', 'Nong Chok'),
		('bang-rak', 'บางรัก', 'Bang Rak'),
		('bang-khen', 'บางเขน', 'Bang Khen'),
		('bang-kapi', 'บางกะปิ', 'Bang Kapi'),
		('pathum-wan', 'ปทุมวัน', 'Pathum Wan'),
		('pom-prap-sattru-phai', 'ป้อมปราบศัตรูพ่าย', 'Pom Prap Sattru Phai'),
		('phra-khanong', 'พระโขนง', 'Phra Khanong'),
		('min-buri', 'มีนบุรี', 'Min Buri'),
		('lat-krabang', 'ลาดกระบัง', 'Lat Krabang'),
		('yan-nawa', 'ยานนาวา', 'Yan Nawa'),
		('samphanthawong', 'สัมพันธวงศ์', 'Samphanthawong'),
		('phaya-thai', 'พญาไท', 'Phaya Thai'),
		('thon-buri', 'ธนบุรี', 'Thon Buri'),
		('bangkok-yai', 'บางกอกใหญ่', 'Bangkok Yai'),
		('huai-khwang', 'ห้วยขวาง', 'Huai Khwang'),
		('khlong-san', 'คลองสาน', 'Khlong San'),
		('taling-chan', 'ตลิ่งชัน', 'Taling Chan'),
		('bangkok-noi', 'บางกอกน้อย', 'Bangkok Noi'),
		('bang-khun-thian', 'บางขุนเทียน', 'Bang Khun Thian'),
		('phasi-charoen', 'ภาษีเจริญ', 'Phasi Charoen'),
		('nong-khaem', 'หนองแขม', 'Nong Khaem'),
		('rat-burana', 'ราษฎร์บูรณะ', 'Rat Burana'),
		('bang-phlat', 'บางพลัด', 'Bang Phlat'),
		('din-daeng', 'ดินแดง', 'Din Daeng'),
		('bueng-kum', 'บึงกุ่ม', 'Bueng Kum'),
		('sathon', 'สาทร', 'Sathon'),
		('bang-sue', 'บางซื่อ', 'Bang Sue'),
		('chatuchak', 'จตุจักร', 'Chatuchak'),
		('bang-kho-laem', 'บางคอแหลม', 'Bang Kho Laem'),
		('prawet', 'ประเวศ', 'Prawet'),
		('khlong-toei', 'คลองเตย', 'Khlong Toei'),
		('suan-luang', 'สวนหลวง', 'Suan Luang'),
		('chom-thong', 'จอมทอง', 'Chom Thong'),
		('don-mueang', 'ดอนเมือง', 'Don Mueang'),
		('ratchathewi', 'ราชเทวี', 'Ratchathewi'),
		('lat-phrao', 'ลาดพร้าว', 'Lat Phrao'),
		('watthana', 'วัฒนา', 'Watthana'),
		('bang-khae', 'บางแค', 'Bang Khae'),
		('lak-si', 'หลักสี่', 'Lak Si'),
		('sai-mai', 'สายไหม', 'Sai Mai'),
		('khan-na-yao', 'คันนายาว', 'Khan Na Yao'),
		('saphan-sung', 'สะพานสูง', 'Saphan Sung'),
		('wang-thonglang', 'วังทองหลาง', 'Wang Thonglang'),
		('khlong-sam-wa', 'คลองสามวา', 'Khlong Sam Wa'),
		('bang-na', 'บางนา', 'Bang Na'),
		('thawi-watthana', 'ทวีวัฒนา', 'Thawi Watthana'),
		('thung-khru', 'ทุ่งครุ', 'Thung Khru'),
		('bang-bon', 'บางบอน', 'Bang Bon')
	),
	-- The same codes and names as the framework's "section contacted" options and the
	-- demo office (src/lib/server/embedded/demo.ts).
	section (code, th, en) as (values
		('administration', 'ฝ่ายปกครอง', 'Administration'),
		('registration', 'ฝ่ายทะเบียน', 'Civil registration'),
		('public-works', 'ฝ่ายโยธา', 'Public works'),
		('environment', 'ฝ่ายสิ่งแวดล้อมและสุขาภิบาล', 'Environment and sanitation'),
		('revenue', 'ฝ่ายรายได้', 'Revenue'),
		('cleansing', 'ฝ่ายรักษาความสะอาดและสวนสาธารณะ', 'Cleansing and public parks'),
		('education', 'ฝ่ายการศึกษา', 'Education'),
		('finance', 'ฝ่ายการคลัง', 'Finance'),
		('city-law', 'ฝ่ายเทศกิจ', 'City law enforcement'),
		('community', 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม', 'Community development and social welfare')
	),
	inserted as (
		insert into public.agencies (code, name)
		select d.code, jsonb_build_object('th', 'สำนักงานเขต' || d.th, 'en', d.en || ' District Office')
		from district d
		on conflict (code) do nothing
		returning agency_id
	),
	sections_added as (
		insert into public.sections (agency_id, code, name, kind)
		select i.agency_id, s.code, jsonb_build_object('th', s.th, 'en', s.en), 'section'
		from inserted i cross join section s
		returning 1
	)
	select count(*) into added from inserted;
	return added;
end;
$$;

revoke all on function ita_private.add_bangkok_districts() from public, anon, authenticated, service_role;

select ita_private.add_bangkok_districts();

-- ---------------------------------------------------------------------------------
-- Helpers: validation and "the agency (round) this caller manages"
-- ---------------------------------------------------------------------------------

/**
 * The code, when it is 1–60 lower-case letters, digits and single dashes; else 22023
 * `code_invalid` (detail: field, value). Errors raise a code of the catalogue
 * (src/lib/i18n/errors.ts) as their message, parameters as JSON in detail, and an
 * English sentence for API users as hint.
 */
create or replace function ita_private.require_code(value text, what text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
	if value is null or value !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or length(value) > 60 then
		raise exception using errcode = '22023', message = 'code_invalid',
			detail = jsonb_build_object('field', 'code', 'value', coalesce(value, ''))::text,
			hint = format('%s is 1 to 60 lower-case letters (a–z), digits and single dashes, like registration-1; %s is not',
				what, coalesce(quote_literal(value), 'an empty one'));
	end if;
	return value;
end;
$$;

/**
 * A name as stored: {"th": "…", "en": "…"} with the Thai name required, the English one
 * optional, both trimmed and at most 200 characters. Anything else is 22023.
 */
create or replace function ita_private.require_name(name jsonb, what text)
returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
	th text;
	en text;
	extra text;
begin
	if name is null or jsonb_typeof(name) <> 'object' then
		raise exception using errcode = '22023', message = 'name_invalid',
			detail = '{"field": "nameTh"}',
			hint = format('%s is a JSON object like {"th": "ฝ่ายทะเบียน", "en": "Civil registration"}', what);
	end if;
	select string_agg(k, ', ' order by k) into extra from jsonb_object_keys(name) k where k not in ('th', 'en');
	if extra is not null then
		raise exception using errcode = '22023', message = 'name_invalid',
			detail = jsonb_build_object('field', 'nameTh', 'keys', extra)::text,
			hint = format('%s has only "th" and "en", not %s', what, extra);
	end if;
	if jsonb_typeof(name -> 'th') is distinct from 'string'
		or btrim(name ->> 'th', E' \t\r\n') = '' then
		raise exception using errcode = '22023', message = 'name_th_missing',
			detail = '{"field": "nameTh"}',
			hint = format('%s needs its Thai name ("th")', what);
	end if;
	if name ? 'en' and jsonb_typeof(name -> 'en') not in ('string', 'null') then
		raise exception using errcode = '22023', message = 'name_invalid',
			detail = '{"field": "nameEn"}',
			hint = format('the English name ("en") of %s is text', what);
	end if;
	th := btrim(name ->> 'th', E' \t\r\n');
	en := nullif(btrim(name ->> 'en', E' \t\r\n'), '');
	if length(th) > 200 or length(en) > 200 then
		raise exception using errcode = '22023', message = 'name_too_long',
			detail = jsonb_build_object('field', case when length(th) > 200 then 'nameTh' else 'nameEn' end)::text,
			hint = format('%s is at most 200 characters in each language', what);
	end if;
	return jsonb_strip_nulls(jsonb_build_object('th', th, 'en', en));
end;
$$;

/** The agency with this code when the caller may manage it; else PT404, as if there were none. */
create or replace function ita_private.managed_agency(agency_code text)
returns public.agencies
language plpgsql stable
set search_path = ''
as $$
declare
	a public.agencies;
begin
	select * into a from public.agencies g where g.code = agency_code;
	if a.agency_id is null or not ita_private.can_manage_agency(a.agency_id) then
		raise exception using errcode = 'PT404', message = 'agency_not_managed',
			detail = jsonb_build_object('agency', coalesce(agency_code, ''))::text,
			hint = format('no agency %s that you may manage', coalesce(agency_code, '(no code given)'));
	end if;
	return a;
end;
$$;

/** The round with this code when the caller may manage its agency; else PT404. */
create or replace function ita_private.managed_round(round_code text)
returns public.rounds
language plpgsql stable
set search_path = ''
as $$
declare
	r public.rounds;
begin
	select * into r from public.rounds x where x.code = round_code;
	if r.round_id is null or not ita_private.can_manage_agency(r.agency_id) then
		raise exception using errcode = 'PT404', message = 'round_not_managed',
			detail = jsonb_build_object('round', coalesce(round_code, ''))::text,
			hint = format('no round %s that you may manage', coalesce(round_code, '(no code given)'));
	end if;
	return r;
end;
$$;

/** A Gregorian fiscal year 2000–2100; a Buddhist-era one is refused with the conversion (22023). */
create or replace function ita_private.require_fiscal_year(fiscal_year integer)
returns integer
language plpgsql immutable
set search_path = ''
as $$
begin
	if fiscal_year is null then
		raise exception using errcode = '22023', message = 'fiscal_year_missing',
			detail = '{"field": "fiscal_year"}', hint = 'give the fiscal year, like 2024';
	end if;
	if fiscal_year between 2400 and 2800 then
		raise exception using errcode = '22023', message = 'fiscal_year_buddhist',
			detail = jsonb_build_object('field', 'fiscal_year', 'year', fiscal_year,
				'gregorian', fiscal_year - 543)::text,
			hint = format('fiscal year %s is a Buddhist-era year; rounds store the Gregorian year, %s',
				fiscal_year, fiscal_year - 543);
	end if;
	if fiscal_year not between 2000 and 2100 then
		raise exception using errcode = '22023', message = 'fiscal_year_out_of_range',
			detail = jsonb_build_object('field', 'fiscal_year', 'year', fiscal_year)::text,
			hint = format('fiscal year %s is not a year this app can hold (2000–2100, Gregorian)', fiscal_year);
	end if;
	return fiscal_year;
end;
$$;

/**
 * Checks a round's settings and returns them as a rounds row (code, agency and status
 * left empty), with a blank IIT access code read as none. Every problem at once:
 * 22023 `round_invalid` with detail {"problems": [{"field", "code", …}]}
 * (ita_private.round_problems in 20261206004000_ux.sql lists them).
 */
create or replace function ita_private.valid_round(
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
returns public.rounds
language plpgsql stable
set search_path = ''
as $$
declare
	r public.rounds;
	problems jsonb := ita_private.round_problems(framework, fiscal_year, opens_on, closes_on,
		iit_access_code, target_staff, min_iit, min_eit, allow_repeat);
begin
	if jsonb_array_length(problems) > 0 then
		raise exception using errcode = '22023', message = 'round_invalid',
			detail = jsonb_build_object('problems', problems)::text,
			hint = 'Some settings of the round are invalid; detail.problems lists each field and what is wrong.';
	end if;
	r.iit_access_code := nullif(btrim(iit_access_code, E' \t\r\n'), '');
	r.framework_id := framework;
	r.fiscal_year := fiscal_year;
	r.opens_on := opens_on;
	r.closes_on := closes_on;
	r.target_staff := target_staff;
	r.min_iit := min_iit;
	r.min_eit := min_eit;
	r.allow_repeat := allow_repeat;
	return r;
end;
$$;

/** 22023 unless the status is one a round can have. */
create or replace function ita_private.require_round_status(status text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
	if status is null or status not in ('draft', 'open', 'closed') then
		raise exception using errcode = '22023', message = 'round_status_invalid',
			detail = jsonb_build_object('field', 'status', 'value', coalesce(status, ''))::text,
			hint = format('a round''s status is draft, open or closed, not %s', coalesce(status, 'empty'));
	end if;
	return status;
end;
$$;

/** A round as the admin screens read it, with its respondent counts. */
create or replace function ita_private.round_json(r public.rounds)
returns jsonb
language sql stable
set search_path = ''
as $$
	select jsonb_build_object(
		'code', r.code,
		'agency', (select a.code from public.agencies a where a.agency_id = r.agency_id),
		'framework', r.framework_id,
		'fiscalYear', r.fiscal_year,
		'opensOn', r.opens_on,
		'closesOn', r.closes_on,
		'status', r.status,
		'iitAccessCode', r.iit_access_code,
		'targetStaff', r.target_staff,
		'minIit', r.min_iit,
		'minEit', r.min_eit,
		'allowRepeat', r.allow_repeat,
		'respondents', jsonb_build_object(
			'iit', coalesce((select c.n from public.respondent_counts c
				where c.round_id = r.round_id and c.instrument = 'iit'), 0),
			'eit', coalesce((select c.n from public.respondent_counts c
				where c.round_id = r.round_id and c.instrument = 'eit'), 0)
		)
	)
$$;

/** How many responses a round holds (from the counters, not by counting responses). */
create or replace function ita_private.round_respondents(round_id uuid)
returns integer
language sql stable
set search_path = ''
as $$
	select coalesce(sum(c.n), 0)::integer from public.respondent_counts c where c.round_id = round_respondents.round_id
$$;

revoke all on function ita_private.require_code(text, text), ita_private.require_name(jsonb, text),
	ita_private.require_fiscal_year(integer),
	ita_private.managed_agency(text), ita_private.managed_round(text),
	ita_private.valid_round(text, integer, date, date, text, integer, integer, integer, boolean),
	ita_private.require_round_status(text), ita_private.round_json(public.rounds),
	ita_private.round_respondents(uuid)
	from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Agencies
-- ---------------------------------------------------------------------------------

/**
 * The agencies the caller manages (a central administrator: all; an officer: their
 * own), each with its id — the value of an officer's `app_metadata.agency_id` on
 * Supabase Auth — and how many sections, service points and rounds it has, by code.
 */
create or replace function public.list_agencies()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object(
		'code', a.code,
		'id', a.agency_id,
		'name', a.name,
		'sections', (select count(*) from public.sections s where s.agency_id = a.agency_id),
		'servicePoints', (select count(*) from public.service_points p where p.agency_id = a.agency_id),
		'rounds', (select count(*) from public.rounds r where r.agency_id = a.agency_id)
	) order by a.code), '[]')
	from public.agencies a
	where ita_private.can_manage_agency(a.agency_id)
$$;

/**
 * One agency for the admin screens: its name, sections (with how many service points
 * each has), service points (with their section's code) and rounds (settings, IIT
 * access code, respondent counts).
 */
create or replace function public.list_agency(agency_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	a public.agencies := ita_private.managed_agency(agency_code);
begin
	return jsonb_build_object(
		'code', a.code,
		'name', a.name,
		'sections', coalesce((
			select jsonb_agg(jsonb_build_object(
				'code', s.code, 'name', s.name, 'kind', s.kind,
				'servicePoints', (select count(*) from public.service_points p where p.section_id = s.section_id)
			) order by case s.kind when 'section' then 0 when 'school' then 1 else 2 end, s.code)
			from public.sections s where s.agency_id = a.agency_id), '[]'),
		'servicePoints', coalesce((
			select jsonb_agg(jsonb_build_object('code', p.code, 'name', p.name, 'section', s.code) order by p.code)
			from public.service_points p left join public.sections s on s.section_id = p.section_id
			where p.agency_id = a.agency_id), '[]'),
		'rounds', coalesce((
			select jsonb_agg(ita_private.round_json(r) order by r.fiscal_year desc, r.code)
			from public.rounds r where r.agency_id = a.agency_id), '[]')
	);
end;
$$;

/**
 * Adds an agency (central administrators only) or, with update_existing, renames one
 * the caller manages. Without update_existing a code already taken is refused (23505),
 * so that a typo never renames another agency; so is a code the screens' addresses use
 * (central, login, logout, setup: 22023).
 */
create or replace function public.save_agency(code text, name jsonb, update_existing boolean default false)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_code text := code;
	v_name jsonb;
	a public.agencies;
begin
	if coalesce(update_existing, false) then
		a := ita_private.managed_agency(v_code);
		v_name := ita_private.require_name(name, 'an agency''s name');
		update public.agencies g set name = v_name where g.agency_id = a.agency_id returning * into a;
	else
		if not ita_private.caller_is_central() then
			raise exception using errcode = '42501', message = 'agency_add_forbidden',
				hint = 'only a central administrator may add an agency';
		end if;
		v_code := ita_private.require_code(v_code, 'an agency code');
		if v_code = any (ita_private.reserved_agency_codes()) then
			raise exception using errcode = '22023', message = 'agency_code_reserved',
				detail = jsonb_build_object('field', 'code', 'code', v_code)::text,
				hint = format('the agency code %s is taken by a page of the officers'' screens (/admin/%s); choose another, like %s-office',
					v_code, v_code, v_code);
		end if;
		v_name := ita_private.require_name(name, 'an agency''s name');
		insert into public.agencies (code, name) values (v_code, v_name)
		on conflict do nothing returning * into a;
		if a.agency_id is null then
			raise exception using errcode = '23505', message = 'agency_code_taken',
				detail = jsonb_build_object('field', 'code', 'code', v_code)::text,
				hint = format('there already is an agency with the code %s; choose another code, or edit that agency', v_code);
		end if;
	end if;
	return jsonb_build_object('code', a.code, 'name', a.name);
end;
$$;

-- ---------------------------------------------------------------------------------
-- Sections (ฝ่าย, โรงเรียน)
-- ---------------------------------------------------------------------------------

/**
 * Adds a section (kind section, school or other) to an agency or, with update_existing,
 * renames one or changes its kind. Without update_existing a code the agency already
 * uses is refused (23505) and nothing changes.
 */
create or replace function public.save_section(
	agency_code text,
	code text,
	name jsonb,
	kind text default 'section',
	update_existing boolean default false
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	a public.agencies := ita_private.managed_agency(agency_code);
	v_code text := ita_private.require_code(code, 'a section code');
	v_name jsonb := ita_private.require_name(name, 'a section''s name');
	v_kind text := coalesce(kind, 'section');
	s public.sections;
begin
	if v_kind not in ('section', 'school', 'other') then
		raise exception using errcode = '22023', message = 'section_kind_invalid',
			detail = jsonb_build_object('field', 'kind', 'value', v_kind)::text,
			hint = format('a section''s kind is section, school or other, not %s', v_kind);
	end if;
	if coalesce(update_existing, false) then
		update public.sections x set name = v_name, kind = v_kind
		where x.agency_id = a.agency_id and x.code = v_code
		returning * into s;
		if s.section_id is null then
			raise exception using errcode = 'PT404', message = 'section_unknown',
				detail = jsonb_build_object('section', v_code)::text,
				hint = format('agency %s has no section %s to edit', a.code, v_code);
		end if;
	else
		insert into public.sections (agency_id, code, name, kind) values (a.agency_id, v_code, v_name, v_kind)
		on conflict do nothing returning * into s;
		if s.section_id is null then
			select * into s from public.sections x where x.agency_id = a.agency_id and x.code = v_code;
			raise exception using errcode = '23505', message = 'section_code_taken',
				detail = jsonb_build_object('field', 'code', 'section', v_code, 'name', s.name ->> 'th')::text,
				hint = format('agency %s already has a section with the code %s ("%s"); choose another code, or edit that section',
					a.code, v_code, s.name ->> 'th');
		end if;
	end if;
	return jsonb_build_object('code', s.code, 'name', s.name, 'kind', s.kind);
end;
$$;

/** Removes a section no service point belongs to; one in use is refused (23503). */
create or replace function public.delete_section(agency_code text, code text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	a public.agencies := ita_private.managed_agency(agency_code);
	v_code text := code;
	s public.sections;
	users text;
begin
	select * into s from public.sections x where x.agency_id = a.agency_id and x.code = v_code;
	if s.section_id is null then
		raise exception using errcode = 'PT404', message = 'section_unknown',
			detail = jsonb_build_object('section', coalesce(v_code, ''))::text,
			hint = format('agency %s has no section %s', a.code, coalesce(v_code, '(no code given)'));
	end if;
	select string_agg(p.code, ', ' order by p.code) into users
	from public.service_points p where p.section_id = s.section_id;
	if users is not null then
		raise exception using errcode = '23503', message = 'section_has_service_points',
			detail = jsonb_build_object('section', v_code, 'servicePoints', users)::text,
			hint = format('section %s still has service points (%s); move them to another section or delete them first',
				v_code, users);
	end if;
	delete from public.sections x where x.section_id = s.section_id;
end;
$$;

-- ---------------------------------------------------------------------------------
-- Service points (จุดบริการ / เคาน์เตอร์)
-- ---------------------------------------------------------------------------------

/**
 * Adds a service point (a counter or desk, optionally in a section) or, with
 * update_existing, renames one or moves it to another section. The code is what its
 * QR poster carries. Without update_existing a code the agency already uses is refused
 * (23505) and nothing changes, so a typo never overwrites another counter.
 */
create or replace function public.save_service_point(
	agency_code text,
	code text,
	name jsonb,
	section_code text default null,
	update_existing boolean default false
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	a public.agencies := ita_private.managed_agency(agency_code);
	v_code text := ita_private.require_code(code, 'a service point code');
	v_name jsonb := ita_private.require_name(name, 'a service point''s name');
	v_section public.sections;
	p public.service_points;
begin
	if section_code is not null then
		select * into v_section from public.sections s
		where s.agency_id = a.agency_id and s.code = section_code;
		if v_section.section_id is null then
			raise exception using errcode = '22023', message = 'section_unknown',
				detail = jsonb_build_object('field', 'section', 'section', section_code)::text,
				hint = format('agency %s has no section %s; add the section first or choose one of its sections',
					a.code, section_code);
		end if;
	end if;
	if coalesce(update_existing, false) then
		update public.service_points x set name = v_name, section_id = v_section.section_id
		where x.agency_id = a.agency_id and x.code = v_code
		returning * into p;
		if p.service_point_id is null then
			raise exception using errcode = 'PT404', message = 'service_point_unknown',
				detail = jsonb_build_object('servicePoint', v_code)::text,
				hint = format('agency %s has no service point %s to edit', a.code, v_code);
		end if;
	else
		insert into public.service_points (agency_id, section_id, code, name)
		values (a.agency_id, v_section.section_id, v_code, v_name)
		on conflict do nothing returning * into p;
		if p.service_point_id is null then
			select * into p from public.service_points x where x.agency_id = a.agency_id and x.code = v_code;
			raise exception using errcode = '23505', message = 'service_point_code_taken',
				detail = jsonb_build_object('field', 'code', 'servicePoint', v_code, 'name', p.name ->> 'th')::text,
				hint = format('agency %s already has a service point with the code %s ("%s"); choose another code, or edit that service point',
					a.code, v_code, p.name ->> 'th');
		end if;
	end if;
	return jsonb_build_object('code', p.code, 'name', p.name, 'section', v_section.code);
end;
$$;

/**
 * Removes a service point that no response names. One with responses is refused
 * (23503): deleting it would lose at which counter they were given.
 */
create or replace function public.delete_service_point(agency_code text, code text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	a public.agencies := ita_private.managed_agency(agency_code);
	v_code text := code;
	p public.service_points;
	n integer;
begin
	select * into p from public.service_points x where x.agency_id = a.agency_id and x.code = v_code;
	if p.service_point_id is null then
		raise exception using errcode = 'PT404', message = 'service_point_unknown',
			detail = jsonb_build_object('servicePoint', coalesce(v_code, ''))::text,
			hint = format('agency %s has no service point %s', a.code, coalesce(v_code, '(no code given)'));
	end if;
	select count(*) into n from public.responses r where r.service_point_id = p.service_point_id;
	if n > 0 then
		raise exception using errcode = '23503', message = 'service_point_has_responses',
			detail = jsonb_build_object('servicePoint', v_code, 'count', n)::text,
			hint = format('service point %s already has responses (%s); deleting it would lose where they were given. Rename it instead',
				v_code, n);
	end if;
	delete from public.service_points x where x.service_point_id = p.service_point_id;
end;
$$;

-- ---------------------------------------------------------------------------------
-- Rounds (รอบการประเมิน)
-- ---------------------------------------------------------------------------------

/**
 * Opens a round for an agency: the framework, the fiscal year (Gregorian: FY2568 is
 * 2025), the days it opens and closes, the IIT access code staff type (none: null),
 * the number of staff with at least a year of service, the minimum IIT and EIT samples
 * (400 each unless told) and whether one phone may answer more than once. Round codes
 * are unique across all agencies: a code taken is refused (23505).
 */
create or replace function public.create_round(
	agency_code text,
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
security definer
set search_path = ''
as $$
declare
	a public.agencies := ita_private.managed_agency(agency_code);
	v_code text := code;
	v public.rounds;
	v_status text := status;
	r public.rounds;
	problems jsonb := ita_private.new_round_problems(a.code, code, framework, fiscal_year, opens_on,
		closes_on, iit_access_code, target_staff, min_iit, min_eit, allow_repeat, status);
begin
	-- Every problem at once (the code, the settings, the status), so a form shows them all.
	if jsonb_array_length(problems) > 0 then
		raise exception using errcode = case when problems @> '[{"code": "round_code_taken"}]'
				and jsonb_array_length(problems) = 1 then '23505' else '22023' end,
			message = 'round_invalid',
			detail = jsonb_build_object('problems', problems)::text,
			hint = 'Some settings of the round are invalid; detail.problems lists each field and what is wrong.';
	end if;
	v := ita_private.valid_round(framework, fiscal_year, opens_on, closes_on,
		iit_access_code, target_staff, min_iit, min_eit, allow_repeat);
	-- IIT by one-time slips (issue_iit_codes) unless a shared code is given (issue 13).
	insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on, status,
		iit_access_code, target_staff, min_iit, min_eit, allow_repeat, iit_codes)
	values (v_code, a.agency_id, v.framework_id, v.fiscal_year, v.opens_on, v.closes_on, v_status,
		v.iit_access_code, v.target_staff, v.min_iit, v.min_eit, v.allow_repeat,
		case when v.iit_access_code is null then 'single' else 'shared' end)
	on conflict do nothing
	returning * into r;
	if r.round_id is null then
		-- Taken between the check above and the insert.
		raise exception using errcode = '23505', message = 'round_invalid',
			detail = jsonb_build_object('problems', jsonb_build_array(jsonb_build_object(
				'field', 'code', 'code', 'round_code_taken', 'value', v_code,
				'suggestion', format('%s-%s', a.code, v.fiscal_year + 543))))::text,
			hint = 'Round codes are unique across all agencies: add the agency and the year.';
	end if;
	return ita_private.round_json(r);
end;
$$;

/**
 * Replaces a round's settings (every one: a value left out is not "unchanged"). The
 * framework of a round that already has responses cannot change (55000): they answered
 * its questions.
 */
create or replace function public.update_round(
	round_code text,
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
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	v public.rounds := ita_private.valid_round(framework, fiscal_year, opens_on, closes_on,
		iit_access_code, target_staff, min_iit, min_eit, allow_repeat);
	n integer := ita_private.round_respondents(r.round_id);
begin
	if v.framework_id <> r.framework_id and n > 0 then
		raise exception using errcode = '55000', message = 'round_framework_locked',
			detail = jsonb_build_object('field', 'framework', 'round', r.code, 'count', n)::text,
			hint = format('round %s already has responses (%s) to the questions of %s; its framework cannot change. Open a new round instead',
				r.code, n, r.framework_id);
	end if;
	update public.rounds x set
		framework_id = v.framework_id, fiscal_year = v.fiscal_year, opens_on = v.opens_on,
		closes_on = v.closes_on, iit_access_code = v.iit_access_code, target_staff = v.target_staff,
		min_iit = v.min_iit, min_eit = v.min_eit, allow_repeat = v.allow_repeat
	where x.round_id = r.round_id
	returning * into r;
	return ita_private.round_json(r);
end;
$$;

/**
 * Opens, closes or puts back to draft a round. A draft round is invisible to
 * respondents, so a round with responses cannot go back to draft (55000).
 */
create or replace function public.set_round_status(round_code text, status text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	v_status text := ita_private.require_round_status(status);
begin
	if v_status = 'draft' and ita_private.round_respondents(r.round_id) > 0 then
		raise exception using errcode = '55000', message = 'round_has_responses_no_draft',
			detail = jsonb_build_object('round', r.code)::text,
			hint = format('round %s already has responses and cannot go back to draft; close it instead', r.code);
	end if;
	update public.rounds x set status = v_status where x.round_id = r.round_id returning * into r;
	return ita_private.round_json(r);
end;
$$;

/** Removes a round that has no responses yet (a mistyped one); one with responses is refused (55000). */
create or replace function public.delete_round(round_code text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	n integer;
begin
	-- Held responses too (issue 13): they are answers people gave, waiting for review.
	select (select count(*) from public.responses p where p.round_id = r.round_id)
		+ (select count(*) from public.held_responses h where h.round_id = r.round_id) into n;
	if n > 0 then
		raise exception using errcode = '55000', message = 'round_has_responses_no_delete',
			detail = jsonb_build_object('round', r.code, 'count', n)::text,
			hint = format('round %s already has responses (%s) and cannot be deleted; close it instead', r.code, n);
	end if;
	delete from public.rounds x where x.round_id = r.round_id;
end;
$$;

-- ---------------------------------------------------------------------------------
-- OIT: evidence URLs and the item list
-- ---------------------------------------------------------------------------------

/**
 * Records (or, with url null or blank, clears) the web address an agency submitted as
 * the evidence of one OIT item. The item may be written in either case (o1, O1). The
 * score is entered with set_oit_scores(), before or after.
 */
create or replace function public.set_oit_evidence(round_code text, question_id text, url text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	item text;
	v_url text := nullif(btrim(url, E' \t\r\n'), '');
	s public.oit_scores;
begin
	select q.question_id into item from public.framework_questions q
	where q.framework_id = r.framework_id and q.kind = 'check'
		and lower(q.question_id) = lower(btrim(set_oit_evidence.question_id));
	if item is null then
		raise exception using errcode = '22023', message = 'oit_item_unknown',
			detail = jsonb_build_object('item', coalesce(question_id, ''))::text,
			hint = format('%s is not an OIT item of framework %s', coalesce(question_id, '(no item given)'), r.framework_id);
	end if;
	if v_url is not null and (v_url !~* '^https?://[^\s/?#]+[^\s]*$' or length(v_url) > 2000) then
		raise exception using errcode = '22023', message = 'oit_evidence_url_invalid',
			detail = jsonb_build_object('field', 'url-' || item, 'item', item)::text,
			hint = 'the evidence is one web address starting with https:// (or http://), without spaces, at most 2000 characters';
	end if;
	insert into public.oit_scores as o (round_id, question_id, score, evidence_url)
	values (r.round_id, item, null, v_url)
	on conflict on constraint oit_scores_pkey
	do update set evidence_url = excluded.evidence_url, updated_at = now()
	returning * into s;
	if s.score is null and s.evidence_url is null then
		delete from public.oit_scores o where o.round_id = s.round_id and o.question_id = s.question_id;
	end if;
	return jsonb_build_object('question', s.question_id, 'score', s.score, 'evidenceUrl', s.evidence_url);
end;
$$;

/** Every OIT item of a round's framework, in order, with its text, score and evidence URL. */
create or replace function public.list_oit_scores(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
begin
	return coalesce((
		select jsonb_agg(jsonb_build_object(
			'question', q.question_id, 'indicator', q.indicator_id, 'text', q.text,
			'score', o.score, 'evidenceUrl', o.evidence_url
		) order by q.ord)
		from public.framework_questions q
			left join public.oit_scores o on o.round_id = r.round_id and o.question_id = q.question_id
		where q.framework_id = r.framework_id and q.kind = 'check'), '[]');
end;
$$;

revoke all on function public.list_agencies(), public.list_agency(text),
	public.save_agency(text, jsonb, boolean),
	public.save_section(text, text, jsonb, text, boolean), public.delete_section(text, text),
	public.save_service_point(text, text, jsonb, text, boolean), public.delete_service_point(text, text),
	public.create_round(text, text, text, integer, date, date, text, integer, integer, integer, boolean, text),
	public.update_round(text, text, integer, date, date, text, integer, integer, integer, boolean),
	public.set_round_status(text, text), public.delete_round(text),
	public.set_oit_evidence(text, text, text), public.list_oit_scores(text)
	from public, anon, authenticated, service_role;
grant execute on function public.list_agencies(), public.list_agency(text),
	public.save_agency(text, jsonb, boolean),
	public.save_section(text, text, jsonb, text, boolean), public.delete_section(text, text),
	public.save_service_point(text, text, jsonb, text, boolean), public.delete_service_point(text, text),
	public.create_round(text, text, text, integer, date, date, text, integer, integer, integer, boolean, text),
	public.update_round(text, text, integer, date, date, text, integer, integer, integer, boolean),
	public.set_round_status(text, text), public.delete_round(text),
	public.set_oit_evidence(text, text, text), public.list_oit_scores(text)
	to authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Local accounts (the embedded deployment only)
-- ---------------------------------------------------------------------------------

/**
 * Who may sign in to the embedded server. The server reads and writes this table as
 * its owner (src/lib/server/auth/accounts.ts); no API role may touch it, so it lives
 * in the unexposed schema with nothing granted, and RLS on all the same. Passwords
 * are hashed by the server with scrypt: "scrypt$N$r$p$salt$hash" (base64url).
 */
create table ita_private.accounts (
	account_id uuid primary key default gen_random_uuid(),
	email text not null unique
		check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
	password_hash text not null
		check (password_hash ~ '^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$'),
	ita_role text not null check (ita_role in ('officer', 'central')),
	agency_id uuid references public.agencies on delete restrict,
	created_at timestamptz not null default now(),
	-- Failed sign-ins since first_failed_at; reaching the limit sets locked_until.
	failed_attempts integer not null default 0 check (failed_attempts >= 0),
	first_failed_at timestamptz,
	locked_until timestamptz,
	last_login_at timestamptz,
	-- Paused: cannot sign in, and its sessions stop working (ita_private.caller_account_ok).
	paused_at timestamptz,
	-- An officer belongs to one agency; a central administrator to none.
	check ((ita_role = 'officer') = (agency_id is not null))
);
alter table ita_private.accounts enable row level security;
revoke all on table ita_private.accounts from public, anon, authenticated, service_role;

comment on table ita_private.accounts is
	'Local accounts of the embedded server; on Supabase, Supabase Auth is used instead.';

/**
 * Creates an account; returns its id. The email is stored trimmed and lower-cased; an
 * officer needs an existing agency's code, a central administrator takes none. 23505
 * when the email is taken, PT404 when the agency does not exist.
 */
create or replace function ita_private.create_account(
	account_email text,
	account_password_hash text,
	account_role text,
	agency_code text
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
	v_email text := lower(btrim(account_email));
	v_agency uuid;
	id uuid;
begin
	if v_email is null or v_email !~ '^[^@\s]+@[^@\s]+$' or length(v_email) > 254 then
		raise exception using errcode = '22023',
			message = format('%s is not an email address', coalesce(quote_literal(account_email), 'an empty value'));
	end if;
	if account_password_hash is null or account_password_hash !~ '^scrypt\$' then
		raise exception using errcode = '22023',
			message = 'accounts store an scrypt hash of the password, never the password';
	end if;
	if account_role is null or account_role not in ('officer', 'central') then
		raise exception using errcode = '22023',
			message = format('the role is officer or central, not %s', coalesce(account_role, 'empty'));
	end if;
	if account_role = 'officer' then
		if agency_code is null then
			raise exception using errcode = '22023',
				message = 'an officer belongs to an agency: give its code, like bang-rak';
		end if;
		select g.agency_id into v_agency from public.agencies g where g.code = agency_code;
		if v_agency is null then
			raise exception using errcode = 'PT404',
				message = format('no agency has the code %s', agency_code),
				hint = 'The 50 district offices have codes like bang-rak, wang-thonglang or samphanthawong.';
		end if;
	elsif agency_code is not null then
		raise exception using errcode = '22023',
			message = 'a central administrator sees every agency and belongs to none: leave out the agency';
	end if;
	insert into ita_private.accounts (email, password_hash, ita_role, agency_id)
	values (v_email, account_password_hash, account_role, v_agency)
	on conflict do nothing
	returning account_id into id;
	if id is null then
		raise exception using errcode = '23505',
			message = format('there already is an account with the email %s', v_email);
	end if;
	return id;
end;
$$;

/** The account with this email (any case), with what signing in needs; no row when none. */
create or replace function ita_private.account_for_login(account_email text)
returns table (
	account_id uuid,
	email text,
	password_hash text,
	ita_role text,
	agency_id uuid,
	agency_code text,
	locked_until timestamptz
)
language sql stable
set search_path = ''
as $$
	select a.account_id, a.email, a.password_hash, a.ita_role, a.agency_id, g.code, a.locked_until
	from ita_private.accounts a left join public.agencies g on g.agency_id = a.agency_id
	-- A paused account signs in no more than a missing one.
	where a.email = lower(btrim(account_email)) and a.paused_at is null
$$;

/** An account by id (for a session's owner), without its password hash. */
create or replace function ita_private.account_by_id(id uuid)
returns table (
	account_id uuid,
	email text,
	ita_role text,
	agency_id uuid,
	agency_code text,
	created_at timestamptz,
	locked_until timestamptz,
	last_login_at timestamptz,
	paused_at timestamptz
)
language sql stable
set search_path = ''
as $$
	select a.account_id, a.email, a.ita_role, a.agency_id, g.code, a.created_at, a.locked_until, a.last_login_at,
		a.paused_at
	from ita_private.accounts a left join public.agencies g on g.agency_id = a.agency_id
	-- A paused account's sessions end: it is no session's owner.
	where a.account_id = account_by_id.id and a.paused_at is null
$$;

/** Every account, by email, without password hashes (for `ita user list`). */
create or replace function ita_private.list_accounts()
returns table (
	account_id uuid,
	email text,
	ita_role text,
	agency_id uuid,
	agency_code text,
	created_at timestamptz,
	locked_until timestamptz,
	last_login_at timestamptz,
	paused_at timestamptz
)
language sql stable
set search_path = ''
as $$
	select a.account_id, a.email, a.ita_role, a.agency_id, g.code, a.created_at, a.locked_until, a.last_login_at,
		a.paused_at
	from ita_private.accounts a left join public.agencies g on g.agency_id = a.agency_id
	order by a.email
$$;

/** Whether any account exists: none means the first-run set-up screen is due. */
create or replace function ita_private.has_any_account()
returns boolean
language sql stable
set search_path = ''
as $$
	select exists (select from ita_private.accounts)
$$;

/**
 * Counts one failed sign-in at failed_at. Failures more than series_length after the first
 * of a series start a new series; the max_failures-th of a series locks the account
 * until failed_at + lock_for. Returns locked_until when this failure locked it.
 */
create or replace function ita_private.record_login_failure(
	failed_account uuid,
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
	n integer;
begin
	update ita_private.accounts a set
		failed_attempts = case when a.first_failed_at is null or a.first_failed_at <= failed_at - series_length
			then 1 else a.failed_attempts + 1 end,
		first_failed_at = case when a.first_failed_at is null or a.first_failed_at <= failed_at - series_length
			then failed_at else a.first_failed_at end
	where a.account_id = failed_account
	returning a.failed_attempts into n;
	if n >= max_failures then
		update ita_private.accounts a set
			locked_until = failed_at + lock_for, failed_attempts = 0, first_failed_at = null
		where a.account_id = failed_account;
		return failed_at + lock_for;
	end if;
	return null;
end;
$$;

/** A successful sign-in: the failure count starts again. */
create or replace function ita_private.record_login_success(signed_in_account uuid, signed_in_at timestamptz)
returns void
language sql
set search_path = ''
as $$
	update ita_private.accounts a set
		failed_attempts = 0, first_failed_at = null, locked_until = null, last_login_at = signed_in_at
	where a.account_id = signed_in_account
$$;

revoke all on function ita_private.create_account(text, text, text, text),
	ita_private.account_for_login(text), ita_private.account_by_id(uuid), ita_private.list_accounts(),
	ita_private.has_any_account(),
	ita_private.record_login_failure(uuid, timestamptz, integer, interval, interval),
	ita_private.record_login_success(uuid, timestamptz)
	from public, anon, authenticated, service_role;

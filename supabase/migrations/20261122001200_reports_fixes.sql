-- Reports (issue 7, part 2): agency codes that the officers' screens' own addresses use.
--
-- The officers' screens live at /admin/<agency code>, beside /admin/central (the central
-- view), /admin/login, /admin/logout and /admin/setup. An agency coded like one of
-- those could never be opened: the fixed page wins. Such codes are refused.

/** The agency codes the officers' screens' addresses keep for themselves. */
create or replace function ita_private.reserved_agency_codes()
returns text[]
language sql immutable
set search_path = ''
as $$
	select array['central', 'login', 'logout', 'setup']
$$;

alter table public.agencies
	add constraint agencies_code_not_reserved
	check (not (code = any (array['central', 'login', 'logout', 'setup'])));

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

revoke all on function ita_private.reserved_agency_codes() from public, anon, authenticated, service_role;

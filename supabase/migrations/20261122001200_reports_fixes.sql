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

revoke all on function ita_private.reserved_agency_codes() from public, anon, authenticated, service_role;

-- Deny by default, checked in the catalogue: whatever function or table a later migration
-- adds, it is closed until granted on purpose. Runs on a Supabase project
-- (`supabase test db`) and in `npm test` on PostgreSQL 15 (tests/db/pgtap.test.ts).
begin;
create schema if not exists extensions;
create extension if not exists pgtap with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;
set local search_path = public, extensions;

select plan(8);

select is_empty(
	$$ select relname::text from pg_class
	where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relrowsecurity $$,
	'every table in public has row level security enabled'
);

select is_empty(
	$$ select p.oid::regprocedure::text from pg_proc p
	where p.pronamespace = 'public'::regnamespace
		and (p.proacl is null
			or exists (select from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE')) $$,
	'no function in public is executable by PUBLIC (each is granted role by role)'
);

-- What a respondent's phone (and a kiosk tablet) may call without signing in.
select set_eq(
	$$ select p.proname::text from pg_proc p
	where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'execute') $$,
	array['get_questionnaire', 'submit_responses', 'check_iit_code', 'enrol_kiosk', 'kiosk_heartbeat'],
	'anonymous callers may execute only the respondent (and their IIT code check) and kiosk tablet functions'
);

select is_empty(
	$$ select c.relname::text from pg_class c
	where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
		and (has_table_privilege('anon', c.oid, 'select')
			or has_table_privilege('anon', c.oid, 'insert')
			or has_table_privilege('anon', c.oid, 'update')
			or has_table_privilege('anon', c.oid, 'delete')) $$,
	'anonymous callers hold no privilege on any table'
);

select is_empty(
	$$ select c.relname::text from pg_class c
	where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
		and (has_table_privilege('authenticated', c.oid, 'insert')
			or has_table_privilege('authenticated', c.oid, 'update')
			or has_table_privilege('authenticated', c.oid, 'delete')) $$,
	'signed-in officers change tables only through the functions'
);

select ok(
	not has_table_privilege('authenticated', 'public.responses', 'select')
		and not has_table_privilege('authenticated', 'public.answers', 'select'),
	'raw responses and answers are readable by no API role but the service role'
);

-- The policies call a few helpers as the caller; every other private helper (the local
-- accounts, the scoring internals) stays out of the API roles' reach.
select set_eq(
	$$ select p.proname::text from pg_proc p
	where p.pronamespace = 'ita_private'::regnamespace
		and (has_function_privilege('anon', p.oid, 'execute')
			or has_function_privilege('authenticated', p.oid, 'execute')) $$,
	array['caller_agency_id', 'caller_is_central', 'caller_role', 'can_manage_agency', 'round2',
		'score_json', 'today'],
	'of the private helpers, API roles may call only the claim readers and pure helpers'
);

select set_eq(
	$$ select p.proname::text from pg_proc p
	where p.pronamespace = 'public'::regnamespace
		and has_function_privilege('service_role', p.oid, 'execute')
		and not has_function_privilege('authenticated', p.oid, 'execute') $$,
	array['load_framework', 'recount_round'],
	'loading questionnaires and recounting a round are for the service key only'
);

select * from finish();
rollback;

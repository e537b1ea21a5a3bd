-- What Supabase's defaults and its linter (splinter) would otherwise leave open, checked in
-- the catalogue: no privilege of any kind on any table for the API roles (Supabase grants
-- TRUNCATE, REFERENCES and TRIGGER by default, and on older projects everything), none
-- on tables created later, no function executable by PUBLIC in either schema, an index
-- for every foreign key and a primary key on every table. Runs on a Supabase project
-- (`supabase test db`) and in `npm test` on PostgreSQL 15 (tests/db/pgtap.test.ts), once
-- on a database whose default privileges grant new tables to anon and authenticated.
begin;
create schema if not exists extensions;
create extension if not exists pgtap with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;
set local search_path = public, extensions;

select plan(7);

select is_empty(
	$$ select format('%s: %s %s', r.rolname, c.oid::regclass, p.privilege)
	from pg_class c
		cross join (values ('anon'), ('authenticated')) r(rolname)
		cross join (values ('select'), ('insert'), ('update'), ('delete'), ('truncate'),
			('references'), ('trigger')) p(privilege)
	where c.relnamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
		and c.relkind in ('r', 'p', 'v', 'm', 'f')
		and has_table_privilege(r.rolname, c.oid, p.privilege) $$,
	'anon and authenticated hold no privilege of any kind on any table or view'
);

select is_empty(
	$$ select format('%s: %s %s', r.rolname, c.oid::regclass, p.privilege)
	from pg_class c
		cross join (values ('anon'), ('authenticated')) r(rolname)
		cross join (values ('usage'), ('select'), ('update')) p(privilege)
	where c.relnamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
		and c.relkind = 'S'
		and has_sequence_privilege(r.rolname, c.oid, p.privilege) $$,
	'anon and authenticated hold no privilege on any sequence'
);

-- A table a later migration creates is closed until granted on purpose.
create table public.pgtap_later_table (id integer primary key);
select ok(
	not has_table_privilege('anon', 'public.pgtap_later_table', 'select, insert, update, delete, truncate, references, trigger')
		and not has_table_privilege('authenticated', 'public.pgtap_later_table', 'select, insert, update, delete, truncate, references, trigger'),
	'a table created after the migrations is granted to no API role by default'
);
-- Every migration revokes PUBLIC's EXECUTE (PostgreSQL's own default) function by function;
-- after that, a new function must be executable by no API role either.
create function public.pgtap_later_function() returns integer language sql as $$ select 1 $$;
revoke execute on function public.pgtap_later_function() from public;
select ok(
	not has_function_privilege('anon', 'public.pgtap_later_function()', 'execute')
		and not has_function_privilege('authenticated', 'public.pgtap_later_function()', 'execute'),
	'a function created after the migrations is executable by no API role by default'
);
drop function public.pgtap_later_function();
drop table public.pgtap_later_table;

select is_empty(
	$$ select p.oid::regprocedure::text from pg_proc p
	where p.pronamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
		and (p.proacl is null
			or exists (select from aclexplode(p.proacl) a
				where a.grantee = 0 and a.privilege_type = 'EXECUTE')) $$,
	'no function in public or ita_private is executable by PUBLIC'
);

-- splinter's unindexed_foreign_keys: an index whose leading columns are the key's.
select is_empty(
	$$ select format('%s (%s)', c.conrelid::regclass, c.conname)
	from pg_constraint c
	where c.contype = 'f'
		and c.connamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
		and not exists (
			select from pg_index i
			where i.indrelid = c.conrelid
				and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
				and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
		) $$,
	'every foreign key has an index that starts with its columns'
);

select is_empty(
	$$ select c.oid::regclass::text from pg_class c
	where c.relnamespace in ('public'::regnamespace, 'ita_private'::regnamespace)
		and c.relkind in ('r', 'p')
		and not exists (select from pg_constraint k where k.conrelid = c.oid and k.contype = 'p') $$,
	'every table has a primary key'
);

select * from finish();
rollback;

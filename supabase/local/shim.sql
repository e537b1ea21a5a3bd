-- What a Supabase project already has and a bare PostgreSQL (or PGlite) lacks:
-- the API roles, auth.uid()/auth.jwt() reading the request's JWT claims, and the
-- migrations ledger. Run before the migrations by the embedded server, the CLI and
-- the tests; never pushed to Supabase.

do $$
begin
	if not exists (select from pg_roles where rolname = 'anon') then
		create role anon nologin noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'authenticated') then
		create role authenticated nologin noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'service_role') then
		create role service_role nologin noinherit bypassrls;
	end if;
end
$$;

-- The connecting role switches to the caller's role per request, as PostgREST's
-- authenticator does.
grant anon, authenticated, service_role to current_user;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- Same definitions as Supabase's: the claims PostgREST puts in request.jwt.claims.
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
	select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
	select nullif(auth.jwt() ->> 'role', '')::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;

create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
	version text primary key,
	name text,
	statements text[]
);

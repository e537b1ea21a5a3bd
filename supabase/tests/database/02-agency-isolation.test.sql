-- One office cannot see or change another's: acting as anonymous, an officer of agency A,
-- an officer of agency B and a central administrator, the way PostgREST calls the
-- database (role switched, JWT claims in request.jwt.claims). Everything is rolled back.
begin;
create schema if not exists extensions;
create extension if not exists pgtap with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;
set local search_path = public, extensions;

select plan(20);

-- Two offices of the seeded fifty, one open round each.
insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on, status)
select 'pgtap-a', agency_id, 'bma-2567', 2024, current_date - 7, current_date + 30, 'open'
from public.agencies where code = 'bang-bon';
insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on, status)
select 'pgtap-b', agency_id, 'bma-2567', 2024, current_date - 7, current_date + 30, 'open'
from public.agencies where code = 'bang-kapi';

create temporary table claims (who text primary key, claims text);
grant select on claims to anon, authenticated;
-- The rounds' ids, for looking for another office's rows without reading its round.
create temporary table ids as select code, round_id from public.rounds where code like 'pgtap-%';
grant select on ids to authenticated;
insert into claims values
	('anon', '{"role": "anon"}'),
	('a', json_build_object('role', 'authenticated', 'sub', gen_random_uuid(),
		'app_metadata', json_build_object('ita_role', 'officer',
			'agency_id', (select agency_id from public.agencies where code = 'bang-bon')))::text),
	('b', json_build_object('role', 'authenticated', 'sub', gen_random_uuid(),
		'app_metadata', json_build_object('ita_role', 'officer',
			'agency_id', (select agency_id from public.agencies where code = 'bang-kapi')))::text),
	('central', json_build_object('role', 'authenticated', 'sub', gen_random_uuid(),
		'app_metadata', json_build_object('ita_role', 'central'))::text);

-- Anonymous: the public questionnaire of an open round, nothing else.
select set_config('request.jwt.claims', (select claims from claims where who = 'anon'), true);
set local role anon;
select ok(
	(public.get_questionnaire('pgtap-a', null, null) ->> 'round') is not null,
	'anonymous reads an open round''s questionnaire'
);
select throws_ok($$ select count(*) from public.rounds $$, '42501', null,
	'anonymous cannot read the rounds table');
select throws_ok($$ select public.round_results('pgtap-a') $$, '42501', null,
	'anonymous cannot call round_results');
reset role;

-- Officer of agency A: A's round, not B's.
select set_config('request.jwt.claims', (select claims from claims where who = 'a'), true);
set local role authenticated;
select throws_ok($$ select code from public.rounds $$, '42501', null,
	'officer A reads no table directly, not even agency A''s rounds');
select lives_ok($$ select public.round_results('pgtap-a') $$, 'officer A reads A''s results');
select throws_ok($$ select public.round_results('pgtap-b') $$, 'PT404', null,
	'officer A gets "not found" for agency B''s results');
select throws_ok($$ select public.set_round_status('pgtap-b', 'closed') $$, 'PT404', null,
	'officer A cannot close agency B''s round');
select throws_ok($$ select public.list_agency('bang-kapi') $$, 'PT404', null,
	'officer A cannot open agency B''s set-up');
select throws_ok($$ select public.list_kiosks('pgtap-b') $$, null, null,
	'officer A cannot list agency B''s kiosks');
select throws_ok($$ select public.create_kiosk('pgtap-b', 'ทางเข้า', jsonb_build_object('algorithm',
	'PBKDF2-SHA-256', 'iterations', 200000, 'salt', repeat('ab', 16), 'hash', repeat('cd', 32))) $$,
	'PT404', null,
	'officer A cannot add a kiosk to agency B''s round');
select throws_ok($$ select 1 from public.answer_counts $$, '42501', null,
	'officer A reads no counters directly, agency B''s or any');
select throws_ok($$ select 1 from public.round_scores $$, '42501', null,
	'officer A reads no kept scores directly, agency B''s or any');
select throws_ok($$ select 1 from public.round_question_scores $$, '42501', null,
	'officer A reads no kept question scores directly, agency B''s or any');
select results_eq(
	$$ select r ->> 'code' from jsonb_array_elements(public.fiscal_year_overview(2024) -> 'agencies') a,
		jsonb_extract_path(a, 'round') r $$,
	$$ values ('pgtap-a'::text) $$, 'officer A''s overview of the year holds agency A''s round only');
reset role;

-- Officer of agency B, the other way round.
select set_config('request.jwt.claims', (select claims from claims where who = 'b'), true);
set local role authenticated;
select throws_ok($$ select public.round_results('pgtap-a') $$, 'PT404', null,
	'officer B gets "not found" for agency A''s results');
select throws_ok($$ select public.set_oit_scores('pgtap-a', '{"o1": 100}'::jsonb) $$, 'PT404',
	null, 'officer B is refused entering agency A''s OIT scores, as if there were no such round');
reset role;

-- Central administrator: every office.
select set_config('request.jwt.claims', (select claims from claims where who = 'central'), true);
set local role authenticated;
select lives_ok($$ select public.round_results('pgtap-a') $$,
	'the central administrator reads agency A''s results');
select lives_ok($$ select public.round_results('pgtap-b') $$,
	'the central administrator reads any office''s results');
reset role;

select is((select status from public.rounds where code = 'pgtap-b'), 'open',
	'nothing the others tried changed agency B''s round');
select is_empty($$ select 1 from public.oit_scores s join public.rounds r using (round_id)
	where r.code = 'pgtap-a' $$, 'and agency A has no OIT score from officer B');

select * from finish();
rollback;
